using System.Globalization;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Processing;

namespace LandCarbon.Core.Risk;

/// <summary>One scored forecast: a threshold method (or a baseline) × a forecaster × a target interval.</summary>
/// <param name="Method">errorTheory, parameter, fluctuation, or a baseline (persistence-of-level, climatology).</param>
/// <param name="Forecast">The forecaster's name, "-" for a baseline.</param>
/// <param name="Interval">The target interval, e.g. "2010_2013".</param>
/// <param name="Matrix">Predicted level rows × reference level columns.</param>
public sealed record HindcastRow(string Method, string Forecast, string Interval, ConfusionMatrix Matrix);

/// <summary>One hindcast target: its reference grading, the forecasters' models and the units scored.</summary>
/// <param name="Interval">Target interval key.</param>
/// <param name="Reference">The shared reference grading of the observed index (fitted on the earlier intervals).</param>
/// <param name="Forecasts">Each forecaster's name and how it forecast, in the order of <c>risk.forecast</c>.</param>
/// <param name="Units">Units scored (the same for every method, forecaster and baseline).</param>
public sealed record HindcastTarget(string Interval, ObservedGrade Reference, IReadOnlyList<(string Name, string Model)> Forecasts, long Units);

/// <summary>The hindcast: every scored row and the targets.</summary>
public sealed record RiskHindcastResult(IReadOnlyList<HindcastRow> Rows, IReadOnlyList<HindcastTarget> Targets)
{
    /// <summary>Name of the baseline that repeats each unit's observed level of the previous interval.</summary>
    public const string PersistenceOfLevel = "persistence-of-level";

    /// <summary>Name of the baseline that predicts each unit's most frequent observed level of the past intervals.</summary>
    public const string Climatology = "climatology";

    /// <summary>The matrices of each (method, forecast) summed over the target intervals, ranked best first by
    /// weighted kappa, then kappa, then overall accuracy.</summary>
    public IReadOnlyList<HindcastRow> Summary()
    {
        var pooled = new List<HindcastRow>();
        foreach (var g in Rows.GroupBy(r => (r.Method, r.Forecast)))
        {
            var m = new ConfusionMatrix(g.First().Matrix.Levels);
            foreach (var r in g) m.Add(r.Matrix);
            pooled.Add(new HindcastRow(g.Key.Method, g.Key.Forecast, string.Join(" ", g.Select(r => r.Interval)), m));
        }
        static double K(double v) => double.IsNaN(v) ? double.NegativeInfinity : v;
        return [.. pooled.Select((r, i) => (r, i))
            .OrderByDescending(x => K(x.r.Matrix.WeightedKappa)).ThenByDescending(x => K(x.r.Matrix.Kappa))
            .ThenByDescending(x => K(x.r.Matrix.OverallAccuracy)).ThenBy(x => x.i).Select(x => x.r)];
    }
}

/// <summary>
/// Hindcast validation of the early warning (docs/methods/risk.md §6). For every interval k with at least two
/// earlier intervals, each forecaster forecasts the index of k from <see cref="UnitSeries.Past"/>(k); each threshold
/// method is fitted on the observed index of the earlier intervals only (<see cref="RiskGrader"/>) and grades the
/// forecast. Every prediction is compared with one shared reference: the observed index of k graded by
/// <see cref="Reference"/>, whose breaks also come from the earlier intervals only. The same units (valid for the
/// reference, every forecaster and both baselines; optionally a seeded sample stratified by reference level) are
/// scored for every row of an interval, so all its matrices share their observed column totals.
/// </summary>
public static class RiskHindcast
{
    /// <summary>Runs the hindcast over every eligible interval of <paramref name="series"/>. <paramref name="indexAt"/>
    /// (e.g. <see cref="CompositeSeries"/>) derives the index series whose definition is fitted on the first k intervals
    /// for target k; null = the series as it is.</summary>
    public static RiskHindcastResult Run(UnitSeries series, RiskOptions options, TileOptions tiles, ISimulatedIndex? simulation = null,
        Func<UnitSeries, int, UnitSeries>? indexAt = null)
    {
        var raw = series;
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tiles);
        var rows = new List<HindcastRow>();
        var targets = new List<HindcastTarget>();
        var levels = options.Levels;
        int n = series.UnitCount;
        for (int k = 2; k < raw.IntervalCount; k++)
        {
            series = indexAt?.Invoke(raw, k) ?? raw;
            var past = series.Past(k);
            var reference = Reference(past, options);
            var observed = series.Index[k];
            var forecasts = options.Forecasts.Select(f => (Name: RiskForecasts.Name(f), F: RiskForecaster.Forecast(f, past, series.Years[k + 1], options, simulation))).ToList();
            var previous = new byte[n];
            var climate = new byte[n];
            var obs = new byte[n];
            var counts = new int[levels.Count + 1];
            for (int u = 0; u < n; u++)
            {
                previous[u] = reference.Level(past.Index[k - 1][u]);
                climate[u] = MostFrequent(past, reference, u, counts);
                byte o = reference.Level(observed[u]);
                bool ok = o != RiskLevels.NoData && previous[u] != RiskLevels.NoData && climate[u] != RiskLevels.NoData
                    && forecasts.All(f => !double.IsNaN(f.F.Values[u]));
                obs[u] = ok ? o : RiskLevels.NoData;
            }
            if (options.StratifiedSample) Stratify(obs, options);
            string key = series.IntervalKey(k);
            var training = past.Index.Select(a => (IRiskIndexSource)new ArrayIndexSource(series.Grid, a)).ToList();
            var source = new ArrayLevelSource(series.Grid.Width, obs, $"reference levels of {key}");
            var plain = options with { StratifiedSample = false };
            foreach (var (name, f) in forecasts)
            {
                var grading = RiskGrader.Grade(new RiskInputs(training, new ArrayIndexSource(series.Grid, f.Values), Observed: source), plain, tiles);
                foreach (var m in grading.Methods) rows.Add(new HindcastRow(m.Method, name, key, m.Accuracy!));
            }
            var pl = new ConfusionMatrix(levels);
            var cl = new ConfusionMatrix(levels);
            for (int u = 0; u < n; u++)
            {
                if (obs[u] == RiskLevels.NoData) continue;
                pl.Add(previous[u], obs[u]);
                cl.Add(climate[u], obs[u]);
            }
            rows.Add(new HindcastRow(RiskHindcastResult.PersistenceOfLevel, "-", key, pl));
            rows.Add(new HindcastRow(RiskHindcastResult.Climatology, "-", key, cl));
            targets.Add(new HindcastTarget(key, reference, [.. forecasts.Select(f => (f.Name, f.F.Description))], pl.Total));
        }
        return new RiskHindcastResult(rows, targets);
    }

    /// <summary>
    /// The shared reference grading for a target whose past is <paramref name="past"/>: level 1 (low) = index ≤ ε
    /// (no increment); levels 2…L graded by three breaks on the increments, from <c>risk.observedGrade.breaks</c> or
    /// else the quartiles (R type 7) of the positive index pooled over the past intervals (<see cref="ObservedGrade"/>).
    /// </summary>
    public static ObservedGrade Reference(UnitSeries past, RiskOptions options)
    {
        ArgumentNullException.ThrowIfNull(past);
        ArgumentNullException.ThrowIfNull(options);
        if (options.ObservedGradeBreaks is { Count: 3 } given)
            return new ObservedGrade(given, options.StableEpsilon, options.LevelCount, "risk.observedGrade.breaks");
        var v = past.Index.SelectMany(a => a).Where(x => x > options.StableEpsilon).Order().ToArray();
        if (v.Length == 0)
            throw new Models.InputException($"risk: the intervals before {past.Years[^1]} have no unit with an index above risk.stableEpsilon; the reference grades are undefined (set risk.observedGrade.breaks).");
        double[] b = [ObservedGrade.Quantile7(v, 0.25), ObservedGrade.Quantile7(v, 0.5), ObservedGrade.Quantile7(v, 0.75)];
        return new ObservedGrade(b, options.StableEpsilon, options.LevelCount, string.Create(CultureInfo.InvariantCulture,
            $"index ≤ {options.StableEpsilon:G6} → low; quartiles of the {v.Length} positive unit-values of {past.IntervalKey(0)}…{past.IntervalKey(past.IntervalCount - 1)}: {b[0]:G6}, {b[1]:G6}, {b[2]:G6}"));
    }

    private static byte MostFrequent(UnitSeries past, ObservedGrade reference, int u, int[] counts)
    {
        // Ties go to the lowest of the tied levels: one bad interval does not make a climate.
        Array.Clear(counts);
        for (int j = 0; j < past.IntervalCount; j++)
        {
            byte l = reference.Level(past.Index[j][u]);
            if (l == RiskLevels.NoData) return RiskLevels.NoData;
            counts[l]++;
        }
        int best = 1;
        for (int l = 2; l < counts.Length; l++)
            if (counts[l] > counts[best]) best = l;
        return (byte)best;
    }

    private static void Stratify(byte[] obs, RiskOptions o)
    {
        // Per reference level, the units with the smallest seeded keys (equal allocation, as RiskGrader).
        int per = Math.Max(1, o.SampleSize / o.LevelCount);
        var keep = new bool[obs.Length];
        foreach (var g in Enumerable.Range(0, obs.Length).Where(u => obs[u] != RiskLevels.NoData).GroupBy(u => obs[u]))
            foreach (int u in g.OrderBy(u => SampleKey.Of(o.Seed, u)).Take(per)) keep[u] = true;
        for (int u = 0; u < obs.Length; u++)
            if (!keep[u]) obs[u] = RiskLevels.NoData;
    }
}
