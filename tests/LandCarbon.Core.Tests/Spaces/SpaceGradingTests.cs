using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.Tests.Spaces;

public class SpaceGradingTests
{
    [Fact]
    public void FisherJenks_MatchesBruteForce_OnRandomWeightedSets()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            int m = rng.Next(1, 13), k = rng.Next(1, 5);
            var values = Enumerable.Range(0, m).Select(_ => Math.Round(rng.NextDouble() * 10, 2)).Distinct().Order().ToArray();
            var weights = values.Select(_ => (long)rng.Next(1, 50)).ToArray();
            var starts = FisherJenks.ClassStarts(values, weights, k);
            double Cost(int[] s)
            {
                double total = 0;
                for (int c = 0; c < s.Length; c++)
                {
                    int a = s[c], b = c + 1 < s.Length ? s[c + 1] : values.Length;
                    double w = 0, sum = 0;
                    for (int i = a; i < b; i++) { w += weights[i]; sum += weights[i] * values[i]; }
                    for (int i = a; i < b; i++) total += weights[i] * Math.Pow(values[i] - sum / w, 2);
                }
                return total;
            }
            double best = BruteForce(values.Length, Math.Min(k, values.Length)).Min(Cost);
            Assert.Equal(best, Cost(starts), 1e-9);
        }
    }

    [Fact]
    public void FisherJenks_DivideAndConquer_EqualsQuadraticDynamicProgramme()
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 5; trial++)
        {
            var values = Enumerable.Range(0, 400).Select(_ => Math.Exp(rng.NextDouble() * 6)).Distinct().Order().ToArray();
            var weights = values.Select(_ => (long)rng.Next(1, 1000)).ToArray();
            int m = values.Length, k = 4;
            double Ss(int a, int b)
            {
                double w = 0, sum = 0, ss = 0;
                for (int i = a; i < b; i++) { w += weights[i]; sum += weights[i] * values[i]; }
                for (int i = a; i < b; i++) ss += weights[i] * Math.Pow(values[i] - sum / w, 2);
                return ss;
            }
            var cost = new double[m + 1, m + 1];
            for (int a = 0; a < m; a++) for (int b = a + 1; b <= m; b++) cost[a, b] = Ss(a, b);
            var d = new double[k + 1, m + 1];
            for (int j = 1; j <= m; j++) d[1, j] = cost[0, j];
            for (int c = 2; c <= k; c++)
                for (int j = c; j <= m; j++)
                {
                    d[c, j] = double.PositiveInfinity;
                    for (int i = c - 1; i < j; i++) d[c, j] = Math.Min(d[c, j], d[c - 1, i] + cost[i, j]);
                }
            var starts = FisherJenks.ClassStarts(values, weights, k);
            double got = 0;
            for (int c = 0; c < k; c++) got += cost[starts[c], c + 1 < k ? starts[c + 1] : m];
            Assert.Equal(d[k, m], got, 1e-9 * d[k, m]);
        }
    }

    [Fact]
    public void FisherJenks_HundredThousandDistinctValues_QuartersOfUniformValues()
    {
        var rng = new Random(9);
        var values = Enumerable.Range(0, 100_000).Select(i => i + rng.NextDouble() * 0.5).ToArray();
        var weights = values.Select(_ => 1L).ToArray();
        var t = FisherJenks.Thresholds(values, weights, 4);   // speed is measured in benchmarks, not here
        Assert.Equal(3, t.Length);
        // Uniform values: the optimal 4 classes are the quarters.
        Assert.Equal(25_000, t[0], 200.0);
        Assert.Equal(50_000, t[1], 200.0);
        Assert.Equal(75_000, t[2], 200.0);
    }

    private static IEnumerable<int[]> BruteForce(int m, int k)
    {
        if (k == 1) { yield return [0]; yield break; }
        foreach (var rest in Combinations(Enumerable.Range(1, m - 1).ToArray(), k - 1))
            yield return [0, .. rest];
    }

    private static IEnumerable<int[]> Combinations(int[] items, int r)
    {
        if (r == 0) { yield return []; yield break; }
        for (int i = 0; i <= items.Length - r; i++)
            foreach (var tail in Combinations(items[(i + 1)..], r - 1))
                yield return [items[i], .. tail];
    }

    [Fact]
    public void FisherJenks_FewerValuesThanGrades_EachValueItsOwnGrade()
    {
        var v = WeightedValues.FromRaw([2.0, 2.0, 5.0]);
        var b = SpaceGrading.Compute(v, new GradingOptions());
        Assert.Equal([3.5], b.Thresholds);
        Assert.Equal(2, b.Grades);
        Assert.Equal(1, b.GradeOf(2.0));
        Assert.Equal(2, b.GradeOf(5.0));
    }

    [Fact]
    public void Geometric_And_StandardDeviation_HandDerived()
    {
        var v = WeightedValues.FromRaw([1.0, 2.0, 4.0, 16.0]);
        var g = SpaceGrading.Compute(v, new GradingOptions { Method = GradingMethod.GeometricInterval });
        // ratio (16/1)^(1/4) = 2 → thresholds 2, 4, 8
        Assert.Equal(2, g.Thresholds[0], 12);
        Assert.Equal(4, g.Thresholds[1], 12);
        Assert.Equal(8, g.Thresholds[2], 12);
        Assert.Equal(4, g.GradeOf(16));
        Assert.Equal(2, g.GradeOf(2)); // left-closed
        // mean 23/4 = 5.75; population variance = (4.75² + 3.75² + 1.75² + 10.25²)/4 = 36.1875 → σ = 6.21993569...
        var s = SpaceGrading.Compute(v, new GradingOptions { Method = GradingMethod.StandardDeviation });
        double sd = Math.Sqrt(36.1875);
        Assert.Equal(5.75, s.Thresholds[0], 12);
        Assert.Equal(5.75 + 0.5 * sd, s.Thresholds[1], 12);
        Assert.Equal(5.75 + sd, s.Thresholds[2], 12);
    }

    [Fact]
    public void Histogram_IsExactUnderCap_AndSampledDeterministicallyOverIt()
    {
        ValueHistogram Build(int parts, int cap)
        {
            var hs = Enumerable.Range(0, parts).Select(_ => new ValueHistogram(cap, 50, seed: 3)).ToArray();
            for (long i = 0; i < 1000; i++) hs[(int)(i * 7919 % parts)].Add((i % 37) * 0.5 + (cap < 100 ? i * 1e-6 : 0), i);
            var total = hs[0];
            foreach (var h in hs.Skip(1).Reverse()) total.Merge(h);
            return total;
        }
        var exact = Build(3, 1000).ToWeightedValues();
        Assert.False(exact.Sampled);
        Assert.Equal(37, exact.Count);
        Assert.Equal(1000, exact.Pixels);
        var s1 = Build(1, 10).ToWeightedValues();
        var s5 = Build(5, 10).ToWeightedValues();
        Assert.True(s1.Sampled);
        Assert.Equal(50, s1.Pixels);
        Assert.Equal(1000, s1.PopulationPixels);
        Assert.Equal(s1.Values, s5.Values);
        Assert.Equal(s1.Weights, s5.Weights);
    }
}
