using LandCarbon.Core.Raster;

namespace LandCarbon.Core.SpatialStatistics;

/// <summary>A raster aggregated to a coarser fishnet aligned with it.</summary>
/// <param name="Grid">The fishnet grid: same origin and CRS, pixels <paramref name="Factor"/> times larger; the
/// last column and row may extend past the fine raster.</param>
/// <param name="Factor">Fine pixels per fishnet cell side.</param>
/// <param name="Statistic">What the values are.</param>
/// <param name="Values">Row-major values, NaN where the cell holds no valid fine pixel.</param>
/// <param name="ValidPixels">Valid fine pixels per cell.</param>
public sealed record FishnetGrid(GridSpec Grid, int Factor, FishnetStatistic Statistic, double[] Values, long[] ValidPixels);
