using System.CommandLine;
using System.Globalization;
using LandCarbon.Cli.Commands.Report;
using LandCarbon.Core.Demo;
using LandCarbon.Core.Models;

namespace LandCarbon.Cli.Commands.Demo;

/// <summary>
/// `landcarbon demo [--out DIR] [--size PX] [--seed N]`: generates the synthetic Central Guizhou dataset into
/// DIR/inputs, runs every available stage on it into DIR, writes DIR/report.html and prints its path last.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var outDir = new Option<string>("--out") { Description = "Output folder (inputs/ holds the generated data).", DefaultValueFactory = _ => "landcarbon-demo" };
        var size = new Option<int>("--size") { Description = "Grid side in pixels over the 240 km region (8000 = 30 m pixels).", DefaultValueFactory = _ => 1000 };
        var seed = CommonOptions.Seed("Seed of the synthetic landscape and POIs (and the demo study's seed).");
        var lang = new Option<string>("--lang") { Description = "Report language: en (default) or zh.", DefaultValueFactory = _ => "en" };
        var noSimulation = new Option<bool>("--no-simulation") { Description = "Leave the scenario simulation out of the demo study (its time grows fastest with --size; the province-scale benchmarks use this)." };
        var common = new CommonOptions();
        var cmd = new DocumentedCommand("demo", "Generate a synthetic mountainous urban agglomeration (Central Guizhou), run the whole chain on it and write report.html.",
            ["demo.md", "report.md"], "Prints the path of report.html as the last line.")
        {
            outDir, size, seed, lang, noSimulation,
        };
        common.AddTo(cmd, json: false);
        CliAction.Set(cmd, (pr, ct) =>
        {
            int tile = pr.GetValue(common.TileSize);
            var tiles = new Core.Study.TileSettings(tile, tile, pr.GetValue(common.Threads));
            string report = Run(pr.GetValue(outDir)!, pr.GetValue(size), pr.GetValue(seed), pr.GetValue(lang), ct, tiles, !pr.GetValue(noSimulation));
            Console.Out.WriteLine(report);
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    /// <summary>Generates, runs and reports; returns the path of report.html.</summary>
    internal static string Run(string outDir, int size, long seed, string? lang, CancellationToken ct,
        Core.Study.TileSettings? tiles = null, bool simulation = true)
    {
        if (size < 16 || size > 40_000) throw new InputException($"--size {size}: give a grid side between 16 and 40000 pixels.");
        string dir = Path.GetFullPath(outDir);
        string inputs = Path.Combine(dir, "inputs");
        DemoDataset? data = null;
        StageProgress.Run(string.Create(CultureInfo.InvariantCulture, $"generate {size}×{size} px"), p =>
            data = DemoGenerator.Generate(inputs, new DemoOptions
            {
                SizePx = size, Seed = seed, Threads = tiles?.Threads ?? 0, Progress = p, Simulation = simulation,
                // The report title comes from the study's region name, so a Chinese report gets a Chinese one.
                RegionName = string.Equals(lang, "zh", StringComparison.OrdinalIgnoreCase) ? DemoOptions.ChineseRegionName : DemoOptions.EnglishRegionName,
            }));
        ct.ThrowIfCancellationRequested();
        DemoPipeline.Run(data!.StudyPath, dir, string.Create(CultureInfo.InvariantCulture,
            $"landcarbon demo --out {outDir} --size {size} --seed {seed}{(simulation ? "" : " --no-simulation")}"), ct, tiles);
        return ReportCommand.Build(dir, lang);
    }
}
