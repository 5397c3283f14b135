using LandCarbon.Core.Numerics;
using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.LandUseChange;

/// <summary>
/// First-pass accumulator of one interval: pixels and Σ ΔCBI per (from, to) class pair, class pixels of each
/// year, Σ ΔCBI per space, and the value histograms of the two spaces. Counts are integers and sums are
/// <see cref="ExactSum"/>, and the histograms merge order-free, so merged tallies are identical for any tile size,
/// thread count and merge order.
/// </summary>
public sealed class TransitionTally
{
    private readonly FixedSumBins _delta, _cbiFrom, _cbiTo;
    private readonly FixedSumBins[] _bins;
    private readonly long[] _spacePixels = new long[3];

    /// <summary>Creates an empty tally for class codes 0…<paramref name="classCodeCount"/>−1; the value histograms of
    /// tallies merged later may share <paramref name="incrementOverflow"/> and <paramref name="reductionOverflow"/>.</summary>
    public TransitionTally(int classCodeCount, GradingOptions grading, long seed, HistogramOverflow? incrementOverflow = null,
        HistogramOverflow? reductionOverflow = null)
    {
        ArgumentNullException.ThrowIfNull(grading);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCodeCount, 1);
        K = classCodeCount;
        Pixels = new long[K * K];
        DeltaTonnesC = new ExactSum[K * K];
        ClassPixelsFrom = new long[K];
        ClassPixelsTo = new long[K];
        ExcludedFrom = new long[K];
        ExcludedTo = new long[K];
        // ΔCBI, CBI(t1) and CBI(t2) per (space, from, to); the pair, space and net sums of ΔCBI follow from the
        // first exactly (integer sums on ExactSum's grid), in Complete.
        _delta = new FixedSumBins(3 * K * K);
        _cbiFrom = new FixedSumBins(3 * K * K);
        _cbiTo = new FixedSumBins(3 * K * K);
        _bins = [_delta, _cbiFrom, _cbiTo];
        Epsilon = grading.EpsilonTonnesC;
        Increment = new ValueHistogram(grading.MaxDistinctValues, grading.SampleSize, seed, incrementOverflow);
        Reduction = new ValueHistogram(grading.MaxDistinctValues, grading.SampleSize, seed + 1, reductionOverflow);
    }

    /// <summary>Number of class codes (arrays are indexed by code; pair index = from·K + to).</summary>
    public int K { get; }

    /// <summary>ε of the spaces (t C/yr).</summary>
    public double Epsilon { get; }

    /// <summary>Pixels per pair [from·K + to] (pixels valid in all inputs).</summary>
    public long[] Pixels { get; }

    /// <summary>Σ ΔCBI per pair (t C/yr); set by <see cref="Complete"/>.</summary>
    public ExactSum[] DeltaTonnesC { get; }

    /// <summary>Pixels of each class in year 1 (valid class code in year 1, whatever the other inputs).</summary>
    public long[] ClassPixelsFrom { get; }

    /// <summary>Pixels of each class in year 2.</summary>
    public long[] ClassPixelsTo { get; }

    /// <summary>Pixels with a valid year-1 class whose year-2 class is nodata (outside the transition table).</summary>
    public long[] ExcludedFrom { get; }

    /// <summary>Pixels with a valid year-2 class whose year-1 class is nodata (outside the transition table).</summary>
    public long[] ExcludedTo { get; }

    /// <summary>Pixels with a valid class in both years whose CBI is nodata in a year: in the transition table,
    /// out of every ΔCBI sum.</summary>
    public long BudgetNoDataPixels { get; private set; }

    /// <summary>Σ CBI(t1) per (space, from, to) over the pixels valid in all inputs, t C/yr (whatever the scope and
    /// the cumulative option): index (space·K + from)·K + to, space 0 = increment, 1 = reduction, 2 = stable. With
    /// <see cref="CbiToTonnesC"/> these are the exact group sums from which the budget identity and the Monte Carlo
    /// of the ΔCBI totals are computed. Complete after <see cref="Complete"/>.</summary>
    public ExactSum[] CbiFromTonnesC => _cbiFrom.Sums;

    /// <summary>Σ CBI(t2) per (space, from, to), as <see cref="CbiFromTonnesC"/>.</summary>
    public ExactSum[] CbiToTonnesC => _cbiTo.Sums;

    /// <summary>Σ CBI(t1) of the pixels left out of ΔCBI (another input nodata) whose CBI(t1) is valid, t C/yr.</summary>
    public ExactSum LeftOutFromTonnesC;

    /// <summary>Σ CBI(t2) of the pixels left out of ΔCBI whose CBI(t2) is valid, t C/yr.</summary>
    public ExactSum LeftOutToTonnesC;

    /// <summary>Pixels whose code is not a class code 0…K−1 (nor nodata), per year; must be 0.</summary>
    public long UnknownCodes { get; private set; }

    /// <summary>First unknown code seen (for the error message).</summary>
    public int? FirstUnknownCode { get; private set; }

    /// <summary>Pixels that are nodata in at least one input.</summary>
    public long NoDataPixels { get; private set; }

    /// <summary>Σ ΔCBI over all valid pixels (t C/yr): the net change; set by <see cref="Complete"/>.</summary>
    public ExactSum NetTonnesC;

    /// <summary>Σ ΔCBI over the increment space (ΔCBI &gt; ε); set by <see cref="Complete"/>.</summary>
    public ExactSum IncrementTonnesC;

    /// <summary>Σ ΔCBI over the reduction space (ΔCBI &lt; −ε; negative); set by <see cref="Complete"/>.</summary>
    public ExactSum ReductionTonnesC;

    /// <summary>Σ ΔCBI over stable pixels (|ΔCBI| ≤ ε; exactly 0 when ε = 0); set by <see cref="Complete"/>.</summary>
    public ExactSum StableTonnesC;

    /// <summary>Pixels per space; set by <see cref="Complete"/>.</summary>
    public long IncrementPixels, ReductionPixels, StablePixels;

    /// <summary>ΔCBI values of the increment space.</summary>
    public ValueHistogram Increment { get; }

    /// <summary>|ΔCBI| values of the reduction space.</summary>
    public ValueHistogram Reduction { get; }

    /// <summary>Adds one tile. <paramref name="firstPixelIndex"/> and <paramref name="gridWidth"/>/<paramref name="tileWidth"/>
    /// give each pixel its row-major index in the whole grid (for the seeded sample).</summary>
    public void Add(ReadOnlySpan<int> classFrom, ReadOnlySpan<int> classTo, ReadOnlySpan<float> cbiFrom, ReadOnlySpan<float> cbiTo,
        ReadOnlySpan<double> delta, long firstPixelIndex, int tileWidth, int gridWidth)
    {
        int k = K, kk = K * K, n = delta.Length;
        if (classFrom.Length < n || classTo.Length < n || cbiFrom.Length < n || cbiTo.Length < n)
            throw new ArgumentException("All spans of a tile must have the same length.");
        foreach (var bins in _bins) bins.Reserve(n);
        double eps = Epsilon;
        var pixels = Pixels;
        var classPixelsFrom = ClassPixelsFrom;
        var classPixelsTo = ClassPixelsTo;
        var spacePixels = _spacePixels;
        for (int start = 0, row = 0; start < n; start += tileWidth, row++)
        {
            // Grid index of pixel i of this row: rowBase + i.
            long rowBase = firstPixelIndex + (long)row * gridWidth - start;
            int end = Math.Min(n, start + tileWidth);
            for (int i = start; i < end; i++)
            {
                int a = classFrom[i], b = classTo[i];
                if (a >= k || b >= k) { Unknown(a >= k ? a : b); continue; }
                bool va = a >= 0, vb = b >= 0;
                if (va) classPixelsFrom[a]++;
                if (vb) classPixelsTo[b]++;
                double d = delta[i];
                if (double.IsNaN(d))
                {
                    LeftOut(i, va, vb, a, b, cbiFrom, cbiTo);
                    continue;
                }
                int p = a * k + b;
                pixels[p]++;
                int space = d > eps ? 0 : d < -eps ? 1 : 2;
                spacePixels[space]++;
                int bin = space * kk + p;
                // A zero ΔCBI (every unchanged class under TransitionOnly: most pixels) adds nothing to its sum.
                if (d != 0) _delta.Add(bin, d);
                _cbiFrom.Add(bin, cbiFrom[i]);
                _cbiTo.Add(bin, cbiTo[i]);
                if (space == 0) Increment.Add(d, rowBase + i);
                else if (space == 1) Reduction.Add(-d, rowBase + i);
            }
        }
    }

    private void LeftOut(int i, bool va, bool vb, int a, int b, ReadOnlySpan<float> cbiFrom, ReadOnlySpan<float> cbiTo)
    {
        NoDataPixels++;
        if (va && !vb) ExcludedFrom[a]++;
        if (vb && !va) ExcludedTo[b]++;
        if (va && vb) BudgetNoDataPixels++;
        if (!float.IsNaN(cbiFrom[i])) LeftOutFromTonnesC.Add(cbiFrom[i]);
        if (!float.IsNaN(cbiTo[i])) LeftOutToTonnesC.Add(cbiTo[i]);
    }

    private void Unknown(int code)
    {
        UnknownCodes++;
        FirstUnknownCode ??= code;
    }

    /// <summary>Adds another worker's tally.</summary>
    public void Merge(TransitionTally o)
    {
        ArgumentNullException.ThrowIfNull(o);
        for (int i = 0; i < Pixels.Length; i++) Pixels[i] += o.Pixels[i];
        FixedSumBins.MergeAll(_bins, o._bins);
        for (int i = 0; i < _spacePixels.Length; i++) _spacePixels[i] += o._spacePixels[i];
        LeftOutFromTonnesC.Add(o.LeftOutFromTonnesC);
        LeftOutToTonnesC.Add(o.LeftOutToTonnesC);
        for (int i = 0; i < K; i++)
        {
            ClassPixelsFrom[i] += o.ClassPixelsFrom[i];
            ClassPixelsTo[i] += o.ClassPixelsTo[i];
            ExcludedFrom[i] += o.ExcludedFrom[i];
            ExcludedTo[i] += o.ExcludedTo[i];
        }
        UnknownCodes += o.UnknownCodes;
        if (o.FirstUnknownCode is int u && (FirstUnknownCode is null || u < FirstUnknownCode)) FirstUnknownCode = u;
        NoDataPixels += o.NoDataPixels;
        BudgetNoDataPixels += o.BudgetNoDataPixels;
        Increment.Merge(o.Increment);
        Reduction.Merge(o.Reduction);
    }

    /// <summary>Completes the sums after the last <see cref="Add"/> or <see cref="Merge"/>: the per-pair, per-space and
    /// net ΔCBI sums, the CBI group sums and the space pixel counts.</summary>
    public void Complete()
    {
        foreach (var b in _bins) b.Flush();
        int kk = K * K;
        var bySpace = _delta.Sums;
        var spaces = new ExactSum[3];
        for (int p = 0; p < kk; p++)
        {
            var pair = new ExactSum();
            for (int s = 0; s < 3; s++)
            {
                pair.Add(bySpace[s * kk + p]);
                spaces[s].Add(bySpace[s * kk + p]);
            }
            DeltaTonnesC[p] = pair;
        }
        IncrementTonnesC = spaces[0];
        ReductionTonnesC = spaces[1];
        StableTonnesC = spaces[2];
        NetTonnesC = default;
        for (int s = 0; s < 3; s++) NetTonnesC.Add(spaces[s]);
        IncrementPixels = _spacePixels[0];
        ReductionPixels = _spacePixels[1];
        StablePixels = _spacePixels[2];
    }
}

/// <summary>
/// Second-pass accumulator: pixels and Σ ΔCBI per (space-grade code, from, to) and per mechanism, and the
/// observed ΔCBI range of each space-grade code. Exact and order-free like <see cref="TransitionTally"/>.
/// </summary>
public sealed class ContributionTally
{
    private readonly FixedSumBins _delta, _mechanismDelta, _codeArea, _mechanismArea, _pairArea;
    private readonly FixedSumBins[] _bins;

    /// <summary>Creates an empty tally for grade codes −grades…+grades and class codes 0…K−1.</summary>
    public ContributionTally(int classCodeCount, int grades)
    {
        K = classCodeCount;
        G = grades;
        int codes = 2 * grades + 1;
        Pixels = new long[codes * K * K];
        _delta = new FixedSumBins(codes * K * K);
        Min = Enumerable.Repeat(double.PositiveInfinity, codes).ToArray();
        Max = Enumerable.Repeat(double.NegativeInfinity, codes).ToArray();
        MechanismPixels = new long[ChangeMechanisms.All.Count + 1];
        _mechanismDelta = new FixedSumBins(ChangeMechanisms.All.Count + 1);
        _codeArea = new FixedSumBins(codes);
        _mechanismArea = new FixedSumBins(ChangeMechanisms.All.Count + 1);
        ClassPairPixels = new long[K * K];
        _pairArea = new FixedSumBins(K * K);
        _bins = [_delta, _mechanismDelta, _codeArea, _mechanismArea, _pairArea];
    }

    /// <summary>Σ ground area (m²) per code + G; accumulated only with per-pixel areas. Complete after <see cref="Complete"/>.</summary>
    public ExactSum[] CodeAreaM2 => _codeArea.Sums;

    /// <summary>Σ ground area (m²) per mechanism value; accumulated only with per-pixel areas.</summary>
    public ExactSum[] MechanismAreaM2 => _mechanismArea.Sums;

    /// <summary>Pixels per class pair [from·K + to] valid in both class rasters, whatever the budgets: the transition
    /// table's counts (as <see cref="TransitionCounter"/> counts them).</summary>
    public long[] ClassPairPixels { get; }

    /// <summary>Σ ground area (m²) per class pair of <see cref="ClassPairPixels"/>; accumulated only with per-pixel areas.</summary>
    public ExactSum[] ClassPairAreaM2 => _pairArea.Sums;

    /// <summary>Number of class codes.</summary>
    public int K { get; }

    /// <summary>Grades per space.</summary>
    public int G { get; }

    /// <summary>Pixels per [((code + G)·K + from)·K + to].</summary>
    public long[] Pixels { get; }

    /// <summary>Σ ΔCBI per [((code + G)·K + from)·K + to].</summary>
    public ExactSum[] DeltaTonnesC => _delta.Sums;

    /// <summary>Smallest ΔCBI per code + G.</summary>
    public double[] Min { get; }

    /// <summary>Largest ΔCBI per code + G.</summary>
    public double[] Max { get; }

    /// <summary>Pixels per mechanism value.</summary>
    public long[] MechanismPixels { get; }

    /// <summary>Σ ΔCBI per mechanism value.</summary>
    public ExactSum[] MechanismTonnesC => _mechanismDelta.Sums;

    /// <summary>Adds one tile; <paramref name="areaM2"/> holds each pixel's ground area (empty when uniform), and
    /// <paramref name="areaFixed"/> the same areas on ExactSum's fixed-point grid (<see cref="FixedSumBins.Scale"/>; empty:
    /// rounded here).</summary>
    public void Add(ReadOnlySpan<int> classFrom, ReadOnlySpan<int> classTo, ReadOnlySpan<double> delta,
        ReadOnlySpan<sbyte> code, ReadOnlySpan<byte> mechanism, ReadOnlySpan<double> areaM2 = default, ReadOnlySpan<long> areaFixed = default)
    {
        bool perPixel = !areaM2.IsEmpty, scaled = !areaFixed.IsEmpty;
        int k = K, n = delta.Length, g = G;
        foreach (var bins in _bins) bins.Reserve(n);
        for (int i = 0; i < n; i++)
        {
            int a = classFrom[i], b = classTo[i];
            if ((uint)a >= (uint)k || (uint)b >= (uint)k) continue;
            int pair = a * k + b;
            ClassPairPixels[pair]++;
            double d = delta[i];
            bool valid = !double.IsNaN(d);
            int c = code[i] + g, m = mechanism[i];
            if (valid)
            {
                int p = c * k * k + pair;
                Pixels[p]++;
                if (d < Min[c]) Min[c] = d;
                if (d > Max[c]) Max[c] = d;
                MechanismPixels[m]++;
                // A zero ΔCBI (every unchanged class under TransitionOnly: most pixels) adds nothing to the sums.
                if (d != 0)
                {
                    _delta.Add(p, d);
                    _mechanismDelta.Add(m, d);
                }
            }
            if (!perPixel) continue;
            if (scaled)
            {
                long v = areaFixed[i];
                _pairArea.AddFixed(pair, v);
                if (!valid) continue;
                _codeArea.AddFixed(c, v);
                _mechanismArea.AddFixed(m, v);
            }
            else
            {
                double v = areaM2[i];
                _pairArea.Add(pair, v);
                if (!valid) continue;
                _codeArea.Add(c, v);
                _mechanismArea.Add(m, v);
            }
        }
    }

    /// <summary>Adds another worker's tally.</summary>
    public void Merge(ContributionTally o)
    {
        ArgumentNullException.ThrowIfNull(o);
        for (int i = 0; i < Pixels.Length; i++) Pixels[i] += o.Pixels[i];
        for (int i = 0; i < ClassPairPixels.Length; i++) ClassPairPixels[i] += o.ClassPairPixels[i];
        for (int i = 0; i < Min.Length; i++) { Min[i] = Math.Min(Min[i], o.Min[i]); Max[i] = Math.Max(Max[i], o.Max[i]); }
        for (int i = 0; i < MechanismPixels.Length; i++) MechanismPixels[i] += o.MechanismPixels[i];
        FixedSumBins.MergeAll(_bins, o._bins);
    }

    /// <summary>Completes the sums after the last <see cref="Add"/> or <see cref="Merge"/>.</summary>
    public void Complete()
    {
        foreach (var b in _bins) b.Flush();
    }
}
