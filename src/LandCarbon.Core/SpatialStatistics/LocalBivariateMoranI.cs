namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// Bivariate LISA (GeoDa "Bivariate Local Moran"; spdep 1.2-7 <c>localmoran_bv</c>): with x and y standardised
/// (R's <c>scale</c>), I_i = x_i · Σ_j w_ij y_j. Inference by conditional permutation: x_i stays, the k neighbour
/// y values are drawn without replacement from the other n − 1 observations (stream (seed, i) per observation).
/// </summary>
public static class LocalBivariateMoranI
{
    /// <summary>Computes the bivariate LISA of <paramref name="x"/> against the lag of <paramref name="y"/>.</summary>
    public static LocalBivariateMoranIResult Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, SpatialWeights weights, LocalMoranIOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        options ??= LocalMoranIOptions.Default;
        var zx = BivariateMoranI.Standardised(x, weights, nameof(x));
        var zy = BivariateMoranI.Standardised(y, weights, nameof(y));
        int n = zx.Length;
        var ii = new double[n];
        var lag = new double[n];
        for (int i = 0; i < n; i++) { lag[i] = weights.Lag(i, zy); ii[i] = zx[i] * lag[i]; }
        double[]? pseudo = options.Permutations > 0
            ? ConditionalPermutation.PseudoP(zx, zy, weights, ii, zx, weights.RowWeights(), options)
            : null;
        var p = pseudo ?? Enumerable.Repeat(double.NaN, n).ToArray();
        var (cut, clusters) = LocalMoranI.Classify(zx, lag, p, weights, options);
        return new LocalBivariateMoranIResult(n, ii, lag, options.Permutations, pseudo, cut, clusters);
    }
}
