using LandCarbon.Core.Regression;
using static LandCarbon.Core.Tests.Regression.QuantregFixtures;

namespace LandCarbon.Core.Tests.Regression;

/// <summary>Agreement with R quantreg 5.94 (fixtures made by tests/data/oracles/quantreg/make_fixtures.R).</summary>
public class QuantileRegressionOracleTests
{
    private static QuantileRegressionMethod Method(string m) =>
        m == "br" ? QuantileRegressionMethod.BarrodaleRoberts : QuantileRegressionMethod.FrischNewton;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<QuantileRegressionResult>> Cache = new();

    /// <summary>Fits are shared between tests (the n = 10⁵ set is fitted once per inference).</summary>
    private static QuantileRegressionResult FitSet(string dataset, string method, double[] taus, QuantileInference inference)
    {
        string key = $"{dataset}|{method}|{string.Join(";", taus)}|{inference}";
        return Cache.GetOrAdd(key, _ => new Lazy<QuantileRegressionResult>(() =>
        {
            var (cols, names, y) = Data(dataset);
            return QuantileRegression.Fit(cols, names, y, taus,
                new QuantileRegressionOptions { Method = Method(method), Inference = inference });
        })).Value;
    }

    private static double[] Taus(List<Dictionary<string, string>> rows) => rows.Select(r => r.D("tau")).Distinct().ToArray();

    [Fact]
    public void SyntheticGeneratorMatchesR()
    {
        var checks = Read("synthetic_check.csv").Where(r => r["dataset"] != "engel").ToList();
        Assert.NotEmpty(checks);
        foreach (var row in checks)
        {
            var (_, _, y) = Data(row["dataset"]);
            Assert.Equal(row.D("y1"), y[0]);
            Assert.Equal(row.D("ylast"), y[^1]);
            Close(row.D("sum_y"), y.Sum(), 1e-12, "sum of y");
        }
    }

    [Theory]
    [InlineData("engel", "br")]
    [InlineData("engel", "fn")]
    [InlineData("syn1e4", "br")]
    [InlineData("syn1e4", "fn")]
    [InlineData("syn1e5", "fn")]
    public void CoefficientsAndPseudoR1MatchQuantreg(string dataset, string method)
    {
        var rows = Read("coefficients.csv").Where(r => r["dataset"] == dataset && r["method"] == method).ToList();
        Assert.NotEmpty(rows);
        // coefficients do not depend on the inference: reuse the nid fit that the other tests need anyway
        var fit = FitSet(dataset, method, Taus(rows), dataset == "syn1e5" ? QuantileInference.Nid : QuantileInference.None);
        foreach (var row in rows)
        {
            var f = fit.Fits.Single(x => x.Tau == row.D("tau"));
            var c = f.Coefficients.Single(x => x.Term == row["term"]);
            Close(row.D("estimate"), c.Estimate, 1e-6, $"{dataset} {method} tau={row["tau"]} {row["term"]}");
        }
        var r1 = Read("pseudo_r1.csv").Where(r => r["dataset"] == dataset && r["method"] == method).ToList();
        Assert.Equal(Taus(rows).Length, r1.Count);
        foreach (var row in r1)
            Close(row.D("pseudoR1"), fit.Fits.Single(x => x.Tau == row.D("tau")).PseudoR1, 1e-6, $"{dataset} R1 tau={row["tau"]}");
    }

    /// <summary>
    /// pfn solves the same linear program as fn (quantreg's rq.fit.pfn is exact up to the fn gap), so its
    /// coefficients must equal R's fn coefficients; n = 10⁵ makes the subsample (m = round(√p·n^(2/3))) smaller than
    /// n, so the preprocessing really runs. R's own pfn cannot be replayed (R's RNG draws its subsample).
    /// </summary>
    [Theory]
    [InlineData("syn1e5", 1)]
    [InlineData("syn1e5", 12345)]
    public void PortnoyKoenkerPreprocessingGivesQuantregsFnSolution(string dataset, int seed)
    {
        var rows = Read("coefficients.csv").Where(r => r["dataset"] == dataset && r["method"] == "fn").ToList();
        Assert.NotEmpty(rows);
        var (cols, names, y) = Data(dataset);
        Assert.True(Math.Sqrt(names.Length + 1) * Math.Pow(y.Length, 2.0 / 3.0) < y.Length, "the subsample is smaller than n");
        var fit = QuantileRegression.Fit(cols, names, y, Taus(rows), new QuantileRegressionOptions
        {
            Method = QuantileRegressionMethod.PortnoyKoenker, Inference = QuantileInference.None, Seed = seed,
        });
        foreach (var row in rows)
        {
            var c = fit.Fits.Single(x => x.Tau == row.D("tau")).Coefficients.Single(x => x.Term == row["term"]);
            Close(row.D("estimate"), c.Estimate, 1e-6, $"pfn seed {seed} {dataset} tau={row["tau"]} {row["term"]}");
        }
    }

    [Theory]
    [InlineData("engel", "br", "iid")]
    [InlineData("engel", "br", "nid")]
    [InlineData("engel", "br", "ker")]
    [InlineData("engel", "fn", "nid")]
    [InlineData("syn1e4", "br", "iid")]
    [InlineData("syn1e4", "br", "nid")]
    [InlineData("syn1e4", "br", "ker")]
    [InlineData("syn1e4", "fn", "iid")]
    [InlineData("syn1e5", "fn", "iid")]
    [InlineData("syn1e5", "fn", "nid")]
    [InlineData("syn1e5", "fn", "ker")]
    public void StandardErrorsMatchSummaryRq(string dataset, string method, string se)
    {
        var rows = Read("se.csv").Where(r => r["dataset"] == dataset && r["method"] == method && r["se"] == se).ToList();
        Assert.NotEmpty(rows);
        var inference = Enum.Parse<QuantileInference>(se, ignoreCase: true);
        var fit = FitSet(dataset, method, Taus(rows), inference);
        foreach (var row in rows)
        {
            var c = fit.Fits.Single(x => x.Tau == row.D("tau")).Coefficients.Single(x => x.Term == row["term"]);
            string what = $"{dataset} {method} {se} tau={row["tau"]} {row["term"]}";
            Close(row.D("stdError"), c.StdError, 1e-4, what + " se");
            Close(row.D("tValue"), c.TValue, 1e-4, what + " t");
            Assert.True(Math.Abs(row.D("pValue") - c.PValue) <= 1e-4, $"{what} p: {row["pValue"]} vs {c.PValue}");
        }
    }

    [Theory]
    [InlineData("engel", true)]
    [InlineData("engel", false)]
    [InlineData("syn1e4", true)]
    public void RankIntervalsMatchQuantreg(string dataset, bool iid)
    {
        var rows = Read("rank.csv").Where(r => r["dataset"] == dataset && bool.Parse(r["iid"]) == iid).ToList();
        Assert.NotEmpty(rows);
        var (cols, names, y) = Data(dataset);
        foreach (double tau in Taus(rows))
        {
            var fit = QuantileRegression.Fit(cols, names, y, tau, new QuantileRegressionOptions
            {
                Inference = QuantileInference.Rank, RankIid = iid, ConfidenceLevel = 0.95,
            });
            foreach (var row in rows.Where(r => r.D("tau") == tau))
            {
                var c = fit.Fits[0].Coefficients.Single(x => x.Term == row["term"]);
                string what = $"{dataset} iid={iid} tau={tau} {row["term"]}";
                Close(row.D("estimate"), c.Estimate, 1e-6, what + " estimate");
                Close(row.D("lower"), c.CiLower, 1e-4, what + " lower");
                Close(row.D("upper"), c.CiUpper, 1e-4, what + " upper");
            }
        }
    }

    [Theory]
    [InlineData("engel", "br")]
    [InlineData("engel", "fn")]
    [InlineData("syn1e4", "br")]
    [InlineData("syn1e5", "fn")]
    public void SlopeEqualityMatchesAnovaRq(string dataset, string method)
    {
        var row = Read("anova.csv").Single(r => r["dataset"] == dataset && r["method"] == method);
        var taus = Read("coefficients.csv").Where(r => r["dataset"] == dataset && r["method"] == method).Select(r => r.D("tau")).Distinct().ToArray();
        var fit = FitSet(dataset, method, taus, QuantileInference.Nid);
        var t = fit.SlopeEquality!;
        Close(row.D("statistic"), t.Statistic, 1e-4, $"{dataset} {method} slope-equality F");
        Assert.Equal((int)row.D("df1"), t.Df1);
        Assert.Equal((int)row.D("df2"), t.Df2);
        Assert.True(Math.Abs(row.D("pValue") - t.PValue) <= 1e-4);
    }

    [Theory]
    [InlineData("engel")]
    [InlineData("syn1e4")]
    public void OlsMatchesLm(string dataset)
    {
        var fit = FitSet(dataset, "br", [0.5], QuantileInference.None);
        var ols = Read("ols.csv").Where(r => r["dataset"] == dataset).ToList();
        Assert.Equal(fit.Ols.Coefficients.Count, ols.Count);
        foreach (var row in ols)
        {
            var c = fit.Ols.Coefficients.Single(x => x.Term == row["term"]);
            Close(row.D("estimate"), c.Estimate, 1e-8, $"OLS {row["term"]}");
            Close(row.D("stdError"), c.StdError, 1e-8, $"OLS se {row["term"]}");
        }
    }

    [Fact]
    public void BootstrapStandardErrorsAgreeInDistribution()
    {
        // R's RNG cannot be reproduced: compare the xy-bootstrap SEs (R = 2000 on both sides) within 15 %.
        var rows = Read("boot.csv");
        Assert.NotEmpty(rows);
        var (cols, names, y) = Data("engel");
        foreach (double tau in Taus(rows))
        {
            var fit = QuantileRegression.Fit(cols, names, y, tau, new QuantileRegressionOptions
            {
                Inference = QuantileInference.Boot, BootstrapReplicates = 2000, Seed = 7,
            });
            foreach (var row in rows.Where(r => r.D("tau") == tau))
            {
                var c = fit.Fits[0].Coefficients.Single(x => x.Term == row["term"]);
                Close(row.D("stdError"), c.StdError, 0.15, $"boot tau={tau} {row["term"]}");
            }
        }
    }
}
