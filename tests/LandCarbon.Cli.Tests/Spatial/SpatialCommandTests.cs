using System.Globalization;
using System.Text.Json;
using LandCarbon.Core.Tables;

namespace LandCarbon.Cli.Tests.Spatial;

/// <summary>`landcarbon spatial …` on holes.tif (the spdep fixture grid with nodata holes and islands).</summary>
public class SpatialCommandTests
{
    private static string Holes => TestData.Repo("oracles/spdep/holes.tif");

    private static double Expected(string weights, string style, string column)
    {
        var t = CsvTable.Read(TestData.Repo("oracles/spdep/global_moran.csv"));
        var row = t.Rows.Single(r => t.Text(r, "case") == "holes" && t.Text(r, "weights") == weights && t.Text(r, "style") == style);
        return double.Parse(t.Text(row, column), CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData("queen", "W")]
    [InlineData("rook", "B")]
    public void Moran_Json_HasTheContractKeys_AndMatchesSpdep(string weights, string style)
    {
        var (code, stdout, stderr) = CliRunner.Run("spatial", "moran", Holes, "--weights", weights, "--style", style,
            "--permutations", "99", "--seed", "3", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(["n", "I", "expectedI", "varianceNormal", "varianceRandomization", "zNormal", "zRandomization",
            "pNormal", "pRandomization", "pPermutation"], root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal((int)Expected(weights, style, "n"), root.GetProperty("n").GetInt32());
        foreach (var key in new[] { "I", "expectedI", "varianceNormal", "varianceRandomization", "zNormal", "zRandomization" })
        {
            double e = Expected(weights, style, key), a = root.GetProperty(key).GetDouble();
            Assert.True(Math.Abs(a - e) <= 1e-8 * Math.Max(1, Math.Abs(e)), $"{key}: {a} vs spdep {e}");
        }
        Assert.Equal(0.01, root.GetProperty("pPermutation").GetDouble(), 12);
    }

    [Fact]
    public void Moran_UnknownWeights_IsBadInput()
    {
        var (code, _, stderr) = CliRunner.Run("spatial", "moran", Holes, "--weights", "bishop");
        Assert.Equal(2, code);
        Assert.Contains("queen or rook", stderr, StringComparison.Ordinal);
    }

    private static Dictionary<(int, int), Dictionary<string, string>> Csv(string path, Func<Dictionary<string, string>, bool>? filter = null)
    {
        var t = CsvTable.Read(path);
        return t.Rows.Select(r => t.Header.Select((h, i) => (h, t.Text(r, i))).ToDictionary(x => x.h, x => x.Item2))
            .Where(d => filter is null || filter(d))
            .ToDictionary(d => (int.Parse(d["row"], CultureInfo.InvariantCulture), int.Parse(d["col"], CultureInfo.InvariantCulture)));
    }

    private static double D(string s) => s is "" or "NA" ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Lisa_WritesRastersAndCsv_MatchingSpdepLocalmoran()
    {
        string dir = TestData.TempDir();
        var (code, stdout, stderr) = CliRunner.Run("spatial", "lisa", Holes, "--out", dir, "--permutations", "99", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(153, doc.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("clusters").GetProperty("neighbourless").GetInt32());
        foreach (var f in new[] { "lisa_ii.tif", "lisa_z.tif", "lisa_p.tif", "lisa_cluster.tif" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        var ours = Csv(Path.Combine(dir, "lisa.csv"));
        var spdep = Csv(TestData.Repo("oracles/spdep/localmoran.csv"), d => d["case"] == "holes" && d["weights"] == "queen" && d["style"] == "W");
        Assert.Equal(spdep.Count, ours.Count);
        foreach (var (key, e) in spdep)
            foreach (var col in new[] { "Ii", "E", "Var", "Z" })
            {
                double a = D(ours[key][col]), b = D(e[col]);
                Assert.True(double.IsNaN(b) ? double.IsNaN(a) : Math.Abs(a - b) <= 1e-8 * Math.Max(1, Math.Abs(b)), $"{key} {col}: {a} vs {b}");
            }
    }

    [Fact]
    public void GiStar_WritesRastersAndCsv_MatchingSpdepLocalG()
    {
        string dir = TestData.TempDir();
        var (code, _, stderr) = CliRunner.Run("spatial", "gistar", Holes, "--out", dir);
        Assert.True(code == 0, stderr);
        foreach (var f in new[] { "gistar_z.tif", "gistar_p.tif", "gistar_bin.tif" })
            Assert.True(File.Exists(Path.Combine(dir, f)), f);
        var ours = Csv(Path.Combine(dir, "gistar.csv"));
        var spdep = Csv(TestData.Repo("oracles/spdep/localG.csv"), d => d["case"] == "holes" && d["weights"] == "queen" && d["style"] == "B");
        foreach (var (key, e) in spdep)
        {
            double a = D(ours[key]["z"]), b = D(e["Gstar"]);
            Assert.True(Math.Abs(a - b) <= 1e-8 * Math.Max(1, Math.Abs(b)), $"{key}: {a} vs {b}");
        }
    }
}
