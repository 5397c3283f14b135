using System.Collections.Concurrent;
using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Models;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Accounting;

/// <summary>The accounting stage on in-memory rasters: totals by hand, identical for any tile size and thread count.</summary>
public class AccountingStageTests
{
    private const int W = 37, H = 23;

    /// <summary>Captures the stage's output rasters in memory.</summary>
    internal sealed class MemoryOutputs
    {
        public ConcurrentDictionary<string, double[]> Rasters { get; } = new();

        public IRasterOutput Create(RunContext context, RasterOutputSpec spec)
        {
            var data = new double[spec.Grid.PixelCount];
            Rasters[Path.GetFileName(spec.Path)] = data;
            return new Output(data, spec.Grid.Width);
        }

        private sealed class Output(double[] data, int width) : IRasterOutput
        {
            public void Write<T>(PixelWindow window, ReadOnlySpan<T> pixels) where T : unmanaged
            {
                int k = 0;
                for (int r = window.Row; r < window.RowEnd; r++)
                    for (int c = window.Col; c < window.ColEnd; c++)
                        data[r * width + c] = pixels[k++] switch { byte b => b, float f => f, _ => double.NaN };
            }

            public void Commit() { }

            public void Dispose() { }
        }
    }

    internal static (string Dir, Dictionary<string, IRasterReader> Rasters) Setup(int seed)
    {
        string dir = TestData.TempDir();
        var grid = ArrayRaster.TestGrid(W, H);
        var rng = new Random(seed);
        var rasters = new Dictionary<string, IRasterReader>();
        void Add(string name, RasterDataType type, double[] values, double? nodata)
        {
            string p = Path.Combine(dir, name);
            File.WriteAllBytes(p, [0]);
            rasters[p] = new ArrayRaster(p, grid, type, values, nodata, 8, 8);
        }
        for (int y = 0; y < 2; y++)
            Add($"lu_{2000 + 10 * y}.tif", RasterDataType.UInt8, [.. Enumerable.Range(0, W * H).Select(_ => (double)rng.Next(0, 10))], 0);
        Add("ndvi.tif", RasterDataType.Float32, [.. Enumerable.Range(0, W * H).Select(i => i % 17 == 0 ? -9999 : 0.2 + 0.6 * rng.NextDouble())], -9999);
        Add("p.tif", RasterDataType.Float32, [.. Enumerable.Range(0, W * H).Select(_ => 900 + 400 * rng.NextDouble())], null);
        Add("t.tif", RasterDataType.Float32, [.. Enumerable.Range(0, W * H).Select(_ => 10 + 8 * rng.NextDouble())], null);
        Add("dem.tif", RasterDataType.Float32, [.. Enumerable.Range(0, W * H).Select(i => 1000 + 50 * Math.Sin(i % W / 3.0) + 30 * (i / W) + 10 * rng.NextDouble())], null);
        Add("poi.tif", RasterDataType.Float32, [.. Enumerable.Range(0, W * H).Select(_ => rng.NextDouble() < 0.3 ? 0 : 5 * rng.NextDouble())], null);
        Add("zones.tif", RasterDataType.Int32, [.. Enumerable.Range(0, W * H).Select(i => i % W < 5 ? -1.0 : i % W < 20 ? 101 : 102)], -1);
        return (dir, rasters);
    }

    internal static PipelineRunResult Run(string dir, Dictionary<string, IRasterReader> rasters, string yaml, int tile, int threads, MemoryOutputs? outputs = null)
    {
        string studyPath = Path.Combine(dir, "study.yaml");
        File.WriteAllText(studyPath, yaml);
        var study = StudyLoader.Load(studyPath);
        outputs ??= new MemoryOutputs();
        return PipelineRunner.Run(study, Path.Combine(dir, $"out_{tile}_{threads}"), new PipelineRunOptions
        {
            Tiles = new TileSettings(tile == 0 ? W : tile, tile == 0 ? 1 : tile, threads),
            OpenRaster = p => rasters[p],
            Stages = [new AccountingStage { CreateOutput = outputs.Create }],
        });
    }

    // Hand-derived totals use the nominal 900 m² pixel (true areas: TrueAreaAccountingTests).
    private const string Plain = "years: {2000: lu_2000.tif, 2010: lu_2010.tif}\naccounting: {construction: {value: 50}, areaModel: nominal}\n";

    [Fact]
    public void FixedCoefficients_TotalsEqualCountsTimesCoefficients()
    {
        var (dir, rasters) = Setup(1);
        var outputs = new MemoryOutputs();
        var r = Run(dir, rasters, Plain, 8, 2, outputs);
        var a = r.Context.Results.Get<AccountingResult>();
        var hist = RasterHistogram.Compute(rasters[Path.Combine(dir, "lu_2000.tif")]).Counts!.ToDictionary(c => (int)c.Value, c => c.Count);
        long N(params int[] codes) => codes.Sum(c => hist.GetValueOrDefault(c));
        // float32 pixel values summed, as the kernel does: count × (float)(C × 0.09)
        double Px(double c) => (float)(c * 0.09);
        double expectedSource = N(1) * Px(0.422) + N(8) * Px(50);
        double expectedSink = -(N(2, 3) * Px(-0.644) + N(4) * Px(-0.021) + N(5, 9) * Px(-0.253) + N(6, 7) * Px(-0.005));
        var y = a[2000];
        Assert.Equal(expectedSource, y.SourceTonnesC, 9);
        Assert.Equal(expectedSink, y.SinkTonnesC, 9);
        Assert.Equal(N(2, 3), y.Classes.Single(c => c.Class == LandClass.Forest).Pixels);
        Assert.Equal(N(2, 3) * 0.0009, y.Classes.Single(c => c.Class == LandClass.Forest).AreaKm2, 12);
        var cbi = outputs.Rasters["cbi_2000.tif"];
        var lu = outputs.Rasters["landuse_2000.tif"];
        long nodata = W * H - hist.Values.Sum();
        Assert.True(nodata > 0);
        Assert.Equal(nodata, lu.Count(v => v == 0));
        Assert.Equal(nodata, cbi.Count(double.IsNaN));
        string budget = File.ReadAllText(Path.Combine(r.Context.OutputDirectory, "tables", "budget_by_year.csv"));
        Assert.StartsWith("year,sourceTonnesC,sinkTonnesC,netTonnesC,balanceRatio\n2000,", budget, StringComparison.Ordinal);
        string byClass = File.ReadAllText(Path.Combine(r.Context.OutputDirectory, "tables", "class_budget_by_year.csv"));
        Assert.StartsWith("year,class,areaKm2,tonnesC\n2000,cultivated,", byClass, StringComparison.Ordinal);
        Assert.True(File.Exists(r.ManifestPath));
    }

    [Fact]
    public void Co2Switch_ChangesHeadersAndValues()
    {
        var (dir, rasters) = Setup(2);
        var r = Run(dir, rasters, Plain.Replace("construction:", "units: tCO2e, construction:", StringComparison.Ordinal), 8, 1);
        var lines = File.ReadAllLines(Path.Combine(r.Context.OutputDirectory, "tables", "budget_by_year.csv"));
        Assert.Equal("year,sourceTonnesCO2e,sinkTonnesCO2e,netTonnesCO2e,balanceRatio", lines[0]);
        double net = double.Parse(lines[1].Split(',')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(r.Context.Results.Get<AccountingResult>()[2000].NetTonnesC * 44 / 12, net, 9);
        Assert.Equal("year,class,areaKm2,tonnesCO2e", File.ReadLines(Path.Combine(r.Context.OutputDirectory, "tables", "class_budget_by_year.csv")).First());
    }

    private const string AllCorrections = """
        years: {2000: lu_2000.tif, 2010: lu_2010.tif}
        accounting:
          construction: {energy: energy.csv, zones: zones.tif}
          corrections:
            vegetation: {raster: ndvi.tif}
            climate: {precipitation: p.tif, temperature: t.tif}
            terrain: {dem: dem.tif}
            poi: {raster: poi.tif}
        """;

    [Fact]
    public void AllCorrections_IdenticalForAnyTileSizeAndThreadCount()
    {
        var (dir, rasters) = Setup(3);
        File.WriteAllText(Path.Combine(dir, "energy.csv"), "unit,year,fuel,amount\n101,2000,raw coal,500\n101,2020,raw coal,900\n102,2000,natural gas,40\n102,2010,natural gas,60\n");
        string Signature(int tile, int threads)
        {
            var outputs = new MemoryOutputs();
            var r = Run(dir, rasters, AllCorrections, tile, threads, outputs);
            string tables = string.Concat(new[] { "budget_by_year", "class_budget_by_year", "construction_coefficient" }
                .Select(t => File.ReadAllText(Path.Combine(r.Context.OutputDirectory, "tables", t + ".csv"))));
            string pixels = string.Join(",", outputs.Rasters.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => string.Join(";", kv.Value.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))));
            return tables + "|" + string.Join("|", r.Manifest.Warnings) + "|" + pixels;
        }
        string reference = Signature(0, 1); // one row per tile
        Assert.Equal(reference, Signature(1, 1));
        Assert.Equal(reference, Signature(7, 3));
        Assert.Equal(reference, Signature(64, 4)); // whole raster in one tile
        Assert.Contains("interpolated", reference, StringComparison.Ordinal);
        Assert.Contains("outside every zone", reference, StringComparison.Ordinal);
    }

    [Fact]
    public void AllCorrections_ConstructionEmissionIsConservedWithoutPoi()
    {
        var (dir, rasters) = Setup(4);
        File.WriteAllText(Path.Combine(dir, "energy.csv"), "unit,year,fuel,amount\n101,2000,raw coal,500\n102,2000,natural gas,40\n");
        var r = Run(dir, rasters, "years: {2000: lu_2000.tif}\naccounting: {construction: {energy: energy.csv, zones: zones.tif}}\n", 8, 2);
        var y = r.Context.Results.Get<AccountingResult>()[2000];
        double emission = 500 * 0.7143 * 0.7559 + 40 * 13.3 * 0.4483;
        double con = y.Classes.Single(c => c.Class == LandClass.Construction).TonnesC;
        // zones 101 and 102 get exactly their emission (float32 pixels: 1e-6 relative); pixels outside zones get the mean
        var hist = RasterHistogram.Compute(rasters[Path.Combine(dir, "lu_2000.tif")]).Counts!.ToDictionary(c => (int)c.Value, c => c.Count);
        Assert.True(con > emission, "outside-zone construction pixels add the study-wide mean");
        Assert.Contains(r.Manifest.Warnings, w => w.Contains("outside every zone", StringComparison.Ordinal));
        Assert.True(hist[8] > 0);
    }

    [Fact]
    public void UnknownCodesAndMisalignedRasters_AreListedTogether()
    {
        var (dir, rasters) = Setup(5);
        string lu = Path.Combine(dir, "lu_2010.tif");
        var values = new double[W * H];
        values[3] = 42;
        values[4] = 42;
        values[5] = 77;
        rasters[lu] = new ArrayRaster(lu, ArrayRaster.TestGrid(W, H), RasterDataType.UInt8, values, 0);
        string ndvi = Path.Combine(dir, "ndvi.tif");
        rasters[ndvi] = new ArrayRaster(ndvi, ArrayRaster.TestGrid(W + 1, H), RasterDataType.Float32, new double[(W + 1) * H]);
        var e = Assert.Throws<InputException>(() => Run(dir, rasters,
            "years: {2000: lu_2000.tif, 2010: lu_2010.tif}\naccounting: {construction: {value: 5}, corrections: {vegetation: {raster: ndvi.tif}}}\n", 8, 1));
        string all = string.Join("\n", e.Problems);
        Assert.Contains("lu_2010.tif): land-use codes not in the class scheme: 42 (2 px), 77 (1 px)", all, StringComparison.Ordinal);
        Assert.Contains("accounting.corrections.vegetation.raster", all, StringComparison.Ordinal);
        Assert.Contains($"size: {Path.Combine(dir, "lu_2000.tif")} is 37×23 px, accounting.corrections.vegetation.raster ({ndvi}) is 38×23 px", all, StringComparison.Ordinal);
    }
}
