using System.Text;
using LandCarbon.Core.Accounting;

namespace LandCarbon.Core.Study;

/// <summary>
/// The commented study template that `landcarbon init` writes, generated from the key declarations
/// (<see cref="StudySpec.Root"/>): every key with its default (or an example) and its help, core keys live and module
/// sections commented out (uncommenting a section switches its module on).
/// </summary>
public static class StudyTemplate
{
    private const int CommentColumn = 33;

    /// <summary>The template text. Paths of the default tables are relative to the study file.</summary>
    public static string Text()
    {
        var sb = new StringBuilder();
        sb.Append("""
            # LandCarbon study file. Paths are relative to this file. Reference: docs/study-file.md.
            # Keys marked INFERRED in METHOD-SPEC are calibration knobs: defaults from the literature, change them freely.
            # Commented sections switch a module on when uncommented ("change:" alone takes every default).

            """);
        sb.Append('\n');
        foreach (var key in StudySpec.Root.Keys)
        {
            Write(sb, key, 0, null);
            if (key.Kind is StudyKeyKind.Section or StudyKeyKind.Mapping) sb.Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Writes a key; <paramref name="commentAt"/> is the column of the '#' when an enclosing key is
    /// commented out (null when live).</summary>
    private static void Write(StringBuilder sb, StudyKey key, int indent, int? commentAt)
    {
        if (key.Template == TemplateLine.Omitted) return;
        if (commentAt is null && key.Template == TemplateLine.Commented) commentAt = indent;
        string Prefix(int at) => commentAt is int c ? new string(' ', c) + "# " + new string(' ', at - c) : new string(' ', at);
        foreach (var note in key.Notes) sb.Append(' ', indent).Append("# ").Append(note).Append('\n');
        string help = Help(key);
        if (key.Kind == StudyKeyKind.Section)
        {
            Line(sb, Prefix(indent) + key.Name + ":", help);
            foreach (var child in key.Keys) Write(sb, child, indent + 2, commentAt);
            return;
        }
        string value = key.Example ?? key.Default ?? "null";
        if (!value.Contains('\n', StringComparison.Ordinal))
        {
            Line(sb, $"{Prefix(indent)}{key.Name}: {value}", help);
            return;
        }
        Line(sb, Prefix(indent) + key.Name + ":", help);
        foreach (var l in value.Split('\n')) sb.Append(Prefix(indent + 2)).Append(l).Append('\n');
    }

    /// <summary>The comment of a key: its help, the choices when the help does not name them, and a default that is
    /// not a plain value.</summary>
    private static string Help(StudyKey key)
    {
        string help = key.Help;
        if (key.Choices.Count > 1 && !help.Contains(key.Choices[1], StringComparison.Ordinal)) help += " (" + string.Join(" | ", key.Choices) + ")";
        if (key.Default is null && key.DefaultDoc is { } d && d != "off" && key.Kind != StudyKeyKind.Section) help += "; default: " + d.Replace("**", "", StringComparison.Ordinal);
        return help;
    }

    private static void Line(StringBuilder sb, string text, string help)
    {
        sb.Append(text);
        sb.Append(' ', Math.Max(2, CommentColumn - text.Length));
        sb.Append("# ").Append(help).Append('\n');
    }

    /// <summary>Writes the template to <paramref name="studyPath"/> and the default tables beside it (existing
    /// tables are kept). Returns the files written.</summary>
    public static IReadOnlyList<string> Write(string studyPath)
    {
        ArgumentNullException.ThrowIfNull(studyPath);
        string full = Path.GetFullPath(studyPath);
        string dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        Tables.AtomicFile.WriteAllText(full, Text());
        var written = new List<string> { full };
        foreach (var name in DefaultTables.Names)
        {
            string p = Path.Combine(dir, name);
            if (File.Exists(p)) continue;
            DefaultTables.WriteTo(name, p);
            written.Add(p);
        }
        return written;
    }
}
