using LandCarbon.Core.Models;
using LandCarbon.Core.Regression;

namespace LandCarbon.Core.Tests.Regression;

public class QuantileRegressionTests
{
    private static readonly QuantileRegressionOptions Fn = new() { Method = QuantileRegressionMethod.FrischNewton, Inference = QuantileInference.None };
    private static readonly QuantileRegressionOptions Br = new() { Inference = QuantileInference.None };

    [Fact]
    public void InterceptOnlyMedianIsTheSampleMedian()
    {
        double[] y = [5, 1, 9, 3, 7];
        var r = QuantileRegression.Fit([], [], y, 0.5, Br);
        Assert.Equal(5, r.Fits[0].Coefficients[0].Estimate, 12);
        Assert.Equal("(Intercept)", r.Terms[0]);
    }

    [Fact]
    public void BothSolversAgreeOnAUniqueSolution()
    {
        var (cols, names, y) = QuantregFixtures.Synthetic(2000, 99);
        foreach (double tau in new[] { 0.1, 0.5, 0.9 })
        {
            var br = QuantileRegression.Fit(cols, names, y, tau, Br).Fits[0].Coefficients;
            var fn = QuantileRegression.Fit(cols, names, y, tau, Fn).Fits[0].Coefficients;
            for (int j = 0; j < br.Count; j++) Assert.Equal(br[j].Estimate, fn[j].Estimate, 4);
        }
    }

    [Fact]
    public void ResultsDoNotDependOnThreadCount()
    {
        var (cols, names, y) = QuantregFixtures.Synthetic(40000, 5);
        var a = QuantileRegression.Fit(cols, names, y, [0.25, 0.75], Fn with { MaxThreads = 1, Inference = QuantileInference.Nid });
        var b = QuantileRegression.Fit(cols, names, y, [0.25, 0.75], Fn with { MaxThreads = 4, Inference = QuantileInference.Nid });
        for (int k = 0; k < 2; k++)
            for (int j = 0; j < 5; j++)
            {
                Assert.Equal(a.Fits[k].Coefficients[j].Estimate, b.Fits[k].Coefficients[j].Estimate);
                Assert.Equal(a.Fits[k].Coefficients[j].StdError, b.Fits[k].Coefficients[j].StdError);
            }
        Assert.Equal(a.SlopeEquality!.Statistic, b.SlopeEquality!.Statistic);
    }

    [Fact]
    public void BootstrapIsReproducibleForASeed()
    {
        var (cols, names, y) = QuantregFixtures.Synthetic(300, 3);
        var o = new QuantileRegressionOptions { Inference = QuantileInference.Boot, BootstrapReplicates = 50, Seed = 11 };
        var a = QuantileRegression.Fit(cols, names, y, 0.5, o).Fits[0].Coefficients[1].StdError;
        var b = QuantileRegression.Fit(cols, names, y, 0.5, o).Fits[0].Coefficients[1].StdError;
        var c = QuantileRegression.Fit(cols, names, y, 0.5, o with { Seed = 12 }).Fits[0].Coefficients[1].StdError;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void NaNRowsAreDroppedAndCounted()
    {
        var (cols, names, y) = QuantregFixtures.Synthetic(500, 1);
        var full = QuantileRegression.Fit(cols, names, y, 0.5, Br);
        var c2 = cols.Select(c => c.Append(double.NaN).ToArray()).ToArray();
        var y2 = y.Append(1.0).Append(double.PositiveInfinity).ToArray();
        c2 = c2.Select(c => c.Append(0.0).ToArray()).ToArray();
        var r = QuantileRegression.Fit(c2, names, y2, 0.5, Br);
        Assert.Equal(2, r.DroppedRows);
        Assert.Equal(500, r.N);
        Assert.Equal(full.Fits[0].Coefficients[1].Estimate, r.Fits[0].Coefficients[1].Estimate);
    }

    [Fact]
    public void CollinearColumnsAreRejectedByName()
    {
        double[] a = [1, 2, 3, 4, 5, 6], b = [2, 4, 6, 8, 10, 12.000000000001], y = [1, 3, 2, 5, 4, 6];
        var e = Assert.Throws<InputException>(() => QuantileRegression.Fit([a, b], ["A", "B"], y, 0.5, Br));
        Assert.Contains("'B' is collinear with '(Intercept)', 'A'", e.Message);
        var c = Assert.Throws<InputException>(() => QuantileRegression.Fit([a, [3, 3, 3, 3, 3, 3]], ["A", "C"], y, 0.5, Br));
        Assert.Contains("'C' is collinear", c.Message);
    }

    [Fact]
    public void TooFewRowsConstantResponseAndBadTauAreRejected()
    {
        var e = Assert.Throws<InputException>(() => QuantileRegression.Fit([[1.0, 2.0]], ["A"], [1.0, 2.0], 0.5, Br));
        Assert.Contains("n > p", e.Message);
        var c = Assert.Throws<InputException>(() => QuantileRegression.Fit([[1.0, 2.0, 3.0, 4.0]], ["A"], [7.0, 7, 7, 7], 0.5, Br));
        Assert.Contains("constant", c.Message);
        var t = Assert.Throws<InputException>(() => QuantileRegression.Fit([[1.0, 2.0, 3.0, 4.0]], ["A"], [1.0, 3, 2, 4], 1.0, Br));
        Assert.Contains("outside (0, 1)", t.Message);
    }

    [Fact]
    public void DefaultInferenceFollowsQuantreg()
    {
        var (cols, names, y) = QuantregFixtures.Synthetic(1500, 2);
        var small = QuantileRegression.Fit(cols.Select(c => c[..1000]).ToArray(), names, y[..1000], 0.5, new QuantileRegressionOptions());
        var large = QuantileRegression.Fit(cols.Select(c => c[..1001]).ToArray(), names, y[..1001], 0.5, new QuantileRegressionOptions());
        Assert.Equal(QuantileInference.Rank, small.Inference);
        Assert.Equal(QuantileInference.Nid, large.Inference);
    }
}
