using LandCarbon.Cli.Commands.Run;
using LandCarbon.Core.Pipeline;

namespace LandCarbon.Cli.Commands.Demo;

/// <summary>Runs the demo study through the same chain as `landcarbon run` (<see cref="PipelineRunner"/>).</summary>
internal static class DemoPipeline
{
    /// <summary>Runs every enabled stage of <paramref name="studyPath"/> into <paramref name="outDir"/>.</summary>
    public static PipelineRunResult Run(string studyPath, string outDir, string command, CancellationToken ct,
        Core.Study.TileSettings? tiles = null)
    {
        ArgumentNullException.ThrowIfNull(studyPath);
        return StageProgress.RunStages((started, finished) => PipelineRunner.Run(studyPath, outDir, new PipelineRunOptions
        {
            ToolVersion = RunCommand.Version,
            Command = command,
            StageStarted = started,
            StageFinished = finished,
            Tiles = tiles is { Width: 0, Threads: 0 } ? null : tiles,
        }, ct));
    }
}
