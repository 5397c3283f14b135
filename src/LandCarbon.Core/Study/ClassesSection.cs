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
    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static ClassScheme Parse(StudySection s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var scheme = ClassScheme.Clcd;
        var mapSection = s.Section("map");
        string shrub = s.Choice("shrub", "forest", "forest", "grassland");
        string wetland = s.Choice("wetland", "water", "water", "unused");
        if (mapSection.Exists)
        {
            if (s.Has("shrub") || s.Has("wetland")) s.Problem("map", "with an explicit map, shrub and wetland have no effect; map the codes directly.");
            var map = new SortedDictionary<int, LandClass>();
            foreach (var (key, value, line) in mapSection.Entries())
            {
                string where = $"{mapSection.PathOf(key)} (line {line})";
                if (!int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out int code))
                    s.Problems.Add($"{where}: '{key}' is not an integer land-use code.");
                else if (value is not YamlScalarNode sc || !LandClasses.TryParse(sc.Value, out var cls))
                    s.Problems.Add($"{where}: expected one of {string.Join(", ", LandClasses.All.Select(c => c.Key()))}.");
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
                labels.Problems.Add($"{labels.PathOf(key)} (line {line}): '{key}' is not a class.");
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
