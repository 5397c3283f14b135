using System.Globalization;
using LandCarbon.Core.Processing;

namespace LandCarbon.Core.Risk;

/// <summary>
/// The composite risk index of a <see cref="UnitSeries"/> (METHOD-SPEC (j), <c>risk.index: composite</c>): for
/// interval j, R_j = Σ_m ω_m·(x_m − min_m)/(max_m − min_m) over the indicators ΔCBI per year (the series' index),
/// construction expansion per year (share at t_j+1 minus share at t_j, over the years) and every static factor (POI
/// densities, <c>risk.drivers.rasters</c>). The ranges and the entropy weights (<see cref="CompositeIndexSource.EntropyWeights"/>)
/// or the given weights are fitted on the first <c>fitIntervals</c> intervals only, so a hindcast target's composite
/// uses a normalisation fixed before it; a value outside the fitted range is not clipped.
/// </summary>
public static class CompositeSeries
{
    /// <summary>The composite series (same grid, years and factors) and its rule in words.</summary>
    public static (UnitSeries Series, string Rule) Of(UnitSeries raw, int fitIntervals, IReadOnlyList<double>? weights, TileOptions tiles)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(tiles);
        if (fitIntervals < 1 || fitIntervals > raw.IntervalCount) throw new ArgumentOutOfRangeException(nameof(fitIntervals));
        int share = raw.FactorNames.ToList().IndexOf("constructionShare");
        var statics = Enumerable.Range(0, raw.FactorNames.Count).Where(f => raw.FactorNames[f] is not ("constructionShare" or "distanceToConstructionKm")).ToList();
        var names = new List<string> { "deltaCbiPerYear" };
        if (share >= 0) names.Add("constructionExpansionPerYear");
        names.AddRange(statics.Select(f => raw.FactorNames[f]));
        double[][] Indicators(int j)
        {
            var list = new List<double[]> { raw.Index[j] };
            if (share >= 0)
            {
                double len = raw.IntervalYears(j);
                list.Add([.. raw.Factors[j + 1][share].Zip(raw.Factors[j][share], (b, a) => (b - a) / len)]);
            }
            list.AddRange(statics.Select(f => raw.Factors[j][f]));
            return [.. list];
        }
        var perInterval = Enumerable.Range(0, raw.IntervalCount).Select(Indicators).ToList();
        int m = names.Count;
        if (weights is not null && weights.Count != m)
            throw new Models.InputException($"risk.composite.weights: {weights.Count} values for the {m} indicators {string.Join(", ", names)}.");
        var pooled = Enumerable.Range(0, m).Select(i => (IRiskIndexSource)ArrayIndexSource.Row([.. perInterval.Take(fitIntervals).SelectMany(x => x[i])])).ToList();
        var ranges = pooled.Select(p => IndicatorRange.Compute(p, tiles)).ToArray();
        var w = weights?.ToArray() ?? CompositeIndexSource.EntropyWeights(pooled, ranges, tiles);
        double total = w.Sum();
        if (!(total > 0) || w.Any(x => !(x >= 0))) throw new Models.InputException("risk.composite.weights: weights must be non-negative and not all zero.");
        for (int i = 0; i < m; i++) w[i] /= total;
        var index = perInterval.Select(ind =>
        {
            var r = new double[raw.UnitCount];
            for (int u = 0; u < r.Length; u++)
            {
                double s = 0;
                for (int i = 0; i < m; i++) s += w[i] * ranges[i].Normalize(ind[i][u]);
                r[u] = s;
            }
            return r;
        }).ToList();
        var ci = CultureInfo.InvariantCulture;
        string rule = string.Join(" + ", Enumerable.Range(0, m).Select(i => string.Create(ci, $"{w[i]:G4}·norm({names[i]}; {ranges[i].Min:G4}…{ranges[i].Max:G4})")))
            + (weights is null ? " (entropy weights" : " (given weights") + $", fitted on {raw.IntervalKey(0)}…{raw.IntervalKey(fitIntervals - 1)})";
        return (new UnitSeries(raw.Grid, raw.Years, index, raw.FactorNames, raw.Factors), rule);
    }
}
