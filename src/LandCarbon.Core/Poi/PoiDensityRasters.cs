using LandCarbon.Core.Outputs;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Poi;

/// <summary>What was computed for one function.</summary>
/// <param name="Function">The function.</param>
/// <param name="Points">Points placed on the grid.</param>
/// <param name="OutsideGrid">Points of this function dropped as outside the grid.</param>
/// <param name="RadiusMeters">Search radius used (NaN when the default rule had fewer than 2 points).</param>
/// <param name="PeakDensityPerKm2">Largest pixel density written.</param>
/// <param name="RasterPath">The raster written.</param>
public sealed record PoiFunctionDensity(PoiFunction Function, int Points, int OutsideGrid, double RadiusMeters, double PeakDensityPerKm2, string RasterPath);

/// <summary>The outcome of <see cref="PoiDensityRasters.Write"/>.</summary>
public sealed record PoiDensityResult(IReadOnlyList<PoiFunctionDensity> Functions, PoiDropReport Drops, IReadOnlyDictionary<string, int> Unmapped, KernelShape Kernel)
{
    /// <summary>The density raster of a function.</summary>
    public string RasterPath(PoiFunction f) => Functions[(int)f].RasterPath;
}

/// <summary>
/// Computes the kernel density of every function on the grid, tile by tile in parallel, and writes one float32
/// GeoTIFF per function (density per km² on every pixel of the grid; no mask). Tiles follow the
/// writer's 256-pixel blocks; the values do not depend on tile size or thread count (see
/// <see cref="KernelDensityField"/>).
/// </summary>
public static class PoiDensityRasters
{
    /// <summary>Nodata value of the density rasters.</summary>
    public const float NoData = -9999f;

    /// <summary>Writes the six density rasters.</summary>
    /// <param name="points">Placed points.</param>
    /// <param name="kernel">Kernel shape.</param>
    /// <param name="radiusMeters">Fixed radius, or null for the ArcGIS default rule per function.</param>
    /// <param name="weighted">Whether the default rule counts weights (a weight column was given).</param>
    /// <param name="pathFor">Output path per function.</param>
    /// <param name="tiles">Threads, progress and cancellation (the tile size is the writer's block).</param>
    public static PoiDensityResult Write(PoiPointSet points, KernelShape kernel, double? radiusMeters, bool weighted,
        Func<PoiFunction, string> pathFor, TileOptions tiles)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(pathFor);
        ArgumentNullException.ThrowIfNull(tiles);
        var grid = points.Grid;
        var (fields, radii) = Fields(points, kernel, radiusMeters, weighted);
        var options = new GeoTiffWriteOptions { NoData = NoData, Description = "POI kernel density per km²" };
        var writers = new GeoTiffWriter[PoiFunctions.Count];
        try
        {
            foreach (var f in PoiFunctions.All)
                writers[(int)f] = GeoTiffWriter.Create(pathFor(f), grid, RasterDataType.Float32, options with { Description = $"{PoiFunctions.Name(f)} POI kernel density per km²" });
            var layout = new TileLayout(grid.Width, grid.Height, writers[0].BlockWidth, writers[0].BlockHeight);
            var peaks = TileProcessor.MapReduce(layout, tiles, win =>
            {
                int n = (int)win.PixelCount;
                // One density buffer and one float buffer per thread, reused from tile to tile (a new set per tile was
                // ~1.8 MB of large-object allocations, collected only by full collections).
                var scratch = t_scratch ??= new Scratch();
                var d = scratch.Density(n);
                var outF = scratch.Output(n);
                var peak = new double[PoiFunctions.Count];
                for (int f = 0; f < PoiFunctions.Count; f++)
                {
                    var field = fields[f];
                    if (field is null) d.AsSpan(0, n).Clear();
                    else field.Evaluate(win, d);
                    double mx = 0;
                    for (int i = 0; i < n; i++)
                    {
                        outF[i] = (float)d[i];
                        if (d[i] > mx) mx = d[i];
                    }
                    peak[f] = mx;
                    writers[f].WriteWindow<float>(win, outF.AsSpan(0, n));
                }
                return peak;
            }, new double[PoiFunctions.Count], (acc, p) =>
            {
                for (int f = 0; f < acc.Length; f++) acc[f] = Math.Max(acc[f], p[f]);
                return acc;
            });
            foreach (var w in writers) w.Commit();
            var list = PoiFunctions.All.Select(f => new PoiFunctionDensity(f, points.Count(f), points.OutsideGridByFunction[(int)f],
                radii[(int)f], peaks[(int)f], pathFor(f))).ToList();
            return new PoiDensityResult(list, points.Drops, points.Unmapped, kernel);
        }
        finally
        {
            foreach (var w in writers) w?.Dispose();
        }
    }

    [ThreadStatic] private static Scratch? t_scratch;

    /// <summary>Per-thread tile buffers of <see cref="Write"/>.</summary>
    private sealed class Scratch
    {
        private double[] _density = [];
        private float[] _output = [];

        public double[] Density(int n) => _density.Length >= n ? _density : _density = new double[n];

        public float[] Output(int n) => _output.Length >= n ? _output : _output = new float[n];
    }

    /// <summary>The prepared field of every function (null when it has no point or no radius) and the radii used.</summary>
    public static (KernelDensityField?[] Fields, double[] RadiiMeters) Fields(PoiPointSet points, KernelShape kernel, double? radiusMeters, bool weighted)
    {
        ArgumentNullException.ThrowIfNull(points);
        var fields = new KernelDensityField?[PoiFunctions.Count];
        var radii = new double[PoiFunctions.Count];
        foreach (var f in PoiFunctions.All)
        {
            int i = (int)f;
            double r = radiusMeters ?? (points.Count(f) >= 2
                ? KernelDensity.DefaultRadius(points.X[i], points.Y[i], points.Weight[i], weighted)
                : double.NaN);
            radii[i] = r;
            if (double.IsFinite(r) && points.Count(f) > 0)
                fields[i] = KernelDensityField.Create(points, f, kernel, r);
        }
        return (fields, radii);
    }

    /// <summary>Evaluates every function's density on a window into one buffer per function (zeros without a field).</summary>
    public static double[][] EvaluateAll(IReadOnlyList<KernelDensityField?> fields, PixelWindow window)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var d = new double[fields.Count][];
        for (int f = 0; f < fields.Count; f++)
        {
            d[f] = new double[window.PixelCount];
            fields[f]?.Evaluate(window, d[f]);
        }
        return d;
    }

    /// <summary>
    /// Writes F_POI (<see cref="PoiFunctionalFactor"/>) as a float32 raster: the factor on construction pixels
    /// (<paramref name="isConstruction"/> of the class raster's value), 1 on other valid pixels, −9999 where the
    /// class raster is nodata. Two passes over the grid: totals, then factors. The raster can be given to the
    /// accounting section as <c>accounting.corrections.poi.raster</c> (its mean over construction pixels is 1).
    /// Returns the factor (for its statistics).
    /// </summary>
    public static PoiFunctionalFactor WriteFactor(IReadOnlyList<KernelDensityField?> fields, IRasterReader classes,
        Func<double, bool> isConstruction, PoiFactorOptions options, string path, TileOptions tiles)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(isConstruction);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tiles);
        options.Validate();
        var grid = classes.Grid;
        double? nd = classes.NoData;
        // 1 = construction, 0 = other valid, 2 = nodata.
        byte[] Codes(PixelWindow win)
        {
            var v = new double[win.PixelCount];
            classes.Read<double>(win, v);
            var c = new byte[v.Length];
            for (int i = 0; i < v.Length; i++)
                c[i] = (nd is double x && v[i] == x) || double.IsNaN(v[i]) ? (byte)2 : isConstruction(v[i]) ? (byte)1 : (byte)0;
            return c;
        }
        var layout = new TileLayout(grid.Width, grid.Height, 256, 256);
        var totals = TileProcessor.Accumulate(layout, tiles, () => new PoiConstructionTotals(), (win, t) =>
        {
            var d = EvaluateAll(fields, win);
            t.Add<byte>(Codes(win), 1, d.Select(a => (ReadOnlyMemory<double>)a).ToList());
        }, (a, b) => a.Merge(b));
        var factor = new PoiFunctionalFactor(options, totals);
        using var w = GeoTiffWriter.Create(path, grid, RasterDataType.Float32, new GeoTiffWriteOptions { NoData = NoData, Description = "POI functional factor of construction land" });
        TileProcessor.ForEach(layout, tiles, win =>
        {
            var d = EvaluateAll(fields, win);
            var c = Codes(win);
            var f = new double[c.Length];
            factor.Fill<byte>(c, 1, d.Select(a => (ReadOnlyMemory<double>)a).ToList(), f);
            var o = new float[c.Length];
            for (int i = 0; i < c.Length; i++) o[i] = c[i] == 2 ? NoData : (float)f[i];
            w.WriteWindow<float>(win, o);
        });
        w.Commit();
        return factor;
    }

    /// <summary>
    /// Writes the summary table: one row per function (points, outside-grid drops, radius, peak density) and a row
    /// "all" with the totals and every drop reason.
    /// </summary>
    public static void WriteSummary(string path, PoiDensityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new CsvWriter(OutputCatalog.PoiSummary.Header());
        string kernel = result.Kernel.ToString().ToLowerInvariant();
        foreach (var f in result.Functions)
            csv.Row(PoiFunctions.Name(f.Function), f.Points, 0, 0, f.OutsideGrid, kernel, f.RadiusMeters, f.PeakDensityPerKm2);
        csv.Row("all", result.Functions.Sum(f => f.Points), result.Drops.Count(PoiDropReason.Unparseable),
            result.Drops.Count(PoiDropReason.EmptyCoordinates), result.Drops.Count(PoiDropReason.OutsideGrid), kernel,
            result.Functions.Select(f => f.RadiusMeters).Distinct().Count() == 1 ? result.Functions[0].RadiusMeters : double.NaN,
            result.Functions.Max(f => f.PeakDensityPerKm2));
        csv.Save(path);
    }

    /// <summary>Writes the unmapped categories with counts, most frequent first.</summary>
    public static void WriteUnmapped(string path, PoiDensityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var csv = new CsvWriter(OutputCatalog.PoiUnmapped.Header());
        foreach (var (k, v) in result.Unmapped.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)) csv.Row(k, v);
        csv.Save(path);
    }
}
