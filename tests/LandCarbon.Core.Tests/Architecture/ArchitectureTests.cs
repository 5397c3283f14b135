using System.Text.RegularExpressions;

namespace LandCarbon.Core.Tests.Architecture;

/// <summary>Rules that keep the core pure and runs reproducible, checked on the source (STYLE.md §15).</summary>
public partial class ArchitectureTests
{
    private static IEnumerable<(string File, string[] Lines)> CoreSources() =>
        Directory.EnumerateFiles(Path.Combine(TestData.RepoRoot, "src", "LandCarbon.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(TestData.RepoRoot, f), File.ReadAllLines(f)));

    [Fact]
    public void Core_ReferencesNeitherReportingNorCli()
    {
        var csproj = File.ReadAllText(Path.Combine(TestData.RepoRoot, "src", "LandCarbon.Core", "LandCarbon.Core.csproj"));
        Assert.DoesNotContain("LandCarbon.Reporting", csproj, StringComparison.Ordinal);
        Assert.DoesNotContain("LandCarbon.Cli", csproj, StringComparison.Ordinal);
        var offenders = CoreSources().Where(s => s.Lines.Any(l => UsingOutsideCore().IsMatch(l))).Select(s => s.File).ToList();
        Assert.True(offenders.Count == 0, "Core uses Reporting or Cli in: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Core_HasNoConsoleNoClockAndNoUnseededRandom()
    {
        var problems = new List<string>();
        foreach (var (file, lines) in CoreSources())
        {
            for (int i = 0; i < lines.Length; i++)
            {
                string l = lines[i].TrimStart();
                if (l.StartsWith("//", StringComparison.Ordinal) || l.StartsWith("///", StringComparison.Ordinal)) continue;
                if (ConsoleUse().IsMatch(l)) problems.Add($"{file}:{i + 1}: Console (the CLI renders output; Core reports through return values and IProgress)");
                if (l.Contains("DateTime.Now", StringComparison.Ordinal)) problems.Add($"{file}:{i + 1}: DateTime.Now (results must not depend on the clock)");
                if (UnseededRandom().IsMatch(l)) problems.Add($"{file}:{i + 1}: new Random() without a seed");
            }
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [GeneratedRegex(@"^\s*using\s+LandCarbon\.(Reporting|Cli)\b")]
    private static partial Regex UsingOutsideCore();

    [GeneratedRegex(@"\bConsole\.(Write|WriteLine|Error|Out|ReadLine)\b")]
    private static partial Regex ConsoleUse();

    [GeneratedRegex(@"new\s+(System\.)?Random\s*\(\s*\)")]
    private static partial Regex UnseededRandom();
}
