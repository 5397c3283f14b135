using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Risk;

/// <summary>A risk index read from a raster band (e.g. a ΔCBI GeoTIFF); the raster's nodata value becomes NaN.</summary>
public sealed class RasterIndexSource(IRasterReader reader) : IRiskIndexSource
{
    private readonly double? _noData = reader.NoData;

    /// <summary>The raster.</summary>
    public IRasterReader Reader { get; } = reader;

    /// <inheritdoc />
    public GridSpec Grid => Reader.Grid;

    /// <inheritdoc />
    public int BlockWidth => Reader.BlockWidth;

    /// <inheritdoc />
    public int BlockHeight => Reader.BlockHeight;

    /// <inheritdoc />
    public void Read(PixelWindow window, Span<double> destination)
    {
        var dst = destination[..checked((int)window.PixelCount)];
        Reader.Read(window, dst);
        if (_noData is double nd && !double.IsNaN(nd))
            for (int i = 0; i < dst.Length; i++)
                if (dst[i] == nd) dst[i] = double.NaN;
    }
}
