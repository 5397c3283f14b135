using System.Globalization;
using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tests.Raster;

namespace LandCarbon.Core.Tests.Accounting;

/// <summary>
/// Budgets and class areas of real land use in three CRSs (UTM 49N, EPSG:4326, EPSG:3857) against the independent
/// GDAL/numpy oracle tests/data/oracles/area/pixel_area_oracle.py: every class area and class budget within 1e-6
/// relative. The small fixtures' oracle outputs are committed; the whole Wuhan rasters are warped with gdalwarp and
/// measured by the oracle at test time (skipped without GDAL).
/// </summary>
public class TrueAreaAccountingTests
{
    // Wuhan codes (PLUS tutorial): 1 grassland, 2 deciduous forest, 3 cropland, 4 urban, 5 bare, 6 water, 7 evergreen forest.
    private static readonly Dictionary<int, LandClass> ClassOf = new()
    {
        [1] = LandClass.Grassland, [2] = LandClass.Forest, [3] = LandClass.Cultivated, [4] = LandClass.Construction,
        [5] = LandClass.Unused, [6] = LandClass.Water, [7] = LandClass.Forest,
    };

    private const string ClassMap = "classes:\n  map: {1: grassland, 2: forest, 3: cultivated, 4: construction, 5: unused, 6: water, 7: forest}\n";

    [Theory]
    [InlineData("small_utm49n")]
    [InlineData("small_4326")]
    [InlineData("small_3857")]
    public void SmallFixtures_EqualTheCommittedOracle(string name)
    {
        var oracle = PixelAreasTests.ReadOracle(TestData.Repo($"oracles/area/{name}.csv"));
        AssertBudgetsEqualOracle(TestData.Repo($"oracles/area/{name}.tif"), oracle);
    }

    [Theory]
    [InlineData("small_utm49n")]
    [InlineData("small_4326")]
    public void PerPixelAreas_GiveIdenticalResultsForAnyTileSizeAndThreadCount(string name)
    {
        string raster = TestData.Repo($"oracles/area/{name}.tif");
        string dir = TestData.TempDir();
        File.WriteAllText(Path.Combine(dir, "study.yaml"),
            $"years: {{2003: '{raster}', 2013: '{raster}'}}\n{ClassMap}accounting: {{construction: {{value: 50}}}}\nchange: {{}}\n");
        string Run(int tile, int threads)
        {
            string outDir = Path.Combine(dir, $"out_{tile}_{threads}");
            PipelineRunner.Run(Path.Combine(dir, "study.yaml"), outDir, new PipelineRunOptions { Tiles = new TileSettings(tile, tile, threads) },
                TestContext.Current.CancellationToken);
            return string.Join("\n", new[] { "class_budget_by_year", "budget_by_year", "transitions_2003_2013", "space_grades_2003_2013" }
                .Select(t => File.ReadAllText(Path.Combine(outDir, "tables", t + ".csv"))))
                + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(outDir, "rasters", "cbi_2003.tif"))));
        }
        string reference = Run(64, 1);
        Assert.Equal(reference, Run(7, 2));
        Assert.Equal(reference, Run(16, 3));
    }

    [Theory]
    [InlineData("wh2003_refy")]
    [InlineData("wh2013_refy")]
    public void WuhanUtm_EqualsTheCommittedOracle(string name)
    {
        string raster = TestData.Shared($"lulc-wuhan-30m/{name}.tif");
        AssertBudgetsEqualOracle(raster, PixelAreasTests.ReadOracle(TestData.Repo($"oracles/area/{name}_utm49n.csv")));
    }

    [Theory]
    [InlineData(4326)]
    [InlineData(3857)]
    public void WuhanWarped_EqualsTheOracle(int epsg)
    {
        string src = TestData.Shared("lulc-wuhan-30m/wh2003_refy.tif");
        string gdalwarp = TestData.RequireTool("gdalwarp");
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) Assert.Skip("Debian python3 with GDAL is not installed (scripts/install-deps.sh)");
        string dir = TestData.TempDir();
        string warped = Path.Combine(dir, $"wh2003_{epsg}.tif");
        TestData.Run(gdalwarp, "-q", "-t_srs", $"EPSG:{epsg}", "-r", "near", "-co", "COMPRESS=DEFLATE", "-co", "TILED=YES", src, warped);
        string csv = Path.Combine(dir, "oracle.csv");
        TestData.Run(python, TestData.Repo("oracles/area/pixel_area_oracle.py"), warped, csv);
        AssertBudgetsEqualOracle(warped, PixelAreasTests.ReadOracle(csv));
    }

    /// <summary>Runs flux accounting (default coefficients, δ_con = 50) and compares every class area and budget,
    /// and the net budget, with Σ coefficient × oracle area.</summary>
    private static void AssertBudgetsEqualOracle(string raster, Dictionary<string, (long Pixels, double AreaM2)> oracle)
    {
        string dir = TestData.TempDir();
        File.WriteAllText(Path.Combine(dir, "study.yaml"),
            $"years: {{2003: '{raster}'}}\n{ClassMap}accounting: {{construction: {{value: 50}}}}\n");
        var r = PipelineRunner.Run(Path.Combine(dir, "study.yaml"), Path.Combine(dir, "out"),
            new PipelineRunOptions { Stages = [new AccountingStage()], Tiles = new TileSettings(64, 64) }, TestContext.Current.CancellationToken);
        var year = r.Context.Results.Get<AccountingResult>()[2003];
        var coef = CoefficientTable.Default;
        var areaOf = new Dictionary<LandClass, double>();
        var pixelsOf = new Dictionary<LandClass, long>();
        foreach (var (code, (px, m2)) in oracle)
        {
            if (code == "total") continue;
            var c = ClassOf[int.Parse(code, CultureInfo.InvariantCulture)];
            areaOf[c] = areaOf.GetValueOrDefault(c) + m2;
            pixelsOf[c] = pixelsOf.GetValueOrDefault(c) + px;
        }
        double net = 0;
        foreach (var (c, m2) in areaOf)
        {
            var b = year.Classes.Single(x => x.Class == c);
            double k = c == LandClass.Construction ? 50 : coef[c]!.Value;
            double tonnes = k * m2 / 1e4;
            net += tonnes;
            Assert.Equal(pixelsOf[c], b.Pixels);
            Assert.True(Math.Abs(b.AreaKm2 / (m2 / 1e6) - 1) < 1e-6, $"{c}: area {b.AreaKm2:R} km², oracle {m2 / 1e6:R}");
            Assert.True(Math.Abs(b.TonnesC / tonnes - 1) < 1e-6, $"{c}: budget {b.TonnesC:R} t C/yr, oracle {tonnes:R}");
        }
        Assert.True(Math.Abs(year.NetTonnesC / net - 1) < 1e-6, $"net {year.NetTonnesC:R}, oracle {net:R}");
        Assert.StartsWith("true:", r.Manifest.AreaModel, StringComparison.Ordinal);
    }
}
