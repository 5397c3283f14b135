using System.Globalization;
using LandCarbon.Core.Accounting;
using LandCarbon.Core.Models;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Accounting;

/// <summary>InVEST-compatible stock mode on the real InVEST sample pool table (../shared/data).</summary>
public class StockModeTests
{
    private static string Pools() => TestData.Shared("tables-invest-carbon-pools/carbon_pools_willamette.csv");

    [Fact]
    public void HandMadeRaster_MatchesHandComputedTotal()
    {
        string pools = Pools();
        string dir = TestData.TempDir();
        string lu = Path.Combine(dir, "lu.tif");
        File.WriteAllBytes(lu, [0]);
        // 4 × 3 pixels of 30 m (0.09 ha), codes from the Willamette table, 255 = nodata:
        //   1 (15+10+60+1 = 86 t C/ha) ×3, 2 (5+3+20+0 = 28) ×3, 3 (2+1+5+0 = 8) ×2, 4 (0) ×1, 52 (90+60+110+30 = 290) ×2
        double[] codes = [1, 1, 2, 3, 4, 1, 2, 2, 3, 255, 52, 52];
        var raster = new ArrayRaster(lu, ArrayRaster.TestGrid(4, 3), RasterDataType.UInt8, codes, 255);
        // By hand: (3·86 + 3·28 + 2·8 + 1·0 + 2·290) × 0.09 = 938 × 0.09 = 84.42 t C;
        // above: (3·15 + 3·5 + 2·2 + 2·90) × 0.09 = 244 × 0.09 = 21.96.
        var r = Run(dir, raster, pools, 2, 1);
        var lines = File.ReadAllLines(Path.Combine(r.Context.OutputDirectory, "tables", "stock_by_year.csv"));
        Assert.Equal("year,totalTonnesC,aboveTonnesC,belowTonnesC,soilTonnesC,deadTonnesC", lines[0]);
        var v = lines[1].Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(84.42, v[1], 84.42 * 1e-9);
        Assert.Equal(21.96, v[2], 21.96 * 1e-9);
        Assert.Equal((3 * 10 + 3 * 3 + 2 * 1 + 2 * 60) * 0.09, v[3], 1e-9);
        Assert.Equal((3 * 60 + 3 * 20 + 2 * 5 + 2 * 110) * 0.09, v[4], 1e-9);
        Assert.Equal((3 * 1 + 2 * 30) * 0.09, v[5], 1e-9);
        Assert.Equal(84.42, r.Context.Results.Get<AccountingResult>()[2020].NetTonnesC, 1e-9);
        // identical for other tile sizes and threads
        var r2 = Run(dir, raster, pools, 1, 3);
        Assert.Equal(File.ReadAllText(Path.Combine(r.Context.OutputDirectory, "tables", "stock_by_class_year.csv")),
            File.ReadAllText(Path.Combine(r2.Context.OutputDirectory, "tables", "stock_by_class_year.csv")));
    }

    [Fact]
    public void CodeMissingFromPools_IsAnErrorListingCodesAndPixels()
    {
        string pools = Pools();
        string dir = TestData.TempDir();
        string lu = Path.Combine(dir, "lu.tif");
        File.WriteAllBytes(lu, [0]);
        var raster = new ArrayRaster(lu, ArrayRaster.TestGrid(3, 2), RasterDataType.UInt8, [1, 12, 12, 13, 1, 1], 255);
        var e = Assert.Throws<InputException>(() => Run(dir, raster, pools, 2, 1));
        Assert.Contains("land-use codes missing from the pool table: 12 (2 px), 13 (1 px)", e.Message, StringComparison.Ordinal);
    }

    private static PipelineRunResult Run(string dir, ArrayRaster raster, string pools, int tile, int threads)
    {
        string study = Path.Combine(dir, "study.yaml");
        File.WriteAllText(study, $"""
            years: {"{"}2020: lu.tif{"}"}
            classes:
              map: {"{"}1: construction, 2: construction, 3: construction, 4: construction, 12: unused, 13: unused, 52: forest{"}"}
            accounting:
              mode: stock
              pools: '{pools}'
              areaModel: nominal     # InVEST parity: InVEST uses the geotransform's pixel area
            """);
        var outputs = new AccountingStageTests.MemoryOutputs();
        return PipelineRunner.Run(StudyLoader.Load(study), Path.Combine(dir, $"out{tile}_{threads}"), new PipelineRunOptions
        {
            Tiles = new TileSettings(tile, tile, threads),
            OpenRaster = _ => raster,
            Stages = [new AccountingStage { CreateOutput = outputs.Create }],
        });
    }
}
