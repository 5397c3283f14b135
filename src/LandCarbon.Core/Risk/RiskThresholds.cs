namespace LandCarbon.Core.Risk;

/// <summary>
/// The breaks of one grading method. Level k (1-based) holds the values with
/// <c>Breaks[k−2] ≤ R &lt; Breaks[k−1]</c>: level 1 is below the first break, the top level is at or above the last
/// break. Breaks are stored on the scale of the graded index after <see cref="Transform"/>
/// (<see cref="TransformedBreaks"/>) and mapped back to the raw index scale (<see cref="Breaks"/>); because every
/// transform is strictly increasing, grading raw values against <see cref="Breaks"/> gives the same levels.
/// </summary>
/// <param name="Method">Method name: errorTheory, parameter or fluctuation.</param>
/// <param name="Breaks">Breaks on the raw index scale, non-decreasing, one fewer than the levels (±∞ when a
/// transformed break lies outside the range of the inverse transform).</param>
/// <param name="TransformedBreaks">The same breaks on the transformed scale, where the method computed them.</param>
/// <param name="Transform">The transform applied before the method computed its statistics.</param>
/// <param name="Levels">Labels of the levels.</param>
/// <param name="Rule">How the breaks were derived, in words (e.g. "μ + k·σ, μ = 0.12, σ = 0.40, k = −1,0,1,2").</param>
public sealed record RiskThresholds(
    string Method,
    IReadOnlyList<double> Breaks,
    IReadOnlyList<double> TransformedBreaks,
    IndexTransform Transform,
    RiskLevels Levels,
    string Rule)
{
    /// <summary>Creates thresholds from breaks computed on the transformed scale.</summary>
    public static RiskThresholds FromTransformed(string method, IReadOnlyList<double> transformedBreaks,
        IndexTransform transform, RiskLevels levels, string rule)
    {
        ArgumentNullException.ThrowIfNull(transformedBreaks);
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(levels);
        if (transformedBreaks.Count != levels.Count - 1)
            throw new ArgumentException($"{levels.Count} levels need {levels.Count - 1} breaks, got {transformedBreaks.Count}.", nameof(transformedBreaks));
        for (int i = 0; i < transformedBreaks.Count; i++)
        {
            if (double.IsNaN(transformedBreaks[i])) throw new ArgumentException("A break is NaN.", nameof(transformedBreaks));
            if (i > 0 && transformedBreaks[i] < transformedBreaks[i - 1])
                throw new ArgumentException($"Breaks must not decrease: {transformedBreaks[i - 1]:R} then {transformedBreaks[i]:R}.", nameof(transformedBreaks));
        }
        var raw = transformedBreaks.Select(transform.Inverse).ToArray();
        return new RiskThresholds(method, raw, [.. transformedBreaks], transform, levels, rule);
    }

    /// <summary>
    /// The level (1…Levels.Count) of a raw index value; <see cref="RiskLevels.NoData"/> (0) for NaN. Comparison is
    /// on the raw scale against <see cref="Breaks"/>; a value equal to a break belongs to the higher level.
    /// </summary>
    public byte Grade(double value)
    {
        if (double.IsNaN(value)) return RiskLevels.NoData;
        var b = Breaks;
        int level = 1;
        for (int i = 0; i < b.Count; i++)
        {
            if (value >= b[i]) level = i + 2;
            else break;
        }
        return (byte)level;
    }

    /// <summary>Grades a span of raw index values (NaN → 0).</summary>
    public void Grade(ReadOnlySpan<double> values, Span<byte> levels)
    {
        if (levels.Length < values.Length) throw new ArgumentException("The level buffer is shorter than the values.", nameof(levels));
        for (int i = 0; i < values.Length; i++) levels[i] = Grade(values[i]);
    }
}
