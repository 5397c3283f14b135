using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Models;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Poi;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Accounting;

/// <summary>
/// F_POI computed inside the run from the POI stage's densities (METHOD-SPEC (c)4): a 3 × 2 grid with four
/// construction pixels whose industrial and transport densities are chosen so that the factors can be derived by hand.
/// </summary>
public class PoiFactorAccountingTests
{
    private const int W = 3, H = 2;

    // Row-major: CLCD 8 (construction) at pixels 0, 1, 3, 4; cropland (1) at 2, forest (2) at 5.
    private static readonly double[] Codes = [8, 8, 1, 8, 8, 2];
    private static readonly double[] Industrial = [2, 0, 7, 4, 0, 0];
    private static readonly double[] Transport = [0, 0, 5, 1, 3, 0];

    /// <summary>Puts the densities in the results as if the POI stage had run (rasters in memory).</summary>
    private sealed class FakePoiStage(Dictionary<string, IRasterReader> rasters, string dir) : IPipelineStage
    {
        public string Name => "poi";

        public bool IsEnabled(RunContext context) => true;

        public void Run(RunContext context, IProgress<double>? progress, CancellationToken cancellationToken)
        {
            var grid = ArrayRaster.TestGrid(W, H);
            var functions = PoiFunctions.All.Select(f =>
            {
                string path = Path.Combine(dir, $"density_{PoiFunctions.Name(f)}.tif");
                double[] values = f switch
                {
                    PoiFunction.Industrial => Industrial,
                    PoiFunction.Transport => Transport,
                    _ => new double[W * H],
                };
                rasters[path] = new ArrayRaster(path, grid, RasterDataType.Float32, values, -9999);
                return new PoiFunctionDensity(f, 1, 0, 1000, values.Max(), path);
            }).ToList();
            context.Results.Set(new PoiDensityResult(functions, new PoiDropReport(), new Dictionary<string, int>(), KernelShape.Quartic));
        }
    }

    private static (PipelineRunResult Run, AccountingStageTests.MemoryOutputs Outputs) RunStudy(string poiCorrection, int tile = 1, int threads = 1)
    {
        string dir = TestData.TempDir();
        var rasters = new Dictionary<string, IRasterReader>();
        string lu = Path.Combine(dir, "lu_2000.tif");
        File.WriteAllBytes(lu, [0]);
        rasters[lu] = new ArrayRaster(lu, ArrayRaster.TestGrid(W, H), RasterDataType.UInt8, Codes, 0);
        File.WriteAllText(Path.Combine(dir, "poi.csv"), "x,y,category\n");
        File.WriteAllText(Path.Combine(dir, "study.yaml"), $$"""
            years: {2000: lu_2000.tif}
            accounting:
              construction: {value: 50}
              corrections:
                poi: {{poiCorrection}}
            poi: {file: poi.csv, crs: grid}
            """);
        var outputs = new AccountingStageTests.MemoryOutputs();
        var run = PipelineRunner.Run(StudyLoader.Load(Path.Combine(dir, "study.yaml")), Path.Combine(dir, "out"), new PipelineRunOptions
        {
            Tiles = new TileSettings(tile, tile, threads),
            OpenRaster = p => rasters[p],
            Stages = [new FakePoiStage(rasters, dir), new AccountingStage { CreateOutput = outputs.Create }],
        });
        return (run, outputs);
    }

    private static void AssertConstructionCoefficients(AccountingStageTests.MemoryOutputs outputs, double[] expectedFactor)
    {
        var cc = outputs.Rasters["cc_2000.tif"];
        int[] construction = [0, 1, 3, 4];
        for (int k = 0; k < construction.Length; k++)
            Assert.Equal(50 * expectedFactor[k], cc[construction[k]], 4); // float32 raster of values ~ 15…95
        Assert.Equal(4, expectedFactor.Sum(), 12); // both modes: mean F = 1 over construction land
    }

    [Fact]
    public void FixedWeights_GiveTheHandDerivedFactors()
    {
        var (run, outputs) = RunStudy("{minFactor: 0.3}");
        // N = 4 construction pixels; industrial densities 2, 0, 4, 0 (mean 1.5), transport 0, 0, 1, 3 (mean 1);
        // w = 1.0 and 0.6; pixel 1 has neither → n0 = 1 gets 0.3; c = (N − n0·0.3)/(N·Σw) = 3.7/6.4.
        double c = 3.7 / 6.4;
        double[] f = [c * (2 / 1.5), 0.3, c * (4 / 1.5 + 0.6 * 1), c * (0.6 * 3)];
        AssertConstructionCoefficients(outputs, f);
        var y = run.Context.Results.Get<AccountingResult>()[2000];
        double haPerPixel = 0.09;
        Assert.Equal(50 * 4 * haPerPixel, y.Classes.Single(x => x.Class == LandClass.Construction).TonnesC, 5);
        var t = CsvTable.Read(run.Context.TablePath("poi_factor"));
        Assert.Equal("fixed", t.Text(t.Rows[0], "mode"));
        Assert.Equal(4, t.Int(t.Rows[0], "constructionPixels"));
        Assert.Equal(1, t.Int(t.Rows[0], "pixelsWithoutPoi"));
    }

    [Fact]
    public void SectorShares_GiveTheHandDerivedFactors()
    {
        var (_, outputs) = RunStudy("{mode: sectors, sectorTotals: {industrial: 3, transport: 1}}");
        // ρ = n0·0.3/N = 0.075. Zero pixel: (3 + 1)·0.3/4 = 0.3 → F = 0.3. Others: industrial 3·0.925·D/6,
        // transport 1·0.925·D/4; F = E·N/ΣT = E.
        double[] f = [3 * 0.925 * 2 / 6, 0.3, 3 * 0.925 * 4 / 6 + 0.925 * 1 / 4, 0.925 * 3 / 4];
        AssertConstructionCoefficients(outputs, f);
    }

    [Fact]
    public void TheFactorDoesNotDependOnTilesOrThreads()
    {
        var a = RunStudy("{}", 1, 1).Outputs.Rasters["cc_2000.tif"];
        var b = RunStudy("{}", 2, 3).Outputs.Rasters["cc_2000.tif"];
        Assert.Equal(a, b);
    }

    [Fact]
    public void WithoutRasterOrPoiSection_TheStudyNamesTheKey()
    {
        string dir = TestData.TempDir();
        File.WriteAllBytes(Path.Combine(dir, "lu.tif"), [0]);
        var e = Assert.Throws<InputException>(() => StudyLoader.Parse(Path.Combine(dir, "s.yaml"),
            "years: {2000: lu.tif}\naccounting: {construction: {value: 5}, corrections: {poi: {mode: sectors, weights: {industrial: 2, factories: 1}}}}\n"));
        string all = string.Join("\n", e.Problems);
        Assert.Contains("accounting.corrections.poi: the POI factor needs either raster:", all, StringComparison.Ordinal);
        Assert.Contains("accounting.corrections.poi.mode (line 2): sectors needs sectorTotals", all, StringComparison.Ordinal);
        Assert.Contains("accounting.corrections.poi.weights (line 2): is used only with mode: fixed.", all, StringComparison.Ordinal);
        Assert.Contains("accounting.corrections.poi.weights.factories (line 2): 'factories' is not a POI function", all, StringComparison.Ordinal);
    }
}
