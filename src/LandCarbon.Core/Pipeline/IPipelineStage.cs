namespace LandCarbon.Core.Pipeline;

/// <summary>
/// One stage of `landcarbon run` (accounting, change analysis, POI densities, regression, spatial statistics,
/// risk, …). Stages are listed once, in order, in <see cref="PipelineStages"/>; each reads the typed results of
/// earlier stages from <see cref="RunContext.Results"/> and adds its own.
/// </summary>
public interface IPipelineStage
{
    /// <summary>Short name shown in progress output and stored with the timings in run.json.</summary>
    string Name { get; }

    /// <summary>True when the study enables this stage (and its inputs are present).</summary>
    bool IsEnabled(RunContext context);

    /// <summary>Runs the stage: writes its outputs through <see cref="RunContext"/> and stores its result record.</summary>
    void Run(RunContext context, IProgress<double>? progress, CancellationToken cancellationToken);
}
