using System.Globalization;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Risk;
using LandCarbon.Core.Study;

namespace LandCarbon.Cli.Tests.Risk;

/// <summary>`risk grade` and the pipeline's risk stage call one Core entry point (<see cref="RiskWarning.GradeAndWrite"/>):
/// on the same ΔCBI, samples and zones they write byte-identical tables and rasters.</summary>
public class RiskStageParityTests
{
    private static string Fixture(string name) => TestData.Repo("oracles/gdal-risk/" + name);

    [Fact]
    public void StageAndGradeCommand_WriteIdenticalFiles()
    {
        string work = TestData.TempDir();
        GridSpec grid;
        using (var r = GeoTiffReader.Open(Fixture("index.tif"))) grid = r.Grid;
        var rng = new Random(11);
        ChangeYear Year(int y)
        {
            var classes = new byte[grid.PixelCount];
            for (int i = 0; i < classes.Length; i++) classes[i] = (byte)(1 + rng.Next(6));
            var cbi = classes.Select(c => (float)((c == 5 ? 50 : 0.4 - 0.2 * c) * grid.PixelAreaHa)).ToArray();
            string cp = Path.Combine(work, $"class_{y}.tif"), bp = Path.Combine(work, $"cbi_{y}.tif");
            GeoTiffWriter.WriteAll<byte>(cp, grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 0 }, classes);
            GeoTiffWriter.WriteAll<float>(bp, grid, RasterDataType.Float32, new GeoTiffWriteOptions { NoData = double.NaN }, cbi);
            return new ChangeYear(y, cp, BudgetRaster.Cbi(bp));
        }
        var years = new[] { Year(2010), Year(2015) };
        string stage = Path.Combine(work, "stage");
        string StageRaster(string n) { Directory.CreateDirectory(Path.Combine(stage, "rasters")); return Path.Combine(stage, "rasters", n + ".tif"); }
        string StageTable(string n) { Directory.CreateDirectory(Path.Combine(stage, "tables")); return Path.Combine(stage, "tables", n + ".csv"); }
        var change = ChangeAnalysisRunner.Run(years, GeoTiffReader.Open, new ChangeAnalysisOptions { ClassCodeCount = 8 }, new TileOptions(),
            StageRaster, StageTable, c => c.ToString(CultureInfo.InvariantCulture));
        var section = new RiskSection { SamplesFile = Fixture("samples.csv"), ZonesFile = Fixture("zones_wgs84.geojson"), ZoneCrs = "wgs84" };
        RiskAnalysis.FromChange(change, section, 42, GeoTiffReader.Open, new TileOptions(), StageRaster, StageTable, []);

        string cli = Path.Combine(work, "cli");
        var (code, _, stderr) = CliRunner.Run("risk", "grade", StageRaster("delta_cbi_2010_2015"), "--samples", Fixture("samples.csv"),
            "--zones", Fixture("zones_wgs84.geojson"), "--zone-crs", "wgs84", "--out", cli);
        Assert.True(code == 0, stderr);
        string[] tables = ["risk_thresholds", "risk_accuracy", "risk_comparison", "risk_confusion_errorTheory", "risk_confusion_parameter",
            "risk_confusion_fluctuation", "zonal_summary", "key_monitoring_areas"];
        foreach (var t in tables)
            Assert.Equal(File.ReadAllBytes(StageTable(t)), File.ReadAllBytes(Path.Combine(cli, "tables", t + ".csv")));
        foreach (var m in new[] { "errorTheory", "parameter", "fluctuation" })
            Assert.Equal(File.ReadAllBytes(StageRaster("risk_" + m)), File.ReadAllBytes(Path.Combine(cli, "rasters", $"risk_{m}.tif")));
        Assert.Contains("50", File.ReadAllText(StageTable("risk_accuracy")), StringComparison.Ordinal);
    }
}
