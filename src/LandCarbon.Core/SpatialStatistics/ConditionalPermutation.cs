using LandCarbon.Core.Numerics;

namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// The conditional permutation engine shared by the local statistics: for each observation i with k neighbours,
/// draw k distinct other observations, sum their <c>pool</c> values, turn the sum into the statistic and count
/// how often it reaches the observed one. Parallel over observations; stream (seed, i) per observation.
/// </summary>
internal static class ConditionalPermutation
{
    /// <summary>Folded pseudo-p per observation (NaN for neighbourless ones).</summary>
    /// <param name="own">The observation's own value (only its length is used for the population).</param>
    /// <param name="pool">Values the neighbours are drawn from (the other n − 1 observations).</param>
    /// <param name="weights">Neighbour counts.</param>
    /// <param name="observed">Observed statistic per observation.</param>
    /// <param name="scale">The statistic of a draw is scale[i] · (rowWeight[i] · sum of the k drawn pool values),
    /// the same expression (and rounding) as the observed statistic.</param>
    /// <param name="rowWeight">Row weights of the observations.</param>
    /// <param name="options">Permutations, seed and threads.</param>
    public static double[] PseudoP(double[] own, double[] pool, SpatialWeights weights, double[] observed,
        double[] scale, double[] rowWeight, LocalMoranIOptions options)
    {
        int n = own.Length, perms = options.Permutations;
        var result = new double[n];
        int maxK = Math.Max(1, weights.MaxNeighbourCount);
        if (maxK > n - 1) throw new ArgumentException("An observation has more neighbours than there are other observations.", nameof(weights));
        System.Threading.Tasks.Parallel.For(0, n, options.Parallel, () => new int[maxK], (i, _, sample) =>
        {
            int k = weights.NeighbourCount(i);
            if (k == 0) { result[i] = double.NaN; return sample; }
            var rng = new PermutationRandom(options.Seed, i);
            var s = sample.AsSpan(0, k);
            double obs = observed[i], a = scale[i], b = rowWeight[i];
            uint population = (uint)(n - 1);
            int atLeast = 0;
            for (int p = 0; p < perms; p++)
            {
                rng.SampleWithoutReplacement(population, s);
                double sum = 0;
                // Indices ≥ i skip observation i itself: the sample is drawn from the n − 1 others (branch-free: the
                // sign bit of i − 1 − j is 1 exactly when j ≥ i).
                for (int t = 0; t < k; t++) { int j = s[t]; sum += pool[j + (int)((uint)(i - 1 - j) >> 31)]; }
                if (a * (b * sum) >= obs) atLeast++;
            }
            result[i] = PermutationPValue.Folded(atLeast, perms);
            return sample;
        }, _ => { });
        return result;
    }
}
