using System.Globalization;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Models;
using YamlDotNet.RepresentationModel;

namespace LandCarbon.Core.Study;

/// <summary>
/// Reads one mapping of the study file and collects every problem instead of stopping at the first: wrong types,
/// out-of-range values, missing files and, when <see cref="Finish"/> is called, keys that no accessor asked for
/// (unknown keys). Each problem is a <see cref="ValidationIssue"/> naming the full key path and the line in the
/// study file. A section declared by a <see cref="StudyKey"/> takes each key's default, range and choices from the
/// declaration (the accessors without a default), refuses to read an undeclared key (a programming error), and
/// reports as unknown every key the declaration does not list. Free-form mappings (years, codes, names) have no
/// declaration and use the accessors with explicit defaults.
/// </summary>
public sealed class StudySection
{
    private readonly YamlMappingNode? _node;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    internal StudySection(YamlMappingNode? node, string keyPath, string studyDirectory, List<ValidationIssue> issues, StudyKey? spec)
    {
        _node = node;
        KeyPath = keyPath;
        StudyDirectory = studyDirectory;
        Issues = issues;
        Spec = spec is { Kind: StudyKeyKind.Section } ? spec : null;
    }

    /// <summary>The declaration of this section, or null for a free-form mapping.</summary>
    public StudyKey? Spec { get; }

    /// <summary>The dotted key path of this mapping ("" for the root, "accounting.corrections", …).</summary>
    public string KeyPath { get; }

    /// <summary>The folder of the study file: relative paths are resolved against it.</summary>
    public string StudyDirectory { get; }

    /// <summary>All problems of the whole study file so far (shared by every section).</summary>
    public List<ValidationIssue> Issues { get; }

    /// <summary>Records a problem at a full key path (and line, when known).</summary>
    public void Report(string keyPath, long? line, string message) => Issues.Add(new ValidationIssue(keyPath, message, line));

    /// <summary>Records problems found by a reader that names its file and row itself.</summary>
    public void Report(InputException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Issues.Count > 0) Issues.AddRange(e.Issues);
        else if (e.Problems.Count > 0) Issues.AddRange(e.Problems.Select(p => new ValidationIssue("", p)));
        else Issues.Add(new ValidationIssue("", e.Message));
    }

    /// <summary>True when the mapping exists in the file (false for an absent optional section).</summary>
    public bool Exists => _node is not null;

    /// <summary>The full dotted path of a key of this section.</summary>
    public string PathOf(string key) => KeyPath.Length == 0 ? key : KeyPath + "." + key;

    /// <summary>True when the key is present (and marks it known).</summary>
    public bool Has(string key)
    {
        Check(key);
        _known.Add(key);
        return Node(key) is not null;
    }

    /// <summary>True when the key holds a single value (not a list or mapping); marks it known.</summary>
    public bool IsScalar(string key)
    {
        Check(key);
        _known.Add(key);
        return Node(key) is YamlScalarNode n && !IsNull(n);
    }

    /// <summary>Records a problem about a key of this section, with its line when the key is present.</summary>
    public void Problem(string key, string message) => Issues.Add(new ValidationIssue(PathOf(key), message, Node(key)?.Start.Line));

    /// <summary>The declaration of <paramref name="key"/> in this section; throws when the section is declared and
    /// the key is not (every key a parser reads must be declared once, in its section's <c>Spec</c>).</summary>
    public StudyKey Declared(string key) =>
        Spec?.Find(key) ?? throw new InvalidOperationException(Spec is null
            ? $"{PathOf(key)}: the mapping {KeyPath} has no declaration; read its entries with explicit defaults."
            : $"{PathOf(key)}: the parser reads a key the declaration of {(KeyPath.Length == 0 ? "the study file" : KeyPath)} does not list; declare it in the section's Spec.");

    /// <summary>A declared string key: its value, or the declared default (null when none).</summary>
    public string? String(string key) { var d = Declared(key); return String(key, d.Default, d.Required); }

    /// <summary>A declared number: its value, or the declared default, within the declared range.</summary>
    public double Double(string key) { var d = Declared(key); return Double(key, d.DoubleDefault, d.Min, d.Max); }

    /// <summary>A declared number without default: its value within the declared range, or null when absent.</summary>
    public double? OptionalDouble(string key) => OptionalDouble(key, required: Declared(key).Required);

    /// <summary>A declared number without default, required when <paramref name="required"/> (e.g. depending on
    /// another key).</summary>
    public double? OptionalDouble(string key, bool required) { var d = Declared(key); return OptionalDouble(key, d.Min, d.Max, required); }

    /// <summary>A declared whole number: its value, or the declared default, within the declared range.</summary>
    public int Int(string key) { var d = Declared(key); return Int(key, d.IntDefault, d.IntMin, d.IntMax); }

    /// <summary>A declared true/false key: its value, or the declared default.</summary>
    public bool Bool(string key) => Bool(key, Declared(key).Default == "true");

    /// <summary>A declared choice: one of the declared choices (case-insensitive), or the declared default.</summary>
    public string Choice(string key) { var d = Declared(key); return Choice(key, d.Default ?? "", [.. d.Choices]); }

    /// <summary>A declared coordinate-system key (<see cref="Crs(string, string?, string[])"/> with the declared choices).</summary>
    public string Crs(string key, string? file) => Crs(key, file, [.. Declared(key).Choices]);

    /// <summary>A declared file key: resolved path, a problem when missing or (declared required) absent.</summary>
    public string? File(string key) => File(key, Declared(key).Required);

    /// <summary>A string value, or <paramref name="defaultValue"/> when absent or null.</summary>
    public string? String(string key, string? defaultValue = null, bool required = false)
    {
        var n = Scalar(key, required);
        if (n is null) return defaultValue;
        return n.Value;
    }

    /// <summary>A number, or <paramref name="defaultValue"/> when absent; a problem when not a finite number in
    /// [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public double Double(string key, double defaultValue, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
        => OptionalDouble(key, min, max) ?? defaultValue;

    /// <summary>A number, or null when absent.</summary>
    public double? OptionalDouble(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity, bool required = false)
    {
        var n = Scalar(key, required);
        if (n is null) return null;
        if (!double.TryParse(n.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            Problem(key, $"'{n.Value}' is not a finite number.");
            return null;
        }
        if (v < min || v > max)
        {
            Problem(key, $"{v.ToString(CultureInfo.InvariantCulture)} is outside the allowed range [{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}].");
            return null;
        }
        return v;
    }

    /// <summary>A whole number, or <paramref name="defaultValue"/> when absent.</summary>
    public int Int(string key, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
    {
        var n = Scalar(key, false);
        if (n is null) return defaultValue;
        if (!int.TryParse(n.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
        {
            Problem(key, $"'{n.Value}' is not a whole number.");
            return defaultValue;
        }
        if (v < min || v > max)
        {
            Problem(key, $"{v} is outside the allowed range [{min}, {max}].");
            return defaultValue;
        }
        return v;
    }

    /// <summary>true/false, or <paramref name="defaultValue"/> when absent.</summary>
    public bool Bool(string key, bool defaultValue)
    {
        var n = Scalar(key, false);
        if (n is null) return defaultValue;
        switch ((n.Value ?? "").Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on": return true;
            case "false" or "no" or "off": return false;
            default:
                Problem(key, $"'{n.Value}' is not true or false.");
                return defaultValue;
        }
    }

    /// <summary>One of <paramref name="allowed"/> (case-insensitive), returned in the spelling of the list.</summary>
    public string Choice(string key, string defaultValue, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var s = String(key);
        if (s is null) return defaultValue;
        var hit = allowed.FirstOrDefault(a => string.Equals(a, s.Trim(), StringComparison.OrdinalIgnoreCase));
        if (hit is null) Problem(key, $"'{s}' is not one of: {string.Join(", ", allowed)}.");
        return hit ?? defaultValue;
    }

    /// <summary>
    /// The coordinate system of <paramref name="file"/>'s coordinates (<see cref="Geodesy.DeclaredCrs.Choices"/>):
    /// the key's value checked against what the file declares, or the declaration when the key is absent. No
    /// default: an absent key with a file that declares nothing is a problem naming the key and the choices.
    /// Returns "grid" after a problem (the study does not load then). <paramref name="file"/> null or missing:
    /// the key's value, unchecked (the missing file is reported by <see cref="File(string, bool)"/>).
    /// </summary>
    public string Crs(string key, string? file, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        string? stated = Has(key) ? Choice(key, "", allowed) : null;
        if (stated == "") return "grid";
        if (file is null || !System.IO.File.Exists(file)) return stated ?? "grid";
        try
        {
            string resolved = Geodesy.DeclaredCrs.Resolve(PathOf(key), stated, file);
            if (!allowed.Contains(resolved, StringComparer.Ordinal))
            {
                Problem(key, $"{System.IO.Path.GetFileName(file)} declares coordinates in {resolved}, which this key does not accept; expected one of: {string.Join(", ", allowed)}.");
                return "grid";
            }
            return resolved;
        }
        catch (Models.InputException e)
        {
            string path = PathOf(key);
            // DeclaredCrs names the key it was given at the start of its message.
            string message = e.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? e.Message[(path.Length + 2)..] : e.Message;
            Issues.Add(message == e.Message ? new ValidationIssue("", e.Message) : new ValidationIssue(path, message, Node(key)?.Start.Line));
            return "grid";
        }
    }

    /// <summary>
    /// A file path resolved against the study folder; a problem when it is given but missing. Null when absent.
    /// </summary>
    public string? File(string key, bool required)
    {
        var s = String(key, null, required);
        if (s is null) return null;
        if (s.Trim().Length == 0)
        {
            Problem(key, "the path is empty.");
            return null;
        }
        string full = ResolvePath(s);
        if (!System.IO.File.Exists(full)) Problem(key, $"file not found: {s} (resolved to {full}).");
        return full;
    }

    /// <summary>Resolves a path written in the study file against the study folder.</summary>
    public string ResolvePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(StudyDirectory, path));
    }

    /// <summary>A list of classes by code name; <paramref name="defaultValue"/> when absent.</summary>
    public IReadOnlyList<LandClass> Classes(string key, IReadOnlyList<LandClass> defaultValue)
    {
        var items = StringList(key);
        if (items is null) return defaultValue;
        var result = new List<LandClass>();
        foreach (var s in items)
        {
            if (LandClasses.TryParse(s, out var c)) result.Add(c);
            else Problem(key, $"'{s}' is not a class; expected {string.Join(", ", LandClasses.All.Select(x => x.Key()))}.");
        }
        return result;
    }

    /// <summary>A list of strings (a YAML sequence, or one scalar); null when absent.</summary>
    public IReadOnlyList<string>? StringList(string key)
    {
        Check(key);
        _known.Add(key);
        var n = Node(key);
        if (n is null || IsNull(n)) return null;
        if (n is YamlScalarNode s) return [s.Value ?? ""];
        if (n is YamlSequenceNode seq)
        {
            var list = new List<string>();
            foreach (var item in seq)
            {
                if (item is YamlScalarNode sc) list.Add(sc.Value ?? "");
                else Report(PathOf(key), item.Start.Line, "expected a plain value in the list.");
            }
            return list;
        }
        Problem(key, "expected a list.");
        return null;
    }

    /// <summary>A list of numbers; null when absent.</summary>
    public IReadOnlyList<double>? DoubleList(string key)
    {
        var items = StringList(key);
        if (items is null) return null;
        var list = new List<double>();
        foreach (var s in items)
        {
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) list.Add(v);
            else Problem(key, $"'{s}' is not a finite number.");
        }
        return list;
    }

    /// <summary>A nested mapping; a section with <see cref="Exists"/> false when absent or null.</summary>
    public StudySection Section(string key)
    {
        Check(key);
        _known.Add(key);
        var spec = Spec?.Find(key);
        var n = Node(key);
        if (n is null || IsNull(n)) return new StudySection(null, PathOf(key), StudyDirectory, Issues, spec);
        if (n is YamlMappingNode m) return new StudySection(m, PathOf(key), StudyDirectory, Issues, spec);
        Problem(key, "expected a mapping (key: value lines indented below it).");
        return new StudySection(null, PathOf(key), StudyDirectory, Issues, spec);
    }

    /// <summary>All entries of a free-form mapping (for example years → files). Marks them all known.</summary>
    public IReadOnlyList<(string Key, YamlNode Value, int Line)> Entries()
    {
        if (_node is null) return [];
        var list = new List<(string, YamlNode, int)>();
        foreach (var (k, v) in _node.Children)
        {
            string key = (k as YamlScalarNode)?.Value ?? "";
            _known.Add(key);
            list.Add((key, v, (int)k.Start.Line));
        }
        return list;
    }

    /// <summary>Reports every key present that the declaration does not list (or, in a free-form mapping, that no
    /// accessor asked for): unknown keys, naming the known ones.</summary>
    public void Finish()
    {
        if (_node is null) return;
        var known = (Spec is null ? _known : _known.Concat(Spec.Keys.Select(k => k.Name))).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var (k, _) in _node.Children)
        {
            string key = (k as YamlScalarNode)?.Value ?? "";
            if (known.Contains(key)) continue;
            Report(PathOf(key), k.Start.Line, $"unknown key; {(KeyPath.Length == 0 ? "top-level keys" : $"keys of {KeyPath}")} are: {string.Join(", ", known)}.");
        }
    }

    /// <summary>A declared section reads only declared keys.</summary>
    private void Check(string key)
    {
        if (Spec is not null) Declared(key);
    }

    private YamlNode? Node(string key)
    {
        if (_node is null) return null;
        foreach (var (k, v) in _node.Children)
            if (k is YamlScalarNode s && s.Value == key) return v;
        return null;
    }

    private YamlScalarNode? Scalar(string key, bool required)
    {
        Check(key);
        _known.Add(key);
        var n = Node(key);
        if (n is null || IsNull(n))
        {
            if (required) Problem(key, "is required.");
            return null;
        }
        if (n is YamlScalarNode s) return s;
        Problem(key, "expected a single value, not a list or mapping.");
        return null;
    }

    internal static bool IsNull(YamlNode n) =>
        n is YamlScalarNode { Style: not (YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted) } s
        && (s.Value is null or "" or "~" or "null" or "Null" or "NULL");
}
