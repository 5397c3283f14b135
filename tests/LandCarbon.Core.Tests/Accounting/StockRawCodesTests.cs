using System.Globalization;
using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Models;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Accounting;

/// <summary>
/// Stock mode without classes.map (issue 14 item 8): the real InVEST Willamette pool table (66 codes) keys the
/// raster codes, no six-class mapping is asked for, and the transitions use the raw codes and LULC_Name.
/// </summary>
public class StockRawCodesTests
{
    private static readonly GridSpec Grid = new(4, 3, GeoTransform.NorthUp(500000, 3000000, 30), SpatialReferences.FromEpsg(32648));

    // 255 = nodata. C_tot (t C/ha) from the table: 60 → 300+200+135+85 = 720, 52 → 290, 1 → 86, 2 → 28, 101 → 35.
    private static readonly byte[] Codes2000 = [60, 60, 52, 52, 1, 2, 101, 101, 60, 52, 1, 255];
    private static readonly byte[] Codes2020 = [1, 60, 1, 52, 1, 2, 2, 101, 60, 2, 1, 255];

    private static (RunContext Context, string Dir) Run(string extra = "")
    {
        string dir = TestData.TempDir();
        var o = new GeoTiffWriteOptions { NoData = 255, TileSize = 16 };
        GeoTiffWriter.WriteAll<byte>(Path.Combine(dir, "lu_2000.tif"), Grid, RasterDataType.UInt8, o, Codes2000);
        GeoTiffWriter.WriteAll<byte>(Path.Combine(dir, "lu_2020.tif"), Grid, RasterDataType.UInt8, o, Codes2020);
        string pools = TestData.Shared("tables-invest-carbon-pools/carbon_pools_willamette.csv");
        File.WriteAllText(Path.Combine(dir, "study.yaml"), $"""
            years: {"{"}2000: lu_2000.tif, 2020: lu_2020.tif{"}"}
            accounting:
              mode: stock
              pools: '{pools}'
              areaModel: nominal     # InVEST parity: the expected stocks use the geotransform's 900 m² pixels
            change:
            {extra}
            """);
        var run = PipelineRunner.Run(StudyLoader.Load(Path.Combine(dir, "study.yaml")), Path.Combine(dir, "out"), new PipelineRunOptions
        {
            Tiles = new TileSettings(2, 2, 2),
            Stages = [new AccountingStage(), new ChangeAnalysisStage()],
        });
        return (run.Context, dir);
    }

    [Fact]
    public void TransitionsUseTheRawCodesAndTheTablesNames()
    {
        var (ctx, _) = Run();
        Assert.True(ctx.Study!.RawCodes);
        var t = CsvTable.Read(ctx.TablePath("transitions_2000_2020"));
        var rows = t.Rows.ToDictionary(r => (t.Int(r, "from"), t.Int(r, "to")));
        // Stock loss of a changed pixel = (C_tot,from − C_tot,to) × 0.09 ha, t C (emission > 0):
        var expected = new Dictionary<(int, int), (long Pixels, double Delta, string From, string To)>
        {
            [(60, 1)] = (1, (720 - 86) * 0.09, "Forest closed conifer 81-200 yrs", "Residential 0-4 units/acre"),
            [(52, 1)] = (1, (290 - 86) * 0.09, "Upland Forest Semi-closed mixed", "Residential 0-4 units/acre"),
            [(52, 2)] = (1, (290 - 28) * 0.09, "Upland Forest Semi-closed mixed", "Residential 4-9 units/acre"),
            [(101, 2)] = (1, (35 - 28) * 0.09, "Wet shrub", "Residential 4-9 units/acre"),
            [(60, 60)] = (2, 0, "Forest closed conifer 81-200 yrs", "Forest closed conifer 81-200 yrs"),
            [(1, 1)] = (2, 0, "Residential 0-4 units/acre", "Residential 0-4 units/acre"),
        };
        foreach (var ((from, to), e) in expected)
        {
            var r = rows[(from, to)];
            Assert.Equal(e.Pixels, t.Int(r, "pixels"));
            Assert.Equal(e.Delta, t.Double(r, "deltaTonnesC"), 1e-4); // float32 stock rasters
            Assert.Equal(e.From, t.Text(r, "fromName"));
            Assert.Equal(e.To, t.Text(r, "toName"));
        }
        Assert.Equal(11, rows.Values.Sum(r => t.Int(r, "pixels")));
        // The categories raster holds the raw codes.
        using var codes = GeoTiffReader.Open(ctx.RasterPath("lucode_2020"));
        var v = new ushort[12];
        codes.Read<ushort>(Grid.Extent, v);
        Assert.Equal(Codes2020.Take(11).Select(c => (ushort)c), v.Take(11));
        Assert.Equal(AccountingStage.RawCodeNoData, v[11]);
        // Stock 2000 by hand: (3·720 + 3·290 + 2·86 + 28 + 2·35) × 0.09 = 3300 × 0.09 = 297 t C.
        var y = CsvTable.Read(ctx.TablePath("stock_by_year"));
        Assert.Equal(297, y.Double(y.Rows[0], "totalTonnesC"), 1e-9);
    }

    [Fact]
    public void SixClassKeysAndTheRegression_AreProblemsWithoutAMap()
    {
        var e = Assert.Throws<InputException>(() => Run("classes: {shrub: grassland}\nregression:\n"));
        string all = string.Join("\n", e.Problems);
        Assert.Contains("classes.shrub (line 7): has no effect in stock mode without classes.map", all, StringComparison.Ordinal);
        Assert.Contains("): needs construction land (its units are construction-expansion pixels), which stock mode without classes.map does not know", all, StringComparison.Ordinal);
    }
}
