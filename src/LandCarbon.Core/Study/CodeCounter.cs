using LandCarbon.Core.Processing;

using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Study;

/// <summary>
/// Pixel counts per integer value of a raster (nodata value excluded), counted tile by tile in parallel; the
/// counts are exact integers, so they do not depend on tile size or thread count.
/// </summary>
internal static class CodeCounter
{
    private const int Offset = 32768;

    /// <summary>Counts every value of an integer raster (values outside −32768…65535 are counted together under
    /// int.MinValue). Returns value → count, sorted by value, without the nodata value.</summary>
    public static SortedDictionary<int, long> Count(IRasterReader reader, TileOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        var g = reader.Grid;
        var layout = options.LayoutFor(g.Width, g.Height, reader.BlockWidth, reader.BlockHeight);
        bool bytes = reader.DataType == RasterDataType.UInt8;
        var total = TileProcessor.Accumulate(layout, options, () => new long[65536 + Offset + 1], (w, counts) =>
        {
            int n = (int)w.PixelCount;
            if (bytes)
            {
                var buf = System.Buffers.ArrayPool<byte>.Shared.Rent(n);
                reader.Read<byte>(w, buf.AsSpan(0, n));
                for (int i = 0; i < n; i++) counts[buf[i] + Offset]++;
                System.Buffers.ArrayPool<byte>.Shared.Return(buf);
            }
            else
            {
                var buf = System.Buffers.ArrayPool<int>.Shared.Rent(n);
                reader.Read<int>(w, buf.AsSpan(0, n));
                for (int i = 0; i < n; i++)
                {
                    int v = buf[i];
                    counts[v >= -Offset && v < 65536 ? v + Offset : counts.Length - 1]++;
                }
                System.Buffers.ArrayPool<int>.Shared.Return(buf);
            }
        }, (a, b) =>
        {
            for (int i = 0; i < a.Length; i++) a[i] += b[i];
        });
        var result = new SortedDictionary<int, long>();
        for (int i = 0; i < total.Length - 1; i++)
            if (total[i] > 0) result[i - Offset] = total[i];
        if (total[^1] > 0) result[int.MinValue] = total[^1];
        if (reader.NoData is double nd && nd == Math.Floor(nd) && nd >= int.MinValue && nd <= int.MaxValue) result.Remove((int)nd);
        return result;
    }
}
