namespace LandCarbon.Core.SpatialStatistics;

/// <summary>Global Moran's I with normality, randomisation and permutation inference (spdep moran.test, moran.mc).</summary>
/// <param name="N">Observations with at least one neighbour (spdep adjust.n = TRUE).</param>
/// <param name="Islands">Observations without neighbours (their values still enter the mean).</param>
/// <param name="I">Moran's I.</param>
/// <param name="ExpectedI">E[I] = −1/(N − 1).</param>
/// <param name="VarianceNormal">Var[I] under normality.</param>
/// <param name="VarianceRandomization">Var[I] under randomisation.</param>
/// <param name="ZNormal">(I − E[I]) / √VarianceNormal.</param>
/// <param name="ZRandomization">(I − E[I]) / √VarianceRandomization.</param>
/// <param name="PNormal">p-value of <paramref name="ZNormal"/> for <paramref name="Alternative"/>.</param>
/// <param name="PRandomization">p-value of <paramref name="ZRandomization"/>.</param>
/// <param name="Kurtosis">Sample kurtosis K = n Σz⁴ / (Σz²)² used by the randomisation variance.</param>
/// <param name="Alternative">Alternative hypothesis of the p-values.</param>
/// <param name="Permutations">Permutations run (0 when skipped).</param>
/// <param name="PPermutation">Pseudo p-value (M + 1)/(Permutations + 1), or null without permutations.</param>
/// <param name="PermutationMean">Mean of the permuted I, or null.</param>
/// <param name="PermutationVariance">Variance (n − 1 denominator) of the permuted I, or null.</param>
public sealed record MoranIResult(
    int N, int Islands, double I, double ExpectedI, double VarianceNormal, double VarianceRandomization,
    double ZNormal, double ZRandomization, double PNormal, double PRandomization, double Kurtosis,
    Alternative Alternative, int Permutations, double? PPermutation, double? PermutationMean, double? PermutationVariance);
