using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Web;

/// <summary>The resolutions a layer can be drawn from.</summary>
public static class RasterLevels
{
    /// <summary>
    /// The full-resolution reader and the internal overviews of its file (reduced-resolution images of the same
    /// pixel type, e.g. of a cloud-optimised GeoTIFF), finest first.
    /// </summary>
    public static IReadOnlyList<RasterLevel> Of(GeoTiffReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var levels = new List<RasterLevel> { new(reader, 1) };
        for (int i = 1; i < reader.ImageCount; i++)
        {
            var o = GeoTiffReader.Open(reader.Path, i);
            if (!o.IsReducedResolution || o.DataType != reader.DataType || o.Grid.Width >= reader.Grid.Width)
            {
                o.Dispose();
                continue;
            }
            // Level k halves k times (⌈w/2⌉ each, GDAL's convention too): its pixel spans exactly 2^k base pixels.
            levels.Add(new RasterLevel(o, Math.Pow(2, Math.Round(Math.Log2(reader.Grid.Width / (double)o.Grid.Width)))));
        }
        return [.. levels.OrderBy(l => l.Factor)];
    }

    /// <summary>
    /// The coarsest level whose pixel is at most <paramref name="sourcePixelsPerTilePixel"/> full-resolution
    /// pixels wide, so a tile never shows coarser pixels than the screen resolves.
    /// </summary>
    public static RasterLevel Choose(IReadOnlyList<RasterLevel> levels, double sourcePixelsPerTilePixel)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var best = levels[0];
        foreach (var l in levels)
            if (l.Factor <= sourcePixelsPerTilePixel && l.Factor > best.Factor) best = l;
        return best;
    }
}
