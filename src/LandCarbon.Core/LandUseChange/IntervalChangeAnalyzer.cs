using LandCarbon.Core.Models;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.LandUseChange;

/// <summary>Receives the output tiles of an interval (ΔCBI, space-grade code, mechanism); called from several
/// threads at once, each call with a different window.</summary>
public interface IChangeTileSink
{
    /// <summary>Writes one tile (row-major, window-sized spans). ΔCBI is NaN at nodata.</summary>
    void Write(PixelWindow window, ReadOnlySpan<double> deltaTonnesC, ReadOnlySpan<sbyte> spaceGrade, ReadOnlySpan<byte> mechanism);
}

/// <summary>The four rasters of one interval: class codes and CBI (t C/yr) of both years, on one grid.</summary>
public sealed record IntervalInputs(int FromYear, int ToYear, IRasterReader ClassFrom, IRasterReader ClassTo,
    IRasterReader CbiFrom, IRasterReader CbiTo);

/// <summary>
/// Runs the change analysis of one or several intervals in two streamed passes over aligned tiles. Pass 1 computes
/// ΔCBI and tallies transitions, space sums and the value histograms of both spaces; the grade breaks follow from the
/// histograms; pass 2 recomputes ΔCBI, assigns space grades and mechanisms, writes the output tiles and tallies
/// contributions. Several intervals share the passes: each tile of each distinct raster (a year's class or CBI
/// raster serves two intervals or more) is decoded once per pass, not once per interval. Memory is bounded by the
/// tiles in flight and the histograms (capped). Results are identical for any tile size and thread count (exact
/// integer counts, <see cref="Numerics.ExactSum"/> sums, order-free merges), and for any grouping of intervals.
/// </summary>
public static class IntervalChangeAnalyzer
{
    /// <summary>Analyses one interval and sends its output tiles to <paramref name="sink"/> (null: none).</summary>
    /// <exception cref="InputException">The rasters are not on one grid, or a class code is unknown.</exception>
    /// <remarks>The transition table (pixels and areas of every class pair) is counted on the two class rasters alone
    /// as <see cref="TransitionCounter.Count"/> counts it in <c>landcarbon lucc transitions</c> (in pass 2, from the
    /// class tiles read there);
    /// pixels whose CBI is nodata in a year stay in it and are left out of the ΔCBI sums
    /// (<see cref="IntervalChange.BudgetNoDataPixels"/>). Areas use <paramref name="areas"/> (default: the true
    /// area model of the grid).</remarks>
    public static IntervalChange Run(IntervalInputs inputs, ChangeAnalysisOptions options, TileOptions tiles, IChangeTileSink? sink,
        PixelAreas? areas = null) => RunAll([inputs], options, tiles, [sink], areas)[0];

    /// <summary>Analyses several intervals on one grid in shared passes (see <see cref="Run"/>); interval i sends its
    /// tiles to <paramref name="sinks"/>[i] (null: none). Readers shared by intervals (the same object) are read once
    /// per tile and pass.</summary>
    /// <exception cref="InputException">The rasters are not on one grid, or a class code is unknown (the first
    /// interval with one is reported).</exception>
    public static IReadOnlyList<IntervalChange> RunAll(IReadOnlyList<IntervalInputs> intervals, ChangeAnalysisOptions options, TileOptions tiles,
        IReadOnlyList<IChangeTileSink?> sinks, PixelAreas? areas = null)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(sinks);
        if (intervals.Count == 0) return [];
        if (sinks.Count != intervals.Count) throw new ArgumentException("One sink (or null) per interval.", nameof(sinks));
        options.Grading.Validate();
        var first = intervals[0].ClassFrom;
        var grid = first.Grid;
        foreach (var iv in intervals)
        {
            ArgumentNullException.ThrowIfNull(iv);
            foreach (var r in new[] { iv.ClassFrom, iv.ClassTo, iv.CbiFrom, iv.CbiTo })
                grid.EnsureAlignedWith(r.Grid, first.Path, r.Path);
        }
        areas ??= PixelAreas.For(grid, AreaModel.True, first.Path);
        var layout = tiles.LayoutFor(grid.Width, grid.Height, first.BlockWidth, first.BlockHeight);
        int k = options.ClassCodeCount;
        var reader = new TileReader(intervals, options);
        // The transition tables (pixels and areas of the class pairs valid in both class rasters) are counted in pass
        // 2 from the class tiles read there, as TransitionCounter counts them; its check of the data type stays.
        foreach (var iv in intervals)
            foreach (var r in new[] { iv.ClassFrom, iv.ClassTo })
                TransitionCounter.EnsureClassRaster(r);
        bool perPixel = !areas.IsUniform;
        // The cumulative option turns the change of an annual flux into the carbon of the whole interval.
        var scales = intervals.Select(iv => options.Cumulative ? (double)(iv.ToYear - iv.FromYear) : 1).ToArray();
        var (progress1, progress2) = Halves(tiles.Progress);

        // Shared by the workers' histograms of each space: once one passes the cap, the merged one will.
        var overflows = intervals.Select(_ => (Increment: new HistogramOverflow(), Reduction: new HistogramOverflow())).ToArray();
        var pass1 = TileProcessor.Accumulate(layout, tiles with { Progress = progress1 },
            () => new Worker<TransitionTally>(reader.CreateBuffers(layout.MaxTilePixels),
                [.. overflows.Select(o => new TransitionTally(k, options.Grading, options.Seed, o.Increment, o.Reduction))]),
            (w, s) =>
            {
                var b = s.Buffers;
                int n = reader.Read(w, b);
                for (int i = 0; i < intervals.Count; i++)
                {
                    var (classFrom, classTo, cbiFrom, cbiTo) = b.Interval(i, n);
                    ChangeKernels.DeltaCbi(classFrom, classTo, cbiFrom, cbiTo, options.Scope, b.Delta[..n], scales[i]);
                    s.Tallies[i].Add(classFrom, classTo, cbiFrom, cbiTo, b.Delta[..n], (long)w.Row * grid.Width + w.Col, w.Width, grid.Width);
                }
            },
            (a, b) => { for (int i = 0; i < a.Tallies.Length; i++) a.Tallies[i].Merge(b.Tallies[i]); }).Tallies;
        foreach (var t in pass1) t.Complete();
        for (int i = 0; i < intervals.Count; i++)
        {
            var iv = intervals[i];
            if (pass1[i].UnknownCodes > 0)
                throw new InputException($"{iv.ClassFrom.Path} / {iv.ClassTo.Path}: {pass1[i].UnknownCodes} pixels hold class code {pass1[i].FirstUnknownCode} (and maybe others) outside 0…{k - 1}; expected reclassified land-use classes.");
        }

        // The grade breaks of every space of every interval, independent of each other: side by side.
        var incBreaks = new GradeBreaks[intervals.Count];
        var redBreaks = new GradeBreaks[intervals.Count];
        TileProcessor.RunAll(tiles, [.. Enumerable.Range(0, 2 * intervals.Count).Select(j => (Action)(() =>
        {
            int i = j >> 1;
            if ((j & 1) == 0) incBreaks[i] = SpaceGrading.Compute(pass1[i].Increment.ToWeightedValues(), options.Grading);
            else redBreaks[i] = SpaceGrading.Compute(pass1[i].Reduction.ToWeightedValues(), options.Grading);
        }))]);
        int g = options.Grading.Grades;
        double eps = options.Grading.EpsilonTonnesC;

        var pass2 = TileProcessor.Accumulate(layout, tiles with { Progress = progress2 },
            () => new Worker<ContributionTally>(reader.CreateBuffers(layout.MaxTilePixels), [.. intervals.Select(_ => new ContributionTally(k, g))]),
            (w, s) =>
            {
                var b = s.Buffers;
                int n = reader.Read(w, b);
                // The areas once per tile for every interval, and on ExactSum's grid when they fit (they do).
                var areaFixed = Span<long>.Empty;
                if (perPixel)
                {
                    areas.Fill(w, b.Area[..n]);
                    if (FixedSumBins.Scale(b.Area[..n], b.AreaFixed[..n])) areaFixed = b.AreaFixed[..n];
                }
                for (int i = 0; i < intervals.Count; i++)
                {
                    var (classFrom, classTo, cbiFrom, cbiTo) = b.Interval(i, n);
                    ChangeKernels.DeltaCbi(classFrom, classTo, cbiFrom, cbiTo, options.Scope, b.Delta[..n], scales[i]);
                    ChangeKernels.SpaceGrades(b.Delta[..n], eps, incBreaks[i], redBreaks[i], b.Grade[..n]);
                    ChangeKernels.Mechanisms(cbiFrom, cbiTo, b.Delta[..n], eps, b.Mechanism[..n]);
                    s.Tallies[i].Add(classFrom, classTo, b.Delta[..n], b.Grade[..n], b.Mechanism[..n], perPixel ? b.Area[..n] : [], areaFixed);
                    sinks[i]?.Write(w, b.Delta[..n], b.Grade[..n], b.Mechanism[..n]);
                }
            },
            (a, b) => { for (int i = 0; i < a.Tallies.Length; i++) a.Tallies[i].Merge(b.Tallies[i]); }).Tallies;
        foreach (var t in pass2) t.Complete();

        return [.. intervals.Select((iv, i) =>
            IntervalChangeBuilder.Build(iv.FromYear, iv.ToYear, areas, pass1[i], pass2[i], incBreaks[i], redBreaks[i], g)
                with { Scope = options.Scope, Cumulative = options.Cumulative })];
    }

    /// <summary>Progress of two passes as the first and second half of <paramref name="progress"/>.</summary>
    private static (IProgress<double>?, IProgress<double>?) Halves(IProgress<double>? progress) =>
        progress is null ? (null, null) : (new Scaled(progress, 0), new Scaled(progress, 0.5));

    private sealed class Scaled(IProgress<double> inner, double offset) : IProgress<double>
    {
        public void Report(double value) => inner.Report(offset + value / 2);
    }

    private sealed class Worker<T>(TileBuffers buffers, T[] tallies)
    {
        public TileBuffers Buffers { get; } = buffers;
        public T[] Tallies { get; } = tallies;
    }

    /// <summary>One worker's tile buffers: a class and a CBI buffer per distinct input raster, and the outputs of the
    /// interval being processed.</summary>
    private sealed class TileBuffers(int n, int classRasters, int cbiRasters, int[][] slots)
    {
        private readonly int[][] _classes = [.. Enumerable.Range(0, classRasters).Select(_ => new int[n])];
        private readonly float[][] _cbi = [.. Enumerable.Range(0, cbiRasters).Select(_ => new float[n])];
        private readonly double[] _delta = new double[n], _area = new double[n];
        private readonly long[] _areaFixed = new long[n];
        private readonly byte[] _classBytes = new byte[n];
        private readonly sbyte[] _grade = new sbyte[n];
        private readonly byte[] _mechanism = new byte[n];
        public Span<int> Classes(int raster) => _classes[raster];
        public Span<float> Cbi(int raster) => _cbi[raster];
        public Span<double> Delta => _delta;
        public Span<double> Area => _area;
        public Span<long> AreaFixed => _areaFixed;
        public Span<byte> ClassBytes => _classBytes;
        public Span<sbyte> Grade => _grade;
        public Span<byte> Mechanism => _mechanism;

        /// <summary>The first <paramref name="n"/> pixels of interval <paramref name="i"/>'s four inputs.</summary>
        public IntervalTile Interval(int i, int n)
        {
            var s = slots[i];
            return new(_classes[s[0]].AsSpan(0, n), _classes[s[1]].AsSpan(0, n), _cbi[s[2]].AsSpan(0, n), _cbi[s[3]].AsSpan(0, n));
        }
    }

    /// <summary>The four inputs of one interval over one tile.</summary>
    private readonly ref struct IntervalTile(ReadOnlySpan<int> classFrom, ReadOnlySpan<int> classTo, ReadOnlySpan<float> cbiFrom, ReadOnlySpan<float> cbiTo)
    {
        private readonly ReadOnlySpan<int> _classFrom = classFrom, _classTo = classTo;
        private readonly ReadOnlySpan<float> _cbiFrom = cbiFrom, _cbiTo = cbiTo;

        public void Deconstruct(out ReadOnlySpan<int> classFrom, out ReadOnlySpan<int> classTo, out ReadOnlySpan<float> cbiFrom, out ReadOnlySpan<float> cbiTo)
        {
            classFrom = _classFrom;
            classTo = _classTo;
            cbiFrom = _cbiFrom;
            cbiTo = _cbiTo;
        }
    }

    /// <summary>Reads the distinct inputs of the intervals once per tile, normalising nodata: class codes → −1, CBI → NaN.</summary>
    private sealed class TileReader
    {
        // Extra nodata codes as a lookup over 0…1023 (codes beyond are unknown classes anyway).
        private readonly bool[] _classNoData;
        private readonly List<IRasterReader> _classRasters = [], _cbiRasters = [];
        private readonly int[][] _slots;
        // Per class raster of data type UInt8: each stored byte's normalised code (−1 for nodata), else null.
        private readonly int[]?[] _byteCodes;

        public TileReader(IReadOnlyList<IntervalInputs> intervals, ChangeAnalysisOptions options)
        {
            _classNoData = NoDataLookup(options.ClassNoDataCodes);
            _slots = [.. intervals.Select(iv => new[] { Slot(_classRasters, iv.ClassFrom), Slot(_classRasters, iv.ClassTo), Slot(_cbiRasters, iv.CbiFrom), Slot(_cbiRasters, iv.CbiTo) })];
            _byteCodes = [.. _classRasters.Select(r => r.DataType == RasterDataType.UInt8 ? ByteCodes(r) : null)];
        }

        /// <summary>The normalised code of each byte value of an 8-bit unsigned class raster (see <see cref="Normalise"/>).</summary>
        private int[] ByteCodes(IRasterReader r)
        {
            int? nd = ClassNoData(r);
            var codes = new int[256];
            for (int v = 0; v < 256; v++) codes[v] = Normalise(v, nd);
            return codes;
        }

        private static int? ClassNoData(IRasterReader r) => r.NoData is double v && v == Math.Floor(v) ? (int)v : null;

        /// <summary>A class code, or −1 when it is the raster's nodata value, negative, or an extra nodata code.</summary>
        private int Normalise(int code, int? nd) =>
            code == nd || code < 0 || (code < 1024 && _classNoData[code]) ? -1 : code;

        private static int Slot(List<IRasterReader> rasters, IRasterReader r)
        {
            int i = rasters.FindIndex(x => ReferenceEquals(x, r));
            if (i >= 0) return i;
            rasters.Add(r);
            return rasters.Count - 1;
        }

        private static bool[] NoDataLookup(IReadOnlyList<int> codes)
        {
            var t = new bool[1024];
            foreach (int c in codes) if (c is >= 0 and < 1024) t[c] = true;
            return t;
        }

        public TileBuffers CreateBuffers(int n) => new(n, _classRasters.Count, _cbiRasters.Count, _slots);

        public int Read(PixelWindow w, TileBuffers b)
        {
            int n = checked((int)w.PixelCount);
            for (int i = 0; i < _classRasters.Count; i++)
            {
                if (_byteCodes[i] is { } codes) ReadByteClasses(_classRasters[i], codes, w, b.ClassBytes[..n], b.Classes(i)[..n]);
                else ReadClasses(_classRasters[i], w, b.Classes(i)[..n]);
            }
            for (int i = 0; i < _cbiRasters.Count; i++) ReadCbi(_cbiRasters[i], w, b.Cbi(i)[..n]);
            return n;
        }

        private void ReadClasses(IRasterReader r, PixelWindow w, Span<int> dest)
        {
            r.Read(w, dest);
            int? nd = ClassNoData(r);
            for (int i = 0; i < dest.Length; i++) dest[i] = Normalise(dest[i], nd);
        }

        /// <summary>8-bit classes: the stored bytes mapped through their normalised codes in one step.</summary>
        private static void ReadByteClasses(IRasterReader r, int[] codes, PixelWindow w, Span<byte> bytes, Span<int> dest)
        {
            r.Read(w, bytes);
            ref int lut = ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(codes);
            for (int i = 0; i < dest.Length; i++) dest[i] = System.Runtime.CompilerServices.Unsafe.Add(ref lut, bytes[i]);
        }

        private static void ReadCbi(IRasterReader r, PixelWindow w, Span<float> dest)
        {
            r.Read(w, dest);
            if (r.NoData is not double nd || double.IsNaN(nd)) return;
            float f = (float)nd;
            for (int i = 0; i < dest.Length; i++) if (dest[i] == f) dest[i] = float.NaN;
        }
    }
}
