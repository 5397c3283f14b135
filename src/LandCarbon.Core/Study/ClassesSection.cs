using System.Globalization;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Raster;
using YamlDotNet.RepresentationModel;

namespace LandCarbon.Core.Study;

/// <summary>
/// Reads the <c>classes:</c> section into a <see cref="ClassScheme"/>. Without the section the CLCD default applies
/// (METHOD-SPEC (a)). Keys: <c>map</c> (source code → class, replaces the default map), <c>shrub</c> and
/// <c>wetland</c> (where CLCD 3 and 9 go when <c>map</c> is not given), <c>nodata</c> (codes treated as nodata),
/// <c>labels</c> (per class: <c>en</c>, <c>zh</c>, <c>color</c>).
/// </summary>
public static class ClassesSection
{
    /// <summary>The section's keys (defaults, ranges, help): parser, `init` template and docs.</summary>
    public static StudyKey Spec { get; } = StudyKeys.Section("classes", "source codes → six classes (cultivated, forest, grassland, water, construction, unused)",
        StudyKeys.Choice("shrub", "forest", "where CLCD 3 (shrub) goes (METHOD-SPEC §6 knob 5)", "forest", "grassland"),
        StudyKeys.Choice("wetland", "water", "where CLCD 9 (wetland) goes (METHOD-SPEC §6 knob 5)", "water", "unused"),
        StudyKeys.Map("map", null, "code → class; replaces the default CLCD map")
            with
            {
                Template = TemplateLine.Commented, DefaultDoc = "CLCD (flux); none (stock)",
                Example = "{1: cultivated, 2: forest, 3: forest, 4: grassland, 5: water, 6: unused, 7: unused, 8: construction, 9: water}",
                Doc = "code → class (cultivated, forest, grassland, water, construction, unused); replaces the default. In stock mode without it the pool table's raw codes are the categories (docs/methods/accounting.md)",
            },
        StudyKeys.List("nodata", "[0, 255]", "codes treated as nodata besides the raster's own nodata") with { Template = TemplateLine.Commented },
        StudyKeys.Map("labels", null, "English / Chinese labels and colours (CLCD palette) per class: en, zh, color")
            with
            {
                Template = TemplateLine.Commented, DefaultDoc = "glossary, CLCD colours",
                Example = "{construction: {en: construction land, zh: 建设用地, color: \"#E24290\"}}",
            })
        with
        {
            Notes =
            [
                "Default: CLCD (Yang & Huang 2021, ESSD 13:3907) mapped as in METHOD-SPEC (a): 1 cropland → cultivated,",
                "2 forest → forest, 3 shrub → forest, 4 grassland → grassland, 5 water → water, 6 snow/ice → unused,",
                "7 barren → unused, 8 impervious → construction, 9 wetland → water; 0 and 255 nodata.",
            ],
        };

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static ClassScheme Parse(StudySection s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var scheme = ClassScheme.Clcd;
        var mapSection = s.Section("map");
        string shrub = s.Choice("shrub");
        string wetland = s.Choice("wetland");
        if (mapSection.Exists)
        {
            if (s.Has("shrub") || s.Has("wetland")) s.Problem("map", "with an explicit map, shrub and wetland have no effect; map the codes directly.");
            var map = new SortedDictionary<int, LandClass>();
            foreach (var (key, value, line) in mapSection.Entries())
            {
                if (!int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out int code))
                    s.Report(mapSection.PathOf(key), line, $"'{key}' is not an integer land-use code.");
                else if (value is not YamlScalarNode sc || !LandClasses.TryParse(sc.Value, out var cls))
                    s.Report(mapSection.PathOf(key), line, $"expected one of {string.Join(", ", LandClasses.All.Select(c => c.Key()))}.");
                else map[code] = cls;
            }
            if (map.Count == 0) s.Problem("map", "maps no codes.");
            scheme = scheme with { Name = "custom", Map = map, NoDataCodes = [] };
        }
        else if (shrub != "forest" || wetland != "water")
        {
            var map = new SortedDictionary<int, LandClass>(scheme.Map.ToDictionary(kv => kv.Key, kv => kv.Value))
            {
                [3] = shrub == "grassland" ? LandClass.Grassland : LandClass.Forest,
                [9] = wetland == "unused" ? LandClass.Unused : LandClass.Water,
            };
            scheme = scheme with { Map = map };
        }
        if (s.Has("nodata"))
        {
            var nd = s.DoubleList("nodata") ?? [];
            scheme = scheme with { NoDataCodes = [.. nd.Select(v => (int)v)] };
            foreach (var v in nd.Where(v => scheme.Map.ContainsKey((int)v)))
                s.Problem("nodata", $"code {v} is both mapped to a class and listed as nodata.");
        }
        var labels = s.Section("labels");
        if (labels.Exists) scheme = scheme with { Styles = ParseLabels(labels, scheme.Styles) };
        s.Finish();
        return scheme;
    }

    private static List<ClassStyle> ParseLabels(StudySection labels, IReadOnlyList<ClassStyle> styles)
    {
        var result = styles.ToList();
        foreach (var (key, _, line) in labels.Entries())
        {
            if (!LandClasses.TryParse(key, out var cls))
            {
                labels.Report(labels.PathOf(key), line, $"'{key}' is not a class.");
                continue;
            }
            var l = labels.Section(key);
            int i = result.FindIndex(x => x.Class == cls);
            var st = result[i];
            string color = l.String("color", st.Color)!;
            try
            {
                color = Rgba.FromHex(color).ToHex();
            }
            catch (FormatException)
            {
                l.Problem("color", $"'{color}' is not a #RRGGBB colour.");
            }
            result[i] = st with { EnglishLabel = l.String("en", st.EnglishLabel)!, ChineseLabel = l.String("zh", st.ChineseLabel)!, Color = color };
            l.Finish();
        }
        return result;
    }
}
