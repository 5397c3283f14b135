using System.CommandLine;
using System.Globalization;
using System.Reflection;
using LandCarbon.Cli.Commands.Report;
using LandCarbon.Core.Accounting;
using LandCarbon.Core.Models;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Study;

namespace LandCarbon.Cli.Commands.Run;

/// <summary>`landcarbon run STUDY.yaml --out DIR`: every stage the study enables, one progress line per stage,
/// run.json and a summary. The orchestration is <see cref="PipelineRunner"/>.</summary>
internal static class RunCommand
{
    public static Command Create() =>
        Create("run", "Run every stage the study file enables and write rasters, tables, run.json and report.html (as `landcarbon report`) unless the study says report: false.",
            "`landcarbon run OUT/run.json` replays a run: it first checks the SHA-256 of every input recorded in run.json and stops with exit code 2 naming each changed or missing file; --force goes on and the new run.json records replay.forced and the changed inputs.",
            ["study-file.md"], null);

    /// <summary>A command that runs <paramref name="stages"/> (null = all) of a study, like `run`.</summary>
    internal static Command Create(string name, string summary, string? details, IReadOnlyList<string> docPages, IReadOnlyList<IPipelineStage>? stages)
    {
        var study = new Argument<string>("STUDY") { Description = "The study file (YAML); `landcarbon init` writes a template." };
        var outDir = new Option<string>("--out", "-o") { Description = "Output folder.", DefaultValueFactory = _ => "out" };
        var force = new Option<bool>("--force")
        {
            Description = "Replaying a run.json: go on although inputs differ from the recorded SHA-256 (recorded in the new run.json).",
        };
        var common = new CommonOptions();
        var cmd = new DocumentedCommand(name, summary, docPages, details) { study, outDir, force };
        common.AddTo(cmd, json: false);
        CliAction.Set(cmd, (pr, ct) =>
        {
            int tile = pr.GetValue(common.TileSize), threads = pr.GetValue(common.Threads);
            // `landcarbon run OUT/run.json` replays a run: the manifest's study file, into the manifest's folder
            // unless --out is given, after checking that every recorded input still has its recorded SHA-256.
            string studyArg = pr.GetValue(study)!, outArg = pr.GetValue(outDir)!;
            RunReplay? replay = null;
            if (studyArg.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                string manifest = studyArg;
                (studyArg, string replayOut) = RunReplayCheck.Target(manifest);
                if (pr.GetResult(outDir) is null || pr.GetResult(outDir)!.Implicit) outArg = replayOut;
                var changed = RunReplayCheck.ChangedInputs(manifest);
                if (changed.Count > 0 && !pr.GetValue(force)) throw RunReplayCheck.Refusal(manifest, changed);
                foreach (var c in changed)
                    Console.Error.WriteLine($"warning: --force: {c.Path} " + (c.CurrentSha256 is null ? "no longer exists." : "differs from the recorded run."));
                replay = new RunReplay(Path.GetFullPath(manifest), changed.Count > 0, changed);
            }
            var loaded = StudyLoader.Load(studyArg);
            var tiles = tile > 0 || threads > 0
                ? loaded.Tiles with { Width = tile > 0 ? tile : loaded.Tiles.Width, Height = tile > 0 ? tile : loaded.Tiles.Height, Threads = threads > 0 ? threads : loaded.Tiles.Threads }
                : null;
            var log = new StageLog();
            var result = PipelineRunner.Run(loaded, outArg, new PipelineRunOptions
            {
                ToolVersion = Version,
                Command = "landcarbon " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
                Tiles = tiles,
                StageStarted = log.Start,
                StageFinished = log.Finish,
                Replay = replay,
                Stages = stages,
            }, ct);
            Console.Out.Write(Summary(result));
            // The report is a view over the finished run (Reporting), so the CLI builds it, not the pipeline.
            if (stages is null && loaded.Report is { } report)
                Console.Out.WriteLine("report: " + ReportCommand.Build(result.Context.OutputDirectory, report.Language));
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    /// <summary>The tool version (assembly informational version).</summary>
    internal static string Version =>
        typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The end-of-run summary: totals per year, warnings, where things are.</summary>
    internal static string Summary(PipelineRunResult r)
    {
        var sb = new System.Text.StringBuilder();
        var ic = CultureInfo.InvariantCulture;
        if (r.Context.Results.TryGet<AccountingResult>() is { } a)
        {
            double f = a.Units.FromTonnesC();
            string u = a.Units.Key();
            sb.AppendLine(a.Mode == AccountingMode.Flux ? $"carbon budget ({u}/yr): year, source, sink, net" : $"carbon stock ({u}): year, total");
            foreach (var y in a.Years)
                sb.AppendLine(a.Mode == AccountingMode.Flux
                    ? string.Format(ic, "  {0}  {1,14:N1} {2,14:N1} {3,14:N1}", y.Year, y.SourceTonnesC * f, y.SinkTonnesC * f, y.NetTonnesC * f)
                    : string.Format(ic, "  {0}  {1,16:N1}", y.Year, y.NetTonnesC * f));
        }
        foreach (var w in r.Manifest.Warnings) sb.AppendLine("warning: " + w);
        sb.AppendLine($"outputs: {r.Context.OutputDirectory}");
        sb.AppendLine($"manifest: {r.ManifestPath}");
        return sb.ToString();
    }

    /// <summary>One line per stage: a live percentage on a terminal, plain start/end lines otherwise.</summary>
    private sealed class StageLog
    {
        private readonly bool _terminal = !Console.IsOutputRedirected;

        public IProgress<double>? Start(string stage)
        {
            if (!_terminal)
            {
                Console.Out.WriteLine($"[{stage}] started");
                return null;
            }
            Console.Out.Write($"[{stage}]   0%");
            int last = 0;
            return new Progress<double>(f =>
            {
                int pct = (int)(f * 100);
                if (pct <= Volatile.Read(ref last)) return;
                Volatile.Write(ref last, pct);
                Console.Out.Write($"\r[{stage}] {pct,3}%");
            });
        }

        public void Finish(string stage, double seconds)
        {
            string done = string.Format(CultureInfo.InvariantCulture, "[{0}] done in {1:0.0} s", stage, seconds);
            Console.Out.WriteLine(_terminal ? "\r" + done + "    " : done);
            if (PhaseProfile.TakeDescription() is { } phases) Console.Error.WriteLine($"[{stage}] phases {phases}");
        }
    }
}
