using System.Buffers;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Processing;

namespace LandCarbon.Core.Risk;

/// <summary>
/// Summary statistics of the (transformed) risk index over all valid units, the inputs of the three threshold
/// methods. Computed in two streaming passes over tiles (first n, Σx, min, max; then Σ(x − μ)²) with
/// <see cref="ExactSum"/>, so the numbers are identical for any tile size and thread count and no pixel array is
/// held. <see cref="StdDev"/> is the sample standard deviation (divisor n − 1); for n = 1 it is 0.
/// </summary>
/// <param name="Count">Valid units (not NaN after the transform).</param>
/// <param name="Mean">μ.</param>
/// <param name="StdDev">σ (divisor n − 1).</param>
/// <param name="Min">Smallest value.</param>
/// <param name="Max">Largest value.</param>
/// <param name="PositiveCount">Units with a value &gt; 0.</param>
/// <param name="PositiveMean">Mean of the values &gt; 0 (NaN when there are none).</param>
public sealed record IndexStatistics(long Count, double Mean, double StdDev, double Min, double Max, long PositiveCount, double PositiveMean)
{
    /// <summary>Statistics of values held in memory (NaN skipped) after <paramref name="transform"/>.</summary>
    public static IndexStatistics FromValues(ReadOnlySpan<double> values, IndexTransform? transform = null)
    {
        var t = transform ?? IndexTransform.Identity;
        var first = new FirstPass();
        first.Add(values, t);
        var second = new SecondPass(first.Mean, first.Scale);
        second.Add(values, t);
        return first.ToStatistics(second);
    }

    /// <summary>Statistics of a tiled index source after <paramref name="transform"/> (two passes).</summary>
    public static IndexStatistics Compute(IRiskIndexSource source, IndexTransform transform, TileOptions options) =>
        Compute([source], transform, options);

    /// <summary>
    /// Statistics pooled over several sources (e.g. the ΔCBI of every training interval: each pixel of each
    /// interval is one value) after <paramref name="transform"/> (two passes over each).
    /// </summary>
    public static IndexStatistics Compute(IReadOnlyList<IRiskIndexSource> sources, IndexTransform transform, TileOptions options)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(options);
        var first = new FirstPass();
        foreach (var source in sources)
        {
            var layout = LayoutOf(source, options);
            first.Merge(TileProcessor.MapReduce(layout, options, w =>
            {
                var p = new FirstPass();
                WithTile(source, w, v => p.Add(v, transform));
                return p;
            }, new FirstPass(), (acc, p) => acc.Merge(p)));
        }
        double mean = first.Mean, scale = first.Scale;
        var second = new SecondPass(mean, scale);
        foreach (var source in sources)
        {
            var layout = LayoutOf(source, options);
            second.Merge(TileProcessor.MapReduce(layout, options, w =>
            {
                var p = new SecondPass(mean, scale);
                WithTile(source, w, v => p.Add(v, transform));
                return p;
            }, new SecondPass(mean, scale), (acc, p) => acc.Merge(p)));
        }
        return first.ToStatistics(second);
    }

    internal static TileLayout LayoutOf(IRiskIndexSource source, TileOptions options) =>
        options.LayoutFor(source.Grid.Width, source.Grid.Height, source.BlockWidth, source.BlockHeight);

    internal static void WithTile(IRiskIndexSource source, Raster.PixelWindow w, ReadOnlySpanAction body)
    {
        int n = checked((int)w.PixelCount);
        var buf = ArrayPool<double>.Shared.Rent(n);
        try
        {
            source.Read(w, buf.AsSpan(0, n));
            body(buf.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buf);
        }
    }

    internal delegate void ReadOnlySpanAction(ReadOnlySpan<double> values);

    private sealed class FirstPass
    {
        private long _n, _nPos;
        private ExactSum _sum, _sumPos;
        private double _min = double.PositiveInfinity, _max = double.NegativeInfinity;

        public double Mean => _n == 0 ? double.NaN : _sum.Value / _n;

        // Largest deviation from the mean: pass 2 sums (d/scale)²·2⁴⁰ ∈ [0, 2⁴⁰], so the fixed-point resolution
        // of ExactSum (2⁻⁴⁰) is 2⁻⁸⁰ relative to the spread, whatever the units of the index (totals stay below
        // ExactSum's ~1.5e26 range for up to 10¹⁴ values).
        public double Scale
        {
            get
            {
                if (_n == 0) return 1;
                double s = Math.Max(_max - Mean, Mean - _min);
                return double.IsFinite(s) && s > 0 ? s : 1;
            }
        }

        public void Add(ReadOnlySpan<double> values, IndexTransform t)
        {
            foreach (double raw in values)
            {
                double x = t.Apply(raw);
                if (!double.IsFinite(x)) continue;
                _n++;
                _sum.Add(x);
                if (x < _min) _min = x;
                if (x > _max) _max = x;
                if (x > 0) { _nPos++; _sumPos.Add(x); }
            }
        }

        public FirstPass Merge(FirstPass o)
        {
            _n += o._n;
            _nPos += o._nPos;
            _sum.Add(o._sum);
            _sumPos.Add(o._sumPos);
            _min = Math.Min(_min, o._min);
            _max = Math.Max(_max, o._max);
            return this;
        }

        public IndexStatistics ToStatistics(SecondPass s)
        {
            if (_n == 0) return new IndexStatistics(0, double.NaN, double.NaN, double.NaN, double.NaN, 0, double.NaN);
            double sd = _n > 1 ? s.Scale * Math.Sqrt(s.ScaledSumSquares / SecondPass.Boost / (_n - 1)) : 0;
            return new IndexStatistics(_n, Mean, sd, _min, _max, _nPos, _nPos == 0 ? double.NaN : _sumPos.Value / _nPos);
        }
    }

    private sealed class SecondPass(double mean, double scale)
    {
        public const double Boost = 1099511627776.0; // 2^40

        private ExactSum _ss;

        public double Scale => scale;

        public double ScaledSumSquares => _ss.Value;

        public void Add(ReadOnlySpan<double> values, IndexTransform t)
        {
            foreach (double raw in values)
            {
                double x = t.Apply(raw);
                if (!double.IsFinite(x)) continue;
                double d = (x - mean) / scale;
                _ss.Add(d * d * Boost);
            }
        }

        public SecondPass Merge(SecondPass o)
        {
            _ss.Add(o._ss);
            return this;
        }
    }
}
