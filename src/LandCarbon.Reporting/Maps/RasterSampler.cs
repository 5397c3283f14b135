using LandCarbon.Core.Raster;

namespace LandCarbon.Reporting.Maps;

/// <summary>A raster reduced for display: one value per block of Factor × Factor source pixels (NaN = nodata).</summary>
public sealed record SampledRaster(double[,] Values, int Factor, GridSpec Source)
{
    /// <summary>Rows of the reduced grid.</summary>
    public int Rows => Values.GetLength(0);

    /// <summary>Columns of the reduced grid.</summary>
    public int Cols => Values.GetLength(1);
}

/// <summary>
/// Reduces a raster to at most <c>maxSize</c> pixels on its longer side (Factor F = ceil(longest side ÷ maxSize))
/// in one streamed pass: source rows are read in chunks aligned on the file's block rows, so every compressed
/// tile or strip is decoded exactly once, and folded into per-block accumulators of one output row. Memory is one
/// chunk (at most <see cref="MaxChunkPixels"/> pixels, normally one row of tiles) plus the small result, whatever
/// the raster size. Categorical rasters keep the most frequent value of each block (ties → the smaller value), so
/// small classes such as construction stay visible in proportion; continuous rasters keep the block mean of the
/// valid pixels. Nodata (the declared value or NaN) is left out; a block without valid pixels is NaN.
/// </summary>
public static class RasterSampler
{
    /// <summary>Largest read: a chunk of whole block rows is capped at this many pixels (16 Mi, 128 MiB as double).</summary>
    public const long MaxChunkPixels = 16L << 20;

    /// <summary>Samples <paramref name="reader"/> (nodata → NaN).</summary>
    public static SampledRaster Sample(IRasterReader reader, int maxSize, bool categorical)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSize, 1);
        var g = reader.Grid;
        int f = Math.Max(1, (int)Math.Ceiling(Math.Max(g.Width, g.Height) / (double)maxSize));
        int cols = (g.Width + f - 1) / f, rows = (g.Height + f - 1) / f;
        var result = new double[rows, cols];
        int chunkRows = ChunkRows(reader, g.Width);
        if (categorical && reader.DataType is RasterDataType.UInt8 or RasterDataType.Int8)
            return SampleSmallCodes(reader, f, rows, cols, chunkRows);
        var chunk = new double[(long)g.Width * chunkRows];
        double nd = reader.NoData ?? double.NaN;
        var acc = categorical ? (IBlockAccumulator)new ModeAccumulator(cols) : new MeanAccumulator(cols);
        int outRow = 0;
        for (int r0 = 0; r0 < g.Height; r0 += chunkRows)
        {
            int h = Math.Min(chunkRows, g.Height - r0);
            reader.Read<double>(new PixelWindow(0, r0, g.Width, h), chunk.AsSpan(0, g.Width * h));
            for (int r = 0; r < h; r++)
            {
                int src = r0 + r;
                if (src / f != outRow)
                {
                    acc.Flush(result, outRow);
                    outRow = src / f;
                }
                acc.AddRow(chunk.AsSpan(r * g.Width, g.Width), f, nd);
            }
        }
        if (g.Height > 0) acc.Flush(result, outRow);
        return new SampledRaster(result, f, g);
    }

    /// <summary>
    /// The categorical reduction of 8-bit rasters (land use, grades, mechanisms, clusters, risk levels) without a
    /// dictionary or type conversion: pixels are read in their stored type and counted in a table indexed by
    /// value + 128 (−128…255), block by block; the same result as the general path.
    /// </summary>
    private static SampledRaster SampleSmallCodes(IRasterReader reader, int f, int rows, int cols, int chunkRows)
    {
        const int Offset = 128, Range = 384;
        var g = reader.Grid;
        bool signed = reader.DataType == RasterDataType.Int8;
        var result = new double[rows, cols];
        var chunk = new byte[(long)g.Width * chunkRows];
        int noData = reader.NoData is double nd && nd == Math.Floor(nd) && nd >= -Offset && nd < Range - Offset ? (int)nd + Offset : -1;
        var counts = new int[cols * Range];
        var seen = new bool[Range];
        int outRow = 0;
        void Flush()
        {
            for (int b = 0; b < cols; b++)
            {
                int best = -1, bestCount = 0, row = b * Range;
                for (int k = 0; k < Range; k++)
                {
                    if (!seen[k]) continue;
                    int n = counts[row + k];
                    if (n > bestCount)
                    {
                        best = k;
                        bestCount = n;
                    }
                }
                result[outRow, b] = best < 0 ? double.NaN : best - Offset;
            }
            Array.Clear(counts);
        }
        for (int r0 = 0; r0 < g.Height; r0 += chunkRows)
        {
            int h = Math.Min(chunkRows, g.Height - r0);
            var window = new PixelWindow(0, r0, g.Width, h);
            if (signed) reader.Read(window, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(chunk.AsSpan(0, g.Width * h)));
            else reader.Read<byte>(window, chunk.AsSpan(0, g.Width * h));
            for (int r = 0; r < h; r++)
            {
                if ((r0 + r) / f != outRow)
                {
                    Flush();
                    outRow = (r0 + r) / f;
                }
                var row = chunk.AsSpan(r * g.Width, g.Width);
                for (int b = 0, c0 = 0; b < cols; b++, c0 += f)
                {
                    var cell = counts.AsSpan(b * Range, Range);
                    int end = Math.Min(c0 + f, row.Length);
                    // Runs of one value are counted in a register and added once: classes come in patches, and adding
                    // pixel by pixel made every increment wait for the previous one to the same counter.
                    for (int c = c0; c < end;)
                    {
                        byte v = row[c];
                        int start = c;
                        while (++c < end && row[c] == v) { }
                        int k = (signed ? (sbyte)v : v) + Offset;
                        if (k == noData) continue;
                        seen[k] = true;
                        cell[k] += c - start;
                    }
                }
            }
        }
        if (g.Height > 0) Flush();
        return new SampledRaster(result, f, g);
    }

    /// <summary>Rows per read: whole block rows (one row of tiles, or the strip height), capped at
    /// <see cref="MaxChunkPixels"/>; at least one row.</summary>
    public static int ChunkRows(IRasterReader reader, int width)
    {
        long cap = Math.Max(1, MaxChunkPixels / Math.Max(1, width));
        int block = Math.Max(1, reader.BlockHeight);
        return (int)Math.Min(reader.Grid.Height, Math.Min(block, cap));
    }

    private interface IBlockAccumulator
    {
        void AddRow(ReadOnlySpan<double> row, int f, double noData);

        void Flush(double[,] result, int outRow);
    }

    private sealed class MeanAccumulator(int cols) : IBlockAccumulator
    {
        private readonly double[] _sum = new double[cols];
        private readonly int[] _n = new int[cols];

        public void AddRow(ReadOnlySpan<double> row, int f, double noData)
        {
            // Block by block (the same additions in the same order as pixel by pixel, without a division per pixel).
            for (int b = 0, c0 = 0; c0 < row.Length; b++, c0 += f)
            {
                double sum = _sum[b];
                int n = _n[b];
                foreach (double v in row[c0..Math.Min(row.Length, c0 + f)])
                {
                    if (double.IsNaN(v) || v == noData) continue;
                    sum += v;
                    n++;
                }
                _sum[b] = sum;
                _n[b] = n;
            }
        }

        public void Flush(double[,] result, int outRow)
        {
            for (int b = 0; b < _sum.Length; b++)
            {
                result[outRow, b] = _n[b] == 0 ? double.NaN : _sum[b] / _n[b];
                _sum[b] = 0;
                _n[b] = 0;
            }
        }
    }

    /// <summary>Counts per (block, distinct value); values get slots as they appear.</summary>
    private sealed class ModeAccumulator(int cols) : IBlockAccumulator
    {
        private readonly Dictionary<double, int> _slotOf = [];
        private readonly List<double> _values = [];
        private int[] _counts = new int[cols * 8];
        private int _slots = 8;

        public void AddRow(ReadOnlySpan<double> row, int f, double noData)
        {
            double last = double.NaN;
            int lastSlot = -1;
            for (int c = 0; c < row.Length; c++)
            {
                double v = row[c];
                if (double.IsNaN(v) || v == noData) continue;
                if (v != last || lastSlot < 0)
                {
                    lastSlot = SlotOf(v);
                    last = v;
                }
                _counts[(c / f) * _slots + lastSlot]++;
            }
        }

        private int SlotOf(double v)
        {
            if (_slotOf.TryGetValue(v, out int s)) return s;
            s = _values.Count;
            _values.Add(v);
            _slotOf[v] = s;
            if (s >= _slots)
            {
                int slots = _slots * 2, cols = _counts.Length / _slots;
                var grown = new int[cols * slots];
                for (int b = 0; b < cols; b++) Array.Copy(_counts, b * _slots, grown, b * slots, _slots);
                _counts = grown;
                _slots = slots;
            }
            return s;
        }

        public void Flush(double[,] result, int outRow)
        {
            int cols = _counts.Length / _slots;
            for (int b = 0; b < cols; b++)
            {
                int best = -1, bestCount = 0;
                for (int s = 0; s < _values.Count; s++)
                {
                    int n = _counts[b * _slots + s];
                    if (n > bestCount || (n == bestCount && n > 0 && _values[s] < _values[best]))
                    {
                        best = s;
                        bestCount = n;
                    }
                }
                result[outRow, b] = best < 0 ? double.NaN : _values[best];
            }
            Array.Clear(_counts);
        }
    }
}
