using System.Globalization;
using LandCarbon.Core.Accounting;
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
            Uncertainty = Optional(s, "uncertainty", UncertaintySection.Parse),
            Simulation = Optional(s, "simulation", SimulationSection.Parse),
            Report = ParseReport(s),
        };
        s.Finish();
        if (study.Accounting.Mode == AccountingMode.Stock && study.Classes.Name != "custom")
            study = study with { Classes = RawCodesScheme(s, study) };
        if (study.Accounting.Corrections.Poi is { RasterPath: null } && study.Poi is null)
            problems.Add("accounting.corrections.poi: the POI factor needs either raster: (a weight raster) or a poi: section whose kernel densities give it.");
        if (study.Risk?.Options.Forecasts.Contains(Risk.RiskForecast.Simulation) == true && !s.Has("simulation"))
            problems.Add("risk.forecast: 'simulation' needs the scenario simulation (a simulation: section), which this study does not have.");
        if (study.Uncertainty is not null && study.Accounting.Mode != AccountingMode.Flux)
            problems.Add("uncertainty: the Monte Carlo of the totals needs accounting.mode: flux (the pool table of stock mode has no uncertainty columns); remove the uncertainty: section.");
        if (study.Simulation is { } simulation) problems.AddRange(simulation.Check(study));
        if (problems.Count > 0)
            throw new InputException($"{full}: the study file has {problems.Count} problem(s):", problems);
        return study;
    }

    /// <summary>Stock mode without classes.map: the pool table keys the raw codes, so no six-class mapping is
    /// needed; keys that only mean something for the six classes are problems, not silently ignored.</summary>
    private static LandUse.ClassScheme RawCodesScheme(StudySection root, StudyDefinition study)
    {
        var classes = root.Section("classes");
        foreach (var key in new[] { "shrub", "wetland", "labels" })
            if (classes.Has(key)) classes.Problem(key, "has no effect in stock mode without classes.map (the pool table's codes are the categories); remove it, or map the codes under classes.map.");
        var corrections = root.Section("accounting").Section("corrections");
        foreach (var c in new[] { "vegetation", "climate", "terrain" })
            if (corrections.Section(c).Has("classes"))
                corrections.Section(c).Problem("classes", "names six-class classes, which stock mode without classes.map does not have: the correction applies to every code of the pool table; remove it, or map the codes under classes.map.");
        if (study.Regression is not null)
            root.Problem("regression", "needs construction land (its units are construction-expansion pixels), which stock mode without classes.map does not know; map the codes under classes.map.");
        return LandUse.ClassScheme.RawCodes(classes.Has("nodata") ? study.Classes.NoDataCodes : []);
    }

    private static T? Optional<T>(StudySection root, string key, Func<StudySection, T> parse) where T : class
    {
        bool present = root.Has(key);
        var section = root.Section(key);
        // A key written without content ("change:") enables the module with its defaults.
        return present ? parse(section) : null;
    }

    /// <summary>The report is on unless the study says <c>report: false</c>; <c>report: true</c>, <c>report:</c> or a
    /// mapping of report keys keep it on.</summary>
    private static ReportSection? ParseReport(StudySection s)
    {
        if (s.IsScalar("report")) return s.Bool("report", true) ? new ReportSection() : null;
        return s.Has("report") ? ReportSection.Parse(s.Section("report")) : new ReportSection();
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
