using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Risk;

/// <summary>
/// Pipeline stage `risk` (after the change analysis): runs <see cref="RiskAnalysis.FromChange"/> with the study's
/// <c>risk:</c> section and seed, and stores a <see cref="RiskAnalysisResult"/>. Enabled when the run's study has a
/// <c>risk:</c> section and the results hold a <see cref="ChangeAnalysisResult"/>.
/// </summary>
public sealed class RiskStage : IPipelineStage
{
    /// <inheritdoc />
    public string Name => "risk";

    /// <inheritdoc />
    public bool IsEnabled(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Study?.Risk is not null && context.Results.TryGet<ChangeAnalysisResult>() is not null;
    }

    /// <inheritdoc />
    public void Run(RunContext context, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var study = context.RequireStudy();
        var change = context.Results.Get<ChangeAnalysisResult>();
        var tiles = context.Tiles with { Progress = progress, CancellationToken = cancellationToken };
        var result = RiskAnalysis.FromChange(change, study.Risk!, study.Seed, GeoTiffReader.Open, tiles,
            context.RasterPath, context.TablePath, context.Warnings, context.Areas);
        context.Results.Set(result);
    }
}
