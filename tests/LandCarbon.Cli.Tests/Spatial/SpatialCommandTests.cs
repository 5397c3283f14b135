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
}
