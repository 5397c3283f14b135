using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Poi;
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
    public IReadOnlyList<Type> Needs { get; } = [typeof(ChangeAnalysisResult)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Uses { get; } = [typeof(AccountingResult), typeof(PoiDensityResult), typeof(ISimulatedIndex)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Produces { get; } = [typeof(RiskAnalysisResult)];

    /// <inheritdoc />
    public bool IsEnabled(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Study?.Risk is not null;   // needs the change analysis: a study without it is refused at start
    }

    /// <inheritdoc />
    public void Run(RunContext context, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var study = context.RequireStudy();
        var change = context.Results.Get<ChangeAnalysisResult>();
        var tiles = context.Tiles with { Progress = progress, CancellationToken = cancellationToken };
        var section = study.Risk!;
        var drivers = Drivers(context, section);
        var result = RiskAnalysis.FromChange(change, section, study.Seed, GeoTiffReader.Open, tiles,
            context.RasterPath, context.TablePath, context.Warnings, drivers, context.Results.TryGet<ISimulatedIndex>(), context.Areas.Model, context.Fishnets);
        context.Results.Set(result);
    }

    /// <summary>The driver rasters of the run: the class raster of every year, the POI densities (when the run has
    /// the poi: section) and <c>risk.drivers.rasters</c>.</summary>
    private static RiskDrivers? Drivers(RunContext context, Study.RiskSection section)
    {
        var accounting = context.Results.TryGet<AccountingResult>();
        if (accounting is null) return null;
        var statics = new List<(string, string)>();
        if (context.Results.TryGet<PoiDensityResult>() is { } poi)
            statics.AddRange(PoiFunctions.All.Where(f => f != PoiFunction.Other).Select(f => ("poi_" + PoiFunctions.Name(f), poi.RasterPath(f))));
        statics.AddRange(section.DriverRasters);
        return new RiskDrivers(accounting.Years.ToDictionary(y => y.Year, y => y.LandClassPath), statics);
    }
}
