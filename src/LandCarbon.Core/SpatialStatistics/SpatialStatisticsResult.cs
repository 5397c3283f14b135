using LandCarbon.Core.Raster;

namespace LandCarbon.Core.SpatialStatistics;

/// <summary>The spatial statistics of one change interval on the ΔCBI fishnet.</summary>
/// <param name="IntervalKey">"from_to" years.</param>
/// <param name="FromYear">First year.</param>
/// <param name="ToYear">Second year.</param>
/// <param name="Fishnet">The fishnet grid.</param>
/// <param name="Moran">Global Moran's I of the fishnet ΔCBI sums.</param>
/// <param name="LisaCells">Fishnet cells per LISA class label.</param>
/// <param name="GiStarCells">Fishnet cells per Gi_Bin (−3…3).</param>
/// <param name="Ellipse">Standard deviational ellipse of the cell centres weighted by |ΔCBI|.</param>
public sealed record SpatialInterval(string IntervalKey, int FromYear, int ToYear, GridSpec Fishnet, MoranIResult Moran,
    IReadOnlyDictionary<string, int> LisaCells, IReadOnlyDictionary<int, int> GiStarCells, StandardDeviationalEllipse Ellipse);

/// <summary>What the spatial statistics stage hands to later stages (risk, report).</summary>
/// <param name="FishnetCellMeters">Fishnet cell side actually used (a whole number of pixels).</param>
/// <param name="Intervals">One entry per change interval.</param>
/// <param name="Migrations">Gravity-centre moves between consecutive intervals (by their end years).</param>
public sealed record SpatialStatisticsResult(double FishnetCellMeters, IReadOnlyList<SpatialInterval> Intervals, IReadOnlyList<CentreMigration> Migrations);
