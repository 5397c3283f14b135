using System.Runtime.Intrinsics;

namespace LandCarbon.Core.Numerics;

/// <summary>
/// A floating-point accumulator whose result does not depend on the order or grouping of the additions, so
/// totals are identical for any tile size and thread count. Each value is rounded to a multiple of 2^-40
/// (about 9e-13) and added as a 128-bit fixed-point integer, which makes addition associative; <see cref="Value"/>
/// converts back once. The rounding is far below the precision of any carbon coefficient.
/// </summary>
public struct ExactSum
{
    private const double Scale = 1099511627776.0; // 2^40
    private Int128 _fixed;
    private double _nonFinite;

    /// <summary>Adds one value (NaN and infinities propagate to <see cref="Value"/>).</summary>
    public void Add(double x)
    {
        if (!double.IsFinite(x)) { _nonFinite += x; return; }
        // Scaled to fixed point: |x| up to ~1.5e26 fits; beyond that the value saturates, which no carbon
        // total reaches (a planet's biomass is ~5e11 t C).
        double scaled = Math.Round(x * Scale, MidpointRounding.ToEven);
        _fixed += (Int128)scaled;
    }

    /// <summary>Adds <paramref name="x"/> <paramref name="count"/> times: exactly the same result as that many
    /// <see cref="Add(double)"/> calls, in one step.</summary>
    public void Add(double x, long count)
    {
        if (count == 0) return;
        if (!double.IsFinite(x)) { _nonFinite += x * count; return; }
        _fixed += (Int128)Math.Round(x * Scale, MidpointRounding.ToEven) * count;
    }

    /// <summary>Adds a value already scaled and rounded to the fixed-point grid (see <see cref="ExactSumBuffer"/>).</summary>
    internal void AddFixed(long scaledRounded) => _fixed += scaledRounded;

    /// <summary>Adds a sum of values already scaled and rounded to the fixed-point grid.</summary>
    internal void AddFixed(Int128 scaledRounded) => _fixed += scaledRounded;

    /// <summary>
    /// The fixed-point values <see cref="Add(double)"/> would add for <paramref name="x"/>: <c>round(x · 2^40)</c>,
    /// ties to even, into <paramref name="scaled"/>. Only for values in [0, 4096), where the result is below 2^52:
    /// returns false (and <paramref name="scaled"/> is incomplete) when any value is outside, NaN included. Four
    /// values per vector: adding 2^52 to an integer-valued magnitude below 2^52 rounds to the nearest integer, ties
    /// to even, exactly as <see cref="Math.Round(double, MidpointRounding)"/>, and the integer is the low bits.
    /// </summary>
    internal static bool TryScaleSmall(ReadOnlySpan<double> x, Span<long> scaled)
    {
        if (scaled.Length < x.Length) throw new ArgumentException("The destination is shorter than the values.", nameof(scaled));
        const double Two52 = 4503599627370496.0;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(Scale);
            var magic = Vector256.Create(Two52);
            var magicBits = Vector256.Create(BitConverter.DoubleToInt64Bits(Two52));
            var limit = Vector256.Create(4096.0);
            var zero = Vector256<double>.Zero;
            for (; i + 4 <= x.Length; i += 4)
            {
                var v = Vector256.Create(x.Slice(i, 4));
                if (!Vector256.LessThanAll(v, limit) || !Vector256.GreaterThanOrEqualAll(v, zero)) return false;
                ((v * scale + magic).AsInt64() - magicBits).CopyTo(scaled.Slice(i, 4));
            }
        }
        for (; i < x.Length; i++)
        {
            double v = x[i];
            if (!(v >= 0 && v < 4096)) return false;
            scaled[i] = (long)Math.Round(v * Scale, MidpointRounding.ToEven);
        }
        return true;
    }

    internal const double FixedScale = Scale;

    /// <summary>Adds another accumulator.</summary>
    public void Add(in ExactSum other)
    {
        _fixed += other._fixed;
        _nonFinite += other._nonFinite;
    }

    /// <summary>The sum, rounded once.</summary>
    public readonly double Value => _nonFinite != 0 || double.IsNaN(_nonFinite) ? _nonFinite : (double)_fixed / Scale;
}

/// <summary>
/// A fast front for <see cref="ExactSum"/> in per-pixel loops: values below 4096 in magnitude are rounded exactly as
/// <see cref="ExactSum.Add(double)"/> does but summed in a 64-bit integer (hardware conversion instead of the
/// 128-bit one), flushed into the exact sum every 1024 values so it cannot overflow (1024 · 2^52 &lt; 2^63). The
/// result is bit-identical to adding every value to the <see cref="ExactSum"/> directly.
/// </summary>
public struct ExactSumBuffer
{
    private long _small;
    private int _count;

    /// <summary>Adds <paramref name="x"/> to <paramref name="sum"/> (possibly deferred until <see cref="Flush"/>).</summary>
    public void Add(double x, ref ExactSum sum)
    {
        if (Math.Abs(x) < 4096)
        {
            _small += (long)Math.Round(x * ExactSum.FixedScale, MidpointRounding.ToEven);
            if (++_count == 1024) Flush(ref sum);
        }
        else
        {
            sum.Add(x);
        }
    }

    /// <summary>Moves the deferred part into <paramref name="sum"/>.</summary>
    public void Flush(ref ExactSum sum)
    {
        sum.AddFixed(_small);
        _small = 0;
        _count = 0;
    }
}
