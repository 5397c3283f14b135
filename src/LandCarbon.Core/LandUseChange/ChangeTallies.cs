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
    /// <summary>Creates an empty tally for class codes 0…<paramref name="classCodeCount"/>−1.</summary>
    public TransitionTally(int classCodeCount, GradingOptions grading, long seed)
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
        CbiFromTonnesC = new ExactSum[3 * K * K];
        CbiToTonnesC = new ExactSum[3 * K * K];
        Epsilon = grading.EpsilonTonnesC;
        Increment = new ValueHistogram(grading.MaxDistinctValues, grading.SampleSize, seed);
        Reduction = new ValueHistogram(grading.MaxDistinctValues, grading.SampleSize, seed + 1);
    }

    /// <summary>Number of class codes (arrays are indexed by code; pair index = from·K + to).</summary>
    public int K { get; }

    /// <summary>ε of the spaces (t C/yr).</summary>
    public double Epsilon { get; }

    /// <summary>Pixels per pair [from·K + to] (pixels valid in all inputs).</summary>
    public long[] Pixels { get; }

    /// <summary>Σ ΔCBI per pair (t C/yr).</summary>
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
    /// of the ΔCBI totals are computed.</summary>
    public ExactSum[] CbiFromTonnesC { get; }

    /// <summary>Σ CBI(t2) per (space, from, to), as <see cref="CbiFromTonnesC"/>.</summary>
    public ExactSum[] CbiToTonnesC { get; }

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

    /// <summary>Σ ΔCBI over all valid pixels (t C/yr): the net change, accumulated independently of the spaces.</summary>
    public ExactSum NetTonnesC;

    /// <summary>Σ ΔCBI over the increment space (ΔCBI &gt; ε).</summary>
    public ExactSum IncrementTonnesC;

    /// <summary>Σ ΔCBI over the reduction space (ΔCBI &lt; −ε; negative).</summary>
    public ExactSum ReductionTonnesC;

    /// <summary>Σ ΔCBI over stable pixels (|ΔCBI| ≤ ε; exactly 0 when ε = 0).</summary>
    public ExactSum StableTonnesC;

    /// <summary>Pixels per space.</summary>
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
        int k = K, kk = K * K;
        for (int i = 0; i < delta.Length; i++)
        {
            int a = classFrom[i], b = classTo[i];
            bool va = a >= 0, vb = b >= 0;
            if (a >= k || b >= k) { Unknown(a >= k ? a : b); continue; }
            if (va) ClassPixelsFrom[a]++;
            if (vb) ClassPixelsTo[b]++;
            double d = delta[i];
            if (double.IsNaN(d))
            {
                NoDataPixels++;
                if (va && !vb) ExcludedFrom[a]++;
                if (vb && !va) ExcludedTo[b]++;
                if (va && vb) BudgetNoDataPixels++;
                if (!float.IsNaN(cbiFrom[i])) LeftOutFromTonnesC.Add(cbiFrom[i]);
                if (!float.IsNaN(cbiTo[i])) LeftOutToTonnesC.Add(cbiTo[i]);
                continue;
            }
            int p = a * k + b;
            Pixels[p]++;
            DeltaTonnesC[p].Add(d);
            NetTonnesC.Add(d);
            long index = firstPixelIndex + (long)(i / tileWidth) * gridWidth + i % tileWidth;
            int space;
            if (d > Epsilon) { IncrementPixels++; IncrementTonnesC.Add(d); Increment.Add(d, index); space = 0; }
            else if (d < -Epsilon) { ReductionPixels++; ReductionTonnesC.Add(d); Reduction.Add(-d, index); space = 1; }
            else { StablePixels++; StableTonnesC.Add(d); space = 2; }
            CbiFromTonnesC[space * kk + p].Add(cbiFrom[i]);
            CbiToTonnesC[space * kk + p].Add(cbiTo[i]);
        }
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
        for (int i = 0; i < Pixels.Length; i++) { Pixels[i] += o.Pixels[i]; DeltaTonnesC[i].Add(o.DeltaTonnesC[i]); }
        for (int i = 0; i < CbiFromTonnesC.Length; i++) { CbiFromTonnesC[i].Add(o.CbiFromTonnesC[i]); CbiToTonnesC[i].Add(o.CbiToTonnesC[i]); }
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
        NetTonnesC.Add(o.NetTonnesC);
        IncrementTonnesC.Add(o.IncrementTonnesC);
        ReductionTonnesC.Add(o.ReductionTonnesC);
        StableTonnesC.Add(o.StableTonnesC);
        IncrementPixels += o.IncrementPixels;
        ReductionPixels += o.ReductionPixels;
        StablePixels += o.StablePixels;
        Increment.Merge(o.Increment);
        Reduction.Merge(o.Reduction);
    }
}

/// <summary>
/// Second-pass accumulator: pixels and Σ ΔCBI per (space-grade code, from, to) and per mechanism, and the
/// observed ΔCBI range of each space-grade code. Exact and order-free like <see cref="TransitionTally"/>.
/// </summary>
public sealed class ContributionTally
{
    /// <summary>Creates an empty tally for grade codes −grades…+grades and class codes 0…K−1.</summary>
    public ContributionTally(int classCodeCount, int grades)
    {
        K = classCodeCount;
        G = grades;
        int codes = 2 * grades + 1;
        Pixels = new long[codes * K * K];
        DeltaTonnesC = new ExactSum[codes * K * K];
        Min = Enumerable.Repeat(double.PositiveInfinity, codes).ToArray();
        Max = Enumerable.Repeat(double.NegativeInfinity, codes).ToArray();
        MechanismPixels = new long[ChangeMechanisms.All.Count + 1];
        MechanismTonnesC = new ExactSum[ChangeMechanisms.All.Count + 1];
        CodeAreaM2 = new ExactSum[codes];
        MechanismAreaM2 = new ExactSum[ChangeMechanisms.All.Count + 1];
    }

    /// <summary>Σ ground area (m²) per code + G; accumulated only with per-pixel areas.</summary>
    public ExactSum[] CodeAreaM2 { get; }

    /// <summary>Σ ground area (m²) per mechanism value; accumulated only with per-pixel areas.</summary>
    public ExactSum[] MechanismAreaM2 { get; }

    /// <summary>Number of class codes.</summary>
    public int K { get; }

    /// <summary>Grades per space.</summary>
    public int G { get; }

    /// <summary>Pixels per [((code + G)·K + from)·K + to].</summary>
    public long[] Pixels { get; }

    /// <summary>Σ ΔCBI per [((code + G)·K + from)·K + to].</summary>
    public ExactSum[] DeltaTonnesC { get; }

    /// <summary>Smallest ΔCBI per code + G.</summary>
    public double[] Min { get; }

    /// <summary>Largest ΔCBI per code + G.</summary>
    public double[] Max { get; }

    /// <summary>Pixels per mechanism value.</summary>
    public long[] MechanismPixels { get; }

    /// <summary>Σ ΔCBI per mechanism value.</summary>
    public ExactSum[] MechanismTonnesC { get; }

    /// <summary>Adds one tile; <paramref name="areaM2"/> holds each pixel's ground area (empty when uniform).</summary>
    public void Add(ReadOnlySpan<int> classFrom, ReadOnlySpan<int> classTo, ReadOnlySpan<double> delta,
        ReadOnlySpan<sbyte> code, ReadOnlySpan<byte> mechanism, ReadOnlySpan<double> areaM2 = default)
    {
        bool perPixel = !areaM2.IsEmpty;
        int k = K;
        for (int i = 0; i < delta.Length; i++)
        {
            double d = delta[i];
            if (double.IsNaN(d) || classFrom[i] >= k || classTo[i] >= k) continue;
            int c = code[i] + G;
            int p = (c * k + classFrom[i]) * k + classTo[i];
            Pixels[p]++;
            DeltaTonnesC[p].Add(d);
            if (d < Min[c]) Min[c] = d;
            if (d > Max[c]) Max[c] = d;
            MechanismPixels[mechanism[i]]++;
            MechanismTonnesC[mechanism[i]].Add(d);
            if (perPixel)
            {
                CodeAreaM2[c].Add(areaM2[i]);
                MechanismAreaM2[mechanism[i]].Add(areaM2[i]);
            }
        }
    }

    /// <summary>Adds another worker's tally.</summary>
    public void Merge(ContributionTally o)
    {
        ArgumentNullException.ThrowIfNull(o);
        for (int i = 0; i < Pixels.Length; i++) { Pixels[i] += o.Pixels[i]; DeltaTonnesC[i].Add(o.DeltaTonnesC[i]); }
        for (int i = 0; i < Min.Length; i++) { Min[i] = Math.Min(Min[i], o.Min[i]); Max[i] = Math.Max(Max[i], o.Max[i]); }
        for (int i = 0; i < MechanismPixels.Length; i++)
        {
            MechanismPixels[i] += o.MechanismPixels[i];
            MechanismTonnesC[i].Add(o.MechanismTonnesC[i]);
            MechanismAreaM2[i].Add(o.MechanismAreaM2[i]);
        }
        for (int i = 0; i < CodeAreaM2.Length; i++) CodeAreaM2[i].Add(o.CodeAreaM2[i]);
    }
}
