using System.Globalization;
using System.Text;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Risk;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Risk;

/// <summary>
/// The whole early warning on real data: the Wuhan 30 m land use of 2003, 2005, 2010, 2013
/// (../shared/data/lulc-wuhan-30m) → CBI with the coefficients of tests/data/cases/change/wuhan_classes.csv → the
/// change analysis → temporal hold-out (thresholds from 2003–2005 and 2005–2010, validated on 2010–2013) with
/// zonal summaries over a 3 × 3 partition of the grid (Wuhan has no district polygons in the shared data).
/// </summary>
public class WuhanRiskTests(ITestOutputHelper output)
{
    private static readonly int[] Years = [2003, 2005, 2010, 2013];

    [Fact]
    public void Hindcast_OnWuhan_ProducesAllTablesWithOneSharedReference()
    {
        string dir = Path.GetDirectoryName(TestData.Shared("lulc-wuhan-30m/wh2003_refy.tif"))!;
        var coef = File.ReadAllLines(TestData.Repo("cases/change/wuhan_classes.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => double.Parse(p[3], CultureInfo.InvariantCulture));
        string work = TestData.TempDir();
        var years = Years.Select(y => new ChangeYear(y, Path.Combine(dir, $"wh{y}_refy.tif"), BudgetRaster.Cbi(WriteCbi(Path.Combine(dir, $"wh{y}_refy.tif"), coef, Path.Combine(work, $"cbi_{y}.tif"))))).ToList();
        string Raster(string n) => Path.Combine(work, "rasters", n + ".tif");
        string Table(string n) { Directory.CreateDirectory(Path.Combine(work, "tables")); return Path.Combine(work, "tables", n + ".csv"); }
        var tiles = new TileOptions();
        var change = ChangeAnalysisRunner.Run(years, GeoTiffReader.Open, new ChangeAnalysisOptions { ClassCodeCount = 8, IncludeWholePeriod = false }, tiles, Raster, Table,
            c => c.ToString(CultureInfo.InvariantCulture));

        GridSpec grid;
        using (var r = GeoTiffReader.Open(years[0].ClassPath)) grid = r.Grid;
        string zones = WriteBlocks(grid, Path.Combine(work, "blocks.geojson"));
        var section = new RiskSection { ZonesFile = zones, ZoneCrs = "grid", KeyAreas = new LandCarbon.Core.Zonal.KeyMonitoringAreaRule { TopCount = 2 } };
        var warnings = new List<string>();
        var result = RiskAnalysis.FromChange(change, section with { FishnetMeters = 990 }, 20260628, GeoTiffReader.Open, tiles, Raster, Table, warnings,
            WuhanDrivers(years));

        Assert.Equal("2010_2013", result.MappedInterval);
        Assert.Equal(["2003_2005", "2005_2010", "2010_2013"], result.Intervals);
        foreach (var name in new[] { "risk_thresholds", "risk_accuracy", "risk_comparison", "risk_hindcast", "risk_hindcast_confusion", "risk_hindcast_models", "risk_forecast",
                     "zonal_summary", "key_monitoring_areas", "zonal_summary_2013_2016", "key_monitoring_areas_2013_2016" })
            Assert.True(File.Exists(Table(name)), name);
        foreach (var m in new[] { "errorTheory", "parameter", "fluctuation" }) Assert.True(File.Exists(Raster("risk_" + m)), m);
        foreach (var f in new[] { "persistence", "trend", "drivers" }) Assert.True(File.Exists(Raster($"risk_forecast_{f}_2013_2016")), f);
        var hc = CsvTable.Read(Table("risk_hindcast"));
        Assert.Equal(HindcastTables.HindcastColumns, hc.Header);
        Assert.Equal(3 * 3 + 2, hc.Rows.Count);
        Assert.All(hc.Rows, r => Assert.Equal("2010_2013", hc.Text(r, "interval")));
        // One shared reference: every method, forecaster and baseline has the same observed column totals.
        var h = result.Hindcast!;
        foreach (var r in h.Rows)
            for (int j = 1; j <= 5; j++) Assert.Equal(h.Rows[0].Matrix.ObservedTotal(j), r.Matrix.ObservedTotal(j));
        Assert.Equal(5110, h.Rows[0].Matrix.Total);
        // The reference and both baselines against numpy + GDAL (oracles/numpy-hindcast/hindcast_baselines.py).
        var expected = CsvTable.Read(TestData.Repo("oracles/numpy-hindcast/expected_wuhan.csv"));
        foreach (var e in expected.Rows)
        {
            var row = h.Rows.Single(r => r.Method == expected.Text(e, "method"));
            Assert.Equal(expected.Int(e, "n"), row.Matrix.Total);
            Assert.Equal(expected.Double(e, "overallAccuracy"), row.Matrix.OverallAccuracy, 12);
            Assert.Equal(expected.Double(e, "kappa"), row.Matrix.Kappa, 12);
            Assert.Equal(expected.Double(e, "weightedKappa"), row.Matrix.WeightedKappa, 12);
            for (int b = 0; b < 3; b++)
                Assert.Equal(expected.Double(e, $"break{b + 1}"), h.Targets[0].Reference.IncrementBreaks[b], 9);
        }
        var zs = CsvTable.Read(Table("zonal_summary"));
        Assert.Equal(9, zs.Rows.Count);
        // Zone sums add up to the interval's net ΔCBI (every pixel in exactly one block); the ΔCBI raster is float32,
        // so each pixel carries a rounding of ~1e-7 relative: allow 1e-6 of the total.
        double net = change.Intervals.Single(i => i.Key == "2010_2013").NetTonnesC;
        Assert.True(Math.Abs(net - zs.Rows.Sum(r => zs.Double(r, "netDeltaTonnesC"))) <= 1e-6 * Math.Abs(net));
        Assert.Empty(warnings);

        var sb = new StringBuilder();
        sb.AppendLine(File.ReadAllText(Table("risk_accuracy")));
        sb.AppendLine(File.ReadAllText(Table("risk_forecast")));
        sb.AppendLine(File.ReadAllText(Table("risk_comparison")));
        sb.AppendLine(File.ReadAllText(Table("risk_thresholds")));
        sb.AppendLine(File.ReadAllText(Table("key_monitoring_areas")));
        output.WriteLine(sb.ToString());
    }

    // The land use of every year as the class raster (Wuhan's codes: 4 = urban land, remapped to LandCarbon's
    // construction code so that the construction share is measured), no static driver.
    private static RiskDrivers WuhanDrivers(IReadOnlyList<ChangeYear> years)
    {
        var paths = new Dictionary<int, string>();
        foreach (var y in years)
        {
            using var r = GeoTiffReader.Open(y.ClassPath);
            var codes = new int[r.Grid.PixelCount];
            r.Read<int>(r.Grid.Extent, codes);
            var c = codes.Select(v => v is >= 1 and <= 7 ? (byte)(v == 4 ? (byte)LandCarbon.Core.LandUse.LandClass.Construction : 1) : (byte)0).ToArray();
            string path = Path.Combine(Path.GetDirectoryName(y.Budget.Path)!, $"construction_{y.Year}.tif");
            GeoTiffWriter.WriteAll<byte>(path, r.Grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 0 }, c);
            paths[y.Year] = path;
        }
        return new RiskDrivers(paths, []);
    }

    // CBI (t C/yr) = coefficient × pixel area in ha, float32, NaN outside the classes.
    private static string WriteCbi(string classPath, IReadOnlyDictionary<int, double> coef, string path)
    {
        using var r = GeoTiffReader.Open(classPath);
        var codes = new int[r.Grid.PixelCount];
        r.Read<int>(r.Grid.Extent, codes);
        double ha = r.Grid.PixelAreaHa;
        var cbi = codes.Select(c => coef.TryGetValue(c, out double k) ? (float)(k * ha) : float.NaN).ToArray();
        GeoTiffWriter.WriteAll<float>(path, r.Grid, RasterDataType.Float32, new GeoTiffWriteOptions { NoData = double.NaN }, cbi);
        return path;
    }

    // A 3 × 3 partition of the grid's extent as polygons in the grid CRS, ids 1…9.
    private static string WriteBlocks(GridSpec g, string path)
    {
        var t = g.Transform;
        double x0 = t.OriginX, y0 = t.OriginY, w = g.Width * t.PixelWidth, h = g.Height * t.PixelHeight;
        var sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < 9; i++)
        {
            int r = i / 3, c = i % 3;
            double xa = x0 + w * c / 3, xb = x0 + w * (c + 1) / 3, ya = y0 + h * r / 3, yb = y0 + h * (r + 1) / 3;
            if (i > 0) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"Feature\",\"properties\":{{\"id\":{i + 1},\"name\":\"block {r + 1}-{c + 1}\"}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[[{xa:R},{ya:R}],[{xb:R},{ya:R}],[{xb:R},{yb:R}],[{xa:R},{yb:R}],[{xa:R},{ya:R}]]]}}}}");
        }
        File.WriteAllText(path, sb.Append("]}").ToString());
        return path;
    }
}
