using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Models;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Study;

public class StudyLoaderTests
{
    internal static string Dir()
    {
        string d = TestData.TempDir();
        File.WriteAllBytes(Path.Combine(d, "lu_2000.tif"), [0]);
        File.WriteAllBytes(Path.Combine(d, "lu_2010.tif"), [0]);
        return d;
    }

    [Fact]
    public void MinimalStudy_UsesDefaults()
    {
        string d = Dir();
        var s = StudyLoader.Parse(Path.Combine(d, "study.yaml"), "region: Test\nyears:\n  2010: lu_2010.tif\n  2000: lu_2000.tif\naccounting:\n  construction:\n    value: 50\n");
        Assert.Equal([2000, 2010], s.YearList);
        Assert.Equal(Path.Combine(d, "lu_2000.tif"), s.Years[2000]);
        Assert.Equal(AccountingMode.Flux, s.Accounting.Mode);
        Assert.Equal(50, s.Accounting.Construction.FixedTonnesCPerHa);
        Assert.Equal(LandClass.Forest, s.Classes.Map[3]);
        Assert.Null(s.Change);
        Assert.Equal(3, s.InputFiles().Count);
    }

    [Fact]
    public void AllProblems_AreReportedAtOnce_WithKeysAndLines()
    {
        string d = Dir();
        string yaml = """
            region: Test
            years:
              2000: lu_2000.tif
              20x0: lu_2010.tif
              2020: missing.tif
            colours: 3
            classes:
              shrub: meadow
            accounting:
              mode: fluxx
              units: tCO2e
              corrections:
                vegetation:
                  raster: ndvi.tif
                  min: 5
                  max: 1
                  classes: [forest, jungle]
            tiles:
              width: 256
            """;
        var e = Assert.Throws<InputException>(() => StudyLoader.Parse(Path.Combine(d, "study.yaml"), yaml));
        string all = string.Join("\n", e.Problems);
        Assert.Contains("years.20x0 (line 4): '20x0' is not a four-digit year", all);
        Assert.Contains("years.2020 (line 5): file not found: missing.tif", all);
        Assert.Contains("colours (line 6): unknown key", all);
        Assert.Contains("classes.shrub (line 8): 'meadow' is not one of: forest, grassland", all);
        Assert.Contains("accounting.mode (line 10): 'fluxx' is not one of: flux, stock", all);
        Assert.Contains("accounting.corrections.vegetation.raster (line 14): file not found: ndvi.tif", all);
        Assert.Contains("accounting.corrections.vegetation.min (line 15): min 5 is above max 1", all);
        Assert.Contains("'jungle' is not a class", all);
        Assert.Contains("tiles.width (line 19): give both tile width and height", all);
        Assert.True(e.Problems.Count >= 9, all);
    }

    [Fact]
    public void WrongTypes_AreErrors()
    {
        string d = Dir();
        var e = Assert.Throws<InputException>(() => StudyLoader.Parse(Path.Combine(d, "s.yaml"),
            "years:\n  2000: lu_2000.tif\nseed: abc\naccounting:\n  mode: [flux]\n  construction: 5\n"));
        string all = string.Join("\n", e.Problems);
        Assert.Contains("seed (line 3): 'abc' is not a whole number", all);
        Assert.Contains("accounting.mode (line 5): expected a single value", all);
        Assert.Contains("accounting.construction (line 6): expected a mapping", all);
    }

    [Fact]
    public void StockModeNeedsPools_AndBadTableRowsAreNamed()
    {
        string d = Dir();
        File.WriteAllText(Path.Combine(d, "pools.csv"), "lucode,c_above,c_below,c_soil,c_dead\n1,10,2,3,0\n2,10,2,x,0\n1,1,1,1,1\n");
        var e = Assert.Throws<InputException>(() => StudyLoader.Parse(Path.Combine(d, "s.yaml"),
            "years:\n  2000: lu_2000.tif\naccounting:\n  mode: stock\n  pools: pools.csv\n"));
        string all = string.Join("\n", e.Problems);
        Assert.Contains("pools.csv, line 3, column 'c_soil': 'x' is not a finite number", all);
        Assert.Contains("pools.csv, line 4: lucode 1 appears twice", all);
        var e2 = Assert.Throws<InputException>(() => StudyLoader.Parse(Path.Combine(d, "s.yaml"), "years:\n  2000: lu_2000.tif\naccounting:\n  mode: stock\n"));
        Assert.Contains("accounting.pools: is required in stock mode", e2.Message);
    }

    [Fact]
    public void FluxWithoutConstructionCoefficient_IsAnError()
    {
        string d = Dir();
        var e = Assert.Throws<InputException>(() => StudyLoader.Parse(Path.Combine(d, "s.yaml"), "years:\n  2000: lu_2000.tif\n"));
        Assert.Contains("construction-land coefficient is missing", e.Message);
    }

    [Fact]
    public void CustomMapAndLabels()
    {
        string d = Dir();
        var s = StudyLoader.Parse(Path.Combine(d, "s.yaml"), """
            years: {2000: lu_2000.tif}
            classes:
              map: {1: grassland, 2: forest, 3: cultivated, 4: construction, 5: unused, 6: water, 7: forest}
              nodata: [15, -128]
              labels:
                construction: {en: built-up land, zh: 建设用地, color: "#ff0000"}
            accounting: {construction: {value: 30}}
            """);
        Assert.Equal(LandClass.Cultivated, s.Classes.Map[3]);
        Assert.Equal("#FF0000", s.Classes.Style(LandClass.Construction).Color);
        Assert.Equal("built-up land", s.Classes.Style(LandClass.Construction).EnglishLabel);
        var lookup = s.Classes.CreateLookup(null);
        Assert.Equal(0, lookup[-128]);
        Assert.Equal(ClassLookup.Unknown, lookup[8]);
    }

    [Fact]
    public void DefaultTables_MatchTheSpec()
    {
        var t = CoefficientTable.Default;
        Assert.Equal(0.422, t[LandClass.Cultivated]);
        Assert.Equal(-0.644, t[LandClass.Forest]);
        Assert.Equal(-0.021, t[LandClass.Grassland]);
        Assert.Equal(-0.253, t[LandClass.Water]);
        Assert.Equal(-0.005, t[LandClass.Unused]);
        Assert.Null(t[LandClass.Construction]);
        Assert.Equal(9, EnergyFactorTable.Default.Factors.Count);
    }

    [Fact]
    public void InitTemplate_LoadsWithEveryDefault_AndShipsTheTables()
    {
        string d = TestData.TempDir();
        string study = Path.Combine(d, "study.yaml");
        var written = StudyTemplate.Write(study);
        Assert.Equal(3, written.Count);
        Directory.CreateDirectory(Path.Combine(d, "landuse"));
        File.WriteAllBytes(Path.Combine(d, "landuse", "clcd_2000.tif"), [0]);
        File.WriteAllBytes(Path.Combine(d, "landuse", "clcd_2024.tif"), [0]);
        var s = StudyLoader.Load(study);
        Assert.Equal([2000, 2024], s.YearList);
        Assert.Equal(Path.Combine(d, "coefficients.csv"), s.Accounting.CoefficientsPath);
        Assert.Equal(0.422, s.Accounting.LoadCoefficients()[LandClass.Cultivated]);
        Assert.Contains("METHOD-SPEC (b1)", File.ReadAllText(study), StringComparison.Ordinal);
    }
}
