using System.Diagnostics;

namespace LandCarbon.Tests;

/// <summary>Locates test inputs: the repository's tests/data and the team's ../shared/data, and oracle tools.</summary>
public static class TestData
{
    /// <summary>The repository root (the folder holding LandCarbon.slnx).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>
    /// Checks that the committed generated page <paramref name="docsPage"/> (under docs/) is <paramref name="expected"/>;
    /// with LANDCARBON_WRITE_DOCS=1 rewrites it first. The failure says how to regenerate it (<paramref name="regenerate"/>)
    /// and what to edit instead of the page (<paramref name="source"/>).
    /// </summary>
    public static void AssertGeneratedPage(string docsPage, string expected, string regenerate, string source)
    {
        string path = Path.Combine(RepoRoot, "docs", docsPage);
        if (Environment.GetEnvironmentVariable("LANDCARBON_WRITE_DOCS") == "1") File.WriteAllText(path, expected);
        string? committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        Xunit.Assert.True(committed == expected,
            $"docs/{docsPage} {(committed is null ? "is missing" : "differs from " + source)}. Regenerate it with " +
            $"`LANDCARBON_WRITE_DOCS=1 {regenerate}` and commit the page; edit {source}, never the page.");
    }

    private static string FindRepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "LandCarbon.slnx"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("LandCarbon.slnx not found above the test binaries.");
    }

    /// <summary>A file under tests/data.</summary>
    public static string Repo(string relative) => Path.Combine(RepoRoot, "tests", "data", relative);

    /// <summary>A file under ../shared/data; skips the test with a clear message when it is absent.</summary>
    public static string Shared(string relative)
    {
        string path = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", relative));
        if (!File.Exists(path) && !Directory.Exists(path))
            SkipOrFail($"shared data not present: ../shared/data/{relative} (a clone outside the team has no ../shared)");
        return path;
    }

    /// <summary>Skips the test unless <paramref name="tool"/> is on PATH (an oracle such as gdalinfo or Rscript).</summary>
    public static string RequireTool(string tool)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            string p = Path.Combine(dir, tool);
            if (File.Exists(p)) return p;
        }
        SkipOrFail($"oracle '{tool}' is not installed (scripts/install-deps.sh installs it)");
        return tool;
    }

    /// <summary>Runs a program and returns its stdout; fails the test with stderr on a non-zero exit code.</summary>
    public static string Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{program} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>
    /// Skips the test with <paramref name="reason"/> (a missing oracle tool or missing shared data) — except under CI
    /// (<c>CI=true</c>), where the machine is set up by <c>scripts/install-deps.sh</c> and <c>../shared</c> is present,
    /// so a skip would hide a test that did not run: there it fails.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void SkipOrFail(string reason)
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail($"CI=true and this test cannot run: {reason}");
        Assert.Skip(reason);
    }

    /// <summary>A fresh empty temporary folder.</summary>
    public static string TempDir()
    {
        string d = Path.Combine(Path.GetTempPath(), "landcarbon-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}
