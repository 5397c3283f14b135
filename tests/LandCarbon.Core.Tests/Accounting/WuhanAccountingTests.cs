using System.Globalization;
using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Tests.Accounting;

/// <summary>Real 30 m land use (Wuhan, PLUS sample data): stock and flux runs through the GeoTIFF reader and writer.</summary>
public class WuhanAccountingTests
{
    // Wuhan codes (PLUS tutorial): 1 grassland, 2 deciduous forest, 3 cropland, 4 urban, 5 bare, 6 water, 7 evergreen forest.
    private const string ClassMap = "classes:\n  map: {1: grassland, 2: forest, 3: cultivated, 4: construction, 5: unused, 6: water, 7: forest}\n";

    // The small mapping to InVEST Willamette pool rows: Wuhan code → Willamette lucode.
    private static readonly Dictionary<int, int> WillametteRow = new() { [1] = 80, [2] = 52, [3] = 82, [4] = 11, [5] = 42, [6] = 33, [7] = 58 };

    [Fact]
    public void StockRun_CompletesWithATableForTheClassesPresent()
    {
        string lu2003 = TestData.Shared("lulc-wuhan-30m/wh2003_refy.tif");
        string lu2013 = TestData.Shared("lulc-wuhan-30m/wh2013_refy.tif");
        string willamette = TestData.Shared("tables-invest-carbon-pools/carbon_pools_willamette.csv");
        string dir = TestData.TempDir();
        var rows = File.ReadAllLines(willamette).Skip(1).Select(l => l.Split(',')).ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture));
        var pools = new List<string> { "lucode,LULC_Name,C_above,C_below,C_soil,C_dead" };
        pools.AddRange(WillametteRow.Select(kv => string.Join(',', new[] { kv.Key.ToString(CultureInfo.InvariantCulture) }.Concat(rows[kv.Value].Skip(1)))));
        File.WriteAllLines(Path.Combine(dir, "pools.csv"), pools);
        File.WriteAllText(Path.Combine(dir, "study.yaml"),
            $"years: {{2003: '{lu2003}', 2013: '{lu2013}'}}\n{ClassMap}accounting: {{mode: stock, pools: pools.csv, areaModel: nominal}}\n");
        var r = PipelineRunner.Run(Path.Combine(dir, "study.yaml"), Path.Combine(dir, "out"), null, TestContext.Current.CancellationToken);
        var byCode = File.ReadAllLines(Path.Combine(dir, "out", "tables", "stock_by_class_year.csv"));
        Assert.Equal("year,lucode,name,class,pixels,areaHa,totalTonnesC", byCode[0]);
        Assert.Equal(1 + 2 * 7, byCode.Length);
        // totals from the reference pixel counts (GDAL/numpy): Σ count × C_tot × 0.09 ha
        var reference = File.ReadAllLines(TestData.Shared("lulc-wuhan-30m/REFERENCE_class_pixel_counts.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[0] == "wh2013_refy.tif" && f[1] != "-128" && f[1] != "15")
            .ToDictionary(f => int.Parse(f[1], CultureInfo.InvariantCulture), f => long.Parse(f[2], CultureInfo.InvariantCulture));
        double expected = reference.Sum(kv => kv.Value * rows[WillametteRow[kv.Key]].Skip(2).Take(4).Sum(x => double.Parse(x, CultureInfo.InvariantCulture)) * 0.09);
        double total = r.Context.Results.Get<AccountingResult>()[2013].NetTonnesC;
        Assert.Equal(expected, total, expected * 1e-9);
        // the stock raster sums to the same total (float32 pixels: 1e-6 relative)
        using var stock = GeoTiffReader.Open(Path.Combine(dir, "out", "rasters", "stock_2013.tif"));
        var buf = new float[stock.Grid.PixelCount];
        stock.Read<float>(stock.Grid.Extent, buf);
        double sum = buf.Where(float.IsFinite).Sum(x => (double)x);
        Assert.Equal(expected, sum, expected * 1e-6);
        Assert.True(File.Exists(Path.Combine(dir, "out", "tables", "stock_change.csv")));
    }

    [Fact]
    public void FluxRun_ClassAreasEqualReferenceCounts()
    {
        string lu2005 = TestData.Shared("lulc-wuhan-30m/wh2005_refy.tif");
        string dir = TestData.TempDir();
        File.WriteAllText(Path.Combine(dir, "study.yaml"), $"years: {{2005: '{lu2005}'}}\n{ClassMap}accounting: {{construction: {{value: 50}}, areaModel: nominal}}\n");
        var r = PipelineRunner.Run(Path.Combine(dir, "study.yaml"), Path.Combine(dir, "out"), null, TestContext.Current.CancellationToken);
        var y = r.Context.Results.Get<AccountingResult>()[2005];
        var reference = File.ReadAllLines(TestData.Shared("lulc-wuhan-30m/REFERENCE_class_pixel_counts.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[0] == "wh2005_refy.tif")
            .ToDictionary(f => int.Parse(f[1], CultureInfo.InvariantCulture), f => long.Parse(f[2], CultureInfo.InvariantCulture));
        Assert.Equal(reference[3], y.Classes.Single(c => c.Class == LandClass.Cultivated).Pixels);
        Assert.Equal(reference[2] + reference[7], y.Classes.Single(c => c.Class == LandClass.Forest).Pixels);
        Assert.Equal(reference[4] * (50 * 0.09f), y.Classes.Single(c => c.Class == LandClass.Construction).TonnesC, 1e-6);
        using var cls = GeoTiffReader.Open(y.LandClassPath);
        Assert.NotNull(cls.ColorTable);
        Assert.Equal(LandCarbon.Core.Raster.RasterDataType.UInt8, cls.DataType);
    }
}
