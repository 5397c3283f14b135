using System.Text.Json;
using LandCarbon.Core.Tables;

namespace LandCarbon.Cli.Tests.Risk;

public class RiskGradeCommandTests
{
    private static string Fixture(string name) => TestData.Repo("oracles/gdal-risk/" + name);

    [Fact]
    public void ReferenceRaster_ThresholdsAccuracyAndZones_MatchNumpy()
    {
        string outDir = TestData.TempDir();
        var (code, stdout, stderr) = CliRunner.Run("risk", "grade", Fixture("index.tif"), "--reference", Fixture("observed.tif"),
            "--zones", Fixture("zones_wgs84.geojson"), "--zone-crs", "wgs84", "--out", outDir, "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(2391, doc.RootElement.GetProperty("validUnits").GetInt64());

        var expected = CsvTable.Read(Fixture("expected_accuracy.csv"));
        var actual = CsvTable.Read(Path.Combine(outDir, "tables", "risk_accuracy.csv"));
        Assert.Equal(["method", "forecast", "n", "overallAccuracy", "kappa", "weightedKappa", "hitRate", "falseAlarmRate", "intervals"], actual.Header);
        foreach (var e in expected.Rows)
        {
            string m = expected.Text(e, "method");
            var a = actual.Rows.Single(r => actual.Text(r, "method") == m);
            Assert.Equal(expected.Int(e, "n"), actual.Int(a, "n"));
            // Identical counts give identical ratios; 1e-12 allows for the order of floating-point operations.
            foreach (var col in new[] { "overallAccuracy", "kappa", "hitRate", "falseAlarmRate" })
                Assert.Equal(expected.Double(e, col), actual.Double(a, col), 12);
        }
        // Ranked best first: OA is non-increasing down the table.
        var oa = actual.Rows.Select(r => actual.Double(r, "overallAccuracy")).ToArray();
        Assert.True(oa.Zip(oa.Skip(1)).All(p => p.First >= p.Second));

        var th = CsvTable.Read(Path.Combine(outDir, "tables", "risk_thresholds.csv"));
        foreach (var e in expected.Rows)
        {
            string m = expected.Text(e, "method");
            var rows = th.Rows.Where(r => th.Text(r, "method") == m).ToList();
            Assert.Equal(5, rows.Count);
            for (int k = 1; k <= 4; k++)
                Assert.Equal(expected.Double(e, "break" + k), th.Double(rows[k], "lowerBound"), 10);
        }

        var zones = CsvTable.Read(Path.Combine(outDir, "tables", "zonal_summary.csv"));
        var ez = CsvTable.Read(Fixture("expected_zones.csv"));
        foreach (var e in ez.Rows)
        {
            var z = zones.Rows.Single(r => zones.Text(r, "zoneId") == ez.Text(e, "zoneId"));
            Assert.Equal(ez.Int(e, "validPixels"), zones.Int(z, "validPixels"));
            Assert.Equal(ez.Double(e, "netDeltaTonnesC"), zones.Double(z, "netDeltaTonnesC"), 6);
        }
        Assert.True(File.Exists(Path.Combine(outDir, "tables", "key_monitoring_areas.csv")));
        foreach (var m in new[] { "errorTheory", "parameter", "fluctuation" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, "tables", $"risk_confusion_{m}.csv")));
            // The level raster: UInt8 with a colour table, same grid, levels equal to numpy's digitize.
            using var r = LandCarbon.Core.Raster.GeoTiff.GeoTiffReader.Open(Path.Combine(outDir, "rasters", $"risk_{m}.tif"));
            using var ix = LandCarbon.Core.Raster.GeoTiff.GeoTiffReader.Open(Fixture("index.tif"));
            Assert.Equal(LandCarbon.Core.Raster.RasterDataType.UInt8, r.DataType);
            Assert.NotNull(r.ColorTable);
            Assert.Equal(0, r.NoData);
            Assert.Empty(r.Grid.DifferencesFrom(ix.Grid));
            var levels = new byte[r.Grid.PixelCount];
            var values = new double[r.Grid.PixelCount];
            r.Read<byte>(r.Grid.Extent, levels);
            ix.Read<double>(ix.Grid.Extent, values);
            var e = expected.Rows.Single(x => expected.Text(x, "method") == m);
            var breaks = Enumerable.Range(1, 4).Select(k => expected.Double(e, "break" + k)).ToArray();
            for (int i = 0; i < values.Length; i++)
                Assert.Equal(values[i] == -9999 ? 0 : 1 + breaks.Count(b => values[i] >= b), levels[i]);
        }
    }

    [Fact]
    public void SampleFile_ScoresFiftyUnits()
    {
        string outDir = TestData.TempDir();
        var (code, stdout, stderr) = CliRunner.Run("risk", "grade", Fixture("index.tif"), "--samples", Fixture("samples.csv"), "--out", outDir, "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.All(doc.RootElement.GetProperty("methods").EnumerateArray(), m => Assert.Equal(50, m.GetProperty("n").GetInt64()));
    }

    // Breaks of a method in risk_thresholds.csv (the lower bounds of levels 2…5).
    private static double[] Breaks(string outDir, string method)
    {
        var th = CsvTable.Read(Path.Combine(outDir, "tables", "risk_thresholds.csv"));
        return [.. th.Rows.Where(r => th.Text(r, "method") == method).Skip(1).Select(r => th.Double(r, "lowerBound"))];
    }

    [Fact]
    public void DominantFactor_IsALinearMapOfTheFactor_SoItsErrorTheoryBreaksAre()
    {
        // R = 1 + 2·x of the fixture index: μ_R + kσ_R = 1 + 2(μ + kσ), numpy's breaks mapped by hand.
        string outDir = TestData.TempDir();
        var (code, _, stderr) = CliRunner.Run("risk", "grade", Fixture("index.tif"), "--index", "dominantFactor", "--factors", Fixture("index.tif"),
            "--coefficients", "1,2", "--out", outDir);
        Assert.True(code == 0, stderr);
        var e = CsvTable.Read(Fixture("expected_accuracy.csv"));
        var et = e.Rows.Single(r => e.Text(r, "method") == "errorTheory");
        var got = Breaks(outDir, "errorTheory");
        for (int k = 1; k <= 4; k++) Assert.Equal(1 + 2 * e.Double(et, "break" + k), got[k - 1], 9);
    }

    [Fact]
    public void Composite_OfTheIndexWithItself_IsItsMinMaxNormalisation()
    {
        // Weights 1, 1 on [x, x]: R = (x − min)/(max − min). numpy's equal-interval fluctuation breaks give
        // min = b1 − (b2 − b1) and max − min = 5(b2 − b1); the error-theory breaks map as (b − min)/(max − min).
        string outDir = TestData.TempDir();
        var (code, _, stderr) = CliRunner.Run("risk", "grade", Fixture("index.tif"), "--index", "composite", "--indicators", Fixture("index.tif"),
            "--weights", "1,1", "--out", outDir);
        Assert.True(code == 0, stderr);
        var e = CsvTable.Read(Fixture("expected_accuracy.csv"));
        var fl = e.Rows.Single(r => e.Text(r, "method") == "fluctuation");
        var et = e.Rows.Single(r => e.Text(r, "method") == "errorTheory");
        double step = e.Double(fl, "break2") - e.Double(fl, "break1"), min = e.Double(fl, "break1") - step, range = 5 * step;
        var got = Breaks(outDir, "errorTheory");
        for (int k = 1; k <= 4; k++) Assert.Equal((e.Double(et, "break" + k) - min) / range, got[k - 1], 9);
        var bad = CliRunner.Run("risk", "grade", Fixture("index.tif"), "--index", "composite", "--indicators", Fixture("index.tif"), "--weights", "1", "--out", outDir);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--weights", bad.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInput_ExitsWithCode2AndNamesTheProblem()
    {
        string outDir = TestData.TempDir();
        var r = CliRunner.Run("risk", "grade", Fixture("index.tif"), "--k", "-1,0,1", "--out", outDir);
        Assert.Equal(2, r.ExitCode);
        // The command names its own flag, not the study key behind it.
        Assert.Contains("--k: 3 values; 5 levels need 4", r.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("risk.errorTheory.k", r.StdErr, StringComparison.Ordinal);
        var levels = CliRunner.Run("risk", "grade", Fixture("index.tif"), "--levels", "3", "--out", outDir);
        Assert.Equal(2, levels.ExitCode);
        Assert.Contains("--levels:", levels.StdErr, StringComparison.Ordinal);
        var both = CliRunner.Run("risk", "grade", Fixture("index.tif"), "--reference", Fixture("observed.tif"), "--samples", Fixture("samples.csv"), "--out", outDir);
        Assert.Equal(2, both.ExitCode);
        // One INDEX has no history to measure fluctuation on: an error that names the flag, not a silent fallback.
        var historical = CliRunner.Run("risk", "grade", Fixture("index.tif"), "--fluctuation", "historical", "--out", outDir);
        Assert.Equal(2, historical.ExitCode);
        Assert.Contains("--fluctuation historical", historical.StdErr, StringComparison.Ordinal);
        Assert.Contains("risk.fluctuation.mode", historical.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Fluctuation_TakesTheStudySpellingAndTheShortAlias()
    {
        // The study writes risk.fluctuation.mode: equalInterval; the command takes the same word (and its old alias).
        string a = TestData.TempDir(), b = TestData.TempDir();
        Assert.Equal(0, CliRunner.Run("risk", "grade", Fixture("index.tif"), "--fluctuation", "equalInterval", "--out", a).ExitCode);
        Assert.Equal(0, CliRunner.Run("risk", "grade", Fixture("index.tif"), "--fluctuation", "equal", "--out", b).ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(a, "tables", "risk_thresholds.csv")), File.ReadAllText(Path.Combine(b, "tables", "risk_thresholds.csv")));
    }
}
