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

    [Fact]
    public void Run_WritesReportHtmlUnlessTheStudySaysReportFalse()
    {
        string dir = TestData.TempDir();
        string study = TwoYearStudy(dir);
        var r = CliRunner.Run("run", study, "--out", Path.Combine(dir, "out"));
        Assert.True(r.ExitCode == 0, r.StdErr);
        string report = Path.Combine(dir, "out", "report.html");
        Assert.True(File.Exists(report));
        Assert.Contains("report: " + report, r.StdOut, StringComparison.Ordinal);
        Assert.Contains("budget_by_year", File.ReadAllText(report), StringComparison.Ordinal);

        string off = TestData.TempDir();
        var q = CliRunner.Run("run", TwoYearStudy(off, "report: false\n"), "--out", Path.Combine(off, "out"));
        Assert.True(q.ExitCode == 0, q.StdErr);
        Assert.True(File.Exists(Path.Combine(off, "out", "run.json")));
        Assert.False(File.Exists(Path.Combine(off, "out", "report.html")));
    }

    /// <summary>`run run.json` replays only what it recorded: a changed input stops it with exit code 2 naming the
    /// file; --force goes on and the new run.json records which inputs differed.</summary>
    [Fact]
    public void Replay_VerifiesEveryRecordedInputHash()
    {
        string dir = TestData.TempDir();
        string study = TwoYearStudy(dir, "report: false\n");
        string outDir = Path.Combine(dir, "out");
        Assert.Equal(0, CliRunner.Run("run", study, "--out", outDir).ExitCode);
        string manifest = Path.Combine(outDir, "run.json");

        var same = CliRunner.Run("run", manifest);
        Assert.True(same.ExitCode == 0, same.StdErr);
        using (var doc = JsonDocument.Parse(File.ReadAllText(manifest)))
        {
            var replay = doc.RootElement.GetProperty("replay");
            Assert.False(replay.GetProperty("forced").GetBoolean());
            Assert.Equal(0, replay.GetProperty("changedInputs").GetArrayLength());
        }

        // The study file is an input too: a comment line makes it a different file that still runs.
        File.AppendAllText(study, "# edited after the run\n");
        var stopped = CliRunner.Run("run", manifest);
        Assert.Equal(2, stopped.ExitCode);
        Assert.Contains($"{study}: changed since the recorded run (SHA-256 recorded", stopped.StdErr, StringComparison.Ordinal);
        Assert.Contains("--force", stopped.StdErr, StringComparison.Ordinal);

        var forced = CliRunner.Run("run", manifest, "--force");
        Assert.True(forced.ExitCode == 0, forced.StdErr);
        Assert.Contains("warning: --force: " + study + " differs from the recorded run.", forced.StdErr, StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(File.ReadAllText(manifest)))
        {
            var replay = doc.RootElement.GetProperty("replay");
            Assert.True(replay.GetProperty("forced").GetBoolean());
            var c = replay.GetProperty("changedInputs")[0];
            Assert.Equal(study, c.GetProperty("path").GetString());
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(study))),
                c.GetProperty("currentSha256").GetString());
        }
        // The forced replay recorded the new hashes, so replaying it again needs no --force.
        Assert.Equal(0, CliRunner.Run("run", manifest).ExitCode);
    }

    [Fact]
    public void Replay_MissingInputIsNamed()
    {
        string dir = TestData.TempDir();
        string study = TwoYearStudy(dir, "report: false\n");
        string outDir = Path.Combine(dir, "out");
        Assert.Equal(0, CliRunner.Run("run", study, "--out", outDir).ExitCode);
        File.Delete(Path.Combine(dir, "a2000.tif"));
        var r = CliRunner.Run("run", Path.Combine(outDir, "run.json"));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(Path.Combine(dir, "a2000.tif") + ": no longer exists", r.StdErr, StringComparison.Ordinal);
    }
}
