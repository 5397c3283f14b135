namespace LandCarbon.Core.Raster.GeoTiff;

/// <summary>How overview pixels summarise the 2 × 2 pixels below them.</summary>
public enum OverviewResampling
{
    /// <summary>Mode for integer rasters (class codes), average for floating-point rasters.</summary>
    Auto,

    /// <summary>No overviews.</summary>
    None,

    /// <summary>The most frequent valid value (ties → the smaller value), so classes are never invented.</summary>
    Mode,

    /// <summary>The mean of the valid values.</summary>
    Average,
}

/// <summary>
/// The internal overviews of a tiled GeoTIFF as the Cloud-Optimized GeoTIFF layout wants them: each level halves
/// the previous one (⌈w/2⌉ × ⌈h/2⌉) until the level fits in one tile. An overview pixel summarises the 2 × 2
/// pixels below it (fewer at odd edges) by <see cref="OverviewResampling"/>, computed in double from the stored
/// values and leaving nodata out (all nodata → nodata). Tiles have an even size, so a 2 × 2 cell never straddles two
/// blocks: <see cref="GeoTiffWriter"/> halves each block as it completes (before its predictor) and writes the
/// result into the next level's writer, a separate tiled file with the base file's compression, predictor, nodata
/// and palette; <see cref="CogLayout"/> then merges the levels into the base file. No level is read back from disk,
/// and the bytes of every level depend only on the pixels, never on threads or the order blocks complete in.
/// </summary>
public static class OverviewBuilder
{
    /// <summary>The resampling <paramref name="requested"/> means for <paramref name="type"/>.</summary>
    public static OverviewResampling Resolve(OverviewResampling requested, RasterDataType type) =>
        requested != OverviewResampling.Auto ? requested
            : type is RasterDataType.Float32 or RasterDataType.Float64 ? OverviewResampling.Average : OverviewResampling.Mode;

    /// <summary>The grid of the overview level below <paramref name="g"/>: half the pixels each way (rounded up),
    /// twice the pixel size.</summary>
    public static GridSpec HalfGrid(GridSpec g)
    {
        ArgumentNullException.ThrowIfNull(g);
        var t = g.Transform;
        return g with
        {
            Width = (g.Width + 1) / 2,
            Height = (g.Height + 1) / 2,
            Transform = t with { PixelWidth = t.PixelWidth * 2, RowRotation = t.RowRotation * 2, ColumnRotation = t.ColumnRotation * 2, PixelHeight = t.PixelHeight * 2 },
        };
    }

    /// <summary>
    /// Halves a <paramref name="width"/> × <paramref name="height"/> block of <paramref name="src"/> (row-major,
    /// <paramref name="width"/> per row, aligned on even rows and columns of its level) into
    /// ⌈<paramref name="width"/>/2⌉ × ⌈<paramref name="height"/>/2⌉ pixels of <paramref name="dst"/>. Cells are read
    /// row by row, left to right; NaN and <paramref name="noData"/> (when <paramref name="hasNoData"/>) are left out.
    /// </summary>
    public static void Halve(ReadOnlySpan<double> src, int width, int height, Span<double> dst, OverviewResampling mode, double noData, bool hasNoData)
    {
        int w = (width + 1) / 2, h = (height + 1) / 2;
        Span<double> cell = stackalloc double[4];
        for (int r = 0; r < h; r++)
        {
            for (int c = 0; c < w; c++)
            {
                int n = 0;
                for (int dy = 0; dy < 2; dy++)
                {
                    int sr = 2 * r + dy;
                    if (sr >= height) break;
                    for (int dx = 0; dx < 2; dx++)
                    {
                        int sc = 2 * c + dx;
                        if (sc >= width) break;
                        double v = src[sr * width + sc];
                        if (double.IsNaN(v) || (hasNoData && v == noData)) continue;
                        cell[n++] = v;
                    }
                }
                dst[r * w + c] = n == 0 ? noData : mode == OverviewResampling.Mode ? Mode(cell[..n]) : Average(cell[..n]);
            }
        }
    }

    /// <summary>
    /// <see cref="Halve"/> with <see cref="OverviewResampling.Average"/> of float32 pixels (row stride
    /// <paramref name="stride"/>) into float32 overview pixels: the same double sums in the same order, each result
    /// converted to float as the writer would convert <see cref="Halve"/>'s double.
    /// </summary>
    public static void HalveAverage(ReadOnlySpan<float> src, int stride, int width, int height, Span<float> dst, double noData, bool hasNoData) =>
        HalveCells(src, stride, width, height, dst, new AverageCell(noData, hasNoData));

    /// <summary>
    /// <see cref="Halve"/> with <see cref="OverviewResampling.Mode"/> of uint8 pixels (row stride
    /// <paramref name="stride"/>) into uint8 overview pixels, as the writer would convert <see cref="Halve"/>'s
    /// double: a cell of four equal valid values is that value, any other cell is decided by <see cref="Mode"/>'s rule.
    /// </summary>
    public static void HalveMode(ReadOnlySpan<byte> src, int stride, int width, int height, Span<byte> dst, double noData, bool hasNoData) =>
        HalveCells(src, stride, width, height, dst, new ModeCell(noData, hasNoData));

    /// <summary>The overview value of one cell: columns <c>sc</c> and <c>sc + 1</c> (when <c>right</c>) of
    /// <c>row0</c> and <c>row1</c> (when <c>second</c>), in <see cref="Halve"/>'s order.</summary>
    private interface ICell<T>
    {
        T Of(ReadOnlySpan<T> row0, ReadOnlySpan<T> row1, int sc, bool right, bool second);
    }

    private static void HalveCells<T, TCell>(ReadOnlySpan<T> src, int stride, int width, int height, Span<T> dst, TCell cell)
        where TCell : struct, ICell<T>
    {
        int w = (width + 1) / 2, h = (height + 1) / 2;
        for (int r = 0; r < h; r++)
        {
            int r0 = 2 * r * stride;
            bool second = 2 * r + 1 < height;
            var row0 = src.Slice(r0, width);
            var row1 = second ? src.Slice(r0 + stride, width) : default;
            var outRow = dst.Slice(r * w, w);
            for (int c = 0; c < w; c++) outRow[c] = cell.Of(row0, row1, 2 * c, 2 * c + 1 < width, second);
        }
    }

    private readonly struct AverageCell(double noData, bool hasNoData) : ICell<float>
    {
        private readonly float _noDataOut = (float)noData;

        public float Of(ReadOnlySpan<float> row0, ReadOnlySpan<float> row1, int sc, bool right, bool second)
        {
            double s = 0;
            int n = 0;
            Add(row0[sc], ref s, ref n);
            if (right) Add(row0[sc + 1], ref s, ref n);
            if (second)
            {
                Add(row1[sc], ref s, ref n);
                if (right) Add(row1[sc + 1], ref s, ref n);
            }
            return n == 0 ? _noDataOut : (float)(s / n);
        }

        private void Add(double v, ref double s, ref int n)
        {
            if (double.IsNaN(v) || (hasNoData && v == noData)) return;
            s += v;
            n++;
        }
    }

    private readonly struct ModeCell(double noData, bool hasNoData) : ICell<byte>
    {
        // A stored byte equals the nodata value only if nodata is a whole number in 0…255.
        private readonly int _skip = hasNoData && noData >= 0 && noData <= 255 && noData == Math.Floor(noData) ? (int)noData : -1;
        private readonly byte _noDataOut = byte.CreateTruncating(noData);

        public byte Of(ReadOnlySpan<byte> row0, ReadOnlySpan<byte> row1, int sc, bool right, bool second)
        {
            if (right && second)
            {
                byte a = row0[sc];
                if (a == row0[sc + 1] && a == row1[sc] && a == row1[sc + 1]) return a == _skip ? _noDataOut : a;
            }
            return Mixed(row0, row1, sc, right, second);
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private byte Mixed(ReadOnlySpan<byte> row0, ReadOnlySpan<byte> row1, int sc, bool right, bool second)
        {
            Span<double> cell = stackalloc double[4];
            int n = 0;
            if (row0[sc] != _skip) cell[n++] = row0[sc];
            if (right && row0[sc + 1] != _skip) cell[n++] = row0[sc + 1];
            if (second)
            {
                if (row1[sc] != _skip) cell[n++] = row1[sc];
                if (right && row1[sc + 1] != _skip) cell[n++] = row1[sc + 1];
            }
            return n == 0 ? _noDataOut : (byte)Mode(cell[..n]);
        }
    }

    /// <summary>The most frequent value; ties go to the smaller value (equal values, such as −0 and +0, count as one;
    /// the first of them represents it). At most four values per cell: counted pairwise, without sorting.</summary>
    internal static double Mode(ReadOnlySpan<double> values)
    {
        double best = values[0];
        int bestCount = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            int count = 0;
            foreach (double u in values) if (u == v) count++;
            if (count > bestCount || (count == bestCount && v < best))
            {
                best = v;
                bestCount = count;
            }
        }
        return best;
    }

    private static double Average(Span<double> values)
    {
        double s = 0;
        foreach (double v in values) s += v;
        return s / values.Length;
    }
}
