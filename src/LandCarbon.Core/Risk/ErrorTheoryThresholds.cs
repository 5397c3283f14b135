using System.Globalization;

namespace LandCarbon.Core.Risk;

/// <summary>
/// Error-theory (normal-distribution) thresholds: breaks at μ + k·σ of the (transformed) index over all valid
/// units. Under normality the shares of the default five levels (k = −1, 0, 1, 2) are 15.87 / 34.13 / 34.13 /
/// 13.59 / 2.28 %. METHOD-SPEC §(j).
/// </summary>
public static class ErrorTheoryThresholds
{
    /// <summary>Method name used in tables and file names.</summary>
    public const string MethodName = "errorTheory";

    /// <summary>Default multipliers for five levels: low &lt; μ−σ ≤ relatively low &lt; μ ≤ medium &lt; μ+σ ≤ high &lt; μ+2σ ≤ extremely high.</summary>
    public static IReadOnlyList<double> FiveLevelK { get; } = [-1, 0, 1, 2];

    /// <summary>Multipliers of the four-level option: μ − 0.5σ, μ + 0.5σ, μ + 1.5σ.</summary>
    public static IReadOnlyList<double> FourLevelK { get; } = [-0.5, 0.5, 1.5];

    /// <summary>
    /// Thresholds μ + kᵢ·σ from <paramref name="stats"/> (computed after <paramref name="transform"/>); the number of
    /// levels is k.Count + 1. Throws when k is not increasing or the statistics are empty.
    /// </summary>
    public static RiskThresholds Compute(IndexStatistics stats, IReadOnlyList<double>? k = null, IndexTransform? transform = null, RiskLevels? levels = null)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var ks = k ?? FiveLevelK;
        if (stats.Count == 0) throw new ArgumentException("The index has no valid values.", nameof(stats));
        for (int i = 1; i < ks.Count; i++)
            if (!(ks[i] > ks[i - 1])) throw new ArgumentException("The multipliers k must increase.", nameof(k));
        var breaks = ks.Select(x => stats.Mean + x * stats.StdDev).ToArray();
        string rule = string.Create(CultureInfo.InvariantCulture,
            $"mu + k*sigma; mu = {stats.Mean:G10}, sigma = {stats.StdDev:G10}, k = {string.Join(" ", ks.Select(x => x.ToString("G", CultureInfo.InvariantCulture)))}, n = {stats.Count}");
        return RiskThresholds.FromTransformed(MethodName, breaks, transform ?? IndexTransform.Identity,
            levels ?? RiskLevels.ForCount(ks.Count + 1), rule);
    }
}
