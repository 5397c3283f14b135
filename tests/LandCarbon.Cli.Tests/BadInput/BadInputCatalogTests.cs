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
    [InlineData("tiff-zstd", "broken_zstd.tif")]
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
    [InlineData("simulation-unknown-scenario", "", "", "simulation:\n  horizon: [2030]\n  scenarios: [natural, sprawl]\n")]
    [InlineData("simulation-year-not-observed", "", "", "simulation:\n  hindcast: {calibrate: [2000, 2024], validate: 2030}\n")]
    public void StudyEdited(string id, string replace, string with, string append)
    {
        var w = new Workspace();
        string text = (replace.Length == 0 ? Workspace.Valid : Workspace.Valid.Replace(replace, with, StringComparison.Ordinal)) + append;
        string study = w.Study("s.yaml", text);
        AssertCase(id, CliRunner.Run("run", study, "--out", w.P("out")), w.P("out"));
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
