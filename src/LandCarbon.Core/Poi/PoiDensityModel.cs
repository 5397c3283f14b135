using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Poi;

/// <summary>What to compute: the POI file and how to read, classify and smooth it.</summary>
/// <param name="File">POI file (CSV/TSV, GeoJSON or a point shapefile).</param>
/// <param name="Read">Columns to read.</param>
/// <param name="Map">Category → function rules.</param>
/// <param name="LonLat">System of the lon/lat columns; null when x/y are already in the grid's CRS.</param>
/// <param name="RadiusMeters">Fixed search radius, or null for the ArcGIS rule per function.</param>
/// <param name="Kernel">Kernel shape.</param>
public sealed record PoiDensityRequest(string File, PoiReadOptions Read, PoiFunctionMap Map, LonLatSystem? LonLat,
    double? RadiusMeters, KernelShape Kernel)
{
    /// <summary>The study key or CLI option that gave the CRS, named when coordinates in the grid's CRS
    /// (<see cref="LonLat"/> null) contradict the file's own declaration.</summary>
    public string CrsKey { get; init; } = "poi.crs";
}

/// <summary>What <see cref="PoiDensityModel.Run"/> read, placed and wrote.</summary>
/// <param name="Result">The density rasters and their statistics.</param>
/// <param name="Placed">The points on the grid (for F_POI).</param>
/// <param name="RowsRead">Rows (features) read from the POI file.</param>
public sealed record PoiDensityRun(PoiDensityResult Result, PoiPointSet Placed, int RowsRead);

/// <summary>
/// The one Core entry point of the POI densities, used by both `landcarbon poi density` and the POI stage of
/// `landcarbon run`, so the two cannot disagree: read and classify the points, place them on the grid, write one
/// kernel-density raster per function, tables/poi_summary.csv and tables/poi_unmapped.csv.
/// The densities are a property of the points and the grid only: they are not masked by any raster's nodata (see
/// docs/methods/poi.md, "Where densities are defined").
/// </summary>
public static class PoiDensityModel
{
    /// <summary>Runs the request on <paramref name="grid"/>.</summary>
    public static PoiDensityRun Run(PoiDensityRequest request, GridSpec grid, Func<PoiFunction, string> rasterPath,
        string summaryPath, string unmappedPath, TileOptions tiles)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(grid);
        if (request.LonLat is null) Geodesy.DeclaredCrs.EnsureGridAgrees(request.CrsKey, request.File, grid);
        var read = PoiReader.Read(request.File, request.Read);
        var placed = PoiPlacement.Place(read, grid, request.Map, request.LonLat, request.RadiusMeters ?? 0);
        var result = PoiDensityRasters.Write(placed, request.Kernel, request.RadiusMeters, request.Read.WeightColumn is not null,
            rasterPath, tiles);
        PoiDensityRasters.WriteSummary(summaryPath, result);
        PoiDensityRasters.WriteUnmapped(unmappedPath, result);
        return new PoiDensityRun(result, placed, read.RowsRead);
    }
}
