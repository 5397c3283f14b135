using System.CommandLine;

namespace LandCarbon.Cli.Tests;

/// <summary>docs/cli.md is generated from the command tree and lists every command; every page it names exists.</summary>
public class CliDocsTests
{
    [Fact]
    public void CliPage_IsWhatTheCommandDeclarationsProduce()
    {
        TestData.AssertGeneratedPage("cli.md", CliDocs.Markdown(), "dotnet test tests/LandCarbon.Cli.Tests --filter CliDocs",
            "the commands' declarations (or the header in CliDocs.cs)");
    }

    [Fact]
    public void EveryCommand_DeclaresItsDocsPage()
    {
        foreach (var path in CommandPaths())
        {
            var parts = path.Split(' ');
            var cmd = CommandRegistry.Groups().First(g => g.Name == parts[0]);
            if (parts.Length > 1) cmd = cmd.Subcommands.First(c => c.Name == parts[1]);
            var d = Assert.IsType<DocumentedCommand>(cmd);
            Assert.True(d.DocPages.Count > 0, $"`landcarbon {path}` names no docs page");
        }
    }

    private static IEnumerable<string> CommandPaths()
    {
        foreach (var g in CommandRegistry.Groups())
        {
            if (g.Subcommands.Count == 0) yield return g.Name;
            foreach (var c in g.Subcommands) yield return g.Name + " " + c.Name;
        }
    }

    [Fact]
    public void EveryCommand_IsInTheCliPage()
    {
        string page = File.ReadAllText(Path.Combine(TestData.RepoRoot, "docs", "cli.md"));
        foreach (var path in CommandPaths())
            Assert.True(page.Contains("`landcarbon " + path, StringComparison.Ordinal), $"docs/cli.md does not list `landcarbon {path}`");
    }

    [Fact]
    public void EveryMethodPageNamed_Exists()
    {
        string page = File.ReadAllText(Path.Combine(TestData.RepoRoot, "docs", "cli.md"));
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(page, @"`([a-z/-]+\.md)`"))
            Assert.True(File.Exists(Path.Combine(TestData.RepoRoot, "docs", m.Groups[1].Value)), $"docs/{m.Groups[1].Value} is named in docs/cli.md but missing");
    }
}
