using System.Runtime.InteropServices;
using LandCarbon.Core.Models;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.LandUseChange;

/// <summary>
/// Counts land-use transitions between two rasters on one grid, streaming tiles in parallel. A pixel is counted
/// when it is valid (not nodata) in both rasters; all others are reported as excluded. Counts are exact integers,
/// so the result is identical for any tile size and thread count.
/// </summary>
public static class TransitionCounter
{
    /// <summary>Counts transitions from <paramref name="from"/> to <paramref name="to"/>.</summary>
    /// <exception cref="InputException">The rasters are not on one grid, or are not integer rasters.</exception>
    public static TransitionMatrix Count(IRasterReader from, IRasterReader to, TileOptions options)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(options);
        from.Grid.EnsureAlignedWith(to.Grid, from.Path, to.Path);
        foreach (var r in new[] { from, to })
        {
            if (!r.DataType.IsInteger())
                throw new InputException($"{r.Path}: land-use rasters hold class codes; expected an integer data type, found {r.DataType.GdalName()}.");
        }
        var layout = options.LayoutFor(from.Grid.Width, from.Grid.Height, from.BlockWidth, from.BlockHeight);
        bool eightBit = from.DataType.SizeInBytes() == 1 && to.DataType.SizeInBytes() == 1;
        return eightBit ? CountEightBit(from, to, layout, options) : CountWide(from, to, layout, options);
    }

    /// <summary>8-bit codes: a 256×256 histogram per worker over the raw bytes (signed types reinterpreted).</summary>
    private static TransitionMatrix CountEightBit(IRasterReader from, IRasterReader to, TileLayout layout, TileOptions options)
    {
        int? ndA = NoDataByte(from), ndB = NoDataByte(to);
        int n = layout.MaxTilePixels;
        var hist = TileProcessor.Accumulate(layout, options,
            () => new Worker(n),
            (w, s) =>
            {
                int len = checked((int)w.PixelCount);
                var a = s.A.AsSpan(0, len);
                var b = s.B.AsSpan(0, len);
                ReadBytes(from, w, a);
                ReadBytes(to, w, b);
                var h = s.Histogram;
                // Nodata pixels are counted too (in their own cell) and removed afterwards: no branch per pixel.
                for (int i = 0; i < a.Length; i++) h[(a[i] << 8) | b[i]]++;
            },
            (x, y) => { for (int i = 0; i < x.Histogram.Length; i++) x.Histogram[i] += y.Histogram[i]; });

        bool signedA = from.DataType == RasterDataType.Int8, signedB = to.DataType == RasterDataType.Int8;
        var pairs = new Dictionary<(int, int), long>();
        long excluded = 0;
        for (int ia = 0; ia < 256; ia++)
        {
            for (int ib = 0; ib < 256; ib++)
            {
                long c = hist.Histogram[(ia << 8) | ib];
                if (c == 0) continue;
                if (ia == ndA || ib == ndB) { excluded += c; continue; }
                pairs[(signedA ? (sbyte)ia : ia, signedB ? (sbyte)ib : ib)] = c;
            }
        }
        return Build(pairs, excluded, from.Grid.PixelAreaKm2);
    }

    /// <summary>Wider integer codes: per-worker dictionaries keyed by the code pair.</summary>
    private static TransitionMatrix CountWide(IRasterReader from, IRasterReader to, TileLayout layout, TileOptions options)
    {
        double? ndA = from.NoData, ndB = to.NoData;
        int n = layout.MaxTilePixels;
        var state = TileProcessor.Accumulate(layout, options,
            () => new WideWorker(n),
            (w, s) =>
            {
                int len = checked((int)w.PixelCount);
                var a = s.A.AsSpan(0, len);
                var b = s.B.AsSpan(0, len);
                from.Read(w, a);
                to.Read(w, b);
                for (int i = 0; i < len; i++)
                {
                    if (a[i] == ndA || b[i] == ndB) { s.Excluded++; continue; }
                    var key = (a[i], b[i]);
                    s.Pairs[key] = s.Pairs.GetValueOrDefault(key) + 1;
                }
            },
            (x, y) =>
            {
                x.Excluded += y.Excluded;
                foreach (var (k, v) in y.Pairs) x.Pairs[k] = x.Pairs.GetValueOrDefault(k) + v;
            });
        return Build(state.Pairs.ToDictionary(kv => ((int)kv.Key.Item1, (int)kv.Key.Item2), kv => kv.Value), state.Excluded, from.Grid.PixelAreaKm2);
    }

    private static TransitionMatrix Build(Dictionary<(int From, int To), long> pairs, long excluded, double pixelAreaKm2)
    {
        var classes = pairs.Keys.SelectMany(k => new[] { k.From, k.To }).Distinct().Order().ToArray();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i);
        var counts = classes.Select(_ => new long[classes.Length]).ToArray();
        long counted = 0;
        foreach (var ((f, t), c) in pairs)
        {
            counts[index[f]][index[t]] = c;
            counted += c;
        }
        return new TransitionMatrix(classes, counts, counted, excluded, pixelAreaKm2);
    }

    private static void ReadBytes(IRasterReader r, PixelWindow w, Span<byte> dest)
    {
        if (r.DataType == RasterDataType.Int8) r.Read(w, MemoryMarshal.Cast<byte, sbyte>(dest));
        else r.Read(w, dest);
    }

    /// <summary>The nodata value as the stored byte (signed nodata reinterpreted), or null when it cannot occur.</summary>
    private static int? NoDataByte(IRasterReader r)
    {
        if (r.NoData is not double nd || nd != Math.Floor(nd)) return null;
        return r.DataType == RasterDataType.Int8
            ? nd is >= -128 and <= 127 ? (byte)(sbyte)nd : null
            : nd is >= 0 and <= 255 ? (int)nd : null;
    }

    private sealed class Worker(int n)
    {
        public readonly byte[] A = new byte[n];
        public readonly byte[] B = new byte[n];
        public readonly long[] Histogram = new long[65536];
    }

    private sealed class WideWorker(int n)
    {
        public readonly double[] A = new double[n];
        public readonly double[] B = new double[n];
        public readonly Dictionary<(double, double), long> Pairs = [];
        public long Excluded;
    }
}
