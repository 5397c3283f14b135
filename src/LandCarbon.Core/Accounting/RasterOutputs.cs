using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Accounting;

/// <summary>An output raster to create: path, grid, pixel type, nodata and optional colour table.</summary>
public sealed record RasterOutputSpec(string Path, GridSpec Grid, RasterDataType DataType, double? NoData, ColorTable? Colors);

/// <summary>An output raster being written tile by tile from several threads; <see cref="Commit"/> publishes it
/// atomically, disposing without commit leaves any previous file intact.</summary>
public interface IRasterOutput : IDisposable
{
    /// <summary>Writes the pixels of one window (row-major). Safe to call from several threads.</summary>
    void Write<T>(PixelWindow window, ReadOnlySpan<T> pixels) where T : unmanaged;

    /// <summary>Finishes the file and moves it to its final name.</summary>
    void Commit();
}

/// <summary>Creates the stage outputs.</summary>
internal static class RasterOutputs
{
    /// <summary>Tiled (256 × 256), Deflate-compressed GeoTIFF outputs; floating-point predictor for floats; blocks
    /// compressed on the writing thread.</summary>
    public static IRasterOutput GeoTiff(RunContext context, RasterOutputSpec spec) =>
        new GeoTiffOutput(GeoTiffWriter.Create(spec.Path, spec.Grid, spec.DataType, new GeoTiffWriteOptions
        {
            NoData = spec.NoData,
            ColorTable = spec.Colors,
            Predictor = spec.DataType is RasterDataType.Float32 or RasterDataType.Float64 ? 3 : 2,
            // Written from the accounting's parallel tile loops: each tile's blocks are compressed by its worker.
            FlushOnWritingThread = true,
        }));

    private sealed class GeoTiffOutput(GeoTiffWriter writer) : IRasterOutput
    {
        public void Write<T>(PixelWindow window, ReadOnlySpan<T> pixels) where T : unmanaged => writer.WriteWindow(window, pixels);

        public void Commit() => writer.Commit();

        public void Dispose() => writer.Dispose();
    }
}
