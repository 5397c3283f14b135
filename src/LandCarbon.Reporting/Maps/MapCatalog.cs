namespace LandCarbon.Reporting.Maps;

/// <summary>
/// One family of a run's rasters as the report maps it: the report section it belongs to, the file-name prefix of
/// rasters/PREFIX*.tif, the style of each file, and whether the report shows only the first and last file.
/// </summary>
public sealed record MapRule(string Section, string Prefix, Func<string, MapStyle> StyleOf, bool OnlyEnds = false)
{
    /// <summary>True when the raster file <paramref name="fileName"/> (with or without extension) is of this family.</summary>
    public bool Matches(string fileName) => fileName.StartsWith(Prefix, StringComparison.Ordinal);
}

/// <summary>
/// The styles of a run's rasters, in report order, shared by the HTML report (<c>ReportBuilder</c>) and the web map
/// (<c>landcarbon serve</c>) so both draw a raster with the same legend and colours. Land-use maps come from
/// <see cref="RunStyles.LandUse"/> (section "landuse").
/// </summary>
public static class MapCatalog
{
    /// <summary>The rules of the raster families, in the order the report shows them.</summary>
    public static IReadOnlyList<MapRule> Rules(string runDir, ReportLanguage lang)
    {
        ArgumentNullException.ThrowIfNull(runDir);
        var sequential = new MapStyle { Sequential = true, Unit = Labels.Get("unitDensity", lang) };
        bool cumulative = IsCumulative(runDir);
        return
        [
            new("budget", "cbi_", _ => new MapStyle { Diverging = true, Unit = Labels.Get("unitCbi", lang) }, OnlyEnds: true),
            new("change", "delta_cbi_", _ => new MapStyle { Diverging = true, Unit = Labels.Get(cumulative ? "unitDeltaCbiCumulative" : "unitDeltaCbi", lang) }),
            new("spaces", "space_grade_", RunStyles.SpaceGrade),
            new("mechanisms", "mechanism", _ => MapStyle.Mechanism),
            new("poi", "poi_density_", _ => sequential),
            new("poi", "density_", _ => sequential),
            new("spatial", "fishnet_dcbi_", _ => new MapStyle { Diverging = true, Unit = Labels.Get(cumulative ? "unitFishnetCumulative" : "unitFishnet", lang) }),
            new("spatial", "lisa_cluster", _ => MapStyle.Lisa),
            new("spatial", "gistar_bin", _ => MapStyle.GiBins),
            new("spatial", "bilisa_cluster_", _ => MapStyle.Lisa),
            new("risk", "risk_", f => RunStyles.Risk(runDir, Path.GetFileNameWithoutExtension(f)["risk_".Length..])),
        ];
    }

    /// <summary>True when the run used the cumulative option (ΔCBI × years, t C): its change tables' ΔCBI headers end
    /// in <c>Cumulative</c> (docs/methods/change-analysis.md).</summary>
    public static bool IsCumulative(string runDir)
    {
        string ratios = Path.Combine(runDir, "tables", "offset_ratio.csv");
        return File.Exists(ratios) && (File.ReadLines(ratios).FirstOrDefault() ?? "").Contains("Cumulative", StringComparison.Ordinal);
    }

    /// <summary>The rules of report section <paramref name="section"/>, in report order.</summary>
    public static IEnumerable<MapRule> InSection(string runDir, ReportLanguage lang, string section) =>
        Rules(runDir, lang).Where(r => r.Section == section);
}
