using System.Buffers;
using System.Globalization;
using LandCarbon.Core.Models;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Risk;

/// <summary>
/// Runs the carbon risk early warning (METHOD-SPEC §(j)): fits the transform on the training index, computes the
/// error-theory, parameter-based and fluctuation thresholds, grades the map index, and scores each method against
/// the observed levels (all units, a seeded stratified sample, or a sample file). Streams tiles; results do not
/// depend on tile size or thread count.
/// <para>The transform applies to the error-theory and fluctuation methods, whose breaks come from the
/// distribution; the parameter-based method works on the raw index, because multiples of a reference value are
/// meaningful only in the index's own units.</para>
/// </summary>
public static class RiskGrader
{
    /// <summary>Grades and validates. Throws an <see cref="InputException"/> listing every invalid setting.</summary>
    public static RiskGradingResult Grade(RiskInputs inputs, RiskOptions options, TileOptions tiles)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tiles);
        var problems = options.Validate();
        if (problems.Count > 0) throw new InputException("Invalid risk settings:", [.. problems.Select(i => i.WithKey("risk." + i.Key))]);
        if (inputs.TrainingIndex.Count == 0) throw new InputException("risk: no training index (no interval to learn thresholds from).");
        var notes = new List<string>();
        var levels = options.Levels;
        var training = inputs.TrainingIndex;

        var rawStats = IndexStatistics.Compute(training, IndexTransform.Identity, tiles);
        if (rawStats.Count == 0) throw new InputException("risk: the training index has no valid values.");
        var transform = FitTransform(training, rawStats, options, tiles);
        var stats = transform.Kind == IndexTransformKind.None ? rawStats : IndexStatistics.Compute(training, transform, tiles);

        var errorTheory = ErrorTheoryThresholds.Compute(stats, options.EffectiveErrorTheoryK, transform, levels);
        RiskThresholds parameter;
        try
        {
            parameter = ParameterThresholds.Compute(rawStats, options.ParameterReference, options.ParameterValue,
                options.EffectiveParameterMultiples, IndexTransform.Identity, levels);
        }
        catch (ArgumentException e)
        {
            throw new InputException("risk.parameter: " + e.Message, e);
        }
        var fluctuation = Fluctuation(training, stats, transform, options, tiles, notes);
        RiskThresholds[] thresholds = [errorTheory, parameter, fluctuation];

        var pass = GradeMap(inputs, thresholds, options, tiles);
        ConfusionMatrix?[] matrices = [null, null, null];
        string validation = "none (no observed levels given)";
        if (inputs.Samples is { } samples)
        {
            matrices = ScoreSamples(inputs.PredictionIndex ?? inputs.MapIndex, samples, thresholds, levels);
            validation = string.Create(CultureInfo.InvariantCulture, $"validation sample file ({samples.Count} units)");
        }
        else if (inputs.Observed is { } observed)
        {
            if (options.StratifiedSample)
            {
                matrices = [.. Enumerable.Range(0, 3).Select(_ => new ConfusionMatrix(levels))];
                foreach (var s in pass.Strata)
                    foreach (var (_, item) in s.Items())
                        for (int m = 0; m < 3; m++) matrices[m]!.Add(item.Predicted[m], item.Observed);
                validation = string.Create(CultureInfo.InvariantCulture,
                    $"{observed.Description}; seeded stratified sample (seed {options.Seed}, {options.SampleSize / levels.Count} per observed level, {matrices[0]!.Total} units)");
            }
            else
            {
                matrices = pass.Matrices;
                validation = observed.Description + "; all units";
            }
        }
        var methods = Enumerable.Range(0, 3)
            .Select(m => new RiskMethodResult(thresholds[m], pass.Counts[m], matrices[m]))
            .ToArray();
        return new RiskGradingResult(stats, transform, methods, validation, notes);
    }

    private static IndexTransform FitTransform(IReadOnlyList<IRiskIndexSource> training, IndexStatistics raw, RiskOptions o, TileOptions tiles)
    {
        switch (o.Transform)
        {
            case IndexTransformKind.Log1p:
                return IndexTransform.SignedLog1p;
            case IndexTransformKind.BoxCox:
                double shift = o.BoxCoxShift ?? BoxCox.DefaultShift(raw.Min);
                if (!(raw.Min + shift > 0))
                    throw new InputException(string.Create(CultureInfo.InvariantCulture,
                        $"risk.transform.shift: {shift:G6} leaves the minimum {raw.Min:G6} non-positive; Box-Cox needs positive shifted values."));
                var sample = IndexSampling.Values(training, _ => true, o.BoxCoxSampleSize, o.Seed, tiles);
                try
                {
                    return BoxCox.Fit(sample, shift);
                }
                catch (ArgumentException e)
                {
                    throw new InputException("risk.transform: " + e.Message, e);
                }
            default:
                return IndexTransform.Identity;
        }
    }

    private static RiskThresholds Fluctuation(IReadOnlyList<IRiskIndexSource> training, IndexStatistics stats, IndexTransform transform,
        RiskOptions o, TileOptions tiles, List<string> notes)
    {
        if (o.FluctuationMode == FluctuationMode.Historical)
        {
            double f = FluctuationThresholds.MeanAbsoluteFluctuation(training, transform, tiles);
            if (f > 0) return FluctuationThresholds.Historical(stats.Mean, f, o.EffectiveFluctuationK, transform, o.Levels);
            notes.Add("fluctuation: the historical variant needs two or more training periods that differ; equal intervals of the range were used instead.");
        }
        return FluctuationThresholds.EqualInterval(stats, transform, o.Levels);
    }

    private sealed record Unit(byte Observed, byte[] Predicted);

    private sealed class MapPass
    {
        public MapPass(int levels, int strata, int perStratum)
        {
            Counts = [.. Enumerable.Range(0, 3).Select(_ => new long[levels + 1])];
            Matrices = [.. Enumerable.Range(0, 3).Select(_ => new ConfusionMatrix(RiskLevels.ForCount(levels)))];
            Strata = [.. Enumerable.Range(0, strata).Select(_ => new KeyedSample<Unit>(perStratum))];
        }

        public long[][] Counts { get; }

        public ConfusionMatrix?[] Matrices { get; }

        public KeyedSample<Unit>[] Strata { get; }

        public MapPass Merge(MapPass o)
        {
            for (int m = 0; m < 3; m++)
            {
                for (int k = 0; k < Counts[m].Length; k++) Counts[m][k] += o.Counts[m][k];
                Matrices[m]!.Add(o.Matrices[m]!);
            }
            for (int s = 0; s < Strata.Length; s++) Strata[s].Merge(o.Strata[s]);
            return this;
        }
    }

    private static MapPass GradeMap(RiskInputs inputs, RiskThresholds[] th, RiskOptions o, TileOptions tiles)
    {
        var map = inputs.MapIndex;
        var pred = inputs.PredictionIndex;
        if (pred is not null) map.Grid.EnsureAlignedWith(pred.Grid, "map index", "prediction index");
        var observed = inputs.Samples is null ? inputs.Observed : null;
        int levels = o.LevelCount;
        bool sample = observed is not null && o.StratifiedSample;
        int strata = sample ? levels : 0, per = sample ? Math.Max(1, o.SampleSize / levels) : 0;
        int width = map.Grid.Width;
        var layout = IndexStatistics.LayoutOf(map, tiles);
        return TileProcessor.MapReduce(layout, tiles, w =>
        {
            var part = new MapPass(levels, strata, per);
            int n = checked((int)w.PixelCount);
            var v = ArrayPool<double>.Shared.Rent(n);
            var pv = pred is null ? null : ArrayPool<double>.Shared.Rent(n);
            var ob = observed is null ? null : ArrayPool<byte>.Shared.Rent(n);
            try
            {
                map.Read(w, v.AsSpan(0, n));
                pred?.Read(w, pv.AsSpan(0, n));
                observed?.Read(w, ob.AsSpan(0, n));
                for (int i = 0; i < n; i++)
                {
                    double x = v[i];
                    for (int m = 0; m < 3; m++) part.Counts[m][th[m].Grade(x)]++;
                    if (ob is null) continue;
                    byte obs = ob[i];
                    if (obs == 0 || obs > levels) continue;
                    double px = pv is null ? x : pv[i];
                    byte p0 = th[0].Grade(px), p1 = th[1].Grade(px), p2 = th[2].Grade(px);
                    if (p0 == 0) continue; // no prediction where the index is nodata
                    part.Matrices[0]!.Add(p0, obs);
                    part.Matrices[1]!.Add(p1, obs);
                    part.Matrices[2]!.Add(p2, obs);
                    if (sample)
                    {
                        long idx = (long)(w.Row + i / w.Width) * width + w.Col + i % w.Width;
                        part.Strata[obs - 1].Offer(SampleKey.Of(o.Seed, idx), idx, new Unit(obs, [p0, p1, p2]));
                    }
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(v);
                if (pv is not null) ArrayPool<double>.Shared.Return(pv);
                if (ob is not null) ArrayPool<byte>.Shared.Return(ob);
            }
            return part;
        }, new MapPass(levels, strata, per), (a, p) => a.Merge(p));
    }

    private static ConfusionMatrix?[] ScoreSamples(IRiskIndexSource index, IReadOnlyList<ValidationSample> samples, RiskThresholds[] th, RiskLevels levels)
    {
        var matrices = Enumerable.Range(0, 3).Select(_ => new ConfusionMatrix(levels)).ToArray();
        Span<double> one = stackalloc double[1];
        var g = index.Grid;
        foreach (var s in samples)
        {
            if (s.Col < 0 || s.Row < 0 || s.Col >= g.Width || s.Row >= g.Height) continue;
            index.Read(new PixelWindow(s.Col, s.Row, 1, 1), one);
            for (int m = 0; m < 3; m++) matrices[m].Add(th[m].Grade(one[0]), s.ObservedLevel);
        }
        return matrices;
    }
}
