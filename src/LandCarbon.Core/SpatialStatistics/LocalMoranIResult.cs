namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// Local Moran's I per observation (arrays indexed like the weights' observations). Neighbourless observations
/// have I = E = Var = 0, Z and p NaN and cluster <see cref="LisaCluster.Neighbourless"/>, as spdep.
/// </summary>
/// <param name="N">Observations (islands included, as spdep localmoran).</param>
/// <param name="Mean">Mean of the values.</param>
/// <param name="M2">Σz²/n, the variance used to scale I_i.</param>
/// <param name="Ii">Local Moran I_i = (z_i / m2) Σ_j w_ij z_j.</param>
/// <param name="ExpectedI">E[I_i] under conditional randomisation.</param>
/// <param name="VarianceI">Var[I_i] under conditional randomisation.</param>
/// <param name="ZI">(I_i − E) / √Var.</param>
/// <param name="PNormal">Two-sided normal p-value of Z.</param>
/// <param name="SpatialLag">Σ_j w_ij z_j (the lag of the centred values), which sets the quadrant.</param>
/// <param name="Permutations">Conditional permutations per observation (0 when skipped).</param>
/// <param name="PseudoP">Folded pseudo-p (min(M, N − M) + 1)/(N + 1), or null without permutations.</param>
/// <param name="SignificanceCutoff">The p-value cut-off applied (α, or the FDR threshold).</param>
/// <param name="Cluster">HH/LL/LH/HL where p ≤ cut-off (pseudo-p, or normal p without permutations), else NS.</param>
public sealed record LocalMoranIResult(
    int N, double Mean, double M2, double[] Ii, double[] ExpectedI, double[] VarianceI, double[] ZI, double[] PNormal,
    double[] SpatialLag, int Permutations, double[]? PseudoP, double SignificanceCutoff, LisaCluster[] Cluster);
