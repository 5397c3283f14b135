using LandCarbon.Core.Numerics;

namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// Global Moran's I, I = (n/S0) Σ_i Σ_j w_ij z_i z_j / Σ_i z_i² with z = x − x̄, exactly as spdep 1.2-7
/// <c>moran.test</c> (adjust.n = TRUE, zero.policy = TRUE): the mean and Σz² run over all observations, while n,
/// E[I] = −1/(n − 1) and both variances use only the observations that have neighbours. Permutations shuffle all
/// values over the fixed locations; each permutation has its own random stream (seed, permutation index) and only
/// the permuted I values (not the shuffled vectors) are kept, so memory is O(n + permutations) and the result is
/// identical for any thread count.
/// </summary>
public static class MoranI
{
    /// <summary>Computes Moran's I of <paramref name="values"/> (one per observation of <paramref name="weights"/>,
    /// no NaN). Needs at least 4 observations with neighbours (the randomisation variance divides by n − 3).</summary>
    public static MoranIResult Compute(ReadOnlySpan<double> values, SpatialWeights weights, MoranIOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        options ??= MoranIOptions.Default;
        var z = Centred(values, weights);
        var c = weights.Constants();
        if (c.N < 4) throw new ArgumentException($"Moran's I needs at least 4 observations with neighbours, got {c.N}.", nameof(weights));
        double zz = 0, z4 = 0;
        foreach (double v in z) { zz += v * v; z4 += v * v * v * v; }
        double kurtosis = z.Length * z4 / (zz * zz);
        var rowWeights = weights.RowWeights();
        double i0 = Statistic(z, weights, rowWeights, c, zz);

        double n = c.N, s02 = c.S0 * c.S0, nn = n * n;
        double ei = -1.0 / (n - 1);
        double varNormal = (nn * c.S1 - n * c.S2 + 3 * s02) / (s02 * (nn - 1)) - ei * ei;
        double varRand = (n * (c.S1 * (nn - 3 * n + 3) - n * c.S2 + 3 * s02)
                          - kurtosis * (c.S1 * (nn - n) - 2 * n * c.S2 + 6 * s02))
                         / ((n - 1) * (n - 2) * (n - 3) * s02) - ei * ei;
        double zN = (i0 - ei) / Math.Sqrt(varNormal), zR = (i0 - ei) / Math.Sqrt(varRand);

        double? pPerm = null, pMean = null, pVar = null;
        if (options.Permutations > 0)
        {
            var perm = Permute(z, weights, rowWeights, c, zz, options);
            int ge = 0, le = 0;
            double s = 0;
            foreach (double v in perm) { if (v >= i0) ge++; if (v <= i0) le++; s += v; }
            double mean = s / perm.Length, ss = 0;
            foreach (double v in perm) ss += (v - mean) * (v - mean);
            pPerm = PermutationPValue.ForAlternative(ge, le, perm.Length, options.Alternative);
            pMean = mean;
            pVar = perm.Length > 1 ? ss / (perm.Length - 1) : double.NaN;
        }
        return new MoranIResult(c.N, c.Islands, i0, ei, varNormal, varRand, zN, zR,
            NormalTail.PValue(zN, options.Alternative), NormalTail.PValue(zR, options.Alternative), kurtosis,
            options.Alternative, options.Permutations, pPerm, pMean, pVar);
    }

    /// <summary>x − x̄ over all observations; rejects NaN and a length mismatch.</summary>
    internal static double[] Centred(ReadOnlySpan<double> values, SpatialWeights weights)
    {
        if (values.Length != weights.Count)
            throw new ArgumentException($"Expected {weights.Count} values (one per observation), got {values.Length}.", nameof(values));
        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) throw new ArgumentException($"Value {i} is not finite; remove nodata before computing.", nameof(values));
            sum += values[i];
        }
        double mean = sum / values.Length;
        var z = new double[values.Length];
        for (int i = 0; i < z.Length; i++) z[i] = values[i] - mean;
        return z;
    }

    private static double Statistic(ReadOnlySpan<double> z, SpatialWeights w, double[] rowWeights, SpatialWeightsConstants c, double zz)
    {
        double s = 0;
        // rowWeights[i] · NeighbourSum is exactly SpatialWeights.Lag (0 for islands).
        for (int i = 0; i < z.Length; i++) s += z[i] * (rowWeights[i] * w.NeighbourSum(i, z));
        return c.N / c.S0 * (s / zz);
    }

    private static double[] Permute(double[] z, SpatialWeights w, double[] rowWeights, SpatialWeightsConstants c, double zz, MoranIOptions o)
    {
        var result = new double[o.Permutations];
        var po = new ParallelOptions { MaxDegreeOfParallelism = o.MaxDegreeOfParallelism > 0 ? o.MaxDegreeOfParallelism : Environment.ProcessorCount };
        var lists = new NeighbourLists(w);
        Parallel.For(0, o.Permutations, po, () => new double[z.Length], (p, _, buffer) =>
        {
            z.CopyTo(buffer, 0);
            var rng = new PermutationRandom(o.Seed, p);
            for (int i = buffer.Length - 1; i > 0; i--)
            {
                int j = (int)rng.NextBelow((uint)(i + 1));
                (buffer[i], buffer[j]) = (buffer[j], buffer[i]);
            }
            // Statistic with the neighbour lists: the same sums in the same order.
            double sum = 0;
            for (int i = 0; i < buffer.Length; i++) sum += buffer[i] * (rowWeights[i] * lists.NeighbourSum(i, buffer));
            result[p] = c.N / c.S0 * (sum / zz);
            return buffer;
        }, _ => { });
        return result;
    }
}
