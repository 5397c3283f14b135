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

        public IReadOnlyList<Type> Needs => [];

        public IReadOnlyList<Type> Uses => [];

        public IReadOnlyList<Type> Produces => [typeof(PoiDensityResult)];

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

    private static (PipelineRunResult Run, AccountingStageTests.MemoryOutputs Outputs) RunStudy(string poiCorrection, int tile = 1, int threads = 1,
        string construction = "{value: 50}", string? energy = null, double[]? zoneCodes = null)
    {
        string dir = TestData.TempDir();
        var rasters = new Dictionary<string, IRasterReader>();
        string lu = Path.Combine(dir, "lu_2000.tif");
        File.WriteAllBytes(lu, [0]);
        rasters[lu] = new ArrayRaster(lu, ArrayRaster.TestGrid(W, H), RasterDataType.UInt8, Codes, 0);
        string zones = Path.Combine(dir, "zones.tif");
        File.WriteAllBytes(zones, [0]);
        rasters[zones] = new ArrayRaster(zones, ArrayRaster.TestGrid(W, H), RasterDataType.Int32, zoneCodes ?? [.. Enumerable.Repeat(101.0, W * H)], -1);
        if (energy is not null) File.WriteAllText(Path.Combine(dir, "energy.csv"), energy);
        File.WriteAllText(Path.Combine(dir, "poi.csv"), "x,y,category\n");
        File.WriteAllText(Path.Combine(dir, "study.yaml"), $$"""
            years: {2000: lu_2000.tif}
            accounting:
              areaModel: nominal
              construction: {{construction}}
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

    /// <summary><c>sectorTotals: energy</c>: one unit (101) covers the grid, so δ_con = E_con / A_con and each
    /// construction pixel's CBI equals the emission allocated to it, E(p) = Σ_f E_f(p).</summary>
    [Fact]
    public void SectorSharesFromTheEnergyStatistics_AllocateEachSectorsEmission()
    {
        const string energy = "unit,year,fuel,amount,sector\n101,2000,raw coal,300,industry\n101,2000,natural gas,10,居民生活\n101,2000,diesel,50,agriculture\n";
        var (run, outputs) = RunStudy("{mode: sectors, sectorTotals: energy}", construction: "{energy: energy.csv, zones: zones.tif}", energy: energy);
        // t C per unit (θ × δ) of the built-in factors, METHOD-SPEC (b2): raw coal 0.7143 × 0.7559, natural gas
        // 13.3 × 0.4483; the agriculture row is excluded by default.
        double industry = 300 * 0.7143 * 0.7559, households = 10 * 13.3 * 0.4483;
        // Industrial densities on construction land 2, 0, 4, 0 (Σ 6); the residential sector has no density there and
        // is spread evenly; n0 = 2 pixels without industrial POI, ρ = 2 · 0.3 / 4 = 0.15.
        double[] e =
        [
            industry * 0.85 * 2 / 6 + households / 4,
            industry * 0.3 / 4 + households / 4,
            industry * 0.85 * 4 / 6 + households / 4,
            industry * 0.3 / 4 + households / 4,
        ];
        var cbi = outputs.Rasters["cbi_2000.tif"];
        int[] construction = [0, 1, 3, 4];
        for (int k = 0; k < 4; k++) Assert.Equal(e[k], cbi[construction[k]], e[k] * 1e-6);
        var t = CsvTable.Read(run.Context.TablePath("poi_factor"));
        Assert.Equal(industry, t.Double(t.Rows[0], "sectorTotal_industrial"), 1e-9);
        Assert.Equal(households, t.Double(t.Rows[0], "sectorTotal_residential"), 1e-9);
    }

    /// <summary>Two units (column 0 → 101, columns 1–2 → 102): F_POI is normalised within each unit, so each
    /// unit's construction CBI adds up to its own emission, and with sector totals from the energy statistics each
    /// unit allocates its own sectors.</summary>
    [Theory]
    [InlineData("{mode: sectors, sectorTotals: energy}")]
    [InlineData("{mode: fixed}")]
    public void EachUnitKeepsItsOwnEmission(string poi)
    {
        const string energy = "unit,year,fuel,amount,sector\n101,2000,raw coal,300,industry\n102,2000,raw coal,100,industry\n102,2000,natural gas,10,居民生活\n";
        double[] zones = [101, 102, 102, 101, 102, 102];
        var (run, outputs) = RunStudy(poi, construction: "{energy: energy.csv, zones: zones.tif}", energy: energy, zoneCodes: zones);
        double coal = 0.7143 * 0.7559, gas = 13.3 * 0.4483;
        double e101 = 300 * coal, e102 = 100 * coal + 10 * gas;
        var cbi = outputs.Rasters["cbi_2000.tif"];
        Assert.Equal(e101, cbi[0] + cbi[3], e101 * 1e-6);
        Assert.Equal(e102, cbi[1] + cbi[4], e102 * 1e-6);
        if (poi.Contains("energy", StringComparison.Ordinal))
        {
            // Unit 101 has only industry, with industrial densities 2 and 4 on its construction pixels (none zero, ρ = 0);
            // unit 102 has no industrial POI on its construction land, so both its sectors are spread evenly.
            Assert.Equal(e101 * 2 / 6, cbi[0], e101 * 1e-6);
            Assert.Equal(e101 * 4 / 6, cbi[3], e101 * 1e-6);
            Assert.Equal(e102 / 2, cbi[1], e102 * 1e-6);
            Assert.Equal(e102 / 2, cbi[4], e102 * 1e-6);
        }
        var t = CsvTable.Read(run.Context.TablePath("poi_factor"));
        Assert.Equal(["101", "102"], t.Rows.Select(r => t.Text(r, "unit")).ToArray());
    }

    [Fact]
    public void UnknownEnergySectors_AreNamedWithTheKeyToMapThem()
    {
        const string energy = "unit,year,fuel,amount,sector\n101,2000,raw coal,300,heavy industry\n101,2000,diesel,50,fishing\n";
        var e = Assert.Throws<InputException>(() => RunStudy("{mode: sectors, sectorTotals: energy}", construction: "{energy: energy.csv, zones: zones.tif}", energy: energy));
        Assert.Contains("accounting.corrections.poi.sectorFunctions: the sectors 'fishing', 'heavy industry' of", string.Join("\n", e.Problems), StringComparison.Ordinal);
        var ok = RunStudy("{mode: sectors, sectorTotals: energy, sectorFunctions: {heavy industry: industrial, fishing: other}}",
            construction: "{energy: energy.csv, zones: zones.tif}", energy: energy);
        Assert.True(ok.Outputs.Rasters.ContainsKey("cbi_2000.tif"));
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
