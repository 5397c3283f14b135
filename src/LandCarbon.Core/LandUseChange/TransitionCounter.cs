using System.Runtime.InteropServices;
using LandCarbon.Core.Models;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.LandUseChange;

/// <summary>
/// Counts land-use transitions between two rasters on one grid, streaming tiles in parallel: the one entry point
/// of <c>landcarbon lucc transitions</c> and of the change-analysis stage's transition tables. A pixel is counted
/// when it is valid (not nodata) in both rasters; all others are reported as excluded. Counts are exact integers and
/// areas <see cref="ExactSum"/>s of the pixels' ground areas, so the result is identical for any tile size and
/// thread count.
/// </summary>
public static class TransitionCounter
{
    /// <summary>Counts transitions from <paramref name="from"/> to <paramref name="to"/>; areas under
    /// <paramref name="areas"/> (default: the true area model of the grid).</summary>
    /// <exception cref="InputException">The rasters are not on one grid, or are not integer rasters, or the grid's
    /// CRS has no area model.</exception>
    public static TransitionMatrix Count(IRasterReader from, IRasterReader to, TileOptions options, PixelAreas? areas = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(options);
        areas ??= PixelAreas.For(from.Grid, AreaModel.True, from.Path);
        from.Grid.EnsureAlignedWith(to.Grid, from.Path, to.Path);
        EnsureClassRaster(from);
        EnsureClassRaster(to);
        var layout = options.LayoutFor(from.Grid.Width, from.Grid.Height, from.BlockWidth, from.BlockHeight);
        bool eightBit = from.DataType.SizeInBytes() == 1 && to.DataType.SizeInBytes() == 1;
        return eightBit ? CountEightBit(from, to, layout, options, areas) : CountWide(from, to, layout, options, areas);
    }

    /// <summary>Throws unless <paramref name="r"/> holds integer class codes.</summary>
    /// <exception cref="InputException">The raster's data type is not an integer type.</exception>
    public static void EnsureClassRaster(IRasterReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (!r.DataType.IsInteger())
            throw new InputException($"{r.Path}: land-use rasters hold class codes; expected an integer data type, found {r.DataType.GdalName()}.");
    }

    /// <summary>8-bit codes: a 256×256 histogram per worker over the raw bytes (signed types reinterpreted).</summary>
    private static TransitionMatrix CountEightBit(IRasterReader from, IRasterReader to, TileLayout layout, TileOptions options, PixelAreas areas)
    {
        int? ndA = NoDataByte(from), ndB = NoDataByte(to);
        int n = layout.MaxTilePixels;
        bool perPixel = !areas.IsUniform;
        var hist = TileProcessor.Accumulate(layout, options,
            () => new Worker(n, perPixel),
            (w, s) =>
            {
                int len = checked((int)w.PixelCount);
                var a = s.A.AsSpan(0, len);
                var b = s.B.AsSpan(0, len);
                ReadBytes(from, w, a);
                ReadBytes(to, w, b);
                var h = s.Histogram;
                // Nodata pixels are counted too (in their own cell) and removed afterwards. Pixels are taken in runs
                // of one (from, to) pair: one histogram update per run, not per pixel.
                if (!perPixel)
                {
                    s.CountRuns(a, b);
                    return;
                }
                var area = s.Area.AsSpan(0, len);
                areas.Fill(w, area);
                if (ExactSum.TryScaleSmall(area, s.Scaled.AsSpan(0, len)))
                {
                    s.AddScaled(a, b, s.Scaled.AsSpan(0, len));
                    return;
                }
                var sums = s.AreaM2!;
                var deferred = s.Deferred!;
                for (int i = 0; i < a.Length; i++)
                {
                    int bin = (a[i] << 8) | b[i];
                    h[bin]++;
                    deferred[bin].Add(area[i], ref sums[bin]);
                }
            },
            (x, y) =>
            {
                x.FlushAreas();
                y.FlushAreas();
                for (int i = 0; i < x.Histogram.Length; i++) x.Histogram[i] += y.Histogram[i];
                if (x.AreaM2 is not null) for (int i = 0; i < x.AreaM2.Length; i++) x.AreaM2[i].Add(y.AreaM2![i]);
            });
        hist.FlushAreas();

        bool signedA = from.DataType == RasterDataType.Int8, signedB = to.DataType == RasterDataType.Int8;
        var pairs = new Dictionary<(int, int), (long, ExactSum)>();
        long excluded = 0;
        for (int ia = 0; ia < 256; ia++)
        {
            for (int ib = 0; ib < 256; ib++)
            {
                int bin = (ia << 8) | ib;
                long c = hist.Histogram[bin];
                if (c == 0) continue;
                if (ia == ndA || ib == ndB) { excluded += c; continue; }
                pairs[(signedA ? (sbyte)ia : ia, signedB ? (sbyte)ib : ib)] = (c, perPixel ? hist.AreaM2![bin] : default);
            }
        }
        return Build(pairs, excluded, areas);
    }

    /// <summary>Wider integer codes: per-worker dictionaries keyed by the code pair.</summary>
    private static TransitionMatrix CountWide(IRasterReader from, IRasterReader to, TileLayout layout, TileOptions options, PixelAreas areas)
    {
        double? ndA = from.NoData, ndB = to.NoData;
        int n = layout.MaxTilePixels;
        bool perPixel = !areas.IsUniform;
        var state = TileProcessor.Accumulate(layout, options,
            () => new WideWorker(n),
            (w, s) =>
            {
                int len = checked((int)w.PixelCount);
                var a = s.A.AsSpan(0, len);
                var b = s.B.AsSpan(0, len);
                var area = s.Area.AsSpan(0, len);
                from.Read(w, a);
                to.Read(w, b);
                if (perPixel) areas.Fill(w, area);
                for (int i = 0; i < len; i++)
                {
                    if (a[i] == ndA || b[i] == ndB) { s.Excluded++; continue; }
                    var key = (a[i], b[i]);
                    var (c, sum) = s.Pairs.GetValueOrDefault(key);
                    if (perPixel) sum.Add(area[i]);
                    s.Pairs[key] = (c + 1, sum);
                }
            },
            (x, y) =>
            {
                x.Excluded += y.Excluded;
                foreach (var (k, (c, sum)) in y.Pairs)
                {
                    var (c0, s0) = x.Pairs.GetValueOrDefault(k);
                    s0.Add(sum);
                    x.Pairs[k] = (c0 + c, s0);
                }
            });
        return Build(state.Pairs.ToDictionary(kv => ((int)kv.Key.Item1, (int)kv.Key.Item2), kv => kv.Value), state.Excluded, areas);
    }

    private static TransitionMatrix Build(Dictionary<(int From, int To), (long Count, ExactSum AreaM2)> pairs, long excluded, PixelAreas areas)
    {
        var classes = pairs.Keys.SelectMany(k => new[] { k.From, k.To }).Distinct().Order().ToArray();
        var index = classes.Select((c, i) => (c, i)).ToDictionary(t => t.c, t => t.i);
        var counts = classes.Select(_ => new long[classes.Length]).ToArray();
        var km2 = classes.Select(_ => new double[classes.Length]).ToArray();
        long counted = 0;
        foreach (var ((f, t), (c, a)) in pairs)
        {
            counts[index[f]][index[t]] = c;
            km2[index[f]][index[t]] = areas.IsUniform ? c * (areas.UniformAreaM2 / 1e6) : a.Value / 1e6;
            counted += c;
        }
        return new TransitionMatrix(classes, counts, km2, counted, excluded, areas.Description);
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

    private sealed class Worker(int n, bool perPixelArea)
    {
        // Pixels added to Low/High between two flushes: each bin's Low stays below 2^20 · 2^32 and its High, which
        // carries the count in bits 40 and up, below 2^20 · 2^20 + 2^20 · 2^40 < 2^63.
        private const int FlushPixels = 1 << 20;

        // Pixels per run search: a run's area sum (values below 2^52) fits a long.
        private const int RunChunk = 2048;

        private readonly int[] _runEnds = new int[RunChunk + 1];

        public readonly byte[] A = new byte[n];
        public readonly byte[] B = new byte[n];
        public readonly long[] Histogram = new long[65536];
        public readonly double[] Area = perPixelArea ? new double[n] : [];
        public readonly long[] Scaled = perPixelArea ? new long[n] : [];
        public readonly ExactSum[]? AreaM2 = perPixelArea ? new ExactSum[65536] : null;

        /// <summary>The fast integer front of each bin's area sum (bit-identical to adding to the sum directly).</summary>
        public readonly ExactSumBuffer[]? Deferred = perPixelArea ? new ExactSumBuffer[65536] : null;

        // Per bin, the areas on ExactSum's fixed-point grid (round(area · 2^40) < 2^52) split in two integer sums:
        // the low 32 bits, and the high bits plus 2^40 per pixel (the count), flushed before either can overflow.
        private readonly long[]? _low = perPixelArea ? new long[65536] : null;
        private readonly long[]? _high = perPixelArea ? new long[65536] : null;
        private int _pending;

        /// <summary>Counts the pixel pairs of <paramref name="a"/> and <paramref name="b"/> run by run.</summary>
        public void CountRuns(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
        {
            var h = Histogram;
            var ends = _runEnds.AsSpan();
            for (int start = 0; start < a.Length; start += RunChunk)
            {
                int end = Math.Min(a.Length, start + RunChunk);
                int runs = ByteRuns.Ends(a[start..end], b[start..end], ends);
                int s = start;
                for (int k = 0; k < runs; k++)
                {
                    int e = start + ends[k];
                    h[(a[s] << 8) | b[s]] += e - s;
                    s = e;
                }
            }
        }

        /// <summary>Counts the pixel pairs of <paramref name="a"/> and <paramref name="b"/> and adds their scaled
        /// areas (<see cref="ExactSum.TryScaleSmall"/>) run by run: integer additions only, no rounding.</summary>
        public void AddScaled(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<long> scaled)
        {
            var low = _low!;
            var high = _high!;
            var ends = _runEnds.AsSpan();
            for (int start = 0; start < a.Length; start += RunChunk)
            {
                int end = Math.Min(a.Length, start + RunChunk);
                if (_pending + (end - start) > FlushPixels) FlushScaled();
                _pending += end - start;
                int runs = ByteRuns.Ends(a[start..end], b[start..end], ends);
                int s = start;
                for (int k = 0; k < runs; k++)
                {
                    int e = start + ends[k];
                    // At most RunChunk values below 2^52 each: the run's sum stays below 2^63.
                    long sum = 0;
                    for (int i = s; i < e; i++) sum += scaled[i];
                    int bin = (a[s] << 8) | b[s];
                    low[bin] += sum & 0xFFFFFFFF;
                    high[bin] += (sum >> 32) + ((long)(e - s) << 40);
                    s = e;
                }
            }
        }

        private void FlushScaled()
        {
            if (_pending == 0) return;
            var low = _low!;
            var high = _high!;
            for (int bin = 0; bin < low.Length; bin++)
            {
                long h = high[bin];
                if (h == 0) continue;
                Histogram[bin] += h >> 40;
                AreaM2![bin].AddFixed(((Int128)(h & ((1L << 40) - 1)) << 32) + low[bin]);
                low[bin] = 0;
                high[bin] = 0;
            }
            _pending = 0;
        }

        /// <summary>Moves the deferred areas and counts into <see cref="AreaM2"/> and <see cref="Histogram"/>.</summary>
        public void FlushAreas()
        {
            if (Deferred is null) return;
            FlushScaled();
            for (int i = 0; i < Deferred.Length; i++) Deferred[i].Flush(ref AreaM2![i]);
        }
    }

    private sealed class WideWorker(int n)
    {
        public readonly double[] A = new double[n];
        public readonly double[] B = new double[n];
        public readonly double[] Area = new double[n];
        public readonly Dictionary<(double, double), (long, ExactSum)> Pairs = [];
        public long Excluded;
    }
}
