using LandCarbon.Core.Outputs;
using LandCarbon.Core.Pipeline;

namespace LandCarbon.Reporting.Maps;

/// <summary>
/// How the report and the web map draw one raster family of <see cref="OutputCatalog"/>: the declared output (its
/// report section, file pattern and title) and the style of each file.
/// </summary>
public sealed record MapRule(OutputFile Output, Func<string, MapStyle> StyleOf)
{
    /// <summary>The report section of the family (<see cref="OutputFile.Section"/>).</summary>
    public string Section => Output.Section;

    /// <summary>The report maps only the first and last file of the family.</summary>
    public bool OnlyEnds => Output.OnlyEnds;

    /// <summary>True when the raster file <paramref name="fileName"/> (rasters/NAME.tif or NAME.tif) is of this family.</summary>
    public bool Matches(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        string name = Path.GetFileName(fileName);
        if (!name.EndsWith(".tif", StringComparison.Ordinal)) name += ".tif";
        return OutputCatalog.Match("rasters/" + name) is { } m && m.File == Output;
    }
}

/// <summary>
/// The styles of a run's rasters, in report order, shared by the HTML report (<c>ReportBuilder</c>) and the web map
/// (<c>landcarbon serve</c>) so both draw a raster with the same legend and colours. The families, their sections
/// and titles come from <see cref="OutputCatalog"/>; units from the run's mode (<see cref="RunManifestSummary"/>).
/// Land-use maps come from <see cref="RunStyles.LandUse"/> (section "landuse").
/// </summary>
public static class MapCatalog
{
    /// <summary>The rules of the raster families, in the order the report shows them.</summary>
    public static IReadOnlyList<MapRule> Rules(string runDir, ReportLanguage lang, RunManifestSummary? manifest = null)
    {
        ArgumentNullException.ThrowIfNull(runDir);
        manifest ??= RunManifestSummary.Read(runDir);
        var facts = manifest?.UnitFacts ?? new RunUnitFacts();
        bool cumulative = manifest?.Study?.Change?.Options?.Cumulative ?? false;
        string Unit(OutputFile f, string? header = null) =>
            Labels.Unit(OutputUnits.Resolve(f.Values.Split(';')[0], facts, header), lang) + Labels.Get("blockMean", lang);
        var sequential = new MapStyle { Sequential = true, Unit = Labels.Get("unitDensity", lang) };
        return
        [
            new(OutputCatalog.Cbi, _ => new MapStyle { Diverging = true, Unit = Unit(OutputCatalog.Cbi) }),
            new(OutputCatalog.CbiWithoutPoi, _ => new MapStyle { Diverging = true, Unit = Unit(OutputCatalog.CbiWithoutPoi) }),
            new(OutputCatalog.Stock, _ => new MapStyle { Sequential = true, Unit = Unit(OutputCatalog.Stock) }),
            new(OutputCatalog.DeltaCbi, _ => new MapStyle { Diverging = true, Unit = Unit(OutputCatalog.DeltaCbi, cumulative ? "Cumulative" : null) }),
            new(OutputCatalog.SpaceGrade, f => RunStyles.SpaceGrade(runDir, f)),
            new(OutputCatalog.Mechanism, _ => MapStyle.Mechanism),
            new(OutputCatalog.PoiDensity, _ => sequential),
            new(OutputCatalog.FishnetDeltaCbi, _ => new MapStyle { Diverging = true, Unit = Labels.Unit(OutputUnits.Resolve(OutputCatalog.FishnetDeltaCbi.Values, facts, cumulative ? "Cumulative" : null), lang) }),
            new(OutputCatalog.LisaCluster, _ => MapStyle.Lisa),
            new(OutputCatalog.GiStarBin, _ => MapStyle.GiBins),
            new(OutputCatalog.BivariateLisaCluster, _ => MapStyle.Lisa),
            new(OutputCatalog.RiskForecastRaster, f => RunStyles.Risk(runDir, Path.GetFileNameWithoutExtension(f)["risk_".Length..])),
            new(OutputCatalog.RiskRaster, f => RunStyles.Risk(runDir, Path.GetFileNameWithoutExtension(f)["risk_".Length..])),
            new(OutputCatalog.ScenarioCbi, _ => new MapStyle { Diverging = true, Unit = Unit(OutputCatalog.ScenarioCbi) }),
            new(OutputCatalog.ScenarioDeltaCbi, _ => new MapStyle { Diverging = true, Unit = Unit(OutputCatalog.ScenarioDeltaCbi, cumulative ? "Cumulative" : null) }),
            new(OutputCatalog.ScenarioRiskRaster, f => RunStyles.Risk(runDir, ScenarioRiskMethod(runDir, f))),
        ];
    }

    /// <summary>The risk method that graded the scenario risk raster <paramref name="file"/>
    /// (rasters/risk_SCENARIO_Y1_Y2.tif), from tables/scenario_risk.csv; "" when it does not say.</summary>
    private static string ScenarioRiskMethod(string runDir, string file)
    {
        string p = Path.Combine(runDir, OutputCatalog.ScenarioRisk.RelativePath());
        if (!File.Exists(p) || !OutputCatalog.ScenarioRiskRaster.TryMatch("rasters/" + Path.GetFileName(file), out var v)) return "";
        var t = Core.Tables.CsvTable.Read(p);
        if (!t.HasColumn("scenario") || !t.HasColumn("fromYear") || !t.HasColumn("toYear") || !t.HasColumn("method")) return "";
        return t.Rows.Where(r => t.Text(r, "scenario") == v["scenario"] && $"{t.Text(r, "fromYear")}_{t.Text(r, "toYear")}" == v["interval"])
            .Select(r => t.Text(r, "method")).FirstOrDefault() ?? "";
    }

    /// <summary>The rules of report section <paramref name="section"/>, in report order.</summary>
    public static IEnumerable<MapRule> InSection(string runDir, ReportLanguage lang, string section, RunManifestSummary? manifest = null) =>
        Rules(runDir, lang, manifest).Where(r => r.Section == section);
}
