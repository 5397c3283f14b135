using LandCarbon.Core.Numerics;

namespace LandCarbon.Core.SpatialStatistics;

/// <summary>One local statistic tested by <see cref="ConditionalPermutation"/>.</summary>
/// <param name="Pool">Values the neighbours are drawn from (the other n − 1 observations). Tests may share one pool
/// (the same array): the sums of its draws are then formed once for all of them.</param>
/// <param name="Observed">Observed statistic per observation.</param>
/// <param name="Scale">The statistic of a draw is Scale[i] · (rowWeight[i] · sum of the k drawn pool values), the same
/// expression (and rounding) as the observed statistic.</param>
internal readonly record struct PermutationTest(double[] Pool, double[] Observed, double[] Scale);

/// <summary>
/// The conditional permutation engine shared by the local statistics: for each observation i with k neighbours,
/// draw k distinct other observations, sum their pool values, turn the sum into the statistic and count how often it
/// reaches the observed one. Parallel over observations; stream (seed, i) per observation. The draws depend only on
/// the weights, the seed and the permutation count, never on the values, so several statistics on the same
/// observations (every interval's LISA on one fishnet, the bivariate LISA of every POI function) are tested with one
/// set of draws: each test's counts are exactly those of testing it alone, and the draws (most of the work) are made
/// once instead of once per test.
/// </summary>
internal static class ConditionalPermutation
{
    /// <summary>Folded pseudo-p per test and observation (NaN for neighbourless observations).</summary>
    /// <param name="tests">The statistics to test, all on the observations of <paramref name="weights"/>.</param>
    /// <param name="weights">Neighbour counts.</param>
    /// <param name="rowWeight">Row weights of the observations.</param>
    /// <param name="options">Permutations, seed and threads.</param>
    public static double[][] PseudoP(IReadOnlyList<PermutationTest> tests, SpatialWeights weights, double[] rowWeight, LocalMoranIOptions options)
    {
        ArgumentNullException.ThrowIfNull(tests);
        int n = weights.Count, perms = options.Permutations, m = tests.Count;
        var results = new double[m][];
        for (int r = 0; r < m; r++) results[r] = new double[n];
        // Distinct pools by reference; poolOf[r] is test r's.
        var pools = new List<double[]>();
        var poolOf = new int[m];
        for (int r = 0; r < m; r++)
        {
            int q = pools.FindIndex(p => ReferenceEquals(p, tests[r].Pool));
            if (q < 0) { q = pools.Count; pools.Add(tests[r].Pool); }
            poolOf[r] = q;
        }
        int maxK = Math.Max(1, weights.MaxNeighbourCount);
        if (maxK > n - 1) throw new ArgumentException("An observation has more neighbours than there are other observations.", nameof(weights));
        System.Threading.Tasks.Parallel.For(0, n, options.Parallel, () => new Scratch(maxK, pools.Count, m), (i, _, sc) =>
        {
            int k = weights.NeighbourCount(i);
            if (k == 0)
            {
                foreach (var res in results) res[i] = double.NaN;
                return sc;
            }
            var rng = new PermutationRandom(options.Seed, i);
            var s = sc.Sample.AsSpan(0, k);
            var sums = sc.Sums;
            var atLeast = sc.AtLeast;
            Array.Clear(atLeast);
            for (int r = 0; r < m; r++)
            {
                sc.Observed[r] = tests[r].Observed[i];
                sc.Scale[r] = tests[r].Scale[i];
            }
            double b = rowWeight[i];
            uint population = (uint)(n - 1);
            for (int p = 0; p < perms; p++)
            {
                rng.SampleWithoutReplacement(population, s);
                // Indices ≥ i skip observation i itself: the sample is drawn from the n − 1 others (branch-free: the
                // sign bit of i − 1 − j is 1 exactly when j ≥ i).
                for (int t = 0; t < k; t++) s[t] += (int)((uint)(i - 1 - s[t]) >> 31);
                for (int q = 0; q < sums.Length; q++)
                {
                    var pool = pools[q];
                    double sum = 0;
                    for (int t = 0; t < k; t++) sum += pool[s[t]];
                    sums[q] = sum;
                }
                for (int r = 0; r < m; r++)
                    if (sc.Scale[r] * (b * sums[poolOf[r]]) >= sc.Observed[r]) atLeast[r]++;
            }
            for (int r = 0; r < m; r++) results[r][i] = PermutationPValue.Folded(atLeast[r], perms);
            return sc;
        }, _ => { });
        return results;
    }

    /// <summary>The per-thread buffers of <see cref="PseudoP"/>.</summary>
    private sealed class Scratch(int maxK, int pools, int tests)
    {
        public int[] Sample { get; } = new int[maxK];
        public double[] Sums { get; } = new double[pools];
        public int[] AtLeast { get; } = new int[tests];
        public double[] Observed { get; } = new double[tests];
        public double[] Scale { get; } = new double[tests];
    }
}
