using System.CommandLine;
using System.Globalization;
using System.Text;

namespace LandCarbon.Cli;

/// <summary>
/// docs/cli.md, generated from the command tree (<see cref="CommandRegistry.Build"/>): a table of every command with
/// its summary and method pages, then each command's arguments and options with their defaults. A test compares the
/// committed page with <see cref="Markdown"/> and says how to regenerate it.
/// </summary>
internal static class CliDocs
{
    private const string Header = """
        # Command line

        <!-- GENERATED from the command declarations (src/LandCarbon.Cli/CommandRegistry.cs, Commands/*) by CliDocs.Markdown();
             do not edit by hand: regenerate with `LANDCARBON_WRITE_DOCS=1 dotnet test tests/LandCarbon.Cli.Tests --filter CliDocs`. -->

        `landcarbon <command> --help` prints every option with its default. Exit codes: 0 success, 1 runtime failure,
        2 bad usage or invalid input (the message names the file, key or row; see `bad-input.md`). `--json` prints one JSON
        document to stdout and nothing else. `--threads N` and `--tile-size PX` never change results, only speed. Every
        `--seed` has the same default as the study's `seed` key; options that set the same thing as a study key say
        which and take its default (`study-file.md`).
        """;

    /// <summary>The page text.</summary>
    public static string Markdown()
    {
        var root = CommandRegistry.Build();
        var leaves = Leaves(root, "").ToList();
        var sb = new StringBuilder(Header).Append("\n\n| command | what it does | docs |\n|---|---|---|\n");
        foreach (var (path, cmd) in leaves)
            sb.Append(CultureInfo.InvariantCulture, $"| `landcarbon {path}{Usage(cmd)}` | {Cell(Summary(cmd))} | {string.Join(", ", Pages(cmd).Select(p => $"`{p}`"))} |\n");
        foreach (var (path, cmd) in leaves)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## `landcarbon {path}`\n\n{cmd.Description}\n\n");
            sb.Append(CultureInfo.InvariantCulture, $"```\nlandcarbon {path}{Usage(cmd)} [options]\n```\n\n");
            sb.Append("| argument or option | default | description |\n|---|---|---|\n");
            foreach (var a in cmd.Arguments)
                sb.Append(CultureInfo.InvariantCulture, $"| `{a.Name}` | {Cell(Default(a.HasDefaultValue, a.HasDefaultValue ? a.GetDefaultValue() : null))} | {Cell(a.Description ?? "")} |\n");
            foreach (var o in cmd.Options.Where(o => !o.Hidden))
            {
                string names = string.Join(", ", new[] { o.Name }.Concat(o.Aliases.Order(StringComparer.Ordinal)).Select(n => $"`{n}`"));
                string def = o.Required ? "required" : o.ValueType == typeof(bool) ? "off" : Default(o.HasDefaultValue, o.HasDefaultValue ? o.GetDefaultValue() : null);
                sb.Append(CultureInfo.InvariantCulture, $"| {names} | {Cell(def)} | {Cell(o.Description ?? "")} |\n");
            }
        }
        return sb.ToString();
    }

    private static IEnumerable<(string Path, Command Command)> Leaves(Command c, string path)
    {
        foreach (var sub in c.Subcommands)
        {
            string p = path.Length == 0 ? sub.Name : path + " " + sub.Name;
            if (sub.Subcommands.Count == 0) yield return (p, sub);
            else foreach (var leaf in Leaves(sub, p)) yield return leaf;
        }
    }

    private static string Usage(Command c) => string.Concat(c.Arguments.Select(a => " " + a.Name));

    private static string Summary(Command c) => c is DocumentedCommand d ? d.Summary : c.Description ?? "";

    private static IReadOnlyList<string> Pages(Command c) => c is DocumentedCommand d ? d.DocPages : [];

    private static string Default(bool has, object? value) => !has || value is null ? "—" : value switch
    {
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "—",
    };

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
