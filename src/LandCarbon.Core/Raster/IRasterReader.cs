namespace LandCarbon.Core.Raster;

/// <summary>
/// Reads windows of one raster band. Implementations are safe to call from several threads at once (the tile
/// driver decodes tiles in parallel) and never hold the whole raster in memory.
/// </summary>
public interface IRasterReader : IDisposable
{
    /// <summary>The file (or name) the pixels come from, for messages.</summary>
    string Path { get; }

    /// <summary>Size, geotransform and CRS.</summary>
    GridSpec Grid { get; }

    /// <summary>The stored pixel type.</summary>
    RasterDataType DataType { get; }

    /// <summary>The nodata value (GDAL_NODATA), or null when the raster declares none.</summary>
    double? NoData { get; }

    /// <summary>Width of the stored blocks (tile width, or the raster width for stripped files).</summary>
    int BlockWidth { get; }

    /// <summary>Height of the stored blocks (tile height, or rows per strip).</summary>
    int BlockHeight { get; }

    /// <summary>The colour table of a paletted band, or null.</summary>
    ColorTable? ColorTable { get; }

    /// <summary>
    /// Reads <paramref name="window"/> row by row (row-major, no padding) into <paramref name="destination"/>,
    /// converting from <see cref="DataType"/> to <typeparamref name="T"/> (one of byte, sbyte, short, ushort, int,
    /// uint, float, double) with C# numeric conversion; destination length must be at least window.PixelCount.
    /// Sparse (absent) blocks read as the nodata value (0 without one).
    /// </summary>
    void Read<T>(PixelWindow window, Span<T> destination) where T : unmanaged;
}
