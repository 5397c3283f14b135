namespace LandCarbon.Core.SpatialStatistics;

/// <summary>Bivariate LISA per observation: x_i against the lag of y (both standardised).</summary>
/// <param name="N">Observations.</param>
/// <param name="Ii">I_i = x_i · Σ_j w_ij y_j.</param>
/// <param name="SpatialLagY">Σ_j w_ij y_j of the standardised y.</param>
/// <param name="Permutations">Conditional permutations per observation (0 when skipped).</param>
/// <param name="PseudoP">Folded pseudo-p, or null without permutations (then every class is NS).</param>
/// <param name="SignificanceCutoff">The p-value cut-off applied.</param>
/// <param name="Cluster">HH/LL/LH/HL of (x_i, lag y_i) where significant.</param>
public sealed record LocalBivariateMoranIResult(int N, double[] Ii, double[] SpatialLagY, int Permutations, double[]? PseudoP,
    double SignificanceCutoff, LisaCluster[] Cluster);
