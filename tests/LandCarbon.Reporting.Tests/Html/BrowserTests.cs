using System.Diagnostics;
using System.Text.RegularExpressions;
using LandCarbon.Reporting.Html;

namespace LandCarbon.Reporting.Tests.Html;

/// <summary>Opens report.html in headless Chromium (Debian chromium, flags of TOOLCHAIN §7): every image loads, no
/// console errors, and a screenshot is kept under the test output folder (artifacts/).</summary>
[Collection(TinyRunCollection.Name)]
public partial class BrowserTests(TinyRuns runs)
{
    internal const string Chromium = "/usr/bin/chromium";

    /// <summary>Loads <paramref name="reportPath"/> with a probe script; returns (images, broken, errors, console log).</summary>
    internal static (int Images, int Broken, string Errors, string Log) Probe(string reportPath)
    {
        string html = File.ReadAllText(reportPath);
        const string Script = """
            <script>
            window.__errors = [];
            window.addEventListener('error', e => window.__errors.push(String(e.message || e.type)), true);
            const origError = console.error; console.error = (...a) => { window.__errors.push(a.join(' ')); origError(...a); };
            window.addEventListener('load', () => {
              const imgs = Array.from(document.images);
              const broken = imgs.filter(i => !(i.complete && i.naturalWidth > 0)).length;
              document.body.setAttribute('data-probe', 'images=' + imgs.length + ';broken=' + broken + ';errors=' + window.__errors.length);
            });
            </script>
            """;
        string probe = Path.Combine(Path.GetDirectoryName(reportPath)!, "probe.html");
        File.WriteAllText(probe, html.Replace("<head>", "<head>\n" + Script, StringComparison.Ordinal));
        var (dom, log) = RunChromium("--dump-dom", "--virtual-time-budget=10000", "--enable-logging=stderr", "--v=0", new Uri(probe).AbsoluteUri);
        var m = ProbeAttr().Match(dom);
        Assert.True(m.Success, "the probe did not run: " + log);
        string consoleErrors = string.Join("\n", log.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) &&
            (l.Contains("Uncaught", StringComparison.Ordinal) || l.Contains("Error", StringComparison.Ordinal))));
        return (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value), m.Groups[3].Value == "0" ? consoleErrors : m.Groups[3].Value + " errors; " + consoleErrors, log);
    }

    /// <summary>Screenshot of the page, saved under artifacts/ in the test output folder; returns its path.</summary>
    internal static string Screenshot(string reportPath, string name, int width = 1280, int height = 5200)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(dir);
        string png = Path.Combine(dir, name + ".png");
        RunChromium($"--screenshot={png}", $"--window-size={width},{height}", new Uri(reportPath).AbsoluteUri);
        Assert.True(File.Exists(png), "no screenshot written");
        return png;
    }

    private static (string Stdout, string Stderr) RunChromium(params string[] args)
    {
        if (!File.Exists(Chromium)) TestData.SkipOrFail("chromium is not installed (scripts/install-deps.sh installs it)");
        string profile = TestData.TempDir();
        var psi = new ProcessStartInfo(Chromium) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     $"--user-data-dir={profile}", "--hide-scrollbars" }.Concat(args))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail("chromium did not finish within 120 s");
        }
        return (stdout.Result, stderr.Result);
    }

    [Fact]
    public void Report_opens_in_chromium_with_every_image_loaded_and_no_console_errors()
    {
        string report = ReportBuilder.Build(TinyRuns.Copy(runs.Flux), TinyRuns.Options());
        var (images, broken, errors, _) = Probe(report);
        Assert.Equal(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(report)!, "figures"), "*.png").Length, images);
        Assert.Equal(0, broken);
        Assert.Equal("", errors);
        Screenshot(report, "report-tiny-demo");
    }

    [GeneratedRegex("data-probe=\"images=(\\d+);broken=(\\d+);errors=(\\d+)\"")]
    private static partial Regex ProbeAttr();
}
