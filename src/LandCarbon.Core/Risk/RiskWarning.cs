using LandCarbon.Core.Outputs;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.SpatialStatistics;
using LandCarbon.Core.Zonal;

namespace LandCarbon.Core.Risk;

/// <summary>Zones for the zonal summary and the key monitoring areas.</summary>
/// <param name="File">Polygons (GeoJSON or Shapefile).</param>
/// <param name="Crs">gcj02, wgs84, bd09 or grid.</param>
/// <param name="IdField">Zone id attribute, or null for the defaults.</param>
/// <param name="Method">The threshold method whose levels the zonal table summarises.</param>
/// <param name="Rule">Key monitoring area rule.</param>
public sealed record RiskZones(string File, string Crs, string? IdField, string Method, KeyMonitoringAreaRule Rule);

/// <summary>What <see cref="RiskWarning.GradeAndWrite"/> produced.</summary>
/// <param name="Grading">Thresholds, level counts and accuracy of the three methods.</param>
/// <param name="Zonal">The zonal summary, or null without zones.</param>
/// <param name="Files">Tables and rasters written.</param>
public sealed record RiskGradeOutput(RiskGradingResult Grading, ZonalSummary? Zonal, IReadOnlyList<string> Files);

/// <summary>
/// The one entry point that grades a risk index and writes its tables, rasters and zonal summaries: used by the
/// pipeline's risk stage (<see cref="RiskAnalysis"/>) and by <c>landcarbon risk grade</c>, so both give the same
/// files for the same inputs.
/// </summary>
public static class RiskWarning
{
    /// <summary>The index of a raster per pixel, or summed to fishnet cells of <paramref name="fishnetMeters"/>
    /// (divided by the cell's valid ground area in km² when <paramref name="perKm2"/>: valid pixels × the area of the
    /// cell's centre pixel under <paramref name="areaModel"/>; within a cell of a projected grid the true pixel area
    /// varies by less than 1e-5 relative, so the cell-centre area stands for them all).</summary>
    public static IRiskIndexSource Index(IRasterReader reader, double? fishnetMeters, TileOptions tiles, bool perKm2 = false,
        AreaModel areaModel = AreaModel.True, FishnetCache? fishnets = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (fishnetMeters is not double m)
            return perKm2 ? throw new Models.InputException("risk.index: deltaCbiPerKm2 needs fishnet cells (risk.fishnetMeters).") : new RasterIndexSource(reader);
        int factor = FishnetAggregation.FactorFor(reader.Grid, m, "risk.fishnetMeters");
        var f = FishnetAggregation.Aggregate(reader, factor, FishnetStatistic.Sum, tiles: tiles, cache: fishnets);
        if (perKm2)
        {
            var areas = PixelAreas.For(reader.Grid, areaModel, "ΔCBI raster");
            int cw = f.Grid.Width;
            for (int i = 0; i < f.Values.Length; i++)
            {
                int row = Math.Min(reader.Grid.Height - 1, i / cw * factor + factor / 2);
                int col = Math.Min(reader.Grid.Width - 1, i % cw * factor + factor / 2);
                double km2 = (areas.IsUniform ? areas.UniformAreaM2 : areas.AreaM2(row, col)) / 1e6;
                f.Values[i] = f.ValidPixels[i] > 0 ? f.Values[i] / (f.ValidPixels[i] * km2) : double.NaN;
            }
        }
        return new ArrayIndexSource(f.Grid, f.Values);
    }

    /// <summary>
    /// Grades <see cref="RiskInputs.MapIndex"/> with thresholds learned on <see cref="RiskInputs.TrainingIndex"/>
    /// (<see cref="RiskGrader"/>), writes <c>risk_thresholds</c>, <c>risk_comparison</c>, <c>risk_confusion_&lt;method&gt;</c>
    /// and (when <paramref name="accuracyTable"/>) <c>risk_accuracy</c>, the rasters <c>risk_&lt;method&gt;</c> and, with
    /// zones, <c>zonal_summary</c> and <c>key_monitoring_areas</c> (zonal ΔCBI from <paramref name="zonalDelta"/>, or
    /// the index itself).
    /// </summary>
    public static RiskGradeOutput GradeAndWrite(RiskInputs inputs, RiskOptions options, IRiskIndexSource? zonalDelta, RiskZones? zones,
        TileOptions tiles, Func<string, string> rasterPath, Func<string, string> tablePath, ICollection<string>? warnings = null, bool accuracyTable = true,
        AreaModel areaModel = AreaModel.True)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(rasterPath);
        ArgumentNullException.ThrowIfNull(tablePath);
        var map = inputs.MapIndex;
        if (zonalDelta is not null) map.Grid.EnsureAlignedWith(zonalDelta.Grid, "risk index", "ΔCBI");
        var grading = RiskGrader.Grade(inputs, options, tiles);
        var files = RiskTables.Write(grading, tablePath, accuracyTable).ToList();
        files.AddRange(RiskRasters.Write(grading, map, rasterPath, tiles));
        ZonalSummary? zonal = null;
        if (zones is not null)
        {
            var th = grading.Methods.FirstOrDefault(x => x.Method == zones.Method)?.Thresholds
                ?? throw new Models.InputException($"risk zones method: '{zones.Method}'; expected {string.Join(", ", grading.Methods.Select(x => x.Method))}.");
            zonal = Zonal(zones, map.Grid, zonalDelta ?? map, th, map, options.StableEpsilon, tiles, warnings, areaModel);
            files.AddRange(WriteZonal(zonal, tablePath, null));
        }
        return new RiskGradeOutput(grading, zonal, files);
    }

    /// <summary>Rasterises the zones on <paramref name="grid"/> and sums <paramref name="delta"/> and the levels per zone.</summary>
    public static ZonalSummary Zonal(RiskZones zones, GridSpec grid, IRiskIndexSource delta, RiskThresholds thresholds, IRiskIndexSource index,
        double epsilon, TileOptions tiles, ICollection<string>? warnings, AreaModel areaModel = AreaModel.True)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var layer = ZoneLayer.Read(zones.File, zones.Crs, grid, zones.IdField, warnings: warnings);
        var mask = ZoneRasterizer.Rasterize(layer, grid);
        if (mask.OverlapPixels > 0)
            warnings?.Add($"{zones.File}: {mask.OverlapPixels} pixels lie in more than one polygon; each was given to the first.");
        return ZonalSummary.Compute(mask, delta, thresholds, index, epsilon, zones.Rule, tiles, PixelAreas.For(grid, areaModel, "risk units"));
    }

    /// <summary>Writes <c>zonal_summary</c> and <c>key_monitoring_areas</c>, or with <paramref name="interval"/>
    /// (Y1_Y2, the outlook's) <c>zonal_summary_Y1_Y2</c> and <c>key_monitoring_areas_Y1_Y2</c>.</summary>
    public static IReadOnlyList<string> WriteZonal(ZonalSummary zonal, Func<string, string> tablePath, string? interval)
    {
        ArgumentNullException.ThrowIfNull(zonal);
        ArgumentNullException.ThrowIfNull(tablePath);
        string zs = tablePath(interval is null ? OutputCatalog.ZonalSummary.Name() : OutputCatalog.ZonalSummaryForecast.Name(interval));
        string ka = tablePath(interval is null ? OutputCatalog.KeyMonitoringAreas.Name() : OutputCatalog.KeyMonitoringAreasForecast.Name(interval));
        zonal.SummaryTable().Save(zs);
        zonal.KeyAreaTable().Save(ka);
        return [zs, ka];
    }
}
