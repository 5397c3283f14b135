using System.Text.RegularExpressions;

namespace LandCarbon.Cli.Tests.BadInput;

/// <summary>
/// The catalogue of bad inputs in docs/bad-input.md, one test per row: each case runs the real `landcarbon`
/// process, which must exit with code 2, name the file, key or row, say what was expected, and write no output
/// file. The message fragment each test checks is the one the catalogue shows, so the page stays true.
/// </summary>
public partial class BadInputCatalogTests
{
    private static readonly string Catalogue = File.ReadAllText(Path.Combine(TestData.RepoRoot, "docs", "bad-input.md"));

    /// <summary>A folder with two valid 64×64 CLCD rasters (a2000.tif, a2024.tif) and a study file text helper.</summary>
    private sealed class Workspace
    {
        public string Dir { get; } = TestData.TempDir();

        public Workspace()
        {
            File.Copy(TestData.Repo("rasters/clcd_small.tif"), P("a2000.tif"));
            File.Copy(TestData.Repo("rasters/clcd_small.tif"), P("a2024.tif"));
        }

        public string P(string name) => Path.Combine(Dir, name);

        public string Study(string name, string body)
        {
            File.WriteAllText(P(name), body.Replace("\r", "", StringComparison.Ordinal));
            return P(name);
        }

        public const string Valid = "region: test\nyears:\n  2000: a2000.tif\n  2024: a2024.tif\naccounting:\n  construction:\n    value: 50\n";
    }

    private static void AssertCase(string id, CliResult r, string? outDir = null)
    {
        var row = Row(id);
        Assert.True(r.ExitCode == 2, $"{id}: exit code {r.ExitCode}, expected 2. stderr: {r.StdErr}");
        Assert.True(Normalize(r.StdErr).Contains(row.Fragment, StringComparison.Ordinal),
            $"{id}: stderr does not contain the catalogue's fragment \"{row.Fragment}\":\n{r.StdErr}");
        if (outDir is not null)
        {
            var written = Directory.Exists(outDir)
                ? Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories).ToList()
                : [];
            Assert.True(written.Count == 0, $"{id}: bad input left files behind: {string.Join(", ", written)}");
        }
    }

    private static string Normalize(string s) => Whitespace().Replace(s, " ");

    /// <summary>The catalogue row of a case: | id | case | command | message fragment users see |.</summary>
    private static (string Case, string Fragment) Row(string id)
    {
        foreach (var line in Catalogue.Split('\n'))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length >= 5 && cells[1] == $"`{id}`")
                return (cells[2], cells[4].Trim('`'));
        }
        throw new Xunit.Sdk.XunitException($"docs/bad-input.md has no row for `{id}`");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [Theory]
    [InlineData("tiff-truncated", "broken_truncated.tif")]
    [InlineData("tiff-wrong-magic", "broken_magic.tif")]
    [InlineData("tiff-tile-past-end", "broken_tile_offset.tif")]
    [InlineData("tiff-zstd", "broken_zstd_data.tif")]
    [InlineData("tiff-jpeg", "broken_jpeg.tif")]
    [InlineData("tiff-header-only", "broken_header_only.tif")]
    public void BrokenGeoTiff(string id, string file)
    {
        AssertCase(id, CliRunner.Run("raster", "info", TestData.Repo("rasters/" + file)));
    }

    [Fact]
    public void RasterMissing()
    {
        AssertCase("raster-missing", CliRunner.Run("raster", "info", "no_such_raster_2000.tif"));
    }

    [Fact]
    public void RastersOnDifferentGrids()
    {
        var w = new Workspace();
        File.Copy(TestData.Repo("rasters/albers_krassowsky.tif"), w.P("other.tif"));
        AssertCase("grid-mismatch", CliRunner.Run("lucc", "transitions", w.P("a2000.tif"), w.P("other.tif")));
    }

    [Fact]
    public void StudyRasterOnDifferentGridOrCrs()
    {
        var w = new Workspace();
        File.Copy(TestData.Repo("rasters/albers_krassowsky.tif"), w.P("other.tif"));
        string study = w.Study("s.yaml", Workspace.Valid.Replace("a2024.tif", "other.tif", StringComparison.Ordinal));
        AssertCase("study-grid-mismatch", CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    /// <summary>A valid study with one edit: a missing year file, a misspelt key, a wrong type, a POI factor
    /// without a source.</summary>
    [Theory]
    [InlineData("year-file-missing", "a2024.tif", "missing_2024.tif", "")]
    [InlineData("study-unknown-key", "region:", "regoin:", "")]
    [InlineData("study-wrong-type", "", "", "seed: abc\n")]
    [InlineData("poi-factor-without-source", "", "", "  corrections:\n    poi: {}\n")]
    [InlineData("risk-perkm2-pixels", "", "", "risk:\n  index: deltaCbiPerKm2\n")]
    [InlineData("risk-forecast-unknown", "", "", "risk:\n  fishnetMeters: 30\n  forecast: [persistence, weather]\n")]
    [InlineData("risk-forecast-simulation", "", "", "risk:\n  fishnetMeters: 30\n  forecast: [simulation]\n")]
    [InlineData("uncertainty-stock-mode", "  construction:\n    value: 50\n", "  mode: stock\n  pools: pools.csv\n", "uncertainty: {draws: 10}\n")]
    [InlineData("simulation-raw-codes", "  construction:\n    value: 50\n", "  mode: stock\n  pools: pools.csv\n", "simulation:\n  horizon: [2030]\n")]
    [InlineData("simulation-unknown-scenario", "", "", "simulation:\n  horizon: [2030]\n  scenarios: [natural, sprawl]\n")]
    [InlineData("simulation-year-not-observed", "", "", "simulation:\n  hindcast: {calibrate: [2000, 2024], validate: 2030}\n")]
    public void StudyEdited(string id, string replace, string with, string append)
    {
        var w = new Workspace();
        string text = (replace.Length == 0 ? Workspace.Valid : Workspace.Valid.Replace(replace, with, StringComparison.Ordinal)) + append;
        string study = w.Study("s.yaml", text);
        AssertCase(id, CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    /// <summary>Land-use rasters whose pixel areas cannot be measured: no CRS, or a CRS outside the catalogue.</summary>
    [Theory]
    [InlineData("raster-no-crs", null)]
    [InlineData("crs-without-area-model", 2154)]
    public void RasterCrsWithoutAreaModel(string id, int? epsg)
    {
        var w = new Workspace();
        using (var r = LandCarbon.Core.Raster.GeoTiff.GeoTiffReader.Open(TestData.Repo("rasters/clcd_small.tif")))
        {
            var grid = r.Grid with { Crs = epsg is int e ? new LandCarbon.Core.Raster.SpatialReference(e, "") : LandCarbon.Core.Raster.SpatialReference.None };
            var v = new byte[grid.PixelCount];
            r.Read<byte>(grid.Extent, v);
            foreach (var name in new[] { "a2000.tif", "a2024.tif" })
            {
                File.Delete(w.P(name));
                LandCarbon.Core.Raster.GeoTiff.GeoTiffWriter.WriteAll<byte>(w.P(name), grid, r.DataType,
                    new LandCarbon.Core.Raster.GeoTiff.GeoTiffWriteOptions { NoData = r.NoData }, v);
            }
        }
        AssertCase(id, CliRunner.Run("run", w.Study("s.yaml", Workspace.Valid), "--out", w.P("out")), w.P("out"));
    }

    /// <summary>A grid in degrees (the Wuhan clip warped to EPSG:4326): nominal areas and metre distances are refused.</summary>
    [Theory]
    [InlineData("area-nominal-geographic", "  areaModel: nominal\n")]
    [InlineData("metres-on-geographic", "spatial:\n  fishnetMeters: 1000\nchange: {}\n")]
    public void GeographicGrid(string id, string append)
    {
        var w = new Workspace();
        foreach (var name in new[] { "a2000.tif", "a2024.tif" })
        {
            File.Delete(w.P(name));
            File.Copy(TestData.Repo("oracles/area/small_4326.tif"), w.P(name));
        }
        AssertCase(id, CliRunner.Run("run", w.Study("s.yaml", Workspace.Valid + append), "--out", w.P("out")), w.P("out"));
    }

    [Fact]
    public void PoiRadiusOnGeographicGrid()
    {
        var w = new Workspace();
        File.Copy(TestData.Repo("oracles/area/small_4326.tif"), w.P("small_4326.tif"));
        File.WriteAllText(w.P("poi.csv"), "lon,lat,category\n114.3,30.6,公司企业\n");
        AssertCase("poi-radius-geographic", CliRunner.Run("poi", "density", w.P("poi.csv"), "--crs", "wgs84", "--grid", w.P("small_4326.tif"),
            "--radius-m", "1000", "--out", w.P("o")), w.P("o"));
    }

    [Fact]
    public void ServeNotARun()
    {
        AssertCase("serve-not-a-run", CliRunner.Run("serve", "no_such_run"));
    }

    [Fact]
    public void ServeFolderWithoutRasters()
    {
        var w = new Workspace();
        Directory.CreateDirectory(w.P("empty_run"));
        AssertCase("serve-no-rasters", CliRunner.Run("serve", w.P("empty_run")));
    }

    [Fact]
    public void ServeHostNotAnAddress()
    {
        var w = new Workspace();
        Directory.CreateDirectory(w.P("run/rasters"));
        File.Copy(TestData.Repo("rasters/clcd_small.tif"), w.P("run/rasters/landuse_2000.tif"));
        AssertCase("serve-bad-host", CliRunner.Run("serve", w.P("run"), "--host", "example.org", "--port", "0"));
    }

    [Fact]
    public void StudyNotYaml()
    {
        var w = new Workspace();
        string study = w.Study("s.yaml", "region: [unclosed\n");
        AssertCase("study-not-yaml", CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    [Fact]
    public void ClassCodesMissingFromScheme()
    {
        var w = new Workspace();
        string study = w.Study("s.yaml", Workspace.Valid + "classes:\n  map: {1: cultivated, 2: forest}\n");
        AssertCase("class-codes-unmapped", CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    [Theory]
    [InlineData("coefficient-nan", "NaN")]
    [InlineData("coefficient-infinite", "inf")]
    public void NonFiniteCoefficient(string id, string value)
    {
        var w = new Workspace();
        File.WriteAllText(w.P("coef.csv"),
            $"class,value,unit,source\ncultivated,0.422,tC/ha/yr,x\nforest,{value},tC/ha/yr,x\ngrassland,-0.021,tC/ha/yr,x\n" +
            "water,-0.253,tC/ha/yr,x\nconstruction,,tC/ha/yr,x\nunused,-0.005,tC/ha/yr,x\n");
        string study = w.Study("s.yaml", Workspace.Valid.Replace("accounting:\n", "accounting:\n  coefficients: coef.csv\n", StringComparison.Ordinal));
        AssertCase(id, CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    [Theory]
    [InlineData("coefficient-range-excludes-value", "0.422,tC/ha/yr,x,0.45,0.5,")]
    [InlineData("coefficient-range-and-sd", "0.422,tC/ha/yr,x,0.4,0.5,0.01")]
    [InlineData("coefficient-range-crosses-zero", "0.422,tC/ha/yr,x,-0.1,0.5,")]
    [InlineData("coefficient-range-one-side", "0.422,tC/ha/yr,x,0.4,,")]
    [InlineData("coefficient-uncertainty-of-zero", "0,tC/ha/yr,x,,,0.1")]
    public void CoefficientUncertainty(string id, string cultivated)
    {
        var w = new Workspace();
        File.WriteAllText(w.P("coef.csv"),
            $"class,value,unit,source,low,high,sd\ncultivated,{cultivated}\nforest,-0.644,tC/ha/yr,x,,,\ngrassland,-0.021,tC/ha/yr,x,,,\n" +
            "water,-0.253,tC/ha/yr,x,,,\nconstruction,,tC/ha/yr,x,,,\nunused,-0.005,tC/ha/yr,x,,,\n");
        string study = w.Study("s.yaml", Workspace.Valid.Replace("accounting:\n", "accounting:\n  coefficients: coef.csv\n", StringComparison.Ordinal));
        AssertCase(id, CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    [Fact]
    public void MalformedCsvRow()
    {
        var w = new Workspace();
        File.WriteAllText(w.P("data.csv"), "y,x1\n1,2\n2,abc\n3,4\n");
        AssertCase("csv-malformed-number", CliRunner.Run("regress", "quantile", w.P("data.csv"), "--y", "y", "--x", "x1", "--tau", "0.5"));
    }

    [Fact]
    public void CsvMissingColumn()
    {
        var w = new Workspace();
        File.WriteAllText(w.P("data.csv"), "y,x1\n1,2\n2,3\n3,4\n");
        AssertCase("csv-missing-column", CliRunner.Run("regress", "quantile", w.P("data.csv"), "--y", "y", "--x", "x9", "--tau", "0.5"));
    }

    /// <summary>Fishnet sizes are resolved one way: a size that is not a whole number of pixels is refused before the
    /// run, under risk: as under spatial: (the 64×64 test rasters have 30 m pixels).</summary>
    [Theory]
    [InlineData("fishnet-not-whole-pixels", "risk:\n  fishnetMeters: 1000\n")]
    [InlineData("gistar-band-below-cell", "spatial:\n  fishnetMeters: 990\n  giStarBandMeters: 600\n")]
    public void FishnetAndBandSizes(string id, string append)
    {
        var w = new Workspace();
        string study = w.Study("s.yaml", Workspace.Valid + append);
        AssertCase(id, CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    [Fact]
    public void ReplayWithAChangedInput()
    {
        var w = new Workspace();
        string study = w.Study("s.yaml", Workspace.Valid + "report: false\n");
        Assert.Equal(0, CliRunner.Run("run", study, "--out", w.P("run1")).ExitCode);
        File.AppendAllText(study, "# edited\n");
        string manifest = Path.Combine(w.P("run1"), "run.json");
        string before = File.ReadAllText(manifest);
        var r = CliRunner.Run("run", manifest, "--out", w.P("out"));
        AssertCase("replay-input-changed", r, w.P("out"));
        Assert.Equal(before, File.ReadAllText(manifest));
    }

    [Fact]
    public void RiskGradeDominantFactorCoefficients()
    {
        var w = new Workspace();
        AssertCase("risk-grade-coefficients", CliRunner.Run("risk", "grade", w.P("a2000.tif"), "--index", "dominantFactor", "--factors", w.P("a2024.tif"),
            "--coefficients", "1", "--out", w.P("out")), w.P("out"));
    }

    [Fact]
    public void PoiCrsMissing()
    {
        var w = new Workspace();
        File.WriteAllText(w.P("pois.csv"), "lon,lat,typecode\n106.7,26.5,170300\n");
        string study = w.Study("s.yaml", Workspace.Valid + "poi:\n  file: pois.csv\n");
        AssertCase("poi-crs-missing", CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    [Fact]
    public void ZoneCrsMissingOnDataVBoundaries()
    {
        var w = new Workspace();
        File.Copy(TestData.Shared("bnd-guizhou-datav/520100.json"), w.P("counties.json"));
        string study = w.Study("s.yaml", Workspace.Valid + "risk:\n  zones:\n    file: counties.json\n");
        AssertCase("zone-crs-missing", CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    [Fact]
    public void CrsKeyDisagreesWithTheFile()
    {
        var w = new Workspace();
        File.WriteAllText(w.P("zones.geojson"), "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:OGC:1.3:CRS84\"}}, \"features\": []}");
        string study = w.Study("s.yaml", Workspace.Valid + "risk:\n  zones:\n    file: zones.geojson\n    crs: gcj02\n");
        AssertCase("crs-disagrees", CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    [Theory]
    [InlineData("crs-not-grid", "urn:ogc:def:crs:EPSG::32649", "grid")]
    [InlineData("crs-unreadable", "EPSG:2383", null)]
    public void PoiFileDeclaringAnotherCrs(string id, string name, string? crs)
    {
        var w = new Workspace();
        File.WriteAllText(w.P("pois.geojson"), "{\"type\": \"FeatureCollection\", \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"" + name + "\"}}, \"features\": []}");
        string[] args = ["poi", "density", w.P("pois.geojson"), "--grid", w.P("a2000.tif"), "--radius-m", "500", "--out", w.P("out")];
        AssertCase(id, CliRunner.Run(crs is null ? args : [.. args, "--crs", crs]), w.P("out"));
    }

    [Fact]
    public void PoiCorrectionInStockMode()
    {
        var w = new Workspace();
        File.Copy(TestData.Shared("tables-invest-carbon-pools/carbon_pools_willamette.csv"), w.P("pools.csv"));
        string study = w.Study("s.yaml", "years:\n  2000: a2000.tif\naccounting:\n  mode: stock\n  pools: pools.csv\n  corrections:\n    poi: {raster: a2000.tif}\n");
        AssertCase("stock-poi-correction", CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    [Fact]
    public void StockCorrectionsWithTooManyCodes()
    {
        var w = new Workspace();
        File.WriteAllText(w.P("pools.csv"), "lucode,c_above,c_below,c_soil,c_dead\n" + string.Concat(Enumerable.Range(1, 300).Select(i => $"{i},1,1,1,0\n")));
        string study = w.Study("s.yaml", "years:\n  2000: a2000.tif\naccounting:\n  mode: stock\n  pools: pools.csv\n  corrections:\n    climate: {precipitation: a2000.tif, temperature: a2000.tif}\n");
        AssertCase("stock-corrections-too-many-codes", CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    [Theory]
    [InlineData("stock-raw-six-class-key", "classes:\n  wetland: unused\n")]
    [InlineData("stock-raw-correction-classes", "  corrections:\n    climate: {precipitation: a2000.tif, temperature: a2000.tif, classes: [forest]}\n")]
    [InlineData("stock-raw-regression", "regression:\n")]
    public void StockModeWithoutClassMap(string id, string append)
    {
        var w = new Workspace();
        File.WriteAllText(w.P("pools.csv"), "lucode,c_above,c_below,c_soil,c_dead\n" + string.Concat(Enumerable.Range(1, 9).Select(i => $"{i},1,1,1,0\n")));
        string study = w.Study("s.yaml", "years:\n  2000: a2000.tif\naccounting:\n  mode: stock\n  pools: pools.csv\n" + append);
        AssertCase(id, CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    [Fact]
    public void StockModeWithoutClassMap_CodeOutOfRange()
    {
        var w = new Workspace();
        var grid = new LandCarbon.Core.Raster.GridSpec(64, 64, LandCarbon.Core.Raster.GeoTransform.NorthUp(500000, 3000000, 30),
            LandCarbon.Core.Raster.SpatialReferences.FromEpsg(32648));
        LandCarbon.Core.Raster.GeoTiff.GeoTiffWriter.WriteAll<short>(w.P("codes.tif"), grid, LandCarbon.Core.Raster.RasterDataType.Int16,
            new LandCarbon.Core.Raster.GeoTiff.GeoTiffWriteOptions { NoData = -1 }, [.. Enumerable.Repeat((short)2000, 64 * 64)]);
        File.WriteAllText(w.P("pools.csv"), "lucode,c_above,c_below,c_soil,c_dead\n2000,1,1,1,0\n");
        string study = w.Study("s.yaml", "years:\n  2000: codes.tif\naccounting:\n  mode: stock\n  pools: pools.csv\n");
        AssertCase("stock-raw-code-out-of-range", CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
    }

    [Fact]
    public void EveryCatalogueRowHasATest()
    {
        string source = File.ReadAllText(Path.Combine(TestData.RepoRoot, "tests", "LandCarbon.Cli.Tests", "BadInput", "BadInputCatalogTests.cs"));
        foreach (Match m in CatalogueId().Matches(Catalogue))
        {
            string id = m.Groups[1].Value;
            Assert.True(source.Contains($"(\"{id}\"", StringComparison.Ordinal),
                $"catalogue case `{id}` has no test");
        }
    }

    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex CatalogueId();
}
