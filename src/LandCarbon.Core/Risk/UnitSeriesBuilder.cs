using LandCarbon.Core.LandUse;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.SpatialStatistics;

namespace LandCarbon.Core.Risk;

/// <summary>The rasters a <see cref="UnitSeries"/> is built from (all on the study grid).</summary>
/// <param name="Intervals">The consecutive intervals with their ΔCBI rasters, in time order.</param>
/// <param name="ClassPaths">Node year → reclassified class raster (construction = <see cref="LandClass.Construction"/>).</param>
/// <param name="StaticFactors">Name → raster of a factor that does not change with the year (POI densities, slope,
/// user rasters), averaged over each cell.</param>
public sealed record UnitSeriesInputs(
    IReadOnlyList<(IntervalChange Interval, string DeltaCbiPath)> Intervals,
    IReadOnlyDictionary<int, string> ClassPaths,
    IReadOnlyList<(string Name, string Path)> StaticFactors);

/// <summary>
/// Builds the fishnet <see cref="UnitSeries"/> of a study run: the index of each consecutive interval is the ΔCBI
/// summed over each cell (t C/yr), or divided by the cell's valid area (t C/yr per km²), divided by the interval's
/// length in years; the factors at each node year
/// are the construction share of the cell, the distance (km, between cell centres) to the nearest cell holding
/// construction land, and the static factors' cell means.
/// </summary>
public static class UnitSeriesBuilder
{
    /// <summary>The risk index of one interval's ΔCBI raster on fishnet cells, divided by the interval's
    /// <paramref name="years"/> (the scale every forecaster and threshold of the series works on).</summary>
    public static ArrayIndexSource IndexPerYear(Func<string, IRasterReader> open, string deltaCbiPath, int years, double cellMeters, bool perKm2,
        TileOptions tiles, AreaModel areaModel = AreaModel.True)
    {
        ArgumentNullException.ThrowIfNull(open);
        using var r = open(deltaCbiPath);
        return PerYear((ArrayIndexSource)RiskWarning.Index(r, cellMeters, tiles, perKm2, areaModel), years);
    }

    private static ArrayIndexSource PerYear(ArrayIndexSource a, int years)
    {
        double length = years;
        return new ArrayIndexSource(a.Grid, [.. a.Values.Select(v => v / length)]);
    }

    /// <summary>Builds the series on fishnet cells of <paramref name="cellMeters"/>. <paramref name="intervalIndex"/>,
    /// when given, is <see cref="RiskWarning.Index"/> of each interval's ΔCBI raster on these cells (not yet per
    /// year), already computed by the caller, so the rasters are not read again; <paramref name="fishnets"/>, when given,
    /// keeps the factors' aggregates for later stages of the run (and gives those it already holds).</summary>
    public static UnitSeries Build(UnitSeriesInputs inputs, Func<string, IRasterReader> open, double cellMeters, bool perKm2, TileOptions tiles,
        AreaModel areaModel = AreaModel.True, IReadOnlyList<ArrayIndexSource>? intervalIndex = null, FishnetCache? fishnets = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(tiles);
        var years = new List<int> { inputs.Intervals[0].Interval.FromYear };
        years.AddRange(inputs.Intervals.Select(i => i.Interval.ToYear));
        GridSpec? grid = null;
        var index = new List<double[]>();
        if (intervalIndex is not null && intervalIndex.Count != inputs.Intervals.Count)
            throw new ArgumentException("One index per interval.", nameof(intervalIndex));
        for (int k = 0; k < inputs.Intervals.Count; k++)
        {
            var (interval, path) = inputs.Intervals[k];
            int length = interval.ToYear - interval.FromYear;
            var a = intervalIndex is null ? IndexPerYear(open, path, length, cellMeters, perKm2, tiles, areaModel) : PerYear(intervalIndex[k], length);
            grid ??= a.Grid;
            index.Add(a.Values);
        }
        var statics = new List<double[]>();
        foreach (var (name, path) in inputs.StaticFactors)
        {
            using var r = open(path);
            var f = FishnetAggregation.Aggregate(r, FishnetAggregation.FactorFor(r.Grid, cellMeters, "risk.fishnetMeters"), FishnetStatistic.Mean, tiles: tiles, cache: fishnets);
            grid!.EnsureAlignedWith(f.Grid, "risk units", name);
            statics.Add(f.Values);
        }
        var factors = new List<IReadOnlyList<double[]>>();
        foreach (int y in years)
        {
            if (!inputs.ClassPaths.TryGetValue(y, out string? path))
                throw new Models.InputException($"risk: no land-use raster for {y}.");
            using var r = open(path);
            var share = FishnetAggregation.Aggregate(r, FishnetAggregation.FactorFor(r.Grid, cellMeters, "risk.fishnetMeters"), FishnetStatistic.ClassShare,
                (double)LandClass.Construction, tiles, fishnets);
            var distance = DistanceToNearest(share.Grid, share.Values, v => v > 0);
            factors.Add([share.Values, distance, .. statics]);
        }
        return new UnitSeries(grid!, years, index, ["constructionShare", "distanceToConstructionKm", .. inputs.StaticFactors.Select(s => s.Name)], factors);
    }

    /// <summary>
    /// Exact Euclidean distance in km from each cell centre to the nearest cell centre where <paramref name="source"/>
    /// holds (0 there; NaN where the value is NaN; +∞ when no cell qualifies), on a grid of square cells: the
    /// separable squared-distance transform of Felzenszwalb and Huttenlocher (2012).
    /// </summary>
    public static double[] DistanceToNearest(GridSpec grid, double[] values, Func<double, bool> source)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(source);
        int w = grid.Width, h = grid.Height;
        double cellKm = Math.Abs(grid.Transform.PixelWidth) / 1000.0;
        var d = new double[values.Length];
        for (int i = 0; i < d.Length; i++) d[i] = !double.IsNaN(values[i]) && source(values[i]) ? 0 : double.PositiveInfinity;
        var line = new double[Math.Max(w, h)];
        var outLine = new double[Math.Max(w, h)];
        for (int c = 0; c < w; c++)
        {
            for (int r = 0; r < h; r++) line[r] = d[r * w + c];
            Transform1D(line, h, outLine);
            for (int r = 0; r < h; r++) d[r * w + c] = outLine[r];
        }
        for (int r = 0; r < h; r++)
        {
            Array.Copy(d, r * w, line, 0, w);
            Transform1D(line, w, outLine);
            Array.Copy(outLine, 0, d, r * w, w);
        }
        for (int i = 0; i < d.Length; i++) d[i] = double.IsNaN(values[i]) ? double.NaN : Math.Sqrt(d[i]) * cellKm;
        return d;
    }

    // Lower envelope of parabolas: out[q] = min_p (q − p)² + f[p].
    private static void Transform1D(double[] f, int n, double[] output)
    {
        var v = new int[n];
        var z = new double[n + 1];
        int k = -1;
        for (int q = 0; q < n; q++)
        {
            if (double.IsPositiveInfinity(f[q])) continue;
            while (k >= 0)
            {
                double s = (f[q] + (double)q * q - (f[v[k]] + (double)v[k] * v[k])) / (2.0 * (q - v[k]));
                if (s <= z[k]) { k--; continue; }
                k++;
                v[k] = q;
                z[k] = s;
                z[k + 1] = double.PositiveInfinity;
                goto next;
            }
            k = 0;
            v[0] = q;
            z[0] = double.NegativeInfinity;
            z[1] = double.PositiveInfinity;
        next:;
        }
        if (k < 0)
        {
            for (int q = 0; q < n; q++) output[q] = double.PositiveInfinity;
            return;
        }
        int j = 0;
        for (int q = 0; q < n; q++)
        {
            while (z[j + 1] < q) j++;
            double dq = q - v[j];
            output[q] = dq * dq + f[v[j]];
        }
    }
}
