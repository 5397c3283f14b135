namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// Local Moran's I (Anselin 1995) as spdep 1.2-7 <c>localmoran</c> with its defaults (conditional = TRUE,
/// mlvar = TRUE): with z = x − x̄, m2 = Σz²/n, W_i = Σ_j w_ij and W2_i = Σ_j w_ij²,
/// I_i = (z_i/m2) Σ_j w_ij z_j, E[I_i] = −z_i² W_i / ((n − 1) m2),
/// Var[I_i] = (z_i/m2)² · n/(n − 2) · (W2_i − W_i²/(n − 1)) · (m2 − z_i²/(n − 1)).
/// The pseudo-p comes from conditional permutation: z_i stays, and its |N(i)| neighbours are replaced by a
/// sample drawn without replacement from the other n − 1 values (Floyd's sparse partial Fisher–Yates, k draws
/// per permutation, not a shuffle of n). Extremes are counted as they are drawn (no n × permutations storage);
/// observation i uses random stream (seed, i), so results are identical for any thread count. spdep's
/// <c>localmoran_perm</c> samples with replacement; GeoDa and esda sample without, as here.
/// </summary>
public static class LocalMoranI
{
    /// <summary>Computes local Moran's I of <paramref name="values"/> (one per observation, no NaN; n ≥ 3).</summary>
    public static LocalMoranIResult Compute(ReadOnlySpan<double> values, SpatialWeights weights, LocalMoranIOptions? options = null) =>
        ComputeMany([values.ToArray()], weights, options)[0];

    /// <summary>
    /// Local Moran's I of several variables on the same observations and weights (e.g. the ΔCBI of every interval on
    /// one fishnet): each result is exactly <see cref="Compute"/> of that variable, but the conditional permutations
    /// draw each neighbour sample once for all of them (<see cref="ConditionalPermutation"/>).
    /// </summary>
    public static IReadOnlyList<LocalMoranIResult> ComputeMany(IReadOnlyList<double[]> variables, SpatialWeights weights, LocalMoranIOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(weights);
        options ??= LocalMoranIOptions.Default;
        var parts = variables.Select(v => Analytic(v, weights, options)).ToList();
        var pseudo = options.Permutations > 0
            ? ConditionalPermutation.PseudoP([.. parts.Select(a => new PermutationTest(a.Z, a.Ii, Array.ConvertAll(a.Z, v => v / a.M2)))],
                weights, weights.RowWeights(), options)
            : null;
        return [.. parts.Select((a, j) =>
        {
            var (cut, clusters) = Classify(a.Z, a.Lag, pseudo?[j] ?? a.P, weights, options);
            return new LocalMoranIResult(a.Z.Length, a.Mean, a.M2, a.Ii, a.E, a.Var, a.Zi, a.P, a.Lag, options.Permutations, pseudo?[j], cut, clusters);
        })];
    }

    /// <summary>What local Moran's I has before the permutations: centred values, moments and the analytic inference.</summary>
    private sealed record AnalyticPart(double[] Z, double Mean, double M2, double[] Ii, double[] E, double[] Var, double[] Zi, double[] P, double[] Lag);

    private static AnalyticPart Analytic(double[] values, SpatialWeights weights, LocalMoranIOptions options)
    {
        var z = MoranI.Centred(values, weights);
        int n = z.Length;
        if (n < 3) throw new ArgumentException("Local Moran's I needs at least 3 observations.", nameof(values));
        double sum = 0, zz = 0;
        foreach (double v in values) sum += v;
        foreach (double v in z) zz += v * v;
        double m2 = zz / n;
        var ii = new double[n];
        var e = new double[n];
        var var = new double[n];
        var zi = new double[n];
        var p = new double[n];
        var lag = new double[n];
        System.Threading.Tasks.Parallel.For(0, n, options.Parallel, i =>
        {
            int k = weights.NeighbourCount(i);
            double w = weights.RowWeight(i), wi = k * w, wi2 = k * w * w;
            lag[i] = weights.Lag(i, z);
            ii[i] = z[i] / m2 * lag[i];
            e[i] = -(z[i] * z[i] * wi) / ((n - 1) * m2);
            var[i] = z[i] / m2 * (z[i] / m2) * (n / (n - 2.0)) * (wi2 - wi * wi / (n - 1)) * (m2 - z[i] * z[i] / (n - 1));
            zi[i] = (ii[i] - e[i]) / Math.Sqrt(var[i]);
            p[i] = NormalTail.PValue(zi[i], Alternative.TwoSided);
        });
        return new AnalyticPart(z, sum / n, m2, ii, e, var, zi, p, lag);
    }

    /// <summary>Quadrant of (own, lag) where p ≤ the (optionally FDR) cut-off; neighbourless cells apart.</summary>
    internal static (double Cutoff, LisaCluster[] Clusters) Classify(
        ReadOnlySpan<double> own, ReadOnlySpan<double> lag, double[] p, SpatialWeights w, LocalMoranIOptions o)
    {
        double cut = o.FalseDiscoveryRate ? FalseDiscoveryRate.Threshold(p, o.SignificanceLevel) : o.SignificanceLevel;
        var cl = new LisaCluster[own.Length];
        for (int i = 0; i < cl.Length; i++)
        {
            if (w.NeighbourCount(i) == 0) { cl[i] = LisaCluster.Neighbourless; continue; }
            if (!(p[i] <= cut) || (o.FalseDiscoveryRate && cut == 0)) continue;
            bool high = own[i] > 0, highLag = lag[i] > 0;
            cl[i] = (high, highLag) switch
            {
                (true, true) => LisaCluster.HighHigh,
                (false, false) => LisaCluster.LowLow,
                (false, true) => LisaCluster.LowHigh,
                _ => LisaCluster.HighLow,
            };
        }
        return (cut, cl);
    }
}
