using System.Globalization;

namespace LandCarbon.Core.Study;

/// <summary>What a study key holds.</summary>
public enum StudyKeyKind
{
    /// <summary>A string.</summary>
    Text,
    /// <summary>A finite number in [<see cref="StudyKey.Min"/>, <see cref="StudyKey.Max"/>].</summary>
    Number,
    /// <summary>A whole number in [<see cref="StudyKey.Min"/>, <see cref="StudyKey.Max"/>].</summary>
    WholeNumber,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>One of <see cref="StudyKey.Choices"/>.</summary>
    Choice,
    /// <summary>A path relative to the study file.</summary>
    File,
    /// <summary>A YAML list (or one value).</summary>
    List,
    /// <summary>A free-form mapping (its keys are data: years, codes, names).</summary>
    Mapping,
    /// <summary>A section with declared keys (<see cref="StudyKey.Keys"/>).</summary>
    Section,
}

/// <summary>Whether and how `landcarbon init` writes a key into the template.</summary>
public enum TemplateLine
{
    /// <summary>Written as a live line (the default of core keys).</summary>
    Active,
    /// <summary>Written commented out (an option to switch on).</summary>
    Commented,
    /// <summary>Not written (documented only).</summary>
    Omitted,
}

/// <summary>
/// The one declaration of a study key: its name, type, default, allowed values or range and help text. The
/// declarations drive the parser (<see cref="StudySection"/> takes defaults, ranges and choices from them and reports
/// any other key as unknown), the `landcarbon init` template (<see cref="StudyTemplate"/>) and docs/study-file.md
/// (<see cref="StudyDocs"/>). Each module declares its section as a static <c>Spec</c> of its section record, built
/// with the factories of <see cref="StudyKeys"/>.
/// </summary>
public sealed record StudyKey
{
    /// <summary>The key's name in its section (not the dotted path).</summary>
    public required string Name { get; init; }

    /// <summary>What the key holds.</summary>
    public required StudyKeyKind Kind { get; init; }

    /// <summary>One-line help: the template's comment and the docs' meaning (unless <see cref="Doc"/> is set).</summary>
    public required string Help { get; init; }

    /// <summary>The longer meaning in docs/study-file.md; null = <see cref="Help"/>.</summary>
    public string? Doc { get; init; }

    /// <summary>The default as written in YAML (parsed by the accessors); null = none (absent means off or unset).</summary>
    public string? Default { get; init; }

    /// <summary>The default as the docs show it when it is not a plain value (e.g. "the last two years").</summary>
    public string? DefaultDoc { get; init; }

    /// <summary>Smallest allowed value of a number.</summary>
    public double Min { get; init; } = double.NegativeInfinity;

    /// <summary>Largest allowed value of a number.</summary>
    public double Max { get; init; } = double.PositiveInfinity;

    /// <summary>The allowed values of a choice (the first spelling of each is the canonical one).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The allowed values as the docs show them when they are not <see cref="Choices"/> or a range.</summary>
    public string? AllowedDoc { get; init; }

    /// <summary>The key must be given.</summary>
    public bool Required { get; init; }

    /// <summary>The keys of a <see cref="StudyKeyKind.Section"/>.</summary>
    public IReadOnlyList<StudyKey> Keys { get; init; } = [];

    /// <summary>A module section: its presence enables the module's stage; `init` writes it commented out.</summary>
    public bool Module { get; init; }

    /// <summary>How `init` writes the key.</summary>
    public TemplateLine Template { get; init; } = TemplateLine.Active;

    /// <summary>The value `init` writes when it is not the default (YAML; several lines for a mapping).</summary>
    public string? Example { get; init; }

    /// <summary>Further comment lines `init` writes under a section's first line.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The declared key <paramref name="name"/> of this section, or null.</summary>
    public StudyKey? Find(string name) => Keys.FirstOrDefault(k => k.Name == name);

    /// <summary>The type as the docs name it.</summary>
    public string TypeName => Kind switch
    {
        StudyKeyKind.Text => "text",
        StudyKeyKind.Number => "number",
        StudyKeyKind.WholeNumber => "whole number",
        StudyKeyKind.Boolean => "true/false",
        StudyKeyKind.Choice => "choice",
        StudyKeyKind.File => "file",
        StudyKeyKind.List => "list",
        StudyKeyKind.Mapping => "mapping",
        _ => "section",
    };

    /// <summary>The default as the docs show it.</summary>
    public string DefaultText => DefaultDoc ?? (Required ? "required" : Default is null ? "—" : Default.Length == 0 ? "\"\"" : Default);

    /// <summary>The allowed values as the docs show them ("" when anything of the type goes).</summary>
    public string AllowedText
    {
        get
        {
            if (AllowedDoc is not null) return AllowedDoc;
            if (Choices.Count > 0) return string.Join(", ", Choices);
            if (Kind is not (StudyKeyKind.Number or StudyKeyKind.WholeNumber)) return "";
            bool lo = double.IsFinite(Min) && Min > int.MinValue, hi = double.IsFinite(Max) && Max < int.MaxValue;
            string min = Min is > 0 and < 1e-5 ? "> 0" : "≥ " + Format(Min), max = Max is < 1 and > 1 - 1e-5 ? "< 1" : "≤ " + Format(Max);
            if (Min is > 0 and < 1e-5 && Max is < 1 and > 1 - 1e-5) return "(0, 1)";
            return lo && hi ? $"{min}, {max}" : lo ? min : hi ? max : "";
        }
    }

    /// <summary>The integer default (keys of kind <see cref="StudyKeyKind.WholeNumber"/>).</summary>
    public int IntDefault => Default is null ? 0 : int.Parse(Default, NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>The number default (declared keys of kind <see cref="StudyKeyKind.Number"/>).</summary>
    public double DoubleDefault => Default is null ? 0 : double.Parse(Default, NumberStyles.Float, CultureInfo.InvariantCulture);

    internal int IntMin => double.IsFinite(Min) ? (int)Math.Max(Min, int.MinValue) : int.MinValue;

    internal int IntMax => double.IsFinite(Max) ? (int)Math.Min(Max, int.MaxValue) : int.MaxValue;

    private static string Format(double v) => v.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Factories of <see cref="StudyKey"/> declarations.</summary>
public static class StudyKeys
{
    /// <summary>A number with a default.</summary>
    public static StudyKey Number(string name, double? defaultValue, string help, double min = double.NegativeInfinity, double max = double.PositiveInfinity) =>
        new() { Name = name, Kind = StudyKeyKind.Number, Help = help, Default = defaultValue?.ToString(CultureInfo.InvariantCulture), Min = min, Max = max };

    /// <summary>A whole number with a default.</summary>
    public static StudyKey Whole(string name, int? defaultValue, string help, int min = int.MinValue, int max = int.MaxValue) =>
        new() { Name = name, Kind = StudyKeyKind.WholeNumber, Help = help, Default = defaultValue?.ToString(CultureInfo.InvariantCulture), Min = min, Max = max };

    /// <summary>true/false with a default.</summary>
    public static StudyKey Flag(string name, bool defaultValue, string help) =>
        new() { Name = name, Kind = StudyKeyKind.Boolean, Help = help, Default = defaultValue ? "true" : "false" };

    /// <summary>One of <paramref name="choices"/>, with a default.</summary>
    public static StudyKey Choice(string name, string? defaultValue, string help, params string[] choices) =>
        new() { Name = name, Kind = StudyKeyKind.Choice, Help = help, Default = defaultValue, Choices = choices };

    /// <summary>A string.</summary>
    public static StudyKey Text(string name, string? defaultValue, string help) =>
        new() { Name = name, Kind = StudyKeyKind.Text, Help = help, Default = defaultValue };

    /// <summary>A file path relative to the study file.</summary>
    public static StudyKey File(string name, string help, bool required = false) =>
        new() { Name = name, Kind = StudyKeyKind.File, Help = help, Required = required };

    /// <summary>A list; <paramref name="defaultDoc"/> is its default as the docs and template write it.</summary>
    public static StudyKey List(string name, string? defaultDoc, string help) =>
        new() { Name = name, Kind = StudyKeyKind.List, Help = help, Default = defaultDoc };

    /// <summary>A free-form mapping.</summary>
    public static StudyKey Map(string name, string? defaultDoc, string help) =>
        new() { Name = name, Kind = StudyKeyKind.Mapping, Help = help, Default = defaultDoc };

    /// <summary>A section with declared keys.</summary>
    public static StudyKey Section(string name, string help, params StudyKey[] keys) =>
        new() { Name = name, Kind = StudyKeyKind.Section, Help = help, Keys = keys };

    /// <summary>A module's section: present = the module's stage runs; `init` writes it commented out.</summary>
    public static StudyKey Module(string name, string help, params StudyKey[] keys) =>
        Section(name, help, keys) with { Module = true, Template = TemplateLine.Commented };
}
