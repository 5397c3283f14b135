using System.Text.Json;

namespace LandCarbon.Cli.Tests.Lucc;

public class LuccTransitionsCommandTests
{
    [Fact]
    public void Wuhan_2003To2013_EqualsTheGdalReferenceCellByCell()
    {
        string dir = TestData.Shared("lulc-wuhan-30m");
        var r = CliRunner.Run("lucc", "transitions", Path.Combine(dir, "wh2003_refy.tif"), Path.Combine(dir, "wh2013_refy.tif"), "--json",
            "--area-model", "nominal");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(r.StdOut);
        var root = doc.RootElement;
        var classes = root.GetProperty("classes").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var counts = root.GetProperty("counts").EnumerateArray().Select(row => row.EnumerateArray().Select(e => e.GetInt64()).ToArray()).ToArray();

        // REFERENCE_transition_counts_2003_2013.csv: header from\to,to_1..to_7; rows from = 1..7 (GDAL + numpy).
        var lines = File.ReadAllLines(Path.Combine(dir, "REFERENCE_transition_counts_2003_2013.csv"));
        var toCodes = lines[0].Split(',').Skip(1).Select(h => int.Parse(h["to_".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        long total = 0;
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            int from = int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture);
            for (int k = 0; k < toCodes.Length; k++)
            {
                long expected = long.Parse(f[k + 1], System.Globalization.CultureInfo.InvariantCulture);
                int i = Array.IndexOf(classes, from), j = Array.IndexOf(classes, toCodes[k]);
                long actual = i >= 0 && j >= 0 ? counts[i][j] : 0;
                Assert.True(expected == actual, $"{from}→{toCodes[k]}: reference {expected}, LandCarbon {actual}");
                total += expected;
            }
        }
        Assert.Equal(total, root.GetProperty("pixelsCounted").GetInt64());
        Assert.Equal(2931L * 2931 - total, root.GetProperty("pixelsExcluded").GetInt64());
        // Nominal areas: 30 m pixels → 0.0009 km².
        Assert.Equal(counts[0][0] * 0.0009, root.GetProperty("areaKm2")[0][0].GetDouble(), 9);
    }

    [Fact]
    public void Wuhan_TrueAreas_OfEachCodeEqualTheOracle()
    {
        // 2003 → 2003: every valid pixel stays in its code, so each diagonal area is the code's true area, which the
        // GDAL/numpy oracle gives independently (tests/data/oracles/area/wh2003_refy_utm49n.csv).
        string file = Path.Combine(TestData.Shared("lulc-wuhan-30m"), "wh2003_refy.tif");
        var r = CliRunner.Run("lucc", "transitions", file, file, "--json");
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(r.StdOut);
        var root = doc.RootElement;
        var classes = root.GetProperty("classes").EnumerateArray().Select(e => e.GetInt32()).ToList();
        var areas = root.GetProperty("areaKm2");
        foreach (var line in File.ReadAllLines(TestData.Repo("oracles/area/wh2003_refy_utm49n.csv")).Skip(1).SkipLast(1))
        {
            var f = line.Split(',');
            int i = classes.IndexOf(int.Parse(f[0], System.Globalization.CultureInfo.InvariantCulture));
            double oracleKm2 = double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture) / 1e6;
            Assert.Equal(oracleKm2, areas[i][i].GetDouble(), oracleKm2 * 1e-6);
        }
        Assert.StartsWith("true: transverse Mercator", root.GetProperty("areaModel").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Transitions_AreIdenticalForAnyTileSizeAndThreadCount()
    {
        string dir = TestData.Shared("lulc-wuhan-30m");
        string a = Path.Combine(dir, "wh2005_refy.tif"), b = Path.Combine(dir, "wh2010_refy.tif");
        string reference = CliRunner.Run("lucc", "transitions", a, b, "--json", "--threads", "1", "--tile-size", "2931").StdOut;
        foreach (var (tile, threads) in new[] { ("64", "2"), ("100", "4"), ("0", "0") })
        {
            var r = CliRunner.Run("lucc", "transitions", a, b, "--json", "--threads", threads, "--tile-size", tile);
            Assert.True(r.ExitCode == 0, r.StdErr);
            Assert.Equal(reference, r.StdOut);
        }
    }

    [Fact]
    public void Transitions_WritesLongCsv()
    {
        string dir = TestData.Shared("lulc-wuhan-30m");
        string csv = Path.Combine(TestData.TempDir(), "t.csv");
        var r = CliRunner.Run("lucc", "transitions", Path.Combine(dir, "wh2003_refy.tif"), Path.Combine(dir, "wh2013_refy.tif"), "--out", csv);
        Assert.True(r.ExitCode == 0, r.StdErr);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("from,to,pixels,areaKm2", lines[0]);
        Assert.Contains("3,4,416473,", string.Join('\n', lines), StringComparison.Ordinal);
    }

    [Fact]
    public void Transitions_MissingFile_ExitsTwoNamingIt()
    {
        var r = CliRunner.Run("lucc", "transitions", "no_such_2000.tif", "no_such_2020.tif");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no_such_2000.tif", r.StdErr, StringComparison.Ordinal);
    }
}
