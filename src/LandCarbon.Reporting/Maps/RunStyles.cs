using System.Globalization;
using System.Text.Json;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Risk;
using LandCarbon.Core.Tables;

namespace LandCarbon.Reporting.Maps;

/// <summary>
/// The legend of a run's raster where it depends on the run: land-use codes and class styles of the study (from
/// run.json), the number of space grades (from the raster's .qml sidecar), the risk levels of a method (from
/// tables/risk_thresholds.csv).
/// </summary>
public static class RunStyles
{
    /// <summary>
    /// Land-use maps by year: the reclassified rasters <c>rasters/landuse_YEAR.tif</c> (six land classes) when the
    /// run has them; else the study's input rasters (run.json "years") legended through the study's class map; else
    /// <c>inputs/landuse_YEAR.tif</c> with the CLCD legend. None in stock mode without classes.map (raw codes).
    /// </summary>
    public static IReadOnlyList<(int Year, string Path, MapStyle Style)> LandUse(string runDir, JsonElement? runJson)
    {
        ArgumentNullException.ThrowIfNull(runDir);
        var styles = runJson is { } j ? ClassStyles(j) : null;
        var reclassified = YearFiles(Path.Combine(runDir, "rasters"));
        if (reclassified.Count > 0)
        {
            var style = MapStyle.LandClassesOf(styles);
            return [.. reclassified.Select(kv => (kv.Key, kv.Value, style))];
        }
        // Stock mode without classes.map: the raw codes have no six-class legend, so no land-use map is drawn.
        if (runJson is { } rj && Classes(rj) is { } cl && cl.EnumerateObject().Any(p =>
                p.Name.Equals("name", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.String
                && p.Value.GetString() == Core.LandUse.ClassScheme.RawCodesName))
            return [];
        var inputs = new SortedDictionary<int, string>();
        if (runJson is { } doc) CollectYears(doc, inputs, runDir);
        if (inputs.Count > 0)
        {
            var map = runJson is { } d ? ClassMap(d) : null;
            var style = map is { Count: > 0 } ? MapStyle.InputCodesOf(map, styles) : MapStyle.LandUse;
            return [.. inputs.Where(kv => File.Exists(kv.Value)).Select(kv => (kv.Key, kv.Value, style))];
        }
        return [.. YearFiles(Path.Combine(runDir, "inputs")).Select(kv => (kv.Key, kv.Value, MapStyle.LandUse))];
    }

    /// <summary>The space-grade legend of <paramref name="rasterPath"/>: as many grades as its .qml sidecar lists, with
    /// the sidecar's colours; four grades without a sidecar.</summary>
    public static MapStyle SpaceGrade(string rasterPath)
    {
        string qml = Path.ChangeExtension(rasterPath, ".qml");
        if (!File.Exists(qml)) return MapStyle.SpaceGrade;
        var colors = MapStyle.QmlColors(File.ReadAllText(qml));
        int grades = colors.Count == 0 ? 4 : colors.Keys.Max(Math.Abs);
        if (grades < 1) return MapStyle.SpaceGrade;
        var style = MapStyle.SpaceGrades(grades);
        return style with { Classes = [.. style.Classes!.Select(c => colors.TryGetValue(c.Value, out var col) ? c with { Color = col } : c)] };
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

    private static SortedDictionary<int, string> YearFiles(string dir)
    {
        var files = new SortedDictionary<int, string>();
        if (!Directory.Exists(dir)) return files;
        foreach (var f in Directory.EnumerateFiles(dir, "landuse_*.tif"))
            if (int.TryParse(Path.GetFileNameWithoutExtension(f)["landuse_".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int y))
                files[y] = f;
        return files;
    }

    /// <summary>The first "years" (or "landUse") object of year → path in run.json.</summary>
    private static void CollectYears(JsonElement e, SortedDictionary<int, string> files, string dir)
    {
        if (e.ValueKind != JsonValueKind.Object) return;
        foreach (var p in e.EnumerateObject())
        {
            if (p.Name is "years" or "landUse" && p.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var y in p.Value.EnumerateObject())
                    if (int.TryParse(y.Name, NumberStyles.None, CultureInfo.InvariantCulture, out int year) && y.Value.ValueKind == JsonValueKind.String)
                        files[year] = Path.GetFullPath(y.Value.GetString()!, dir);
                if (files.Count > 0) return;
            }
            CollectYears(p.Value, files, dir);
            if (files.Count > 0) return;
        }
    }

    /// <summary>The study's "classes" object in run.json, if any.</summary>
    private static JsonElement? Classes(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        foreach (var p in e.EnumerateObject())
        {
            if (p.Name == "classes" && p.Value.ValueKind == JsonValueKind.Object) return p.Value;
            if (Classes(p.Value) is { } c) return c;
        }
        return null;
    }

    /// <summary>classes.map of run.json: input code → class key.</summary>
    private static Dictionary<int, string>? ClassMap(JsonElement runJson)
    {
        if (Classes(runJson) is not { } c || !c.TryGetProperty("map", out var map) || map.ValueKind != JsonValueKind.Object) return null;
        var d = new Dictionary<int, string>();
        foreach (var p in map.EnumerateObject())
            if (int.TryParse(p.Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out int code) && p.Value.ValueKind == JsonValueKind.String)
                d[code] = p.Value.GetString()!;
        return d;
    }

    /// <summary>classes.styles of run.json: class key → (English label, Chinese label, colour).</summary>
    private static Dictionary<string, (string En, string Zh, string Color)>? ClassStyles(JsonElement runJson)
    {
        if (Classes(runJson) is not { } c || !c.TryGetProperty("styles", out var styles) || styles.ValueKind != JsonValueKind.Array) return null;
        var d = new Dictionary<string, (string, string, string)>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in styles.EnumerateArray())
        {
            if (s.ValueKind != JsonValueKind.Object || !s.TryGetProperty("class", out var k) || k.ValueKind != JsonValueKind.String) continue;
            var def = LandClasses.TryParse(k.GetString(), out var lc) ? lc : LandClass.None;
            string Str(string name, string fallback) => s.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } t ? t : fallback;
            string color = Str("color", def.DefaultColor().ToHex()[..7]);
            d[k.GetString()!] = (Str("englishLabel", def.DefaultEnglishLabel()), Str("chineseLabel", def.DefaultChineseLabel()),
                color.Length >= 7 && color[0] == '#' ? color[..7] : def.DefaultColor().ToHex()[..7]);
        }
        return d;
    }
}
