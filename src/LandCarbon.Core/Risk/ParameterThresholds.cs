using System.Globalization;

namespace LandCarbon.Core.Risk;

/// <summary>
/// Parameter-based thresholds: breaks at fixed multiples mᵢ of a reference value R_ref (default {0.5, 1, 1.5, 2} ×
/// the regional mean), instead of the spread of the distribution. METHOD-SPEC §(j).
/// </summary>
public static class ParameterThresholds
{
    /// <summary>Method name used in tables and file names.</summary>
    public const string MethodName = "parameter";

    /// <summary>Default multiples for five levels.</summary>
    public static IReadOnlyList<double> DefaultMultiples { get; } = [0.5, 1.0, 1.5, 2.0];

    /// <summary>
    /// Breaks mᵢ·R_ref on the transformed scale. R_ref is <paramref name="value"/> for
    /// <see cref="ParameterReference.Value"/>, else taken from <paramref name="stats"/>; it must be positive, because
    /// multiples of a negative reference would reverse the order of the levels (an
    /// <see cref="ArgumentException"/> says so).
    /// </summary>
    public static RiskThresholds Compute(IndexStatistics stats, ParameterReference reference = ParameterReference.Mean,
        double? value = null, IReadOnlyList<double>? multiples = null, IndexTransform? transform = null, RiskLevels? levels = null)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var m = multiples ?? DefaultMultiples;
        for (int i = 1; i < m.Count; i++)
            if (!(m[i] > m[i - 1])) throw new ArgumentException("The multiples must increase.", nameof(multiples));
        (double refValue, string source) = reference switch
        {
            ParameterReference.Value => (value ?? throw new ArgumentException("The reference value is missing.", nameof(value)), "given value"),
            ParameterReference.PositiveMean => (stats.PositiveMean, "mean of positive values"),
            _ when stats.Mean > 0 => (stats.Mean, "regional mean"),
            _ => (stats.PositiveMean, "mean of positive values (regional mean not positive)"),
        };
        if (!(refValue > 0))
            throw new ArgumentException($"The parameter-based reference ({source}) is {refValue:G6}; it must be positive. Give a reference value.", nameof(reference));
        var breaks = m.Select(x => x * refValue).ToArray();
        string rule = string.Create(CultureInfo.InvariantCulture,
            $"m * R_ref; R_ref = {refValue:G10} ({source}), m = {string.Join(" ", m.Select(x => x.ToString("G", CultureInfo.InvariantCulture)))}");
        return RiskThresholds.FromTransformed(MethodName, breaks, transform ?? IndexTransform.Identity,
            levels ?? RiskLevels.ForCount(m.Count + 1), rule);
    }
}
