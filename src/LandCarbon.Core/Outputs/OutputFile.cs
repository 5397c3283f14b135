using System.Text.RegularExpressions;

namespace LandCarbon.Core.Outputs;

/// <summary>What kind of file an output is.</summary>
public enum OutputKind
{
    /// <summary>A GeoTIFF under rasters/.</summary>
    Raster,
    /// <summary>A CSV table under tables/ (header row, one row per record).</summary>
    Table,
    /// <summary>A PNG figure under figures/.</summary>
    Figure,
    /// <summary>A file beside another output (a QGIS style of a raster).</summary>
    Sidecar,
    /// <summary>The run manifest or the report at the top of the run folder.</summary>
    Document,
}

/// <summary>
/// One column of a table output: its header and its unit. A unit in braces is resolved for the run by
/// <see cref="OutputUnits.Resolve"/> (<c>{carbon}</c> is t C/yr in flux mode and t C in stock mode, …); a header
/// holding <c>TonnesC</c> is written as <c>TonnesCO2e</c> when the study reports CO2e.
/// </summary>
/// <param name="Name">The header as the writer writes it for a run in t C (placeholders such as
/// <c>share_{level}</c> stand for a family of columns).</param>
/// <param name="Unit">The unit or "—" for labels and identifiers.</param>
public sealed record OutputColumn(string Name, string Unit)
{
    /// <summary>A ΔCBI-valued column that the change option <c>cumulative</c> writes as <c>NameCumulative</c> (t C
    /// over the interval instead of t C/yr).</summary>
    public bool Delta { get; init; }

    /// <summary>True when the header is a family (<c>share_{level}</c>) rather than one column.</summary>
    public bool IsFamily => Name.Contains('{', StringComparison.Ordinal);

    /// <summary>True when <paramref name="header"/> is this column, or one of its family.</summary>
    public bool Matches(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        if (header.EndsWith("Cumulative", StringComparison.Ordinal)) header = header[..^"Cumulative".Length];   // the cumulative option's t C twin
        if (!IsFamily) return header == Name || header == Co2eName(Name);
        string pattern = "^" + Regex.Replace(Regex.Escape(Name), @"\\\{\w+}", "[^,]+") + "$";
        return Regex.IsMatch(header, pattern) || Regex.IsMatch(header, Co2eName(pattern));
    }

    /// <summary>The header of a t C column for a run in t CO2e: <c>netTonnesC</c> → <c>netTonnesCO2e</c>,
    /// <c>tonnesC</c> → <c>tonnesCO2e</c>.</summary>
    public static string Co2eName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string s = name.Replace("TonnesC", "TonnesCO2e", StringComparison.Ordinal);
        return s.StartsWith("tonnesC", StringComparison.Ordinal) && !s.StartsWith("tonnesCO2e", StringComparison.Ordinal) ? "tonnesCO2e" + s["tonnesC".Length..] : s;
    }
}

/// <summary>
/// One file (or family of files) a run writes: where and under which name, what it holds, its unit or code table,
/// its columns with units, the report section that shows it and its title in English and Chinese. Declared once in
/// <see cref="OutputCatalog"/> and used by the writers (file names and headers), the report, the web viewer and the
/// generated page docs/outputs.md.
/// </summary>
/// <param name="Id">A stable key (snake case, as the file name without placeholders).</param>
/// <param name="Kind">Raster, table, figure, sidecar or document.</param>
/// <param name="Pattern">The path relative to the run folder, with placeholders: <c>{year}</c> (four digits),
/// <c>{interval}</c> (<c>Y1_Y2</c>), and named words such as <c>{function}</c>, <c>{method}</c>,
/// <c>{scenario}</c>, <c>{forecast}</c>; <c>{raster}</c> and <c>{table}</c> stand for a whole file name.</param>
/// <param name="Section">The report section that shows it ("" = the report does not show it by itself).</param>
/// <param name="TitleEn">Title in English.</param>
/// <param name="TitleZh">Title in Chinese.</param>
public sealed partial record OutputFile(string Id, OutputKind Kind, string Pattern, string Section, string TitleEn, string TitleZh)
{
    /// <summary>Unit of a continuous raster's values (resolved by <see cref="OutputUnits.Resolve"/>), or the code
    /// table of a categorical raster ("1 = …, 2 = …").</summary>
    public string Values { get; init; } = "";

    /// <summary>True for a categorical raster (codes with a legend).</summary>
    public bool Categorical { get; init; }

    /// <summary>Columns of a table, in file order.</summary>
    public IReadOnlyList<OutputColumn> Columns { get; init; } = [];

    /// <summary>True when a table has further columns not declared here (named by the run: zone or level columns).</summary>
    public bool OpenColumns { get; init; }

    /// <summary>When a run writes it (the stage or option).</summary>
    public string WrittenWhen { get; init; } = "";

    /// <summary>The report maps only the first and last file of this family.</summary>
    public bool OnlyEnds { get; init; }

    /// <summary>The placeholders of <see cref="Pattern"/>, in order.</summary>
    public IReadOnlyList<string> Placeholders => [.. PlaceholderRegex().Matches(Pattern).Select(m => m.Groups[1].Value)];

    /// <summary>The folder-relative path for the placeholder values in order (e.g. <c>("2000_2024")</c> for
    /// <c>{interval}</c>). An interval given as two years joins them with '_'.</summary>
    public string RelativePath(params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var names = Placeholders;
        if (values.Length != names.Count)
            throw new ArgumentException($"{Pattern} has {names.Count} placeholder(s), got {values.Length} value(s).", nameof(values));
        int i = 0;
        string path = PlaceholderRegex().Replace(Pattern, _ => values[i++]);
        if (!TryMatch(path, out _)) throw new ArgumentException($"'{path}' does not fit the pattern {Pattern}.", nameof(values));
        return path;
    }

    /// <summary>The file name without folder and extension for the placeholder values (e.g. "cbi_2000").</summary>
    public string Name(params string[] values) => Path.GetFileNameWithoutExtension(RelativePath(values));

    /// <summary>True when <paramref name="relativePath"/> (forward slashes, relative to the run folder) is of this
    /// output; <paramref name="values"/> receives the placeholder values by name.</summary>
    public bool TryMatch(string relativePath, out IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var m = Regexes.GetOrAdd(Pattern, BuildRegex).Match(relativePath.Replace('\\', '/'));
        if (!m.Success)
        {
            values = new Dictionary<string, string>();
            return false;
        }
        values = Placeholders.ToDictionary(p => p, p => m.Groups[p].Value, StringComparer.Ordinal);
        return true;
    }

    /// <summary>The title in English or Chinese.</summary>
    public string Title(bool chinese) => chinese ? TitleZh : TitleEn;

    /// <summary>The header row of a table for a run in <paramref name="co2e"/> (t CO2e) or t C; family columns
    /// are left out (the writer appends them).</summary>
    public string[] Header(bool co2e = false) =>
        [.. Columns.Where(c => !c.IsFamily).Select(c => co2e ? OutputColumn.Co2eName(c.Name) : c.Name)];

    /// <summary>The declared column of <paramref name="header"/>, or null.</summary>
    public OutputColumn? Column(string header) => Columns.FirstOrDefault(c => c.Matches(header));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Regexes = new(StringComparer.Ordinal);

    private static Regex BuildRegex(string pattern)
    {
        string r = PlaceholderRegex().Replace(Regex.Escape(pattern).Replace(@"\{", "{", StringComparison.Ordinal), m => m.Groups[1].Value switch
        {
            "year" => @"(?<year>\d{4})",
            "interval" => @"(?<interval>\d{4}_\d{4})",
            "raster" or "table" => $"(?<{m.Groups[1].Value}>[A-Za-z0-9_-]+)",   // a whole file name (figures)
            var name => $"(?<{name}>[A-Za-z][A-Za-z0-9-]*)",
        });
        return new Regex("^" + r + "$", RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"\{(\w+)}")]
    private static partial Regex PlaceholderRegex();
}
