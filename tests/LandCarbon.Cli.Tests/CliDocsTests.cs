using System.CommandLine;

namespace LandCarbon.Cli.Tests;

/// <summary>docs/cli.md lists every command the program has, and every method page it names exists.</summary>
public class CliDocsTests
{
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
