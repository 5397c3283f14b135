using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LandCarbon.Core.Models;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Pipeline;

/// <summary>How <see cref="PipelineRunner"/> reports and what it records.</summary>
public sealed record PipelineRunOptions
{
    /// <summary>Tool version for run.json.</summary>
    public string ToolVersion { get; init; } = "";

    /// <summary>The command line, for run.json.</summary>
    public string Command { get; init; } = "";

    /// <summary>Overrides the study's tile settings when set (results never depend on them).</summary>
    public TileSettings? Tiles { get; init; }

    /// <summary>Called when a stage starts; returns the progress sink for it (null = none).</summary>
    public Func<string, IProgress<double>?>? StageStarted { get; init; }

    /// <summary>Called when a stage ends, with its wall time in seconds.</summary>
    public Action<string, double>? StageFinished { get; init; }

    /// <summary>Opens input rasters (GeoTIFF by default).</summary>
    public Func<string, IRasterReader>? OpenRaster { get; init; }

    /// <summary>The stages to run (default <see cref="PipelineStages.All"/>).</summary>
    public IReadOnlyList<IPipelineStage>? Stages { get; init; }

    /// <summary>When the run replays a run.json: which one, and whether it went on over changed inputs.</summary>
    public RunReplay? Replay { get; init; }
}

/// <summary>One input file in run.json.</summary>
public sealed record RunInput(string Path, long Bytes, string Sha256);

/// <summary>One stage in run.json; <see cref="Profile"/> only with LANDCARBON_PROFILE=1 (<see cref="ActivityProfile"/>).</summary>
public sealed record RunStageTiming(string Name, double Seconds)
{
    /// <summary>The stage's time split per activity (inflate, deflate, file I/O, GC), when profiling is on.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StageProfile? Profile { get; init; }
}

/// <summary>The run manifest written to OUT/run.json; <paramref name="Replay"/> is set when the run replayed a
/// run.json (with `--force`, the inputs that had changed).</summary>
public sealed record RunManifest(
    string ToolVersion, string Command, string StudyFile, StudyDefinition Study, int Seed,
    IReadOnlyList<RunInput> Inputs, IReadOnlyList<RunStageTiming> Stages, IReadOnlyList<string> Warnings,
    RunReplay? Replay = null)
{
    /// <summary>The area model used for every pixel area of the run (<see cref="PixelAreas.Description"/>).</summary>
    public string AreaModel { get; init; } = "";
}

/// <summary>What a finished run returns: the context (with every stage's result) and the manifest.</summary>
public sealed record PipelineRunResult(RunContext Context, RunManifest Manifest, string ManifestPath);

/// <summary>
/// Runs a study: load and validate it (all problems at once), check its rasters (grid of the first land-use
/// raster, alignment, class codes), build the <see cref="RunContext"/>, order the enabled stages from their declared needs (<see cref="PipelinePlan"/>), run them, and
/// write run.json (tool version, command, resolved study, SHA-256 of every input, seed, stage timings, warnings).
/// </summary>
public static class PipelineRunner
{
    /// <summary>JSON settings of run.json.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Runs the study file at <paramref name="studyPath"/> into <paramref name="outputDirectory"/>.</summary>
    public static PipelineRunResult Run(string studyPath, string outputDirectory, PipelineRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        var study = StudyLoader.Load(studyPath);
        return Run(study, outputDirectory, options, cancellationToken);
    }

    /// <summary>Runs a loaded study.</summary>
    public static PipelineRunResult Run(StudyDefinition study, string outputDirectory, PipelineRunOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        options ??= new PipelineRunOptions();
        var open = options.OpenRaster ?? Raster.GeoTiff.GeoTiffReader.Open;
        var tiles = (options.Tiles ?? study.Tiles).ToOptions(null, cancellationToken);
        var check = Stopwatch.StartNew();
        var facts = StudyRasterCheck.Check(study, open, tiles);
        var context = new RunContext(outputDirectory, facts.Grid, tiles, study.Seed) { Study = study, OpenRaster = open, Areas = facts.Areas! };
        var plan = PipelinePlan.Order(options.Stages ?? PipelineStages.All(), s => s.IsEnabled(context));   // before anything is written
        Directory.CreateDirectory(outputDirectory);
        AtomicFile.RemoveStalePartials(outputDirectory);
        var timings = new List<RunStageTiming> { new("check", check.Elapsed.TotalSeconds) };
        foreach (var stage in plan)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var progress = options.StageStarted?.Invoke(stage.Name);
            var sw = Stopwatch.StartNew();
            var profileStart = ActivityProfile.Enabled ? ActivityProfile.Take() : null;
            context.Results.Enter(stage);
            try
            {
                stage.Run(context, progress, cancellationToken);
            }
            finally
            {
                context.Results.Leave();
            }
            double s = sw.Elapsed.TotalSeconds;
            timings.Add(new RunStageTiming(stage.Name, s) { Profile = profileStart is null ? null : ActivityProfile.Take().Since(profileStart) });
            options.StageFinished?.Invoke(stage.Name, s);
        }
        var manifest = new RunManifest(options.ToolVersion, options.Command, study.SourcePath, study, study.Seed,
            [.. study.InputFiles().Where(File.Exists).Select(Hash)], timings, [.. context.Warnings], options.Replay) { AreaModel = context.Areas.Description };
        string path = Path.Combine(context.OutputDirectory, "run.json");
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(manifest, Json) + "\n");
        return new PipelineRunResult(context, manifest, path);
    }

    /// <summary>Size and SHA-256 (lower-case hex) of a file.</summary>
    public static RunInput Hash(string path)
    {
        using var s = File.OpenRead(path);
        byte[] h = SHA256.HashData(s);
        return new RunInput(path, s.Length, Convert.ToHexStringLower(h));
    }
}
