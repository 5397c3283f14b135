using System.Globalization;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Simulation;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Simulation;

/// <summary>`landcarbon run` with accounting then the simulation on small CLCD GeoTIFFs with a growing town.</summary>
public class SimulationStageTests
{
    private const int W = 64, H = 48;

    private static string Inputs()
    {
        string dir = TestData.TempDir();
        var grid = ArrayRaster.TestGrid(W, H);
        var noise = new CounterRandom(11, 0);
        foreach (var (year, radius) in new[] { (2000, 6.0), (2010, 9.0), (2020, 12.0) })
        {
            var codes = new byte[W * H];
            for (int r = 0; r < H; r++)
                for (int c = 0; c < W; c++)
                {
                    double d = Math.Sqrt((r - 24) * (r - 24) + (c - 30) * (c - 30));
                    byte v = 1;                                         // cropland
                    if (d < radius + (CounterRandom.At(3, (ulong)year, (ulong)(r * W + c)) - 0.5) * 3) v = 8;   // impervious
                    else if (c < 12 && r < 20 + (year - 2000) / 5) v = 2;  // forest grows downwards
                    else if (r >= 43) v = 5;                           // water
                    else if (noise.NextBelow(40) == 0) v = 4;          // scattered grassland
                    if (r < 2 && c > 60) v = 0;
                    codes[r * W + c] = v;
                }
            GeoTiffWriter.WriteAll<byte>(Path.Combine(dir, $"lu_{year}.tif"), grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 0 }, codes);
        }
        var mask = new byte[W * H];
        for (int i = 0; i < mask.Length; i++) mask[i] = (byte)(i / W >= 43 ? 0 : 1);
        GeoTiffWriter.WriteAll<byte>(Path.Combine(dir, "restricted.tif"), grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 255 }, mask);
        var dem = new float[W * H];
        for (int i = 0; i < dem.Length; i++) dem[i] = (float)(20 + (i % W) * 0.5 + (i / W) * 0.2);
        GeoTiffWriter.WriteAll<float>(Path.Combine(dir, "dem.tif"), grid, RasterDataType.Float32, new GeoTiffWriteOptions { NoData = -9999 }, dem);
        File.WriteAllText(Path.Combine(dir, "study.yaml"), """
            years: {2000: lu_2000.tif, 2010: lu_2010.tif, 2020: lu_2020.tif}
            accounting: {construction: {value: 50}}
            simulation:
              hindcast: {calibrate: [2000, 2010], validate: 2020}
              horizon: [2030, 2040]
              scenarios: [natural, cultivatedProtection, ecologicalProtection, lowCarbon]
              restricted: restricted.tif
              dem: dem.tif
              forest: {trees: 8, samplesPerLabel: 400}
            """);
        return dir;
    }

    private static byte[] Read(string path)
    {
        using var r = GeoTiffReader.Open(path);
        var a = new byte[r.Grid.PixelCount];
        r.Read<byte>(r.Grid.Extent, a);
        return a;
    }

    private static long[] Counts(byte[] m)
    {
        var n = new long[7];
        foreach (var v in m) if (v != 0) n[v]++;
        return n;
    }

    [Fact]
    public void Run_WritesEveryOutput_MeetsDemand_AndIsIdenticalForAnyTilesAndThreads()
    {
        string dir = Inputs();
        string Run(int tile, int threads)
        {
            string o = Path.Combine(dir, $"out_{tile}_{threads}");
            PipelineRunner.Run(Path.Combine(dir, "study.yaml"), o, new PipelineRunOptions { Tiles = new TileSettings(tile, tile, threads) }, TestContext.Current.CancellationToken);
            return o;
        }
        string a = Run(16, 1), b = Run(32, 4);
        string[] rasters = ["landuse_hindcast_2020", .. ScenarioTemplates.Names.SelectMany(s => new[] { $"landuse_{s}_2030", $"landuse_{s}_2040" })];
        foreach (var name in rasters)
            Assert.Equal(Read(Path.Combine(a, "rasters", name + ".tif")), Read(Path.Combine(b, "rasters", name + ".tif")));
        foreach (var t in new[] { "simulation_accuracy", "simulation_accuracy_by_class", "simulation_demand", "simulation_drivers", "scenario_budget" })
            Assert.Equal(File.ReadAllText(Path.Combine(a, "tables", t + ".csv")), File.ReadAllText(Path.Combine(b, "tables", t + ".csv")));

        Assert.Contains("\"validate\": 2020", File.ReadAllText(Path.Combine(a, "run.json")), StringComparison.Ordinal);   // the resolved section is recorded
        var accuracy = File.ReadAllLines(Path.Combine(a, "tables", "simulation_accuracy.csv"));
        Assert.Equal("model,calibrateFrom,calibrateTo,validateYear,fom,producersAccuracy,usersAccuracy,overallAccuracy,kappa,kappaSimulation", accuracy[0]);
        Assert.StartsWith("landcarbon,2000,2010,2020,", accuracy[1], StringComparison.Ordinal);
        Assert.StartsWith("persistence,2000,2010,2020,0,0,,", accuracy[2], StringComparison.Ordinal);
        double fom = double.Parse(accuracy[1].Split(',')[4], CultureInfo.InvariantCulture);
        Assert.True(fom > 0.2, $"FoM {fom} on a town that grows in rings");
        Assert.Equal("scenario,year,sourceTonnesC,sinkTonnesC,netTonnesC", File.ReadLines(Path.Combine(a, "tables", "scenario_budget.csv")).First());

        // The hindcast has exactly the observed 2020 class areas.
        var observed = Read(Path.Combine(a, "rasters", "landuse_2020.tif"));
        Assert.Equal(Counts(observed), Counts(Read(Path.Combine(a, "rasters", "landuse_hindcast_2020.tif"))));

        // Every scenario map has exactly its demand; restricted pixels and protected classes keep their class.
        var demand = File.ReadAllLines(Path.Combine(a, "tables", "simulation_demand.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        string[] keys = ["", "cultivated", "forest", "grassland", "water", "construction", "unused"];
        foreach (var s in ScenarioTemplates.Names)
            foreach (int y in new[] { 2030, 2040 })
            {
                var map = Read(Path.Combine(a, "rasters", $"landuse_{s}_{y}.tif"));
                var n = Counts(map);
                for (int k = 1; k < 7; k++)
                    Assert.Equal(long.Parse(demand.Single(d => d[0] == s && d[1] == y.ToString(CultureInfo.InvariantCulture) && d[2] == keys[k])[3], CultureInfo.InvariantCulture), n[k]);
                for (int i = 0; i < map.Length; i++)
                {
                    if (i / W >= 43) Assert.Equal(observed[i], map[i]);
                    if (s == "ecologicalProtection" && observed[i] is 2 or 4) Assert.Equal(observed[i], map[i]);
                }
            }
        var natural = Counts(Read(Path.Combine(a, "rasters", "landuse_natural_2040.tif")));
        var protectedCultivated = Counts(Read(Path.Combine(a, "rasters", "landuse_cultivatedProtection_2040.tif")));
        Assert.True(protectedCultivated[1] > natural[1], "cultivated protection keeps more cultivated land");
        Assert.True(natural[5] > Counts(observed)[5], "the town keeps growing");
        var budget = File.ReadAllLines(Path.Combine(a, "tables", "scenario_budget.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        double Net(string s) => double.Parse(budget.Single(x => x[0] == s && x[1] == "2040")[4], CultureInfo.InvariantCulture);
        Assert.Equal(Net("natural"), Net("lowCarbon"), 6);   // same demand, same class-mean budget; only the places differ
        Assert.NotEqual(Read(Path.Combine(a, "rasters", "landuse_natural_2040.tif")), Read(Path.Combine(a, "rasters", "landuse_lowCarbon_2040.tif")));
    }

    [Fact]
    public void StockMode_ValuesEachScenarioAsInvest()
    {
        string dir = Inputs();
        // Pools per CLCD code (t C/ha, summed over the four pools): 1 cropland 40, 2 forest 150, 4 grassland 60,
        // 5 water 10, 8 impervious 5.
        File.WriteAllText(Path.Combine(dir, "pools.csv"), "lucode,c_above,c_below,c_soil,c_dead\n1,5,5,30,0\n2,80,20,45,5\n4,10,10,40,0\n5,0,0,10,0\n8,0,0,5,0\n");
        string study = Path.Combine(dir, "study.yaml");
        File.WriteAllText(study, File.ReadAllText(study)
            .Replace("accounting: {construction: {value: 50}}", "classes: {map: {1: cultivated, 2: forest, 3: forest, 4: grassland, 5: water, 6: unused, 7: unused, 8: construction, 9: water}}\n" +
                "accounting: {mode: stock, pools: pools.csv, areaModel: nominal}", StringComparison.Ordinal)
            .Replace("lowCarbon]", "lowCarbon]\n  valuation: {price: 43, discountRate: 7, priceChange: 2.8}", StringComparison.Ordinal));
        string o = Path.Combine(dir, "out");
        PipelineRunner.Run(study, o, null, TestContext.Current.CancellationToken);
        double[] density = [0, 40, 150, 60, 10, 5, 0];   // by class value: cultivated, forest, grassland, water, construction
        var demand = File.ReadAllLines(Path.Combine(o, "tables", "simulation_demand.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        string[] keys = ["", "cultivated", "forest", "grassland", "water", "construction", "unused"];
        double Stock(string s, string y) => Enumerable.Range(1, 6).Sum(k =>
            long.Parse(demand.Single(d => d[0] == s && d[1] == y && d[2] == keys[k])[3], CultureInfo.InvariantCulture) * density[k] * 0.09);
        var value = File.ReadAllLines(Path.Combine(o, "tables", "scenario_value.csv"));
        Assert.Equal("scenario,baseYear,year,stockChangeTonnesC,valuationConstant,netPresentValue", value[0]);
        Assert.Equal(8, value.Length - 1);
        foreach (var f in value.Skip(1).Select(l => l.Split(',')))
        {
            double change = Stock(f[0], f[2]) - Stock(f[0], "2020");
            // V = (price/n)·(1 − q^n)/(1 − q), q = 1/((1.07)(1.028)), n = year − 2020 (InVEST's formula, written out).
            int n = int.Parse(f[2], CultureInfo.InvariantCulture) - 2020;
            double q = 1 / (1.07 * 1.028), v = 43.0 / n * (1 - Math.Pow(q, n)) / (1 - q);
            Assert.Equal(change, double.Parse(f[3], CultureInfo.InvariantCulture), 1e-6 * Math.Max(1, Math.Abs(change)));
            Assert.Equal(v, double.Parse(f[4], CultureInfo.InvariantCulture), 1e-12);
            Assert.Equal(change * v, double.Parse(f[5], CultureInfo.InvariantCulture), 1e-6 * Math.Max(1, Math.Abs(change * v)));

            // Per pixel: (d(class in the year) − d(class in 2020)) × 0.09 ha × V, hand-derived from the pool table;
            // the raster sums to the table's NPV.
            var from = Read(Path.Combine(o, "rasters", "landuse_2020.tif"));
            var to = Read(Path.Combine(o, "rasters", $"landuse_{f[0]}_{f[2]}.tif"));
            using var npvReader = GeoTiffReader.Open(Path.Combine(o, "rasters", $"npv_{f[0]}_{f[2]}.tif"));
            var npv = new float[npvReader.Grid.PixelCount];
            npvReader.Read<float>(npvReader.Grid.Extent, npv);
            double sum = 0;
            for (int i = 0; i < npv.Length; i++)
            {
                if (from[i] == 0) { Assert.True(float.IsNaN(npv[i])); continue; }
                double expected = (density[to[i]] - density[from[i]]) * 0.09 * v;
                Assert.Equal(expected, npv[i], Math.Max(1e-6, Math.Abs(expected) * 1e-6));
                sum += npv[i];
            }
            Assert.Equal(change * v, sum, 1e-4 * Math.Max(1, Math.Abs(change * v)));
        }
    }

    [Fact]
    public void GrossChange_MeetsTheObservedDemandToo()
    {
        string dir = Inputs();
        string study = Path.Combine(dir, "study.yaml");
        File.WriteAllText(study, File.ReadAllText(study).Replace("samplesPerLabel: 400}", "samplesPerLabel: 400}\n  allocation: {change: gross}", StringComparison.Ordinal));
        string o = Path.Combine(dir, "out");
        PipelineRunner.Run(study, o, null, TestContext.Current.CancellationToken);
        var observed = Read(Path.Combine(o, "rasters", "landuse_2020.tif"));
        var hindcast = Read(Path.Combine(o, "rasters", "landuse_hindcast_2020.tif"));
        Assert.Equal(Counts(observed), Counts(hindcast));
    }

    [Fact]
    public void HindcastYearNotObserved_IsAnInputError()
    {
        string dir = Inputs();
        string study = Path.Combine(dir, "study.yaml");
        File.WriteAllText(study, File.ReadAllText(study).Replace("validate: 2020", "validate: 2025", StringComparison.Ordinal));
        var e = Assert.Throws<Models.InputException>(() => PipelineRunner.Run(study, Path.Combine(dir, "out"), null, TestContext.Current.CancellationToken));
        Assert.Contains("simulation.hindcast.validate: 2025 is not an observed year", e.Message, StringComparison.Ordinal);
    }
}
