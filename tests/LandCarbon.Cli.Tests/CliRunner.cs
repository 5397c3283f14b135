using System.Diagnostics;

namespace LandCarbon.Cli.Tests;

/// <summary>What one `landcarbon` process did.</summary>
public sealed record CliResult(int ExitCode, string StdOut, string StdErr);

/// <summary>
/// Runs the real `landcarbon` program (the landcarbon.dll built next to the tests) in a child process, so exit
/// codes, stdout and stderr are exactly what users see and tests can run in parallel.
/// </summary>
public static class CliRunner
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "landcarbon.dll");

    /// <summary>Runs `landcarbon ARGS` and waits for it (up to <paramref name="timeoutSeconds"/>).</summary>
    public static CliResult Run(IEnumerable<string> args, string? workingDirectory = null, int timeoutSeconds = 300)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"landcarbon {string.Join(' ', args)} did not finish in {timeoutSeconds} s");
        }
        return new CliResult(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs `landcarbon ARGS`.</summary>
    public static CliResult Run(params string[] args) => Run((IEnumerable<string>)args);
}
