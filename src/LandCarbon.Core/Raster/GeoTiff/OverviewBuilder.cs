using LandCarbon.Core.Tables;

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
/// Builds the internal overviews of a tiled GeoTIFF as the Cloud-Optimized GeoTIFF layout wants them: each level
/// halves the previous one (⌈w/2⌉ × ⌈h/2⌉) until the level fits in one tile. An overview pixel summarises the 2 × 2
/// pixels below it (fewer at odd edges) by <see cref="OverviewResampling"/>, leaving nodata out (all nodata → nodata).
/// Levels are written as separate tiled files with the base file's compression, predictor, nodata and palette, one
/// band of rows at a time (memory: two tile rows of the finer level), in a fixed order, so the bytes never depend
/// on threads. <see cref="CogLayout"/> then merges them into the base file.
/// </summary>
public static class OverviewBuilder
{
    /// <summary>The resampling <paramref name="requested"/> means for <paramref name="type"/>.</summary>
    public static OverviewResampling Resolve(OverviewResampling requested, RasterDataType type) =>
        requested != OverviewResampling.Auto ? requested
            : type is RasterDataType.Float32 or RasterDataType.Float64 ? OverviewResampling.Average : OverviewResampling.Mode;

    /// <summary>
    /// Writes the overview levels of the tiled file <paramref name="basePath"/> next to it (BASE.ovr1, BASE.ovr2, …)
    /// and returns their paths, finest first; none when the base fits in one tile.
    /// </summary>
    public static IReadOnlyList<string> Build(string basePath, GeoTiffWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(basePath);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TileSize <= 0) throw new ArgumentException("Overviews need a tiled file.", nameof(options));
        var levels = new List<string>();
        string source = basePath;
        try
        {
            while (true)
            {
                using var reader = GeoTiffReader.Open(source);
                var g = reader.Grid;
                if (g.Width <= options.TileSize && g.Height <= options.TileSize) break;
                var mode = Resolve(options.Overviews, reader.DataType);
                if (mode == OverviewResampling.None) break;
                string path = basePath + ".ovr" + (levels.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                levels.Add(path);
                Halve(reader, path, mode, options);
                source = path;
            }
        }
        catch
        {
            foreach (var p in levels) AtomicFile.TryDelete(p);
            throw;
        }
        return levels;
    }

    private static void Halve(GeoTiffReader reader, string path, OverviewResampling mode, GeoTiffWriteOptions options)
    {
        var g = reader.Grid;
        int w = (g.Width + 1) / 2, h = (g.Height + 1) / 2;
        var t = g.Transform;
        var grid = g with
        {
            Width = w,
            Height = h,
            Transform = t with { PixelWidth = t.PixelWidth * 2, RowRotation = t.RowRotation * 2, ColumnRotation = t.ColumnRotation * 2, PixelHeight = t.PixelHeight * 2 },
        };
        double nd = reader.NoData ?? double.NaN;
        bool hasNoData = reader.NoData is not null;
        using var writer = GeoTiffWriter.Create(path, grid, reader.DataType, options with
        {
            CloudOptimized = false,
            Overviews = OverviewResampling.None,
            NoData = reader.NoData,
            ColorTable = reader.ColorTable,
        });
        int band = options.TileSize; // output rows per pass: one tile row of the overview
        var src = new double[(long)g.Width * 2 * band];
        var dst = new double[(long)w * band];
        Span<double> cell = stackalloc double[4];
        for (int r0 = 0; r0 < h; r0 += band)
        {
            int rows = Math.Min(band, h - r0);
            int srcRow = 2 * r0, srcRows = Math.Min(2 * rows, g.Height - srcRow);
            reader.Read<double>(new PixelWindow(0, srcRow, g.Width, srcRows), src);
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < w; c++)
                {
                    int n = 0;
                    for (int dy = 0; dy < 2; dy++)
                    {
                        int sr = 2 * r + dy;
                        if (sr >= srcRows) break;
                        for (int dx = 0; dx < 2; dx++)
                        {
                            int sc = 2 * c + dx;
                            if (sc >= g.Width) break;
                            double v = src[(long)sr * g.Width + sc];
                            if (double.IsNaN(v) || (hasNoData && v == nd)) continue;
                            cell[n++] = v;
                        }
                    }
                    dst[(long)r * w + c] = n == 0 ? nd : mode == OverviewResampling.Mode ? Mode(cell[..n]) : Average(cell[..n]);
                }
            }
            writer.WriteWindow(new PixelWindow(0, r0, w, rows), dst.AsSpan(0, w * rows));
        }
        writer.Commit();
    }

    /// <summary>The most frequent value; ties go to the smaller value.</summary>
    internal static double Mode(Span<double> values)
    {
        if (values.Length <= 4)
        {
            // A 2 × 2 cell (the only caller's case): count each value against the others instead of sorting (a
            // generic sort per overview pixel costs more than the resampling around it); the same answer.
            double top = values[0];
            int topCount = 0;
            for (int i = 0; i < values.Length; i++)
            {
                double v = values[i];
                int count = 0;
                for (int j = 0; j < values.Length; j++)
                    if (values[j] == v) count++;
                if (count > topCount || (count == topCount && v < top))
                {
                    top = v;
                    topCount = count;
                }
            }
            return top;
        }
        values.Sort();
        double best = values[0];
        int bestCount = 0;
        for (int i = 0; i < values.Length;)
        {
            int j = i;
            while (j < values.Length && values[j] == values[i]) j++;
            if (j - i > bestCount)
            {
                best = values[i];
                bestCount = j - i;
            }
            i = j;
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
