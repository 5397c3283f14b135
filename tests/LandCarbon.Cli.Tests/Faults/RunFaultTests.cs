using System.Diagnostics;
using System.Security.Cryptography;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Cli.Tests.Faults;

/// <summary>
/// Issue 9: a run killed at any point leaves earlier outputs intact and no half-written file under a final name;
/// rerunning gives byte-identical outputs; outputs are identical for any thread count and tile size.
/// Real data: two Wuhan years (2931 × 2931 px), accounting + change analysis.
/// </summary>
public class RunFaultTests
{
    private static string WuhanStudy(string dir)
    {
        string w = TestData.Shared("lulc-wuhan-30m");
        string study = Path.Combine(dir, "study.yaml");
        File.WriteAllText(study,
            $"region: Wuhan\nyears: {{2003: {w}/wh2003_refy.tif, 2013: {w}/wh2013_refy.tif}}\n" +
            "classes:\n  map: {1: grassland, 2: forest, 3: cultivated, 4: construction, 5: unused, 6: water, 7: forest}\n" +
            "accounting: {construction: {value: 50}}\nchange: {}\n" +
            // The report is a view over the outputs compared here; building it for 2931² px would only slow the test.
            "report: false\n");
        return study;
    }

    /// <summary>SHA-256 of every output file except run.json (which records timings and the command line) and
    /// report.html (which shows them), by relative path.</summary>
    private static SortedDictionary<string, string> Hashes(string outDir) =>
        new(Directory.EnumerateFiles(outDir, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is not ("run.json" or "report.html"))
            .ToDictionary(f => Path.GetRelativePath(outDir, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))),
            StringComparer.Ordinal);

    private static void AssertSame(SortedDictionary<string, string> expected, SortedDictionary<string, string> actual, string what)
    {
        Assert.True(expected.Keys.SequenceEqual(actual.Keys),
            $"{what}: different files: only in first {string.Join(", ", expected.Keys.Except(actual.Keys))}; only in second {string.Join(", ", actual.Keys.Except(expected.Keys))}");
        var differing = expected.Keys.Where(k => expected[k] != actual[k]).ToList();
        Assert.True(differing.Count == 0, $"{what}: files differ: {string.Join(", ", differing)}");
    }

    [Fact]
    public void KilledRun_LeavesEarlierOutputsIntact_AndRerunIsByteIdentical()
    {
        string dir = TestData.TempDir();
        string study = WuhanStudy(dir);
        string a = Path.Combine(dir, "a"), b = Path.Combine(dir, "b");

        var r = CliRunner.Run("run", study, "--out", a);
        Assert.True(r.ExitCode == 0, r.StdErr);
        var reference = Hashes(a);
        Assert.Contains(Path.Combine("tables", "offset_ratio.csv"), reference.Keys);

        // A complete run into b, then a second run into b killed while it is writing.
        Assert.Equal(0, CliRunner.Run("run", study, "--out", b).ExitCode);
        var before = Hashes(b);
        var started = DateTime.UtcNow;
        using (var p = Process.Start(new ProcessStartInfo("dotnet")
               {
                   ArgumentList = { Path.Combine(AppContext.BaseDirectory, "landcarbon.dll"), "run", study, "--out", b },
                   RedirectStandardOutput = true,
                   RedirectStandardError = true,
               })!)
        {
            // Kill once the rerun has replaced at least one output (or after a few seconds), mid-stage.
            var first = File.GetLastWriteTimeUtc(Path.Combine(b, "rasters", "cbi_2003.tif"));
            while (!p.HasExited && File.GetLastWriteTimeUtc(Path.Combine(b, "rasters", "cbi_2003.tif")) == first
                   && DateTime.UtcNow - started < TimeSpan.FromSeconds(60))
                Thread.Sleep(20);
            Assert.False(p.HasExited, "the run finished before it could be killed; the test needs a longer run");
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }

        // Every file under a final name is complete: outputs are identical to before (the run is deterministic,
        // so a file renamed into place during the killed run has the same bytes), and each raster reads.
        var afterKill = Hashes(b);
        foreach (var (file, hash) in afterKill.Where(kv => !Path.GetFileName(kv.Key).StartsWith('.')))
        {
            Assert.True(before.TryGetValue(file, out var h) && h == hash, $"{file} changed after the kill");
            if (file.EndsWith(".tif", StringComparison.Ordinal))
            {
                using var reader = GeoTiffReader.Open(Path.Combine(b, file));
                var buf = new double[reader.Grid.Width * 16];
                reader.Read<double>(new(0, reader.Grid.Height - 16, reader.Grid.Width, 16), buf);
            }
        }

        // The rerun removes the killed run's temporary files and reproduces the uninterrupted outputs exactly.
        var rerun = CliRunner.Run("run", study, "--out", b);
        Assert.True(rerun.ExitCode == 0, rerun.StdErr);
        AssertSame(reference, Hashes(b), "uninterrupted vs killed-then-rerun");
    }

    [Fact]
    public void Run_IsByteIdenticalForAnyThreadCountAndTileSize()
    {
        string dir = TestData.TempDir();
        string study = WuhanStudy(dir);
        var runs = new[] { ("1", "0"), ("2", "100"), ("4", "333") };
        SortedDictionary<string, string>? reference = null;
        foreach (var (threads, tile) in runs)
        {
            string o = Path.Combine(dir, $"t{threads}_s{tile}");
            var r = CliRunner.Run("run", study, "--out", o, "--threads", threads, "--tile-size", tile);
            Assert.True(r.ExitCode == 0, r.StdErr);
            var h = Hashes(o);
            if (reference is null) reference = h;
            else AssertSame(reference, h, $"threads 1/blocks vs threads {threads}/tile {tile}");
        }
    }
}

/// <summary>Issue 9: the demo (generator and whole chain) gives byte-identical rasters and tables both ways.</summary>
public class DemoDeterminismTests
{
    [Fact]
    public void Demo_IsByteIdenticalForOneAndTwoThreadsAndTwoTileSizes()
    {
        string dir = TestData.TempDir();
        string a = Path.Combine(dir, "a"), b = Path.Combine(dir, "b");
        var ra = CliRunner.Run("demo", "--out", a, "--size", "160", "--threads", "1", "--tile-size", "0");
        Assert.True(ra.ExitCode == 0, ra.StdErr);
        var rb = CliRunner.Run("demo", "--out", b, "--size", "160", "--threads", "2", "--tile-size", "48");
        Assert.True(rb.ExitCode == 0, rb.StdErr);
        static SortedDictionary<string, string> Hashes(string root) => new(
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".tif", StringComparison.Ordinal) || f.EndsWith(".csv", StringComparison.Ordinal) || f.EndsWith(".geojson", StringComparison.Ordinal))
                .ToDictionary(f => Path.GetRelativePath(root, f),
                    f => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))),
            StringComparer.Ordinal);
        var ha = Hashes(a);
        var hb = Hashes(b);
        Assert.True(ha.Count > 20, $"the demo wrote only {ha.Count} rasters and tables");
        Assert.Equal(ha.Keys, hb.Keys);
        var differing = ha.Keys.Where(k => ha[k] != hb[k]).ToList();
        Assert.True(differing.Count == 0, "files differ between 1 thread/blocks and 2 threads/48 px tiles: " + string.Join(", ", differing));
    }
}
