using System.Globalization;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Risk;
using LandCarbon.Core.Tables;

namespace LandCarbon.Reporting.Maps;

/// <summary>
/// The legend of a run's raster where it depends on the run: land-use codes and class styles of the study (the typed
/// run.json, <see cref="RunManifestSummary"/>), the number of space grades (tables/space_grades_INTERVAL.csv), the
/// risk levels of a method (tables/risk_thresholds.csv).
/// </summary>
public static class RunStyles
{
    /// <summary>
    /// Land-use maps by year: the reclassified rasters <c>rasters/landuse_YEAR.tif</c> (six land classes) when the
    /// run has them; else the study's input rasters (run.json study.years) legended through the study's class map.
    /// None in stock mode without classes.map (raw codes).
    /// </summary>
    public static IReadOnlyList<(int Year, string Path, MapStyle Style)> LandUse(string runDir, RunManifestSummary? manifest)
    {
        ArgumentNullException.ThrowIfNull(runDir);
        var classes = manifest?.Study?.Classes;
        var styles = ClassStyles(classes);
        var reclassified = YearFiles(runDir);
        if (reclassified.Count > 0)
        {
            var style = MapStyle.LandClassesOf(styles);
            return [.. reclassified.Select(kv => (kv.Key, kv.Value, style))];
        }
        // Stock mode without classes.map: the raw codes have no six-class legend, so no land-use map is drawn.
        if (classes is { } c && (c.IsRawCodes || c.Name == ClassScheme.RawCodesName)) return [];
        if (manifest?.Study?.Years is not { Count: > 0 } years) return [];
        var map = ClassMap(classes);
        var inputStyle = map is { Count: > 0 } ? MapStyle.InputCodesOf(map, styles) : MapStyle.LandUse;
        return [.. years.OrderBy(kv => kv.Key).Select(kv => (kv.Key, Path.GetFullPath(kv.Value, runDir)))
            .Where(kv => File.Exists(kv.Item2)).Select(kv => (kv.Key, kv.Item2, inputStyle))];
    }

    /// <summary>The space-grade legend of raster <paramref name="rasterPath"/>: as many grades as its table
    /// tables/space_grades_INTERVAL.csv lists (column grade of the increment and reduction spaces); four grades
    /// without the table.</summary>
    public static MapStyle SpaceGrade(string runDir, string rasterPath)
    {
        ArgumentNullException.ThrowIfNull(runDir);
        ArgumentNullException.ThrowIfNull(rasterPath);
        if (OutputCatalog.Match("rasters/" + Path.GetFileName(rasterPath)) is not { } m || m.File != OutputCatalog.SpaceGrade) return MapStyle.SpaceGrade;
        string table = Path.Combine(runDir, OutputCatalog.SpaceGrades.RelativePath(m.Values["interval"]));
        if (!File.Exists(table)) return MapStyle.SpaceGrade;
        var t = CsvTable.Read(table);
        int grades = t.Rows.Where(r => t.Text(r, "space") is "IncrementSpace" or "ReductionSpace")
            .Select(r => t.OptionalDouble(r, "grade") ?? 0).DefaultIfEmpty(0).Max() is var g && g >= 1 ? (int)g : 4;
        return MapStyle.SpaceGrades(grades);
    }

    /// <summary>The risk legend of method <paramref name="method"/>: its levels and labels in
    /// tables/risk_thresholds.csv (columns method, level, label); the default five levels without the table.</summary>
    public static MapStyle Risk(string runDir, string method)
    {
        string p = Path.Combine(runDir, "tables", "risk_thresholds.csv");
        if (!File.Exists(p)) return MapStyle.Risk;
        try
        {
            var t = CsvTable.Read(p);
            if (!t.HasColumn("method") || !t.HasColumn("level") || !t.HasColumn("label")) return MapStyle.Risk;
            // A forecast map (risk_forecast_<forecast>_<t1>_<t2>) is graded by the method risk_forecast.csv names.
            string f = Path.Combine(runDir, "tables", "risk_forecast.csv");
            if (method.StartsWith("forecast_", StringComparison.Ordinal) && File.Exists(f))
            {
                var ft = CsvTable.Read(f);
                if (ft.HasColumn("forecast") && ft.HasColumn("method"))
                    method = ft.Rows.Where(r => method.StartsWith("forecast_" + ft.Text(r, "forecast") + "_", StringComparison.Ordinal))
                        .Select(r => ft.Text(r, "method")).FirstOrDefault() ?? method;
            }
            var rows = t.Rows.Where(r => t.Text(r, "method") == method)
                .Select(r => (Level: (int)t.Double(r, "level"), Label: t.Text(r, "label"))).OrderBy(x => x.Level).ToList();
            if (rows.Count < 2 || rows.Select((x, i) => x.Level != i + 1).Any(b => b)) return MapStyle.Risk;
            return MapStyle.RiskLevelsOf(new RiskLevels([.. rows.Select(x => x.Label)]));
        }
        catch (Core.Models.InputException)
        {
            return MapStyle.Risk;
        }
    }

    private static SortedDictionary<int, string> YearFiles(string runDir)
    {
        var files = new SortedDictionary<int, string>();
        string dir = Path.Combine(runDir, "rasters");
        if (!Directory.Exists(dir)) return files;
        foreach (var f in Directory.EnumerateFiles(dir, "*.tif"))
            if (OutputCatalog.LandUse.TryMatch("rasters/" + Path.GetFileName(f), out var v))
                files[int.Parse(v["year"], NumberStyles.None, CultureInfo.InvariantCulture)] = f;
        return files;
    }

    /// <summary>classes.map of run.json: input code → class key.</summary>
    private static Dictionary<int, string>? ClassMap(RunClasses? classes)
    {
        if (classes?.Map is not { } map) return null;
        var d = new Dictionary<int, string>();
        foreach (var (k, v) in map)
            if (int.TryParse(k, NumberStyles.Integer, CultureInfo.InvariantCulture, out int code)) d[code] = v;
        return d;
    }

    /// <summary>classes.styles of run.json: class key → (English label, Chinese label, colour).</summary>
    private static Dictionary<string, (string En, string Zh, string Color)>? ClassStyles(RunClasses? classes)
    {
        if (classes?.Styles is not { } styles) return null;
        var d = new Dictionary<string, (string, string, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in styles.Where(s => s.Class is { Length: > 0 }))
        {
            var def = LandClasses.TryParse(s.Class, out var lc) ? lc : LandClass.None;
            static string Or(string? v, string fallback) => v is { Length: > 0 } t ? t : fallback;
            string color = Or(s.Color, def.DefaultColor().ToHex()[..7]);
            d[s.Class] = (Or(s.EnglishLabel, def.DefaultEnglishLabel()), Or(s.ChineseLabel, def.DefaultChineseLabel()),
                color.Length >= 7 && color[0] == '#' ? color[..7] : def.DefaultColor().ToHex()[..7]);
        }
        return d;
    }
}
