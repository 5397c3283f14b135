namespace LandCarbon.Core.Pipeline;

/// <summary>The stages of `landcarbon run`, listed once; <see cref="PipelinePlan"/> runs the enabled ones in this order
/// unless a declared need puts a producer earlier. Each module adds its stage here, once.</summary>
public static class PipelineStages
{
    /// <summary>All stages in run order; a stage decides itself whether the study enables it.</summary>
    public static IReadOnlyList<IPipelineStage> All() =>
    [
        new Poi.PoiDensityStage(),   // before accounting: densities (and a POI factor raster) feed its POI correction
        new Accounting.AccountingStage(),
        new LandUseChange.ChangeAnalysisStage(),
        new Regression.QuantileRegressionStage(),   // ΔCBI of first → last on POI densities
        new Risk.RiskStage(),
        new SpatialStatistics.SpatialStatisticsStage(),
        new Simulation.SimulationStage(),   // after accounting: its class maps and class coefficients
        new Uncertainty.UncertaintyStage(),   // after accounting and change: the Monte Carlo rescales their sums
    ];
}
