using System.Globalization;
using LandCarbon.Core.Models;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LandCarbon.Core.Study;

/// <summary>
/// Loads and validates a study file. Every problem in the file (unknown keys, wrong types, values out of range,
/// missing files, bad rows of the tables it names) is collected, and one <see cref="InputException"/> lists them
/// all, each naming the key and line, or the file and row. Raster checks that need pixels (grid alignment,
/// unknown class codes) are in <see cref="StudyRasterCheck"/>.
/// </summary>
public static class StudyLoader
{
    /// <summary>Loads and validates <paramref name="path"/>; throws <see cref="InputException"/> with
    /// <see cref="InputException.Problems"/> when anything is wrong.</summary>
    public static StudyDefinition Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new InputException($"{path}: study file not found.");
        return Parse(full, File.ReadAllText(full));
    }

    /// <summary>Parses study text as if it were the file <paramref name="path"/> (relative paths resolve against
    /// its folder).</summary>
    public static StudyDefinition Parse(string path, string yaml)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new InputException($"{full}, line {e.Start.Line}, column {e.Start.Column}: not valid YAML: {e.InnerException?.Message ?? e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner and node loader throw these (not a YamlException) on some malformed input;
            // found by fuzzing (fuzz/regressions/study/).
            throw new InputException($"{full}: not valid YAML (the parser stopped: {e.Message}).", e);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new InputException($"{full}: the study file must be a YAML mapping (key: value lines); see `landcarbon init`.");

        var problems = new List<string>();
        var s = new StudySection(root, "", Path.GetDirectoryName(full) ?? ".", problems);
        var study = new StudyDefinition
        {
            SourcePath = full,
            Region = s.String("region", "")!,
            Years = ParseYears(s),
            Classes = ClassesSection.Parse(s.Section("classes")),
            Accounting = AccountingSection.Parse(s.Section("accounting")),
            Seed = s.Int("seed", 20260628),
            Tiles = ParseTiles(s.Section("tiles")),
            Change = Optional(s, "change", ChangeSection.Parse),
            Poi = Optional(s, "poi", PoiSection.Parse),
            Regression = Optional(s, "regression", RegressionSection.Parse),
            Spatial = Optional(s, "spatial", SpatialSection.Parse),
            Risk = Optional(s, "risk", RiskSection.Parse),
            Simulation = Optional(s, "simulation", SimulationSection.Parse),
            Report = Optional(s, "report", ReportSection.Parse),
        };
        s.Finish();
        if (study.Accounting.Corrections.Poi is { RasterPath: null } && study.Poi is null)
            problems.Add("accounting.corrections.poi: the POI factor needs either raster: (a weight raster) or a poi: section whose kernel densities give it.");
        if (study.Simulation is { } simulation) problems.AddRange(simulation.Check(study));
        if (problems.Count > 0)
            throw new InputException($"{full}: the study file has {problems.Count} problem(s):", problems);
        return study;
    }

    private static T? Optional<T>(StudySection root, string key, Func<StudySection, T> parse) where T : class
    {
        bool present = root.Has(key);
        var section = root.Section(key);
        // A key written without content ("change:") enables the module with its defaults.
        return present ? parse(section) : null;
    }

    private static SortedDictionary<int, string> ParseYears(StudySection s)
    {
        var years = new SortedDictionary<int, string>();
        var y = s.Section("years");
        if (!y.Exists)
        {
            s.Problem("years", "is required: a mapping of year → land-use raster, e.g. \"2000: landuse/clcd_2000.tif\".");
            return years;
        }
        foreach (var (key, value, line) in y.Entries())
        {
            string where = $"{y.PathOf(key)} (line {line})";
            if (!int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out int year) || year < 1000 || year > 9999)
            {
                s.Problems.Add($"{where}: '{key}' is not a four-digit year.");
                continue;
            }
            if (value is not YamlScalarNode sc || string.IsNullOrWhiteSpace(sc.Value))
            {
                s.Problems.Add($"{where}: expected the path of a land-use raster.");
                continue;
            }
            string file = y.ResolvePath(sc.Value);
            if (!File.Exists(file)) s.Problems.Add($"{where}: file not found: {sc.Value} (resolved to {file}).");
            years[year] = file;
        }
        if (years.Count == 0 && y.Entries().Count == 0) s.Problem("years", "lists no years.");
        return years;
    }

    private static TileSettings ParseTiles(StudySection s)
    {
        var t = new TileSettings(s.Int("width", 0, 0), s.Int("height", 0, 0), s.Int("threads", 0, 0));
        if ((t.Width == 0) != (t.Height == 0)) s.Problem("width", "give both tile width and height, or neither (0 = follow the raster's blocks).");
        s.Finish();
        return t;
    }
}
