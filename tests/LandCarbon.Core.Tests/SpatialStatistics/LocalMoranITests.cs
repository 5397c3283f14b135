using LandCarbon.Core.Numerics;
using LandCarbon.Core.SpatialStatistics;

namespace LandCarbon.Core.Tests.SpatialStatistics;

public class LocalMoranITests
{
    [Fact]
    public void PseudoP_IsIdenticalForAnyThreadCount()
    {
        var v = MoranITests.SmoothField(40, 50, 1, 0.4);
        var w = new GridContiguityWeights(50, 40, v, ContiguityRule.Queen, WeightStyle.RowStandardised);
        var a = LocalMoranI.Compute(v, w, new LocalMoranIOptions { Permutations = 99, Seed = 4, MaxDegreeOfParallelism = 1 });
        var b = LocalMoranI.Compute(v, w, new LocalMoranIOptions { Permutations = 99, Seed = 4, MaxDegreeOfParallelism = 3 });
        Assert.Equal(a.PseudoP, b.PseudoP);
        Assert.Equal(a.Cluster, b.Cluster);
    }

    [Fact]
    public void PseudoP_ConvergesToTheAnalyticOneSidedP_OnALargeGrid()
    {
        // Normal values: the conditional permutation distribution of I_i is then close to normal with the
        // analytic (conditional randomisation) moments, so the folded pseudo-p ≈ P(Z > |z_i|).
        var v = MoranITests.SmoothField(100, 100, 8, 0.15);
        var w = new GridContiguityWeights(100, 100, v, ContiguityRule.Queen, WeightStyle.RowStandardised);
        var r = LocalMoranI.Compute(v, w, new LocalMoranIOptions { Permutations = 999, Seed = 2 });
        double sumAbs = 0;
        int m = 0;
        for (int i = 0; i < r.N; i++)
        {
            double analytic = NormalTail.Upper(Math.Abs(r.ZI[i]));
            if (analytic < 0.004) continue; // beyond the resolution of 999 permutations
            sumAbs += Math.Abs(r.PseudoP![i] - analytic);
            m++;
        }
        double mad = sumAbs / m;
        Assert.True(mad < 0.015, $"mean |pseudo-p − analytic p| = {mad}");
    }

    [Fact]
    public void Clusters_FollowQuadrantsAndSignificance()
    {
        var v = MoranITests.SmoothField(30, 30, 6, 1.0);
        var w = new GridContiguityWeights(30, 30, v, ContiguityRule.Queen, WeightStyle.RowStandardised);
        var r = LocalMoranI.Compute(v, w, new LocalMoranIOptions { Permutations = 499 });
        var z = v.Select(x => x - r.Mean).ToArray();
        for (int i = 0; i < r.N; i++)
        {
            if (r.PseudoP![i] > 0.05) { Assert.Equal(LisaCluster.NotSignificant, r.Cluster[i]); continue; }
            var expected = (z[i] > 0, r.SpatialLag[i] > 0) switch
            {
                (true, true) => LisaCluster.HighHigh,
                (false, false) => LisaCluster.LowLow,
                (false, true) => LisaCluster.LowHigh,
                _ => LisaCluster.HighLow,
            };
            Assert.Equal(expected, r.Cluster[i]);
        }
        Assert.Contains(LisaCluster.HighHigh, r.Cluster);
        Assert.Contains(LisaCluster.LowLow, r.Cluster);
        var fdr = LocalMoranI.Compute(v, w, new LocalMoranIOptions { Permutations = 499, FalseDiscoveryRate = true });
        Assert.True(fdr.SignificanceCutoff <= 0.05);
        Assert.True(fdr.Cluster.Count(c => c != LisaCluster.NotSignificant) <= r.Cluster.Count(c => c != LisaCluster.NotSignificant));
    }

    [Fact]
    public void FalseDiscoveryRate_IsBenjaminiHochberg()
    {
        // m = 5, α = 0.05: thresholds 0.01, 0.02, 0.03, 0.04, 0.05; p_(3) = 0.03 ≤ 0.03 is the largest that passes.
        Assert.Equal(0.03, FalseDiscoveryRate.Threshold([0.5, 0.001, 0.03, 0.02, double.NaN, 0.045], 0.05 * 5 / 5), 15);
        Assert.Equal(0, FalseDiscoveryRate.Threshold([0.5, 0.6], 0.05));
    }

    [Fact]
    public void Sampling_IsUniformWithoutReplacement()
    {
        var rng = new PermutationRandom(1, 1);
        var counts = new int[10];
        Span<int> s = stackalloc int[3];
        for (int t = 0; t < 30000; t++)
        {
            rng.SampleWithoutReplacement(10, s);
            Assert.True(s[0] != s[1] && s[0] != s[2] && s[1] != s[2]);
            foreach (int j in s) counts[j]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 8500, 9500));
    }

    [Fact]
    public void Neighbourless_HasNaNZAndItsOwnClass()
    {
        var g = MoranITests.SmoothField(5, 5, 2, 0.5);
        foreach (int c in new[] { 6, 7, 8, 11, 13, 16, 17, 18 }) g[c] = double.NaN;
        var w = new GridContiguityWeights(5, 5, g, ContiguityRule.Queen, WeightStyle.RowStandardised);
        var r = LocalMoranI.Compute(w.Compact(g), w, new LocalMoranIOptions { Permutations = 99 });
        int centre = w.IndexOf(2, 2);
        Assert.Equal(0, r.Ii[centre]);
        Assert.True(double.IsNaN(r.ZI[centre]));
        Assert.True(double.IsNaN(r.PseudoP![centre]));
        Assert.Equal(LisaCluster.Neighbourless, r.Cluster[centre]);
    }

    [Fact]
    public void ComputeMany_GivesEachVariableThePseudoPOfOneDrawAtATime()
    {
        // Three variables on the same cells share one set of draws; each must get exactly the pseudo-p of drawing for
        // it alone, written out here as the definition: k distinct others from stream (seed, i), I_i of their sum.
        var w = new GridContiguityWeights(30, 20, MoranITests.SmoothField(20, 30, 1, 0.4), ContiguityRule.Queen, WeightStyle.RowStandardised);
        double[][] variables = [.. new[] { 1, 2, 3 }.Select(s => MoranITests.SmoothField(20, 30, s, 0.3 + s * 0.1))];
        var options = new LocalMoranIOptions { Permutations = 49, Seed = 7, MaxDegreeOfParallelism = 2 };
        var many = LocalMoranI.ComputeMany(variables, w, options);
        for (int v = 0; v < variables.Length; v++)
        {
            var one = LocalMoranI.Compute(variables[v], w, options);
            Assert.Equal(one.PseudoP, many[v].PseudoP);
            Assert.Equal(one.Cluster, many[v].Cluster);
            double mean = variables[v].Average();
            var z = variables[v].Select(x => x - mean).ToArray();
            double m2 = z.Sum(x => x * x) / z.Length;
            Assert.Equal(ReferencePseudoP(z, z, [.. z.Select(x => x / m2)], many[v].Ii, w, options), many[v].PseudoP);
        }
    }

    [Fact]
    public void BivariateComputeMany_EqualsComputeOfEachX()
    {
        var w = new GridContiguityWeights(25, 16, MoranITests.SmoothField(16, 25, 1, 0.4), ContiguityRule.Queen, WeightStyle.RowStandardised);
        var y = MoranITests.SmoothField(16, 25, 9, 0.5);
        double[][] xs = [MoranITests.SmoothField(16, 25, 4, 0.3), MoranITests.SmoothField(16, 25, 5, 0.6)];
        var options = new LocalMoranIOptions { Permutations = 49, Seed = 3 };
        var many = LocalBivariateMoranI.ComputeMany(xs, y, w, options);
        for (int v = 0; v < xs.Length; v++)
        {
            var one = LocalBivariateMoranI.Compute(xs[v], y, w, options);
            Assert.Equal(one.Ii, many[v].Ii);
            Assert.Equal(one.PseudoP, many[v].PseudoP);
            Assert.Equal(one.Cluster, many[v].Cluster);
        }
    }

    /// <summary>Conditional permutation one observation and one draw at a time (the definition the engine keeps).</summary>
    private static double[] ReferencePseudoP(double[] own, double[] pool, double[] scale, double[] observed, GridContiguityWeights w, LocalMoranIOptions o)
    {
        var p = new double[own.Length];
        for (int i = 0; i < own.Length; i++)
        {
            int k = w.NeighbourCount(i);
            if (k == 0) { p[i] = double.NaN; continue; }
            var rng = new PermutationRandom(o.Seed, i);
            var s = new int[k];
            int atLeast = 0;
            for (int t = 0; t < o.Permutations; t++)
            {
                rng.SampleWithoutReplacement((uint)(own.Length - 1), s);
                double sum = 0;
                foreach (int j in s) sum += pool[j < i ? j : j + 1];
                if (scale[i] * (w.RowWeight(i) * sum) >= observed[i]) atLeast++;
            }
            p[i] = PermutationPValue.Folded(atLeast, o.Permutations);
        }
        return p;
    }
}
