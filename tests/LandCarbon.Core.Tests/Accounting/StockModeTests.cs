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

    /// <summary>Climate correction of the pool densities (METHOD-SPEC (b4)), national reference, not normalised.
    /// By hand, with K_B = exp(0.0054·(P − 640))·(28T + 398)/(28·9.5 + 398), K_S = (3.3968P + 3996.1)/(3.3968·640 + 3996.1):
    /// code 1 (15, 10, 60, 1 t C/ha) at P 800, T 15: K_B = exp(0.864)·818/664 = 2.9229114, K_S = 6713.54/6170.052 = 1.0880848;
    /// code 1 at P 600, T 10: K_B = exp(−0.216)·678/664 = 0.8227237, K_S = 6034.18/6170.052 = 0.9779788;
    /// code 2 (5, 3, 20, 0) at P 700, T 12: K_B = exp(0.324)·734/664 = 1.5284083, K_S = 6373.86/6170.052 = 1.0330318.
    /// Stock = ((above + below)·K_B + soil·K_S + dead) × 0.09 ha: 12.5422088 + 7.2222138 + 2.9599113 = 22.7243339 t C;
    /// above 0.09·(15·2.9229114 + 15·0.8227237 + 5·1.5284083) = 5.7443912; dead (uncorrected) 0.09·2 = 0.18.</summary>
    [Fact]
    public void ClimateCorrection_NationalReference_MatchesHandDerivation()
    {
        var r = CorrectedRun("    climate:\n      precipitation: p.tif\n      temperature: t.tif\n      reference: national\n      normalize: false\n      classes: [construction, forest]\n", 2, 1);
        var v = StockByYear(r);
        Assert.Equal(22.72433387700074, v[1], 1e-12);
        Assert.Equal(5.744391174386656, v[2], 1e-12);
        Assert.Equal(3.7837418667054057, v[3], 1e-12);
        Assert.Equal(13.016200835908677, v[4], 1e-12);
        Assert.Equal(0.18, v[5], 1e-12);
        var r2 = CorrectedRun("    climate:\n      precipitation: p.tif\n      temperature: t.tif\n      reference: national\n      normalize: false\n      classes: [construction, forest]\n", 1, 3);
        Assert.Equal(File.ReadAllText(Table(r, "stock_by_class_year")), File.ReadAllText(Table(r2, "stock_by_class_year")));
    }

    /// <summary>Normalised (the default), each factor has mean 1 over each code's pixels, so with one correction
    /// each pool total keeps its uncorrected value n·C·a while the pixels differ (as in flux mode, the product of two
    /// normalised factors need not have mean 1); the class list limits the correction.</summary>
    [Fact]
    public void NormalisedCorrections_KeepEachCodesPoolTotals()
    {
        foreach (string c in new[]
        {
            "    climate: {precipitation: p.tif, temperature: t.tif, classes: [construction, forest]}\n",
            "    vegetation: {raster: ndvi.tif, classes: [construction]}\n",
        })
        {
            var r = CorrectedRun(c, 2, 1);
            var v = StockByYear(r);
            // code 1 ×2 (15, 10, 60, 1) and code 2 ×1 (5, 3, 20, 0), uncorrected: 0.09 × (2·86 + 28) = 18.
            Assert.Equal(18, v[1], 1e-12);
            Assert.Equal(0.09 * (2 * 15 + 5), v[2], 1e-12);
            Assert.Equal(0.09 * (2 * 60 + 20), v[4], 1e-12);
            // the pixels of code 1 differ: the stock raster is not the uniform one
            var stock = r.Outputs.Rasters["stock_2020.tif"];
            Assert.NotEqual(stock[0], stock[1]);
        }
        // NDVI 0.8 and 0.4 around their mean 0.6: biomass × 4/3 and × 2/3 on the code-1 pixels, soil and dead unchanged.
        var veg = CorrectedRun("    vegetation: {raster: ndvi.tif, classes: [construction]}\n", 1, 1).Outputs.Rasters["stock_2020.tif"];
        Assert.Equal(0.09 * (25 * 4.0 / 3 + 61), veg[0], 1e-5);
        Assert.Equal(0.09 * (25 * 2.0 / 3 + 61), veg[1], 1e-5);
        Assert.Equal(0.09 * 28, veg[2], 1e-5);
    }

    [Fact]
    public void PoiCorrectionInStockMode_IsRefused()
    {
        var e = Assert.Throws<InputException>(() => CorrectedRun("    poi: {raster: p.tif}\n", 2, 1));
        Assert.Contains("accounting.corrections.poi: has no meaning for carbon stocks", e.Message + string.Join("\n", e.Problems), StringComparison.Ordinal);
    }

    private static double[] StockByYear((PipelineRunResult Run, AccountingStageTests.MemoryOutputs Outputs) r) =>
        File.ReadAllLines(Table(r, "stock_by_year"))[1].Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();

    private static string Table((PipelineRunResult Run, AccountingStageTests.MemoryOutputs Outputs) r, string name) =>
        Path.Combine(r.Run.Context.OutputDirectory, "tables", name + ".csv");

    /// <summary>3 × 1 pixels: codes 1, 1, 2; P 800, 600, 700 mm; T 15, 10, 12 °C; NDVI 0.8, 0.4, 0.5.</summary>
    private static (PipelineRunResult Run, AccountingStageTests.MemoryOutputs Outputs) CorrectedRun(string corrections, int tile, int threads)
    {
        string dir = TestData.TempDir();
        var grid = ArrayRaster.TestGrid(3, 1);
        var rasters = new Dictionary<string, ArrayRaster>();
        void Add(string name, RasterDataType type, double[] values, double? nodata)
        {
            string path = Path.Combine(dir, name);
            File.WriteAllBytes(path, [0]);
            rasters[path] = new ArrayRaster(path, grid, type, values, nodata);
        }
        Add("lu.tif", RasterDataType.UInt8, [1, 1, 2], 255);
        Add("p.tif", RasterDataType.Float32, [800, 600, 700], -9999);
        Add("t.tif", RasterDataType.Float32, [15, 10, 12], -9999);
        Add("ndvi.tif", RasterDataType.Float32, [0.8, 0.4, 0.5], -9999);
        string study = Path.Combine(dir, "study.yaml");
        File.WriteAllText(study, $"""
            years: {"{"}2020: lu.tif{"}"}
            classes:
              map: {"{"}1: construction, 2: forest{"}"}
            accounting:
              mode: stock
              pools: '{Pools()}'
              areaModel: nominal     # the hand derivation uses the geotransform's 900 m² pixels
              corrections:
            {corrections}
            """);
        var outputs = new AccountingStageTests.MemoryOutputs();
        var result = PipelineRunner.Run(StudyLoader.Load(study), Path.Combine(dir, $"out{tile}_{threads}"), new PipelineRunOptions
        {
            Tiles = new TileSettings(tile, tile, threads),
            OpenRaster = p => rasters[Path.GetFullPath(p)],
            Stages = [new AccountingStage { CreateOutput = outputs.Create }],
        });
        return (result, outputs);
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
