using LandCarbon.Core.Raster;

namespace LandCarbon.Reporting.Tests;

/// <summary>An in-memory raster for tests: a function of (col, row) on a grid.</summary>
internal sealed class ArrayRasterReader(string path, GridSpec grid, Func<int, int, double> value, double? noData = null, int blockHeight = 1,
    RasterDataType dataType = RasterDataType.Float64) : IRasterReader
{
    public string Path { get; } = path;
    public GridSpec Grid { get; } = grid;
    public RasterDataType DataType => dataType;
    public double? NoData { get; } = noData;
    public int BlockWidth => Grid.Width;
    public int BlockHeight => blockHeight;
    public ColorTable? ColorTable => null;
    public int ReadCalls { get; private set; }
    public long MaxPixelsPerRead { get; private set; }
    public List<PixelWindow> Windows { get; } = [];

    public void Read<T>(PixelWindow window, Span<T> destination) where T : unmanaged
    {
        ReadCalls++;
        lock (Windows) Windows.Add(window);
        MaxPixelsPerRead = Math.Max(MaxPixelsPerRead, window.PixelCount);
        for (int r = 0; r < window.Height; r++)
            for (int c = 0; c < window.Width; c++)
                destination[r * window.Width + c] = (T)Convert.ChangeType(value(window.Col + c, window.Row + r), typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
    }

    public static GridSpec Utm(int size) =>
        new(size, size, GeoTransform.NorthUp(555_000, 3_100_000, 240_000.0 / size), new SpatialReference(32648, ""));
}
