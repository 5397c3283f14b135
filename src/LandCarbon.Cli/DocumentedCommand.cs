using System.CommandLine;

namespace LandCarbon.Cli;

/// <summary>
/// A command declared once, as GDAL's algorithms are: its name, a one-line summary, optional further prose and the
/// docs pages of its method (relative to docs/). `--help` shows all three; docs/cli.md is generated from them
/// (<see cref="CliDocs"/>).
/// </summary>
internal sealed class DocumentedCommand : Command
{
    /// <summary>Declares a command or a command group.</summary>
    public DocumentedCommand(string name, string summary, IReadOnlyList<string> docPages, string? details = null)
        : base(name, Compose(summary, details, docPages))
    {
        Summary = summary;
        Details = details;
        DocPages = docPages;
    }

    /// <summary>What the command does, in one sentence (the docs' command table).</summary>
    public string Summary { get; }

    /// <summary>Further prose (behaviour worth knowing before running it), or null.</summary>
    public string? Details { get; }

    /// <summary>The method pages, relative to docs/.</summary>
    public IReadOnlyList<string> DocPages { get; }

    private static string Compose(string summary, string? details, IReadOnlyList<string> docPages) =>
        summary + (details is null ? "" : " " + details) + (docPages.Count == 0 ? "" : " Docs: " + string.Join(", ", docPages.Select(p => "docs/" + p)) + ".");
}
