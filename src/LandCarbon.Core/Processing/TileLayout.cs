using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Processing;

/// <summary>
/// Cuts a grid into tiles of at most <see cref="TileWidth"/> × <see cref="TileHeight"/> pixels, numbered row by row
/// (tile index = tileRow · TilesAcross + tileCol). Edge tiles are smaller. The numbering fixes the order in which
/// partial results are combined, so totals do not depend on the thread count.
/// </summary>
public sealed class TileLayout
{
    /// <summary>Creates a layout over a width × height grid.</summary>
    public TileLayout(int width, int height, int tileWidth, int tileHeight)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "The grid is empty.");
        if (tileWidth <= 0 || tileHeight <= 0) throw new ArgumentOutOfRangeException(nameof(tileWidth), "Tiles need at least one pixel.");
        Width = width;
        Height = height;
        TileWidth = Math.Min(tileWidth, width);
        TileHeight = Math.Min(tileHeight, height);
        TilesAcross = (width + TileWidth - 1) / TileWidth;
        TilesDown = (height + TileHeight - 1) / TileHeight;
    }

    /// <summary>A layout whose tiles follow a raster's stored blocks, grown to about <paramref name="targetPixels"/>
    /// pixels by whole blocks so that no block is decoded twice.</summary>
    public static TileLayout ForBlocks(int width, int height, int blockWidth, int blockHeight, int targetPixels = 1 << 18)
    {
        int bw = Math.Clamp(blockWidth, 1, width), bh = Math.Clamp(blockHeight, 1, height);
        // Stripped files (block = full width): take as many strips as fit the target.
        int tilesAcross = Math.Max(1, (int)Math.Sqrt(targetPixels / (double)((long)bw * bh)));
        int w = bw >= width ? width : Math.Min(width, bw * tilesAcross);
        int down = Math.Max(1, (int)(targetPixels / ((long)w * bh)));
        int h = Math.Min(height, bh * down);
        return new TileLayout(width, height, w, h);
    }

    /// <summary>Grid width in pixels.</summary>
    public int Width { get; }

    /// <summary>Grid height in pixels.</summary>
    public int Height { get; }

    /// <summary>Nominal tile width.</summary>
    public int TileWidth { get; }

    /// <summary>Nominal tile height.</summary>
    public int TileHeight { get; }

    /// <summary>Tiles per row of tiles.</summary>
    public int TilesAcross { get; }

    /// <summary>Rows of tiles.</summary>
    public int TilesDown { get; }

    /// <summary>Number of tiles.</summary>
    public int Count => TilesAcross * TilesDown;

    /// <summary>Largest tile in pixels (buffer size).</summary>
    public int MaxTilePixels => TileWidth * TileHeight;

    /// <summary>The window of tile <paramref name="index"/>.</summary>
    public PixelWindow this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            int tr = index / TilesAcross, tc = index % TilesAcross;
            int c = tc * TileWidth, r = tr * TileHeight;
            return new PixelWindow(c, r, Math.Min(TileWidth, Width - c), Math.Min(TileHeight, Height - r));
        }
    }
}
