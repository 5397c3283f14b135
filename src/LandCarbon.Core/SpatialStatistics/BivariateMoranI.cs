using LandCarbon.Core.Numerics;

namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// Global bivariate Moran's I as spdep 1.2-7 <c>moran_bv</c> (Anselin, Syabri and Smirnov 2002): x and y are
/// standardised with R's <c>scale</c> (sd with n − 1 denominator), I_xy = Σ x_i·lag(y)_i / Σ x_i². Permutations
/// move the (x, y) pairs together over the locations (spdep's <c>boot(sim = "permutation")</c>); permutation p
/// uses stream (seed, p), so results are identical for any thread count.
/// </summary>
public static class BivariateMoranI
{
    /// <summary>Computes I_xy; <paramref name="x"/> and <paramref name="y"/> have one finite value per observation.</summary>
    public static BivariateMoranIResult Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, SpatialWeights weights, MoranIOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        options ??= MoranIOptions.Default;
        var zx = Standardised(x, weights, nameof(x));
        var zy = Standardised(y, weights, nameof(y));
        double xx = 0;
        foreach (double v in zx) xx += v * v;
        double i0 = Statistic(zx, zy, weights, xx);
        if (options.Permutations <= 0) return new BivariateMoranIResult(zx.Length, i0, 0, null, null, null);
        var perm = new double[options.Permutations];
        var po = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount };
        var lists = new NeighbourLists(weights);
        var rowWeight = weights.RowWeights();
        Parallel.For(0, perm.Length, po, () => (new double[zx.Length], new double[zy.Length]), (p, _, buf) =>
        {
            zx.CopyTo(buf.Item1, 0);
            zy.CopyTo(buf.Item2, 0);
            var rng = new PermutationRandom(options.Seed, p);
            for (int i = zx.Length - 1; i > 0; i--)
            {
                int j = (int)rng.NextBelow((uint)(i + 1));
                (buf.Item1[i], buf.Item1[j]) = (buf.Item1[j], buf.Item1[i]);
                (buf.Item2[i], buf.Item2[j]) = (buf.Item2[j], buf.Item2[i]);
            }
            // Statistic with the neighbour lists: the same lags (RowWeight · NeighbourSum, 0 for an island) in the same order.
            double sum = 0;
            for (int i = 0; i < buf.Item1.Length; i++)
                sum += (lists.IsIsland(i) ? 0 : rowWeight[i] * lists.NeighbourSum(i, buf.Item2)) * buf.Item1[i];
            perm[p] = sum / xx;
            return buf;
        }, _ => { });
        int ge = 0, le = 0;
        double s = 0;
        foreach (double v in perm) { if (v >= i0) ge++; if (v <= i0) le++; s += v; }
        double mean = s / perm.Length, ss = 0;
        foreach (double v in perm) ss += (v - mean) * (v - mean);
        return new BivariateMoranIResult(zx.Length, i0, perm.Length,
            PermutationPValue.ForAlternative(ge, le, perm.Length, options.Alternative), mean,
            perm.Length > 1 ? ss / (perm.Length - 1) : double.NaN);
    }

    private static double Statistic(double[] zx, double[] zy, SpatialWeights w, double xx)
    {
        double s = 0;
        for (int i = 0; i < zx.Length; i++) s += w.Lag(i, zy) * zx[i];
        return s / xx;
    }

    /// <summary>(v − mean) / sd with the n − 1 denominator (R's <c>scale</c>).</summary>
    internal static double[] Standardised(ReadOnlySpan<double> values, SpatialWeights weights, string name)
    {
        var z = MoranI.Centred(values, weights);
        double ss = 0;
        foreach (double v in z) ss += v * v;
        double sd = Math.Sqrt(ss / (z.Length - 1));
        if (!(sd > 0)) throw new ArgumentException($"{name} is constant; it cannot be standardised.", name);
        for (int i = 0; i < z.Length; i++) z[i] /= sd;
        return z;
    }
}
