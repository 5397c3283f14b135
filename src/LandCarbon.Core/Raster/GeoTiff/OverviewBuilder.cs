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
