namespace LandCarbon.Core.Zonal;

/// <summary>
/// Which zones are key monitoring areas (METHOD-SPEC N13; study key <c>risk.keyAreas</c>). A zone is a key
/// monitoring area when
/// <list type="bullet">
/// <item>its share of high + extremely-high risk pixels ranks in the top <see cref="TopCount"/> and is at least
/// <see cref="MinHighRiskShare"/>, or</item>
/// <item>its net ΔCBI ranks in the top <see cref="TopCount"/> and is positive (a net carbon-increment zone).</item>
/// </list>
/// <see cref="TopCount"/> null means ⌈<see cref="TopFraction"/> × zones⌉ (10 %: 9 of 88 Guizhou counties).
/// </summary>
public sealed record KeyMonitoringAreaRule
{
    /// <summary>Size of the top set; null = ⌈TopFraction × zones⌉.</summary>
    public int? TopCount { get; init; }

    /// <summary>Fraction of zones in the top set when <see cref="TopCount"/> is null.</summary>
    public double TopFraction { get; init; } = 0.10;

    /// <summary>Minimum high + extremely-high share for the share criterion.</summary>
    public double MinHighRiskShare { get; init; }

    /// <summary>The default rule.</summary>
    public static KeyMonitoringAreaRule Default { get; } = new();

    /// <summary>The top-set size for <paramref name="zoneCount"/> zones (at least 1).</summary>
    public int TopFor(int zoneCount) => Math.Max(1, TopCount ?? (int)Math.Ceiling(TopFraction * zoneCount - 1e-9));
}
