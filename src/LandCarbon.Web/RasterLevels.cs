using LandCarbon.Core.Raster;

namespace LandCarbon.Web;

/// <summary>The resolutions a layer can be drawn from.</summary>
public static class RasterLevels
{
    /// <summary>The full-resolution reader and the overviews stored in its file.</summary>
    public static IReadOnlyList<RasterLevel> Of(IRasterReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return [new RasterLevel(reader, 1)];
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
