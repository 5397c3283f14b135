using System.Buffers;
using System.Runtime.InteropServices;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Processing;

/// <summary>
/// Pixel counts of one raster band: valid and nodata pixels, and for integer rasters the number of valid pixels per
/// value. A pixel is nodata when it equals the declared nodata value exactly, or (float rasters) when it is NaN.
/// Counts are exact integers, identical for any tile size and thread count.
/// </summary>
public sealed record RasterHistogram(long ValidCount, long NoDataCount, IReadOnlyList<(long Value, long Count)>? Counts)
{
    /// <summary>Counts every pixel of <paramref name="reader"/>, tile by tile in parallel.</summary>
    public static RasterHistogram Compute(IRasterReader reader, TileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= TileOptions.Default;
        var grid = reader.Grid;
        var layout = options.LayoutFor(grid.Width, grid.Height, reader.BlockWidth, reader.BlockHeight);
        return reader.DataType switch
        {
            RasterDataType.UInt8 => Dense<byte>(reader, layout, options, 256, v => v),
            RasterDataType.Int8 => Dense<sbyte>(reader, layout, options, 256, v => (sbyte)v),
            RasterDataType.UInt16 => Dense<ushort>(reader, layout, options, 65536, v => v),
            RasterDataType.Int16 => Dense<short>(reader, layout, options, 65536, v => (short)v),
            RasterDataType.UInt32 => Sparse<uint>(reader, layout, options),
            RasterDataType.Int32 => Sparse<int>(reader, layout, options),
            _ => Floats(reader, layout, options),
        };
    }

    private sealed class DenseState(int n)
    {
        public readonly long[] Counts = new long[n];

        // 8-bit values are counted into four interleaved tables: long runs of one class would otherwise make every
        // increment wait for the previous store to the same counter.
        public readonly long[] Lanes = new long[n == 256 ? 4 * 256 : 0];

        public void FoldLanes()
        {
            for (int i = 0; i < Lanes.Length; i++)
            {
                Counts[i & 255] += Lanes[i];
                Lanes[i] = 0;
            }
        }
    }

    private static void CountBytes(ReadOnlySpan<byte> values, long[] lanes)
    {
        int i = 0;
        for (; i + 4 <= values.Length; i += 4)
        {
            lanes[values[i]]++;
            lanes[256 + values[i + 1]]++;
            lanes[512 + values[i + 2]]++;
            lanes[768 + values[i + 3]]++;
        }
        for (; i < values.Length; i++) lanes[values[i]]++;
    }

    /// <summary>8- and 16-bit types: a count per bit pattern; <paramref name="valueOf"/> maps the pattern to the value.</summary>
    private static RasterHistogram Dense<T>(IRasterReader reader, TileLayout layout, TileOptions options, int n, Func<int, long> valueOf)
        where T : unmanaged
    {
        var total = TileProcessor.Accumulate(layout, options, () => new DenseState(n), (win, st) =>
        {
            int len = (int)win.PixelCount;
            T[] buf = ArrayPool<T>.Shared.Rent(len);
            try
            {
                reader.Read<T>(win, buf.AsSpan(0, len));
                var counts = st.Counts;
                if (n == 256)
                {
                    CountBytes(MemoryMarshal.Cast<T, byte>(buf.AsSpan(0, len)), st.Lanes);
                }
                else
                {
                    foreach (ushort s in MemoryMarshal.Cast<T, ushort>(buf.AsSpan(0, len))) counts[s]++;
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(buf);
            }
        }, (a, b) =>
        {
            a.FoldLanes();
            b.FoldLanes();
            for (int i = 0; i < n; i++) a.Counts[i] += b.Counts[i];
        });
        total.FoldLanes();
        return FromCounts(reader.NoData, Enumerable.Range(0, n).Where(i => total.Counts[i] > 0)
            .Select(i => (valueOf(i), total.Counts[i])));
    }

    /// <summary>Splits value counts into nodata and a sorted histogram of valid values.</summary>
    private static RasterHistogram FromCounts(double? noData, IEnumerable<(long Value, long Count)> counts)
    {
        var list = new List<(long, long)>();
        long valid = 0, nodata = 0;
        foreach (var (v, c) in counts)
        {
            if (noData == v) nodata += c;
            else
            {
                valid += c;
                list.Add((v, c));
            }
        }
        list.Sort();
        return new RasterHistogram(valid, nodata, list);
    }

    private sealed class SparseState
    {
        public readonly Dictionary<long, long> Counts = [];
    }

    private static RasterHistogram Sparse<T>(IRasterReader reader, TileLayout layout, TileOptions options)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        var total = TileProcessor.Accumulate(layout, options, () => new SparseState(), (win, st) =>
        {
            int len = (int)win.PixelCount;
            T[] buf = ArrayPool<T>.Shared.Rent(len);
            try
            {
                reader.Read<T>(win, buf.AsSpan(0, len));
                var counts = st.Counts;
                foreach (var v in buf.AsSpan(0, len))
                {
                    long key = long.CreateTruncating(v);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(buf);
            }
        }, (a, b) =>
        {
            foreach (var (k, c) in b.Counts) a.Counts[k] = a.Counts.GetValueOrDefault(k) + c;
        });
        return FromCounts(reader.NoData, total.Counts.Select(kv => (kv.Key, kv.Value)));
    }

    private sealed class FloatState
    {
        public long Valid, NoData;
    }

    private static RasterHistogram Floats(IRasterReader reader, TileLayout layout, TileOptions options)
    {
        double nd = reader.NoData ?? double.NaN;
        var total = TileProcessor.Accumulate(layout, options, () => new FloatState(), (win, st) =>
        {
            int len = (int)win.PixelCount;
            double[] buf = ArrayPool<double>.Shared.Rent(len);
            try
            {
                reader.Read<double>(win, buf.AsSpan(0, len));
                long bad = 0;
                foreach (double v in buf.AsSpan(0, len))
                    if (double.IsNaN(v) || v == nd) bad++;
                st.NoData += bad;
                st.Valid += len - bad;
            }
            finally
            {
                ArrayPool<double>.Shared.Return(buf);
            }
        }, (a, b) =>
        {
            a.Valid += b.Valid;
            a.NoData += b.NoData;
        });
        return new RasterHistogram(total.Valid, total.NoData, null);
    }
}
