using LandCarbon.Core.Regression;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Regression;

public class QuantileRegressionTableTests
{
    [Fact]
    public void WritesOneRowPerTauAndTermWithTheDocumentedColumns()
    {
        var (cols, names, y) = QuantregFixtures.Data("engel");
        var r = QuantileRegression.Fit(cols, names, y, [0.9, 0.1, 0.5], new QuantileRegressionOptions { Inference = QuantileInference.Iid });
        string path = Path.Combine(TestData.TempDir(), "quantile_regression.csv");
        QuantileRegressionTable.Write(r, path);
        var t = CsvTable.Read(path);
        Assert.Equal(["tau", "term", "estimate", "stdError", "tValue", "pValue", "ciLower", "ciUpper"], t.Header);
        Assert.Equal(6, t.Rows.Count);
        Assert.Equal("0.1", t.Text(t.Rows[0], "tau"));
        Assert.Equal("(Intercept)", t.Text(t.Rows[0], "term"));
        Assert.Equal("income", t.Text(t.Rows[5], "term"));
        Assert.Equal(r.Fits[2].Coefficients[1].StdError, t.Double(t.Rows[5], "stdError"));
    }

    [Fact]
    public void RankInferenceLeavesStandardErrorsEmpty()
    {
        var (cols, names, y) = QuantregFixtures.Data("engel");
        var r = QuantileRegression.Fit(cols, names, y, 0.5, new QuantileRegressionOptions { Inference = QuantileInference.Rank });
        var text = QuantileRegressionTable.Build(r).ToString().Split('\n');
        Assert.Matches(@"^0\.5,income,[0-9.]+,,,,[0-9.]+,[0-9.]+$", text[2]);
    }
}
