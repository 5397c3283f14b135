namespace LandCarbon.Core.SpatialStatistics;

/// <summary>Getis-Ord Gi* per observation.</summary>
/// <param name="N">Observations.</param>
/// <param name="Z">The Gi* z-score (spdep localG with the observation in its own neighbourhood).</param>
/// <param name="P">Two-sided normal p-value of Z.</param>
/// <param name="Bin">ArcGIS Gi_Bin: ±3 (p &lt; 0.01), ±2 (p &lt; 0.05), ±1 (p &lt; 0.10), 0 otherwise; sign of Z. With
/// false discovery rate control, the levels apply to <see cref="PFalseDiscoveryRate"/> instead of P.</param>
public sealed record GetisOrdGiStarResult(int N, double[] Z, double[] P, sbyte[] Bin)
{
    /// <summary>Benjamini–Hochberg adjusted p-values (R <c>p.adjust(P, "fdr")</c>) when the bins control the false
    /// discovery rate; null otherwise.</summary>
    public double[]? PFalseDiscoveryRate { get; init; }
}
