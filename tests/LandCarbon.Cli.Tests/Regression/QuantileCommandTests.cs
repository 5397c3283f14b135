using System.Text.Json;

namespace LandCarbon.Cli.Tests.Regression;

public class QuantileCommandTests
{
    private static string Engel => TestData.Repo(Path.Combine("oracles", "quantreg", "engel.csv"));

    [Fact]
    public void JsonHasTheDocumentedShapeAndQuantregValues()
    {
        var r = CliRunner.Run("regress", "quantile", Engel, "--y", "foodexp", "--x", "income", "--tau", "0.25,0.5,0.75",
            "--se", "nid", "--json");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(r.StdOut);
        var root = doc.RootElement;
        Assert.Equal(235, root.GetProperty("n").GetInt32());
        Assert.Equal("br", root.GetProperty("method").GetString());
        Assert.Equal("nid", root.GetProperty("se").GetString());
        var fits = root.GetProperty("fits");
        Assert.Equal(3, fits.GetArrayLength());
        var mid = fits[1];
        Assert.Equal(0.5, mid.GetProperty("tau").GetDouble());
        var c = mid.GetProperty("coefficients");
        Assert.Equal("(Intercept)", c[0].GetProperty("term").GetString());
        // quantreg 5.94: rq(foodexp ~ income, tau = .5) and summary(se = "nid") (tests/data/oracles/quantreg/se.csv)
        Assert.Equal(81.4822474169362, c[0].GetProperty("estimate").GetDouble(), 1e-9);
        Assert.Equal(0.028277209, c[1].GetProperty("stdError").GetDouble(), 1e-8);
        foreach (var key in new[] { "tValue", "pValue", "ciLower", "ciUpper" }) Assert.True(c[1].TryGetProperty(key, out _), key);
        Assert.True(mid.TryGetProperty("pseudoR1", out _));
        var s = root.GetProperty("slopeEquality");
        Assert.Equal(2, s.GetProperty("df1").GetInt32()); // (p − 1)(m − 1)
        foreach (var key in new[] { "statistic", "df2", "pValue" }) Assert.True(s.TryGetProperty(key, out _), key);
    }

    [Fact]
    public void OneTauHasNoSlopeTestAndRankGivesNullStandardErrors()
    {
        var r = CliRunner.Run("regress", "quantile", Engel, "--y", "foodexp", "--x", "income", "--tau", "0.5", "--json");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(r.StdOut);
        Assert.Equal("rank", doc.RootElement.GetProperty("se").GetString());
        Assert.False(doc.RootElement.TryGetProperty("slopeEquality", out _));
        var c = doc.RootElement.GetProperty("fits")[0].GetProperty("coefficients")[1];
        Assert.Equal(JsonValueKind.Null, c.GetProperty("stdError").ValueKind);
        Assert.True(c.GetProperty("ciLower").GetDouble() < c.GetProperty("estimate").GetDouble());
    }

    [Fact]
    public void TableOutputAndInputErrors()
    {
        var ok = CliRunner.Run("regress", "quantile", Engel, "--y", "foodexp", "--x", "income", "--tau", "0.1,0.9", "--se", "iid");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("tau = 0.9", ok.StdOut, StringComparison.Ordinal);
        Assert.Contains("OLS", ok.StdOut, StringComparison.Ordinal);
        var missing = CliRunner.Run("regress", "quantile", Engel, "--y", "foodexp", "--x", "incme");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("no column 'incme'", missing.StdErr, StringComparison.Ordinal);

        string dir = TestData.TempDir();
        string bad = Path.Combine(dir, "bad.csv");
        File.WriteAllText(bad, "y,a\n1,2\n3,x7\n");
        var e = CliRunner.Run("regress", "quantile", bad, "--y", "y", "--x", "a");
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("line 3, column 'a': 'x7' is not a number", e.StdErr, StringComparison.Ordinal);
        var se = CliRunner.Run("regress", "quantile", Engel, "--y", "foodexp", "--x", "income", "--se", "xyz");
        Assert.Equal(2, se.ExitCode);
    }
}
