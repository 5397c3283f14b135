using System.Reflection;
using LandCarbon.Core.Models;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Poi;

/// <summary>
/// Maps POI categories to <see cref="PoiFunction"/>s with a lookup table of rules <c>match,function[,note]</c>.
/// A rule whose match is all digits is an Amap type-code prefix of 2, 4 or 6 digits (e.g. <c>15</c>,
/// <c>1203</c>, <c>120202</c>); any other match is an Amap category-name path, levels joined by ';'
/// (e.g. <c>商务住宅;住宅区</c>). The most specific rule wins: type codes are tried at 6, 4, then 2 digits; names at
/// the full path, then shorter level prefixes; a code match takes precedence over a name match. A category that is
/// itself a function name (industrial, transport, residential, commercial[-service], public[-service]) maps to that
/// function when no rule matched. Unmatched POIs
/// are <see cref="PoiFunction.Other"/> and are reported as unmapped. The defaults ship as
/// <c>Poi/Defaults/poi_function_map.csv</c> (METHOD-SPEC §g, CATALOG §8); a user table overrides rules with the
/// same match and adds new ones.
/// </summary>
public sealed class PoiFunctionMap
{
    private readonly Dictionary<string, PoiFunction> _codes;
    private readonly Dictionary<string, PoiFunction> _names;

    private PoiFunctionMap(Dictionary<string, PoiFunction> codes, Dictionary<string, PoiFunction> names)
    {
        _codes = codes;
        _names = names;
    }

    /// <summary>Number of rules.</summary>
    public int RuleCount => _codes.Count + _names.Count;

    /// <summary>The rules as (match, function) pairs, codes first, each group sorted.</summary>
    public IEnumerable<(string Match, PoiFunction Function)> Rules =>
        _codes.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))
            .Concat(_names.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));

    /// <summary>The shipped default table.</summary>
    public static PoiFunctionMap Default()
    {
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream(DefaultResourceName)
            ?? throw new InvalidOperationException("The default POI function map resource is missing from the build.");
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return FromTable(CsvTable.Parse("poi_function_map.csv (built-in)", ms.ToArray()), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
    }

    internal const string DefaultResourceName = "LandCarbon.Core.Poi.Defaults.poi_function_map.csv";

    /// <summary>Reads a user table (UTF-8 or GB18030) on its own, without the defaults.</summary>
    public static PoiFunctionMap Read(string path) =>
        FromTable(CsvTable.Read(path), new(StringComparer.Ordinal), new(StringComparer.Ordinal));

    /// <summary>This map with the rules of <paramref name="path"/> added, replacing rules with the same match.</summary>
    public PoiFunctionMap OverriddenBy(string path) =>
        FromTable(CsvTable.Read(path), new(_codes, StringComparer.Ordinal), new(_names, StringComparer.Ordinal));

    private static PoiFunctionMap FromTable(CsvTable t, Dictionary<string, PoiFunction> codes, Dictionary<string, PoiFunction> names)
    {
        t.RequireColumns("match", "function");
        var problems = new List<string>();
        foreach (var row in t.Rows)
        {
            string match = NormalizeName(t.Text(row, "match"));
            string fn = t.Text(row, "function");
            if (match.Length == 0) { problems.Add($"line {row.Line}: empty match"); continue; }
            if (!PoiFunctions.TryParse(fn, out var f))
            {
                problems.Add($"line {row.Line}: '{fn}' is not one of {string.Join(", ", PoiFunctions.All.Select(PoiFunctions.Name))}");
                continue;
            }
            if (match.All(char.IsAsciiDigit))
            {
                if (match.Length is not (2 or 4 or 6)) { problems.Add($"line {row.Line}: type-code prefix '{match}' must have 2, 4 or 6 digits"); continue; }
                codes[match] = f;
            }
            else
            {
                names[match] = f;
            }
        }
        if (problems.Count > 0) throw new InputException($"{t.Path}: bad POI function rules:", problems);
        return new PoiFunctionMap(codes, names);
    }

    /// <summary>
    /// The function of a POI from its Amap type code (may be empty; "050100|060100" uses the first code) and/or its
    /// category path (levels separated by ';'; after a '|' listing several categories only the first is used).
    /// no rule applied.
    /// </summary>
    public (PoiFunction Function, bool Mapped) Classify(string? typeCode, string? category)
    {
        if (!string.IsNullOrWhiteSpace(typeCode))
        {
            string code = typeCode.Trim();
            int bar = code.IndexOf('|', StringComparison.Ordinal);
            if (bar >= 0) code = code[..bar].Trim();
            if (code.Length == 6 && code.All(char.IsAsciiDigit))
            {
                foreach (int len in (ReadOnlySpan<int>)[6, 4, 2])
                    if (_codes.TryGetValue(code[..len], out var f)) return (f, true);
            }
        }
        if (!string.IsNullOrWhiteSpace(category))
        {
            string path = NormalizeName(category);
            int bar = path.IndexOf('|', StringComparison.Ordinal);
            if (bar >= 0) path = path[..bar];
            while (path.Length > 0)
            {
                if (_names.TryGetValue(path, out var f)) return (f, true);
                int cut = path.LastIndexOf(';');
                if (cut < 0) break;
                path = path[..cut];
            }
            // A category that already names a function (industrial, transport, commercial, public, …) maps to it.
            if (PoiFunctions.TryParse(NormalizeName(category), out var named)) return (named, true);
        }
        return (PoiFunction.Other, false);
    }

    // Trims each level and drops empty trailing levels so "a; b;" and "a;b" match the same rule.
    private static string NormalizeName(string s) =>
        string.Join(';', s.Split(';').Select(p => p.Trim()).Reverse().SkipWhile(p => p.Length == 0).Reverse());
}
