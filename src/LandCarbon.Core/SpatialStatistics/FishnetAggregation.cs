using System.Buffers;
using System.Globalization;
using LandCarbon.Core.Models;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// Aggregates a fine raster (e.g. 30 m) to a fishnet whose cells are whole blocks of factor × factor pixels,
/// aligned with the raster's origin. Streams tiles through <see cref="TileProcessor"/>; sums are
/// <see cref="ExactSum"/>, so the result is identical for any tile size and thread count. Nodata pixels (the
/// raster's nodata value or NaN) are skipped; a cell without valid pixels is NaN. Memory: one set of fishnet
/// accumulators (about 48 bytes per fishnet cell) per thread plus the tiles in flight.
/// </summary>
public static class FishnetAggregation
{
    /// <summary>The nominal fishnet cell of the spatial statistics when the study states none (METHOD-SPEC (i)).</summary>
    public const double DefaultCellMeters = 1000;

    /// <summary>
    /// The one resolver of fishnet cell sizes, used by every stage and command that aggregates to a fishnet and by the
    /// study check before a run, so that validation and run time agree: the integer factor for a cell of
    /// <paramref name="cellSizeMeters"/> on <paramref name="fine"/> (square north-up pixels). A size that is not a
    /// whole number of pixels is refused, never rounded: the <see cref="InputException"/> names
    /// <paramref name="key"/> (the study key or option that gave the size) and the two nearest valid sizes.
    /// </summary>
    public static int FactorFor(GridSpec fine, double cellSizeMeters, string key = "fishnet cell size")
    {
        ArgumentNullException.ThrowIfNull(fine);
        double px = SquarePixel(fine, key);
        double f = cellSizeMeters / px;
        int k = (int)Math.Round(f);
        if (k >= 1 && Math.Abs(f - k) <= 1e-6 * f) return k;
        string size = cellSizeMeters.ToString("R", CultureInfo.InvariantCulture), pixel = px.ToString("R", CultureInfo.InvariantCulture);
        double below = Math.Floor(f) * px, above = Math.Ceiling(f) * px;
        if (below < px)
            throw new InputException($"{key}: {size} m is smaller than one {pixel} m pixel; the smallest valid size is {pixel} m.");
        throw new InputException($"{key}: {size} m is not a whole number of {pixel} m pixels; the nearest valid sizes are " +
            $"{below.ToString("R", CultureInfo.InvariantCulture)} m and {above.ToString("R", CultureInfo.InvariantCulture)} m.");
    }

    /// <summary>
    /// The factor for the default cell when the study states no size: the whole number of pixels nearest
    /// <see cref="DefaultCellMeters"/> (33 px = 990 m at 30 m, 10 px at 100 m), at least one pixel. A documented
    /// default, not a rounding of what the user wrote: a stated size goes through <see cref="FactorFor"/>.
    /// </summary>
    public static int DefaultFactor(GridSpec fine, string key = "fishnet cell size")
    {
        ArgumentNullException.ThrowIfNull(fine);
        return Math.Max(1, (int)Math.Round(DefaultCellMeters / SquarePixel(fine, key)));
    }

    /// <summary>True when the grid's CRS is geographic (lon/lat degrees): its pixel size is not in metres.</summary>
    public static bool IsGeographic(GridSpec grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        string wkt = grid.Crs.Wkt.TrimStart();
        return wkt.StartsWith("GEOGCS", StringComparison.OrdinalIgnoreCase) || wkt.StartsWith("GEOGCRS", StringComparison.OrdinalIgnoreCase);
    }

    private static double SquarePixel(GridSpec fine, string key)
    {
        // A size in metres is never taken as degrees (or feet).
        if (PixelAreas.NonMetreUnit(fine) is string unit)
            throw new InputException($"{key}: a fishnet cell in metres needs a grid in metres, but the grid ({fine.Crs}) is in {unit}; " +
                "reproject the rasters to a projected CRS in metres (e.g. gdalwarp -t_srs with the UTM zone or an equal-area projection) first.");
        double px = Math.Abs(fine.Transform.PixelWidth), py = Math.Abs(fine.Transform.PixelHeight);
        if (Math.Abs(px - py) > 1e-9 * px)
            throw new InputException($"{key}: fishnet cells need square pixels; the grid's pixels are " +
                $"{px.ToString("R", CultureInfo.InvariantCulture)} × {py.ToString("R", CultureInfo.InvariantCulture)}.");
        return px;
    }

    /// <summary>Aggregates <paramref name="reader"/> by <paramref name="factor"/>; <paramref name="classCode"/> is
    /// the class counted by <see cref="FishnetStatistic.ClassShare"/>. With a <paramref name="cache"/>, a file
    /// aggregated the same way before is not read again.</summary>
    public static FishnetGrid Aggregate(IRasterReader reader, int factor, FishnetStatistic statistic, double classCode = double.NaN,
        TileOptions? tiles = null, FishnetCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (factor < 1) throw new ArgumentOutOfRangeException(nameof(factor), "The factor is at least 1.");
        if (statistic == FishnetStatistic.ClassShare && double.IsNaN(classCode))
            throw new ArgumentException("ClassShare needs a class code.", nameof(classCode));
        return cache is null
            ? Compute(reader, factor, statistic, classCode, tiles ?? TileOptions.Default)
            : cache.GetOrAdd(reader, factor, statistic, classCode, () => Compute(reader, factor, statistic, classCode, tiles ?? TileOptions.Default));
    }

    private static FishnetGrid Compute(IRasterReader reader, int factor, FishnetStatistic statistic, double classCode, TileOptions tiles)
    {
        var g = reader.Grid;
        int cw = (g.Width + factor - 1) / factor, ch = (g.Height + factor - 1) / factor;
        int cells = checked(cw * ch);
        double? nodata = reader.NoData;
        var layout = tiles.LayoutFor(g.Width, g.Height, reader.BlockWidth, reader.BlockHeight);
        var total = TileProcessor.Accumulate(layout, tiles, () => new State(cells), (w, s) =>
        {
            var buf = ArrayPool<double>.Shared.Rent((int)w.PixelCount);
            try
            {
                reader.Read<double>(w, buf.AsSpan(0, (int)w.PixelCount));
                for (int r = 0; r < w.Height; r++)
                {
                    int crow = (w.Row + r) / factor * cw;
                    var row = buf.AsSpan(r * w.Width, w.Width);
                    // The row in runs of pixels that fall in the same cell: counts and sums are gathered per run and
                    // added to the cell once (see AddRun).
                    for (int c = 0; c < row.Length;)
                    {
                        int col = w.Col + c, cellCol = col / factor;
                        int end = Math.Min(row.Length, (cellCol + 1) * factor - w.Col);
                        AddRun(s, crow + cellCol, row[c..end], nodata, statistic, classCode);
                        c = end;
                    }
                }
            }
            finally { ArrayPool<double>.Shared.Return(buf); }
        }, (a, b) => a.Merge(b));
        var values = new double[cells];
        for (int i = 0; i < cells; i++)
        {
            long n = total.Count[i];
            values[i] = n == 0 ? double.NaN : statistic switch
            {
                FishnetStatistic.Sum => total.Sum[i].Value,
                FishnetStatistic.Mean => total.Sum[i].Value / n,
                _ => (double)total.Hits[i] / n,
            };
        }
        var t = g.Transform;
        var coarse = new GridSpec(cw, ch, t with
        {
            PixelWidth = t.PixelWidth * factor, RowRotation = t.RowRotation * factor,
            ColumnRotation = t.ColumnRotation * factor, PixelHeight = t.PixelHeight * factor,
        }, g.Crs);
        return new FishnetGrid(coarse, factor, statistic, values, total.Count);
    }

    /// <summary>
    /// Adds the pixels of one run inside a cell: the valid count, the hits of the class, or the sum. Values below 4096
    /// in magnitude are rounded to the fixed-point grid exactly as <see cref="ExactSum.Add(double)"/> rounds them
    /// and summed in a 64-bit integer, added to the cell's exact sum every 1024 pixels (so it cannot overflow:
    /// 1024 · 2^52 &lt; 2^63); others go to the exact sum directly. The fixed-point sum is exact, so the
    /// result is bit-identical to adding every pixel on its own.
    /// </summary>
    private static void AddRun(State s, int cell, ReadOnlySpan<double> run, double? nodata, FishnetStatistic statistic, double classCode)
    {
        bool hasNoData = nodata is double;
        double nd = nodata ?? double.NaN;
        long count = 0;
        if (statistic == FishnetStatistic.ClassShare)
        {
            long hits = 0;
            foreach (double v in run)
            {
                if (double.IsNaN(v) || (hasNoData && v == nd)) continue;
                count++;
                if (v == classCode) hits++;
            }
            s.Count[cell] += count;
            s.Hits[cell] += hits;
            return;
        }
        ref var sum = ref s.Sum[cell];
        for (int start = 0; start < run.Length; start += 1024)
        {
            long small = 0;
            foreach (double v in run.Slice(start, Math.Min(1024, run.Length - start)))
            {
                if (double.IsNaN(v) || (hasNoData && v == nd)) continue;
                count++;
                if (Math.Abs(v) < 4096) small += (long)Math.Round(v * ExactSum.FixedScale, MidpointRounding.ToEven);
                else sum.Add(v);
            }
            sum.AddFixed(small);
        }
        s.Count[cell] += count;
    }

    private sealed class State(int cells)
    {
        public ExactSum[] Sum { get; } = new ExactSum[cells];
        public long[] Count { get; } = new long[cells];
        public long[] Hits { get; } = new long[cells];

        public void Merge(State other)
        {
            for (int i = 0; i < Sum.Length; i++)
            {
                Sum[i].Add(other.Sum[i]);
                Count[i] += other.Count[i];
                Hits[i] += other.Hits[i];
            }
        }
    }
}
