using System.Buffers;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Risk;

/// <summary>
/// Writes <c>risk_&lt;method&gt;.tif</c> for every method: UInt8 levels 1…L of the map index (0 = nodata, declared
/// as the GeoTIFF nodata value) with the levels' colour table, on the index's grid. One streamed pass reads each
/// index tile once and writes the three rasters; files appear only when complete.
/// </summary>
public static class RiskRasters
{
    /// <summary>Writes the rasters (<paramref name="rasterPath"/> maps "risk_&lt;method&gt;" to a file) and returns their paths.</summary>
    public static IReadOnlyList<string> Write(RiskGradingResult result, IRiskIndexSource mapIndex, Func<string, string> rasterPath, TileOptions tiles)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(mapIndex);
        ArgumentNullException.ThrowIfNull(rasterPath);
        ArgumentNullException.ThrowIfNull(tiles);
        var methods = result.Methods;
        var paths = methods.Select(m => rasterPath(OutputCatalog.RiskRaster.Name(m.Method))).ToArray();
        var writers = new GeoTiffWriter[methods.Count];
        try
        {
            for (int m = 0; m < methods.Count; m++)
            {
                var th = methods[m].Thresholds;
                writers[m] = GeoTiffWriter.Create(paths[m], mapIndex.Grid, RasterDataType.UInt8, new GeoTiffWriteOptions
                {
                    NoData = RiskLevels.NoData,
                    ColorTable = th.Levels.ColorTable(),
                    Description = $"carbon risk level ({th.Method}: {string.Join(", ", Enumerable.Range(1, th.Levels.Count).Select(k => $"{k} {th.Levels.Label(k)}"))})",
                });
            }
            var layout = IndexStatistics.LayoutOf(mapIndex, tiles);
            TileProcessor.ForEach(layout, tiles, w =>
            {
                int n = checked((int)w.PixelCount);
                var v = ArrayPool<double>.Shared.Rent(n);
                var b = ArrayPool<byte>.Shared.Rent(n);
                try
                {
                    mapIndex.Read(w, v.AsSpan(0, n));
                    for (int m = 0; m < methods.Count; m++)
                    {
                        methods[m].Thresholds.Grade(v.AsSpan(0, n), b.AsSpan(0, n));
                        writers[m].WriteWindow<byte>(w, b.AsSpan(0, n));
                    }
                }
                finally
                {
                    ArrayPool<double>.Shared.Return(v);
                    ArrayPool<byte>.Shared.Return(b);
                }
            });
            foreach (var wr in writers) wr.Commit();
        }
        finally
        {
            foreach (var wr in writers) wr?.Dispose();
        }
        return paths;
    }
}
