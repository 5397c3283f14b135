using System.Runtime.InteropServices;
using LandCarbon.Core.Raster;

namespace LandCarbon.Tests;

/// <summary>An in-memory <see cref="IRasterReader"/> for tests: values held as doubles, converted on read.</summary>
public sealed class ArrayRaster(string path, GridSpec grid, RasterDataType type, double[] values, double? noData = null,
    int blockWidth = 16, int blockHeight = 16) : IRasterReader
{
    public string Path => path;
    public GridSpec Grid => grid;
    public RasterDataType DataType => type;
    public double? NoData => noData;
    public int BlockWidth => blockWidth;
    public int BlockHeight => blockHeight;
    public ColorTable? ColorTable => null;

    /// <summary>A small UTM grid (30 m pixels) of the given size.</summary>
    public static GridSpec TestGrid(int width, int height) =>
        new(width, height, GeoTransform.NorthUp(500000, 3000000, 30), new SpatialReference(32648, ""));

    public void Read<T>(PixelWindow window, Span<T> destination) where T : unmanaged
    {
        int k = 0;
        for (int r = window.Row; r < window.RowEnd; r++)
            for (int c = window.Col; c < window.ColEnd; c++)
                destination[k++] = Convert<T>(values[(long)r * grid.Width + c]);
    }

    private static T Convert<T>(double v) where T : unmanaged
    {
        if (typeof(T) == typeof(byte)) return Cast<byte, T>((byte)v);
        if (typeof(T) == typeof(sbyte)) return Cast<sbyte, T>((sbyte)v);
        if (typeof(T) == typeof(short)) return Cast<short, T>((short)v);
        if (typeof(T) == typeof(ushort)) return Cast<ushort, T>((ushort)v);
        if (typeof(T) == typeof(int)) return Cast<int, T>((int)v);
        if (typeof(T) == typeof(uint)) return Cast<uint, T>((uint)v);
        if (typeof(T) == typeof(float)) return Cast<float, T>((float)v);
        if (typeof(T) == typeof(double)) return Cast<double, T>(v);
        throw new NotSupportedException(typeof(T).Name);
    }

    private static TOut Cast<TIn, TOut>(TIn v) where TIn : unmanaged where TOut : unmanaged =>
        MemoryMarshal.Cast<TIn, TOut>(MemoryMarshal.CreateSpan(ref v, 1))[0];

    public void Dispose() { }
}
