namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// The weight sums used by global Moran inference (Cliff and Ord 1981; spdep <c>spweights.constants</c> with
/// adjust.n = TRUE): <see cref="N"/> counts only observations with at least one neighbour,
/// S0 = Σ_i Σ_j w_ij, S1 = ½ Σ_i Σ_j (w_ij + w_ji)², S2 = Σ_i (w_i· + w_·i)².
/// </summary>
/// <param name="N">Observations with at least one neighbour.</param>
/// <param name="Islands">Observations without neighbours.</param>
/// <param name="S0">Sum of all weights.</param>
/// <param name="S1">½ Σ (w_ij + w_ji)².</param>
/// <param name="S2">Σ (row sum + column sum)².</param>
public sealed record SpatialWeightsConstants(int N, int Islands, double S0, double S1, double S2);
