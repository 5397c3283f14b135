namespace LandCarbon.Core.Pipeline;

/// <summary>
/// One stage of `landcarbon run` (accounting, change analysis, POI densities, regression, spatial statistics,
/// risk, …): a thin adapter between the study, the <see cref="RunContext"/> and one module's model. Each stage
/// declares the typed results it needs, may use and produces; <see cref="PipelinePlan"/> orders the enabled stages
/// from those declarations and refuses, before anything is written, a run whose needs no enabled stage produces.
/// The stages are listed once in <see cref="PipelineStages"/>.
/// </summary>
public interface IPipelineStage
{
    /// <summary>Short name shown in progress output and stored with the timings in run.json.</summary>
    string Name { get; }

    /// <summary>Result types the stage cannot run without (read with <see cref="ResultStore.Get{T}"/>); an enabled
    /// stage whose need no enabled stage produces stops the run at start.</summary>
    IReadOnlyList<Type> Needs { get; }

    /// <summary>Result types the stage reads when an enabled stage produced them (<see cref="ResultStore.TryGet{T}"/>);
    /// their producers run first.</summary>
    IReadOnlyList<Type> Uses { get; }

    /// <summary>Result types the stage stores (<see cref="ResultStore.Set{T}"/>); one producer per type.</summary>
    IReadOnlyList<Type> Produces { get; }

    /// <summary>True when the study asks for this stage (decided from the study alone, before any stage runs).</summary>
    bool IsEnabled(RunContext context);

    /// <summary>Runs the stage: writes its outputs through <see cref="RunContext"/> and stores its result record.</summary>
    void Run(RunContext context, IProgress<double>? progress, CancellationToken cancellationToken);
}
