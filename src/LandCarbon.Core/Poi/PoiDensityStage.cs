using LandCarbon.Core.Outputs;
using LandCarbon.Core.Pipeline;

namespace LandCarbon.Core.Poi;

/// <summary>
/// The POI stage of `landcarbon run`: enabled by the study's <c>poi:</c> section. Reads and classifies the POIs, writes
/// rasters/poi_density_FUNCTION.tif (float32, per km²) on the study grid, tables/poi_summary.csv and
/// tables/poi_unmapped.csv, adds drop and unmapped warnings, and stores the <see cref="PoiDensityResult"/>
/// for later stages (the accounting stage's POI factor reads the density rasters).
/// </summary>
public sealed class PoiDensityStage : IPipelineStage
{
    /// <inheritdoc />
    public string Name => "poi";

    /// <inheritdoc />
    public IReadOnlyList<Type> Needs { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<Type> Uses { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<Type> Produces { get; } = [typeof(PoiDensityResult)];

    /// <inheritdoc />
    public bool IsEnabled(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Study?.Poi is not null;
    }

    /// <inheritdoc />
    public void Run(RunContext context, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var poi = context.RequireStudy().Poi
            ?? throw new InvalidOperationException("The POI stage runs only when the study has a poi: section.");
        var map = poi.FunctionMapPath is string m ? PoiFunctionMap.Default().OverriddenBy(m) : PoiFunctionMap.Default();
        var tiles = context.Tiles with { Progress = progress, CancellationToken = cancellationToken };
        // The same entry point as `landcarbon poi density --grid FIRST_YEAR.tif` (byte-identical outputs).
        var result = PoiDensityModel.Run(new PoiDensityRequest(poi.File, poi.Read, map, poi.LonLat, poi.RadiusMeters, poi.Kernel),
            context.Grid, f => context.PathOf(OutputCatalog.PoiDensity, PoiFunctions.Name(f)),
            context.PathOf(OutputCatalog.PoiSummary), context.PathOf(OutputCatalog.PoiUnmapped), tiles).Result;
        foreach (var d in result.Drops.Describe()) context.Warnings.Add($"poi: dropped {d} of {poi.File}");
        if (result.Unmapped.Count > 0)
            context.Warnings.Add($"poi: {result.Unmapped.Values.Sum()} POIs in {result.Unmapped.Count} unmapped categories counted as other (tables/poi_unmapped.csv)");
        context.Results.Set(result);
    }
}
