namespace LandCarbon.Core.SpatialStatistics;

/// <summary>Global bivariate Moran's I of x against the spatial lag of y.</summary>
/// <param name="N">Observations.</param>
/// <param name="I">I_xy = Σ_i x_i (Σ_j w_ij y_j) / Σ_i x_i², x and y standardised (sd with n − 1, as R's scale).</param>
/// <param name="Permutations">Permutations run (0 when skipped).</param>
/// <param name="PPermutation">Pseudo p for the alternative, or null.</param>
/// <param name="PermutationMean">Mean of the permuted statistic, or null.</param>
/// <param name="PermutationVariance">Variance (n − 1 denominator) of the permuted statistic, or null.</param>
public sealed record BivariateMoranIResult(int N, double I, int Permutations, double? PPermutation, double? PermutationMean, double? PermutationVariance);
