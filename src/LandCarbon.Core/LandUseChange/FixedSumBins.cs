using System.Runtime.CompilerServices;
using LandCarbon.Core.Numerics;

namespace LandCarbon.Core.LandUseChange;

/// <summary>
/// A row of <see cref="ExactSum"/>s for per-pixel loops: each value is rounded to ExactSum's fixed-point grid exactly
/// as <see cref="ExactSum.Add(double)"/> does, but summed in two 64-bit integers per bin (the low 32 bits and the
/// rest) with the hardware conversion instead of the 128-bit one, and moved into the exact sums by
/// <see cref="Flush"/> before either half can overflow. Values beyond the 64-bit range (and NaN, infinities) go
/// to the bin's exact sum directly. The sums are therefore bit-identical to adding every value to an
/// <see cref="ExactSum"/>, in any order and grouping.
/// </summary>
internal sealed class FixedSumBins
{
    // Adds per bin between two flushes: each low half stays below 2^30 · 2^32 and each high half within ±2^30 · 2^31.
    private const long FlushAdds = 1L << 30;
    private const double Two63 = 9223372036854775808.0;

    private readonly long[] _low, _high;
    private long _pending;

    public FixedSumBins(int bins)
    {
        _low = new long[bins];
        _high = new long[bins];
        Sums = new ExactSum[bins];
    }

    /// <summary>The exact sums (complete after <see cref="Flush"/>).</summary>
    public ExactSum[] Sums { get; }

    /// <summary>Announces up to <paramref name="adds"/> additions to any one bin before the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reserve(int adds)
    {
        if (_pending + adds > FlushAdds) Flush();
        _pending += adds;
    }

    /// <summary>Adds <paramref name="x"/> to bin <paramref name="bin"/> (as <see cref="ExactSum.Add(double)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int bin, double x)
    {
        double s = Math.Round(x * ExactSum.FixedScale, MidpointRounding.ToEven);
        if (Math.Abs(s) < Two63) AddFixed(bin, (long)s);
        else Sums[bin].Add(x);
    }

    /// <summary>Adds a value already on the fixed-point grid (<see cref="Scale"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddFixed(int bin, long v)
    {
        _low[bin] += v & 0xFFFFFFFF;
        _high[bin] += v >> 32;
    }

    /// <summary>The fixed-point values <see cref="Add"/> adds for <paramref name="x"/>; false (and
    /// <paramref name="scaled"/> incomplete) when a value is outside the 64-bit range, NaN or infinite.</summary>
    public static bool Scale(ReadOnlySpan<double> x, Span<long> scaled)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double s = Math.Round(x[i] * ExactSum.FixedScale, MidpointRounding.ToEven);
            if (!(Math.Abs(s) < Two63)) return false;
            scaled[i] = (long)s;
        }
        return true;
    }

    /// <summary>Moves the integer halves into <see cref="Sums"/>.</summary>
    public void Flush()
    {
        for (int i = 0; i < _low.Length; i++)
        {
            long lo = _low[i], hi = _high[i];
            if ((lo | hi) == 0) continue;
            Sums[i].AddFixed(((Int128)hi << 32) + lo);
            _low[i] = 0;
            _high[i] = 0;
        }
        _pending = 0;
    }

    /// <summary>Merges <paramref name="other"/>[i] into <paramref name="bins"/>[i] for every i.</summary>
    public static void MergeAll(FixedSumBins[] bins, FixedSumBins[] other)
    {
        for (int i = 0; i < bins.Length; i++) bins[i].Merge(other[i]);
    }

    /// <summary>Adds another set of bins (both flushed first).</summary>
    public void Merge(FixedSumBins other)
    {
        Flush();
        other.Flush();
        for (int i = 0; i < Sums.Length; i++) Sums[i].Add(other.Sums[i]);
    }
}
