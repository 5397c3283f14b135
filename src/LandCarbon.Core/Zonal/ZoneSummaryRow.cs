namespace LandCarbon.Core.Zonal;

/// <summary>
/// The summary of one zone. Areas are pixel counts × the grid's pixel area (km²); ΔCBI sums in t C/yr.
/// </summary>
/// <param name="Zone">The zone.</param>
/// <param name="Pixels">Pixels whose centre lies in the zone.</param>
/// <param name="AreaKm2">Pixels × pixel area.</param>
/// <param name="ValidPixels">Pixels with a ΔCBI value (not nodata).</param>
/// <param name="NetDeltaTonnesC">Σ ΔCBI.</param>
/// <param name="IncrementTonnesC">Σ ΔCBI over increment pixels (ΔCBI &gt; ε).</param>
/// <param name="ReductionTonnesC">Σ ΔCBI over reduction pixels (ΔCBI &lt; −ε; negative).</param>
/// <param name="IncrementAreaKm2">Area of increment pixels.</param>
/// <param name="ReductionAreaKm2">Area of reduction pixels.</param>
/// <param name="StableAreaKm2">Area of stable pixels (|ΔCBI| ≤ ε).</param>
/// <param name="LevelPixels">Pixels per risk level (index 0 = nodata index), empty when no risk grading was given.</param>
/// <param name="HighRiskShare">Share of graded pixels in high + extremely high (NaN without grading).</param>
/// <param name="RankNetDelta">Rank by Σ ΔCBI, 1 = largest net increase.</param>
/// <param name="RankHighRisk">Rank by <paramref name="HighRiskShare"/>, 1 = largest (0 without grading).</param>
public sealed record ZoneSummaryRow(
    Zone Zone,
    long Pixels,
    double AreaKm2,
    long ValidPixels,
    double NetDeltaTonnesC,
    double IncrementTonnesC,
    double ReductionTonnesC,
    double IncrementAreaKm2,
    double ReductionAreaKm2,
    double StableAreaKm2,
    IReadOnlyList<long> LevelPixels,
    double HighRiskShare,
    int RankNetDelta,
    int RankHighRisk)
{
    /// <summary>Share of level k (1-based) among graded pixels of the zone.</summary>
    public double LevelShare(int level)
    {
        long graded = LevelPixels.Skip(1).Sum();
        return graded == 0 ? double.NaN : (double)LevelPixels[level] / graded;
    }
}
