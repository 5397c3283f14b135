using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Risk;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Risk;

public class ThresholdTests
{
    private static double[] StandardNormal(int n, int seed)
    {
        // Box–Muller on a seeded generator: a fixed, reproducible N(0,1) sample.
        var rng = new Random(seed);
        var x = new double[n];
        for (int i = 0; i < n; i += 2)
        {
            double u1 = 1 - rng.NextDouble(), u2 = rng.NextDouble();
            double r = Math.Sqrt(-2 * Math.Log(u1));
            x[i] = r * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < n) x[i + 1] = r * Math.Sin(2 * Math.PI * u2);
        }
        return x;
    }

    private static Dictionary<(string, int), double> NormalShares()
    {
        var t = CsvTable.Read(TestData.Repo("oracles/scipy-risk/normal_level_shares.csv"));
        return t.Rows.ToDictionary(r => (t.Text(r, "scheme"), t.Int(r, "level")), r => t.Double(r, "share"));
    }

    [Theory]
    [InlineData("five")]
    [InlineData("four")]
    public void ErrorTheory_OnStandardNormalSample_GivesNormalShares(string scheme)
    {
        const int n = 1_000_000;
        var x = StandardNormal(n, 7);
        var k = scheme == "five" ? ErrorTheoryThresholds.FiveLevelK : ErrorTheoryThresholds.FourLevelK;
        var th = ErrorTheoryThresholds.Compute(IndexStatistics.FromValues(x), k);
        var counts = new long[th.Levels.Count + 1];
        foreach (double v in x) counts[th.Grade(v)]++;
        var expected = NormalShares();
        Assert.Equal(0, counts[0]);
        for (int level = 1; level <= th.Levels.Count; level++)
        {
            double p = expected[(scheme, level)];
            double share = counts[level] / (double)n;
            // Sampling error of a share is sqrt(p(1−p)/n) ≈ 5e-4 at most; μ and σ are estimated too, so allow 5 SE
            // plus 1e-3 for the estimated breaks.
            double tol = 5 * Math.Sqrt(p * (1 - p) / n) + 1e-3;
            Assert.True(Math.Abs(share - p) < tol, $"level {level}: share {share:P3}, expected {p:P3}");
        }
        if (scheme == "five")
        {
            // The headline numbers to two decimals of a percent (15.87/34.13/34.13/13.59/2.28).
            double[] paper = [15.87, 34.13, 34.13, 13.59, 2.28];
            for (int level = 1; level <= 5; level++)
                Assert.Equal(paper[level - 1], 100.0 * counts[level] / n, 0.3);
        }
    }

    [Fact]
    public void Statistics_DoNotDependOnTileSizeOrThreads()
    {
        var x = StandardNormal(300 * 217, 3);
        for (int i = 0; i < x.Length; i += 13) x[i] = double.NaN;
        var grid = new GridSpec(300, 217, GeoTransform.NorthUp(0, 0, 30), SpatialReference.None);
        var src = new ArrayIndexSource(grid, x);
        var reference = IndexStatistics.FromValues(x);
        foreach (var (tw, th, threads) in new[] { (1, 217, 1), (64, 64, 2), (300, 217, 1), (17, 5, 2) })
        {
            var s = IndexStatistics.Compute(src, IndexTransform.Identity, new TileOptions { TileWidth = tw, TileHeight = th, MaxDegreeOfParallelism = threads });
            Assert.Equal(reference, s);
        }
        Assert.Equal(x.Count(v => !double.IsNaN(v)), reference.Count);
    }

    [Fact]
    public void Statistics_MatchTextbookValues()
    {
        double[] x = [2, 4, 4, 4, 5, 5, 7, 9, double.NaN];
        var s = IndexStatistics.FromValues(x);
        Assert.Equal(8, s.Count);
        Assert.Equal(5, s.Mean, 12);
        Assert.Equal(Math.Sqrt(32.0 / 7), s.StdDev, 12);
        Assert.Equal(2, s.Min);
        Assert.Equal(9, s.Max);
    }

    [Fact]
    public void Grade_ValueOnABreak_BelongsToTheHigherLevel_AndNaNIsNoData()
    {
        var th = RiskThresholds.FromTransformed("t", [1, 2, 3, 4], IndexTransform.Identity, RiskLevels.Five, "");
        Assert.Equal(1, th.Grade(0.999));
        Assert.Equal(2, th.Grade(1));
        Assert.Equal(4, th.Grade(3.5));
        Assert.Equal(5, th.Grade(4));
        Assert.Equal(5, th.Grade(double.PositiveInfinity));
        Assert.Equal(0, th.Grade(double.NaN));
    }

    [Fact]
    public void Parameter_MultipliesTheRegionalMean()
    {
        var s = IndexStatistics.FromValues([1, 2, 3, 6]);
        var th = ParameterThresholds.Compute(s);
        Assert.Equal([1.5, 3, 4.5, 6], th.Breaks);
        var given = ParameterThresholds.Compute(s, ParameterReference.Value, 10, [1, 2]);
        Assert.Equal([10.0, 20.0], given.Breaks);
        Assert.Equal(3, given.Levels.Count);
    }

    [Fact]
    public void Parameter_NonPositiveMean_FallsBackToPositiveMean()
    {
        var s = IndexStatistics.FromValues([-10, -5, 2, 4]);
        var th = ParameterThresholds.Compute(s);
        Assert.Equal([1.5, 3, 4.5, 6], th.Breaks);
        Assert.Contains("positive", th.Rule, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ParameterThresholds.Compute(IndexStatistics.FromValues([-1, -2])));
    }

    [Fact]
    public void Fluctuation_EqualIntervals_CutTheRange()
    {
        var th = FluctuationThresholds.EqualInterval(IndexStatistics.FromValues([0, 10, 3]));
        Assert.Equal([2.0, 4.0, 6.0, 8.0], th.Breaks);
        var h = FluctuationThresholds.Historical(5, 2);
        Assert.Equal([3.0, 5.0, 7.0, 9.0], h.Breaks);
    }

    [Fact]
    public void Transform_BreaksMapBackToTheRawScale_AndGradesAgree()
    {
        var x = StandardNormal(5000, 11).Select(Math.Exp).ToArray();
        foreach (var t in new[] { IndexTransform.SignedLog1p, BoxCox.Fit(x, 0), new IndexTransform(IndexTransformKind.BoxCox, -0.5, 1) })
        {
            var s = IndexStatistics.FromValues(x, t);
            var th = ErrorTheoryThresholds.Compute(s, transform: t);
            for (int i = 0; i < x.Length; i++)
            {
                double z = t.Apply(x[i]);
                int expected = 1 + th.TransformedBreaks.Count(b => z >= b);
                // Floating-point round trips can move a value sitting exactly on a break; none does here.
                Assert.Equal(expected, th.Grade(x[i]));
            }
        }
    }

    [Fact]
    public void Transform_InverseOfUnreachableBreak_IsInfinite()
    {
        var t = new IndexTransform(IndexTransformKind.BoxCox, 0.5, 0);
        // λ = 0.5: T maps (0, ∞) onto (−2, ∞), so −3 lies below its range.
        Assert.Equal(double.NegativeInfinity, t.Inverse(-3));
        var neg = new IndexTransform(IndexTransformKind.BoxCox, -0.5, 0);
        // λ = −0.5: T maps (0, ∞) onto (−∞, 2).
        Assert.Equal(double.PositiveInfinity, neg.Inverse(3));
        Assert.Equal(2.5, t.Inverse(t.Apply(2.5)), 12);
        Assert.Equal(-7.25, IndexTransform.SignedLog1p.Inverse(IndexTransform.SignedLog1p.Apply(-7.25)), 12);
    }

    [Fact]
    public void BoxCox_LambdaMatchesScipy()
    {
        var samples = CsvTable.Read(TestData.Repo("oracles/scipy-risk/boxcox_samples.csv"));
        var lambdas = CsvTable.Read(TestData.Repo("oracles/scipy-risk/boxcox_lambda.csv"));
        foreach (var row in lambdas.Rows)
        {
            string name = lambdas.Text(row, "sample");
            var x = samples.Rows.Where(r => samples.Text(r, "sample") == name).Select(r => samples.Double(r, "value")).ToArray();
            Assert.Equal(lambdas.Int(row, "n"), x.Length);
            var t = BoxCox.Fit(x, 0);
            // scipy's Brent stops at ~1.5e-8 relative; the likelihood is flat near its maximum, so compare λ to 1e-5
            // and the maximised log-likelihood to 1e-8.
            Assert.Equal(lambdas.Double(row, "lambda"), t.Lambda, 5);
            Assert.Equal(lambdas.Double(row, "llf"), BoxCox.LogLikelihood(x, t.Lambda), 8);
        }
    }

    [Fact]
    public void BoxCox_DefaultShift_MakesTheMinimumOne()
    {
        Assert.Equal(0, BoxCox.DefaultShift(0.5));
        Assert.Equal(4, BoxCox.DefaultShift(-3));
        Assert.Throws<ArgumentException>(() => BoxCox.Fit([1, -2, 3], 0));
        Assert.Equal("boxcox(lambda=0.5, shift=1)", new IndexTransform(IndexTransformKind.BoxCox, 0.5, 1).ToString());
    }
}
