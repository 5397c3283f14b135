using LandCarbon.Core.Numerics;
using LandCarbon.Core.SpatialStatistics;

namespace LandCarbon.Core.Tests.SpatialStatistics;

public class MoranITests
{
    internal static double[] SmoothField(int rows, int cols, long seed, double smoothing)
    {
        var rng = new PermutationRandom(seed, 0);
        var e = new double[rows * cols];
        for (int i = 0; i < e.Length; i++)
        {
            // Box–Muller normal from two uniforms.
            double u1 = (rng.NextUInt64() >> 11) * (1.0 / (1UL << 53)) + 1e-300, u2 = (rng.NextUInt64() >> 11) * (1.0 / (1UL << 53));
            e[i] = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        var v = new double[e.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
            {
                double s = 0;
                for (int dr = -1; dr <= 1; dr++)
                    for (int dc = -1; dc <= 1; dc++)
                    {
                        int rr = Math.Clamp(r + dr, 0, rows - 1), cc = Math.Clamp(c + dc, 0, cols - 1);
                        s += e[rr * cols + cc];
                    }
                v[r * cols + c] = e[r * cols + c] + smoothing * s;
            }
        return v;
    }

    [Fact]
    public void Checkerboard3x3_Rook_IsMinusOne()
    {
        // Hand derivation: with rook neighbours every pair of neighbours has opposite colours, so each z_i z_j < 0.
        // Values 1/0 alternate: x̄ = 5/9, z = 4/9 (five cells) and −5/9 (four cells); Σz² = 5·16/81 + 4·25/81 = 180/81.
        // Binary rook links (ordered): 24; each term z_i z_j = −20/81, so Σ w z z = −480/81, and
        // I = (n/S0)·(−480/81)/(180/81) = (9/24)·(−8/3) = −1.
        double[] g = [1, 0, 1, 0, 1, 0, 1, 0, 1];
        var w = new GridContiguityWeights(3, 3, g, ContiguityRule.Rook, WeightStyle.Binary);
        var r = MoranI.Compute(g, w, new MoranIOptions { Permutations = 0 });
        Assert.Equal(-1.0, r.I, 12);
        Assert.Equal(-1.0 / 8, r.ExpectedI, 15);
    }

    [Fact]
    public void Permutations_AreIdenticalForAnyThreadCount()
    {
        var v = SmoothField(30, 40, 3, 0.3);
        var w = new GridContiguityWeights(40, 30, v, ContiguityRule.Queen, WeightStyle.RowStandardised);
        var a = MoranI.Compute(v, w, new MoranIOptions { Permutations = 199, Seed = 9, MaxDegreeOfParallelism = 1 });
        var b = MoranI.Compute(v, w, new MoranIOptions { Permutations = 199, Seed = 9, MaxDegreeOfParallelism = 4 });
        Assert.Equal(a, b);
        var c = MoranI.Compute(v, w, new MoranIOptions { Permutations = 199, Seed = 10 });
        Assert.NotEqual(a.PermutationMean, c.PermutationMean);
    }

    [Fact]
    public void PermutationDistribution_ConvergesToRandomisationMoments_AndPValue()
    {
        // Independent values so the p-value is in the body of the distribution, where both can be compared.
        var v = SmoothField(50, 50, 12, 0.0);
        var w = new GridContiguityWeights(50, 50, v, ContiguityRule.Queen, WeightStyle.RowStandardised);
        var r = MoranI.Compute(v, w, new MoranIOptions { Permutations = 2999, Seed = 5, Alternative = Alternative.TwoSided });
        double sd = Math.Sqrt(r.VarianceRandomization);
        Assert.InRange(r.PermutationMean!.Value, r.ExpectedI - 4 * sd / Math.Sqrt(2999), r.ExpectedI + 4 * sd / Math.Sqrt(2999));
        Assert.InRange(r.PermutationVariance!.Value / r.VarianceRandomization, 0.9, 1.1);
        Assert.InRange(r.PRandomization, 0.01, 0.99);
        Assert.True(Math.Abs(r.PPermutation!.Value - r.PRandomization) < 0.03, $"perm {r.PPermutation} vs analytic {r.PRandomization}");
    }

    [Fact]
    public void Islands_ChangeNButNotTheMean()
    {
        // A 5×5 grid whose centre is surrounded by nodata: the centre enters the mean, not n.
        var g = SmoothField(5, 5, 2, 0.5);
        foreach (int c in new[] { 6, 7, 8, 11, 13, 16, 17, 18 }) g[c] = double.NaN;
        var w = new GridContiguityWeights(5, 5, g, ContiguityRule.Queen, WeightStyle.RowStandardised);
        var x = w.Compact(g);
        var r = MoranI.Compute(x, w, new MoranIOptions { Permutations = 0 });
        Assert.Equal(1, r.Islands);
        Assert.Equal(x.Length - 1, r.N);
        Assert.Equal(-1.0 / (x.Length - 2), r.ExpectedI, 15);
    }

    [Fact]
    public void Compute_RejectsNaNAndWrongLength()
    {
        double[] g = [1, 2, 3, 4, 5, 6];
        var w = new GridContiguityWeights(3, 2, g, ContiguityRule.Queen, WeightStyle.Binary);
        Assert.Throws<ArgumentException>(() => MoranI.Compute(g.AsSpan(0, 5), w));
        g[2] = double.NaN;
        Assert.Throws<ArgumentException>(() => MoranI.Compute(g, w));
    }
}
