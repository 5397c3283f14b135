using System.Text.Json;

namespace LandCarbon.Cli.Tests.Run;

public class RunCommandTests
{
    private static string TwoYearStudy(string dir, string extra = "")
    {
        File.Copy(TestData.Repo("rasters/clcd_small.tif"), Path.Combine(dir, "a2000.tif"));
        File.Copy(TestData.Repo("rasters/clcd_small.tif"), Path.Combine(dir, "a2024.tif"));
        string study = Path.Combine(dir, "study.yaml");
        File.WriteAllText(study, "region: test\nyears:\n  2000: a2000.tif\n  2024: a2024.tif\naccounting:\n  construction:\n    value: 50\n" + extra);
        return study;
    }

    [Fact]
    public void Run_WritesAManifestWithEveryInputHashed()
    {
        string dir = TestData.TempDir();
        string study = TwoYearStudy(dir);
        var r = CliRunner.Run("run", study, "--out", Path.Combine(dir, "out"));
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "run.json")));
        string text = doc.RootElement.GetRawText();
        // The two rasters are byte-identical, so both carry the same SHA-256 (computed here independently).
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(dir, "a2000.tif"))));
        Assert.Contains(sha, text, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "out", "tables", "budget_by_year.csv")));
    }

    /// <summary>The POI stage, then accounting with F_POI computed from its density rasters, through the real CLI
    /// and GeoTIFF files; run.json is written (a section holding a System.Text.Encoding once made its
    /// serialisation fail after all outputs).</summary>
    [Fact]
    public void Run_WithPoiSection_ComputesTheFactorAndWritesRunJson()
    {
        string dir = TestData.TempDir();
        // Two POIs near the centre of clcd_small.tif (UTM 48N, centre 105.0100 E, 30.7242 N) and one far outside.
        File.WriteAllText(Path.Combine(dir, "pois.csv"), "lon,lat,typecode\n105.0100,30.7242,170300\n105.0104,30.7246,120302\n110.0,35.0,170300\n");
        string study = TwoYearStudy(dir, "  corrections:\n    poi: {}\npoi:\n  file: pois.csv\n  crs: wgs84\n  typecode: typecode\n  radiusM: 500\n");
        var r = CliRunner.Run("run", study, "--out", Path.Combine(dir, "out"));
        Assert.True(r.ExitCode == 0, r.StdErr);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "out", "run.json")));
        string text = doc.RootElement.GetRawText();
        Assert.Contains("dropped outside-grid: 1 (rows 4)", text, StringComparison.Ordinal); // the far POI
        foreach (var f in new[] { "rasters/poi_density_industrial.tif", "rasters/poi_density_residential.tif", "tables/poi_summary.csv", "tables/poi_factor.csv", "rasters/cc_2024.tif" })
            Assert.True(File.Exists(Path.Combine(dir, "out", f)), f);
        var factor = File.ReadAllLines(Path.Combine(dir, "out", "tables", "poi_factor.csv"));
        Assert.StartsWith("year,unit,mode,constructionPixels,pixelsWithoutPoi,minPoiFactor,sectorTotal_industrial", factor[0], StringComparison.Ordinal);
        Assert.Equal(3, factor.Length);
    }
}
