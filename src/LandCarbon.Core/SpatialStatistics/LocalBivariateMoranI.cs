namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// Bivariate LISA (GeoDa "Bivariate Local Moran"; spdep 1.2-7 <c>localmoran_bv</c>): with x and y standardised
/// (R's <c>scale</c>), I_i = x_i · Σ_j w_ij y_j. Inference by conditional permutation: x_i stays, the k neighbour
/// y values are drawn without replacement from the other n − 1 observations (stream (seed, i) per observation).
/// </summary>
public static class LocalBivariateMoranI
{
    /// <summary>Computes the bivariate LISA of <paramref name="x"/> against the lag of <paramref name="y"/>.</summary>
    public static LocalBivariateMoranIResult Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, SpatialWeights weights, LocalMoranIOptions? options = null) =>
        ComputeMany([x.ToArray()], y, weights, options)[0];

    /// <summary>
    /// The bivariate LISA of each of <paramref name="xs"/> against the lag of the same <paramref name="y"/> (e.g. every
    /// POI function's density against ΔCBI): each result is exactly <see cref="Compute"/> of that x, but the
    /// conditional permutations draw each neighbour sample, and sum its y values, once for all of them.
    /// </summary>
    public static IReadOnlyList<LocalBivariateMoranIResult> ComputeMany(IReadOnlyList<double[]> xs, ReadOnlySpan<double> y, SpatialWeights weights, LocalMoranIOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(weights);
        options ??= LocalMoranIOptions.Default;
        var zxs = xs.Select(x => BivariateMoranI.Standardised(x, weights, "x")).ToList();
        var zy = BivariateMoranI.Standardised(y, weights, nameof(y));
        int n = zy.Length;
        var lag = new double[n];
        for (int i = 0; i < n; i++) lag[i] = weights.Lag(i, zy);
        var iis = zxs.Select(zx =>
        {
            var ii = new double[n];
            for (int i = 0; i < n; i++) ii[i] = zx[i] * lag[i];
            return ii;
        }).ToList();
        var pseudo = options.Permutations > 0
            ? ConditionalPermutation.PseudoP([.. zxs.Select((zx, j) => new PermutationTest(zy, iis[j], zx))], weights, weights.RowWeights(), options)
            : null;
        return [.. zxs.Select((zx, j) =>
        {
            var p = pseudo?[j] ?? Enumerable.Repeat(double.NaN, n).ToArray();
            var (cut, clusters) = LocalMoranI.Classify(zx, lag, p, weights, options);
            return new LocalBivariateMoranIResult(n, iis[j], (double[])lag.Clone(), options.Permutations, pseudo?[j], cut, clusters);
        })];
    }
}
