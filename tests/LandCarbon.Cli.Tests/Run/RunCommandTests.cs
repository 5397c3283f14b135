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

    [Fact]
    public void Run_WithPoiSection_StillWritesRunJson()
    {
        // Regression: a section holding a System.Text.Encoding made run.json serialisation fail after all outputs.
        string dir = TestData.TempDir();
        File.WriteAllText(Path.Combine(dir, "pois.csv"), "lon,lat,typecode\n105.0,30.7,170300\n");
        string study = TwoYearStudy(dir, "poi:\n  file: pois.csv\n  crs: wgs84\n");
        var r = CliRunner.Run("run", study, "--out", Path.Combine(dir, "out"));
        Assert.DoesNotContain("Preamble", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("serialization", r.StdErr, StringComparison.Ordinal);
    }
}
