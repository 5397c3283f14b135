using System.Numerics;
using System.Runtime.InteropServices;

namespace LandCarbon.Core.Raster.GeoTiff;

/// <summary>Rectangular copies between pixel buffers with C# numeric conversion (truncating for integers,
/// saturating from floating point), dispatched on the stored <see cref="RasterDataType"/>.</summary>
internal static class PixelCopy
{
    /// <summary>Copies a width × height rectangle; offsets and strides are in pixels.</summary>
    public static void Copy2D<TSrc, TDst>(ReadOnlySpan<TSrc> src, int srcOffset, int srcStride,
        Span<TDst> dst, int dstOffset, int dstStride, int width, int height)
        where TSrc : unmanaged, INumberBase<TSrc> where TDst : unmanaged, INumberBase<TDst>
    {
        for (int r = 0; r < height; r++)
        {
            var s = src.Slice(srcOffset + r * srcStride, width);
            var d = dst.Slice(dstOffset + r * dstStride, width);
            if (typeof(TSrc) == typeof(TDst))
            {
                MemoryMarshal.Cast<TSrc, TDst>(s).CopyTo(d);
            }
            else
            {
                for (int i = 0; i < s.Length; i++) d[i] = TDst.CreateTruncating(s[i]);
            }
        }
    }

    /// <summary>Copies from a buffer of stored samples (as bytes) to <typeparamref name="T"/> values.</summary>
    public static void FromStored<T>(RasterDataType type, ReadOnlySpan<byte> src, int srcOffset, int srcStride,
        Span<T> dst, int dstOffset, int dstStride, int width, int height) where T : unmanaged, INumberBase<T>
    {
        switch (type)
        {
            case RasterDataType.UInt8: Copy2D(src, srcOffset, srcStride, dst, dstOffset, dstStride, width, height); break;
            case RasterDataType.Int8: Copy2D(MemoryMarshal.Cast<byte, sbyte>(src), srcOffset, srcStride, dst, dstOffset, dstStride, width, height); break;
            case RasterDataType.UInt16: Copy2D(MemoryMarshal.Cast<byte, ushort>(src), srcOffset, srcStride, dst, dstOffset, dstStride, width, height); break;
            case RasterDataType.Int16: Copy2D(MemoryMarshal.Cast<byte, short>(src), srcOffset, srcStride, dst, dstOffset, dstStride, width, height); break;
            case RasterDataType.UInt32: Copy2D(MemoryMarshal.Cast<byte, uint>(src), srcOffset, srcStride, dst, dstOffset, dstStride, width, height); break;
            case RasterDataType.Int32: Copy2D(MemoryMarshal.Cast<byte, int>(src), srcOffset, srcStride, dst, dstOffset, dstStride, width, height); break;
            case RasterDataType.Float32: Copy2D(MemoryMarshal.Cast<byte, float>(src), srcOffset, srcStride, dst, dstOffset, dstStride, width, height); break;
            default: Copy2D(MemoryMarshal.Cast<byte, double>(src), srcOffset, srcStride, dst, dstOffset, dstStride, width, height); break;
        }
    }

    /// <summary>Copies <typeparamref name="T"/> values into a buffer of stored samples (as bytes).</summary>
    public static void ToStored<T>(RasterDataType type, ReadOnlySpan<T> src, int srcOffset, int srcStride,
        Span<byte> dst, int dstOffset, int dstStride, int width, int height) where T : unmanaged, INumberBase<T>
    {
        switch (type)
        {
            case RasterDataType.UInt8: Copy2D(src, srcOffset, srcStride, dst, dstOffset, dstStride, width, height); break;
            case RasterDataType.Int8: Copy2D(src, srcOffset, srcStride, MemoryMarshal.Cast<byte, sbyte>(dst), dstOffset, dstStride, width, height); break;
            case RasterDataType.UInt16: Copy2D(src, srcOffset, srcStride, MemoryMarshal.Cast<byte, ushort>(dst), dstOffset, dstStride, width, height); break;
            case RasterDataType.Int16: Copy2D(src, srcOffset, srcStride, MemoryMarshal.Cast<byte, short>(dst), dstOffset, dstStride, width, height); break;
            case RasterDataType.UInt32: Copy2D(src, srcOffset, srcStride, MemoryMarshal.Cast<byte, uint>(dst), dstOffset, dstStride, width, height); break;
            case RasterDataType.Int32: Copy2D(src, srcOffset, srcStride, MemoryMarshal.Cast<byte, int>(dst), dstOffset, dstStride, width, height); break;
            case RasterDataType.Float32: Copy2D(src, srcOffset, srcStride, MemoryMarshal.Cast<byte, float>(dst), dstOffset, dstStride, width, height); break;
            default: Copy2D(src, srcOffset, srcStride, MemoryMarshal.Cast<byte, double>(dst), dstOffset, dstStride, width, height); break;
        }
    }

    /// <summary>Fills stored samples with <paramref name="value"/> (saturated to the type).</summary>
    public static void Fill(RasterDataType type, Span<byte> block, double value)
    {
        if (value == 0)
        {
            block.Clear();
            return;
        }
        switch (type)
        {
            case RasterDataType.UInt8: block.Fill(byte.CreateSaturating(value)); break;
            case RasterDataType.Int8: MemoryMarshal.Cast<byte, sbyte>(block).Fill(sbyte.CreateSaturating(value)); break;
            case RasterDataType.UInt16: MemoryMarshal.Cast<byte, ushort>(block).Fill(ushort.CreateSaturating(value)); break;
            case RasterDataType.Int16: MemoryMarshal.Cast<byte, short>(block).Fill(short.CreateSaturating(value)); break;
            case RasterDataType.UInt32: MemoryMarshal.Cast<byte, uint>(block).Fill(uint.CreateSaturating(value)); break;
            case RasterDataType.Int32: MemoryMarshal.Cast<byte, int>(block).Fill(int.CreateSaturating(value)); break;
            case RasterDataType.Float32: MemoryMarshal.Cast<byte, float>(block).Fill((float)value); break;
            default: MemoryMarshal.Cast<byte, double>(block).Fill(value); break;
        }
    }

    /// <summary>Calls <paramref name="visitor"/> with <paramref name="span"/> viewed as its numeric element type.</summary>
    public static void Visit<T, TVisitor>(Span<T> span, TVisitor visitor) where T : unmanaged where TVisitor : ISpanVisitor
    {
        if (typeof(T) == typeof(byte)) visitor.Visit(MemoryMarshal.Cast<T, byte>(span));
        else if (typeof(T) == typeof(sbyte)) visitor.Visit(MemoryMarshal.Cast<T, sbyte>(span));
        else if (typeof(T) == typeof(short)) visitor.Visit(MemoryMarshal.Cast<T, short>(span));
        else if (typeof(T) == typeof(ushort)) visitor.Visit(MemoryMarshal.Cast<T, ushort>(span));
        else if (typeof(T) == typeof(int)) visitor.Visit(MemoryMarshal.Cast<T, int>(span));
        else if (typeof(T) == typeof(uint)) visitor.Visit(MemoryMarshal.Cast<T, uint>(span));
        else if (typeof(T) == typeof(float)) visitor.Visit(MemoryMarshal.Cast<T, float>(span));
        else if (typeof(T) == typeof(double)) visitor.Visit(MemoryMarshal.Cast<T, double>(span));
        else throw new NotSupportedException($"Pixels of type {typeof(T).Name} are not supported (byte, sbyte, short, ushort, int, uint, float, double are).");
    }
}

/// <summary>Receives a span as a concrete numeric type (see <see cref="PixelCopy.Visit{T, TVisitor}"/>).</summary>
internal interface ISpanVisitor
{
    void Visit<T>(Span<T> span) where T : unmanaged, INumberBase<T>;
}
