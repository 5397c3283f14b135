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
/// Runs the change analysis of one interval in two streamed passes over aligned tiles. Pass 1 computes ΔCBI and
/// tallies transitions, space sums and the value histograms of both spaces; the grade breaks follow from the
/// histograms; pass 2 recomputes ΔCBI, assigns space grades and mechanisms, writes the output tiles and tallies
/// contributions. Memory is bounded by the tiles in flight and the histograms (capped). Results are identical for
/// any tile size and thread count (exact integer counts, <see cref="Numerics.ExactSum"/> sums, order-free merges).
/// </summary>
public static class IntervalChangeAnalyzer
{
    /// <summary>Analyses one interval and sends its output tiles to <paramref name="sink"/> (null: none).</summary>
    /// <exception cref="InputException">The rasters are not on one grid, or a class code is unknown.</exception>
    /// <remarks>The transition table (pixels and areas of every class pair) comes from
    /// <see cref="TransitionCounter.Count"/> on the two class rasters alone, as in <c>landcarbon lucc transitions</c>;
    /// pixels whose CBI is nodata in a year stay in it and are left out of the ΔCBI sums
    /// (<see cref="IntervalChange.BudgetNoDataPixels"/>). Areas use <paramref name="areas"/> (default: the true
    /// area model of the grid).</remarks>
    public static IntervalChange Run(IntervalInputs inputs, ChangeAnalysisOptions options, TileOptions tiles, IChangeTileSink? sink,
        PixelAreas? areas = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tiles);
        options.Grading.Validate();
        var grid = inputs.ClassFrom.Grid;
        foreach (var r in new[] { inputs.ClassTo, inputs.CbiFrom, inputs.CbiTo })
            grid.EnsureAlignedWith(r.Grid, inputs.ClassFrom.Path, r.Path);
        areas ??= PixelAreas.For(grid, AreaModel.True, inputs.ClassFrom.Path);
        var layout = tiles.LayoutFor(grid.Width, grid.Height, inputs.ClassFrom.BlockWidth, inputs.ClassFrom.BlockHeight);
        int k = options.ClassCodeCount;
        var reader = new TileReader(inputs, options);
        var matrix = TransitionCounter.Count(inputs.ClassFrom, inputs.ClassTo, tiles with { Progress = null }, areas);
        bool perPixel = !areas.IsUniform;
        // The cumulative option turns the change of an annual flux into the carbon of the whole interval.
        double scale = options.Cumulative ? inputs.ToYear - inputs.FromYear : 1;

        var pass1 = TileProcessor.Accumulate(layout, tiles,
            () => new Worker<TransitionTally>(new TileBuffers(layout.MaxTilePixels), new TransitionTally(k, options.Grading, options.Seed)),
            (w, s) =>
            {
                var b = s.Buffers;
                int n = reader.Read(w, b);
                ChangeKernels.DeltaCbi(b.ClassFrom[..n], b.ClassTo[..n], b.CbiFrom[..n], b.CbiTo[..n], options.Scope, b.Delta[..n], scale);
                s.Tally.Add(b.ClassFrom[..n], b.ClassTo[..n], b.CbiFrom[..n], b.CbiTo[..n], b.Delta[..n], (long)w.Row * grid.Width + w.Col, w.Width, grid.Width);
            },
            (a, b) => a.Tally.Merge(b.Tally)).Tally;
        if (pass1.UnknownCodes > 0)
            throw new InputException($"{inputs.ClassFrom.Path} / {inputs.ClassTo.Path}: {pass1.UnknownCodes} pixels hold class code {pass1.FirstUnknownCode} (and maybe others) outside 0…{k - 1}; expected reclassified land-use classes.");

        var incBreaks = SpaceGrading.Compute(pass1.Increment.ToWeightedValues(), options.Grading);
        var redBreaks = SpaceGrading.Compute(pass1.Reduction.ToWeightedValues(), options.Grading);
        int g = options.Grading.Grades;
        double eps = options.Grading.EpsilonTonnesC;

        var pass2 = TileProcessor.Accumulate(layout, tiles,
            () => new Worker<ContributionTally>(new TileBuffers(layout.MaxTilePixels), new ContributionTally(k, g)),
            (w, s) =>
            {
                var b = s.Buffers;
                int n = reader.Read(w, b);
                ChangeKernels.DeltaCbi(b.ClassFrom[..n], b.ClassTo[..n], b.CbiFrom[..n], b.CbiTo[..n], options.Scope, b.Delta[..n], scale);
                ChangeKernels.SpaceGrades(b.Delta[..n], eps, incBreaks, redBreaks, b.Grade[..n]);
                ChangeKernels.Mechanisms(b.CbiFrom[..n], b.CbiTo[..n], b.Delta[..n], eps, b.Mechanism[..n]);
                if (perPixel) areas.Fill(w, b.Area[..n]);
                s.Tally.Add(b.ClassFrom[..n], b.ClassTo[..n], b.Delta[..n], b.Grade[..n], b.Mechanism[..n], perPixel ? b.Area[..n] : []);
                sink?.Write(w, b.Delta[..n], b.Grade[..n], b.Mechanism[..n]);
            },
            (a, b) => a.Tally.Merge(b.Tally)).Tally;

        var transitions = WithoutNoDataCodes(matrix, options.ClassNoDataCodes);
        return IntervalChangeBuilder.Build(inputs.FromYear, inputs.ToYear, transitions, areas, pass1, pass2, incBreaks, redBreaks, g)
            with { Scope = options.Scope, Cumulative = options.Cumulative };
    }

    /// <summary>The matrix without the rows and columns of the extra class nodata codes (e.g. 0 = no class in the
    /// reclassified rasters, which also declare it as their nodata value).</summary>
    private static TransitionMatrix WithoutNoDataCodes(TransitionMatrix m, IReadOnlyList<int> noData)
    {
        if (!m.Classes.Any(noData.Contains)) return m;
        var keep = Enumerable.Range(0, m.Classes.Count).Where(i => !noData.Contains(m.Classes[i])).ToArray();
        long dropped = m.PixelsCounted - keep.Sum(i => keep.Sum(j => m.Counts[i][j]));
        return new TransitionMatrix([.. keep.Select(i => m.Classes[i])], [.. keep.Select(i => keep.Select(j => m.Counts[i][j]).ToArray())],
            [.. keep.Select(i => keep.Select(j => m.AreaKm2[i][j]).ToArray())], m.PixelsCounted - dropped, m.PixelsExcluded + dropped, m.AreaModel);
    }

    private sealed class Worker<T>(TileBuffers buffers, T tally)
    {
        public TileBuffers Buffers { get; } = buffers;
        public T Tally { get; } = tally;
    }

    private sealed class TileBuffers(int n)
    {
        private readonly int[] _classFrom = new int[n], _classTo = new int[n];
        private readonly float[] _cbiFrom = new float[n], _cbiTo = new float[n];
        private readonly double[] _delta = new double[n], _area = new double[n];
        private readonly sbyte[] _grade = new sbyte[n];
        private readonly byte[] _mechanism = new byte[n];
        public Span<int> ClassFrom => _classFrom;
        public Span<int> ClassTo => _classTo;
        public Span<float> CbiFrom => _cbiFrom;
        public Span<float> CbiTo => _cbiTo;
        public Span<double> Delta => _delta;
        public Span<double> Area => _area;
        public Span<sbyte> Grade => _grade;
        public Span<byte> Mechanism => _mechanism;
    }

    /// <summary>Reads the four inputs of a tile, normalising nodata: class codes → −1, CBI → NaN.</summary>
    private sealed class TileReader(IntervalInputs inputs, ChangeAnalysisOptions options)
    {
        // Extra nodata codes as a lookup over 0…1023 (codes beyond are unknown classes anyway).
        private readonly bool[] _classNoData = NoDataLookup(options.ClassNoDataCodes);

        private static bool[] NoDataLookup(IReadOnlyList<int> codes)
        {
            var t = new bool[1024];
            foreach (int c in codes) if (c is >= 0 and < 1024) t[c] = true;
            return t;
        }

        public int Read(PixelWindow w, TileBuffers b)
        {
            int n = checked((int)w.PixelCount);
            ReadClasses(inputs.ClassFrom, w, b.ClassFrom[..n]);
            ReadClasses(inputs.ClassTo, w, b.ClassTo[..n]);
            ReadCbi(inputs.CbiFrom, w, b.CbiFrom[..n]);
            ReadCbi(inputs.CbiTo, w, b.CbiTo[..n]);
            return n;
        }

        private void ReadClasses(IRasterReader r, PixelWindow w, Span<int> dest)
        {
            r.Read(w, dest);
            int? nd = r.NoData is double v && v == Math.Floor(v) ? (int)v : null;
            for (int i = 0; i < dest.Length; i++)
                {
                int code = dest[i];
                if (code == nd || code < 0 || (code < 1024 && _classNoData[code])) dest[i] = -1;
            }
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
