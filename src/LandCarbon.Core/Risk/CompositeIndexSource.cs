using System.Buffers;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Risk;

/// <summary>
/// A composite risk index R = Σ_m ω_m · (x_m − min_m)/(max_m − min_m) of min–max normalised indicators
/// (METHOD-SPEC §(j)), with given weights (e.g. ∝ |β_m(0.5)|) or entropy weights (<see cref="EntropyWeights"/>).
/// Weights are rescaled to sum to 1. An indicator with max = min contributes 0. A pixel is nodata when any
/// indicator is.
/// </summary>
public sealed class CompositeIndexSource : IRiskIndexSource
{
    private readonly IReadOnlyList<IRiskIndexSource> _indicators;
    private readonly IndicatorRange[] _ranges;

    /// <summary>Creates the composite from indicators, their ranges (<see cref="IndicatorRange.Compute"/>) and weights.</summary>
    public CompositeIndexSource(IReadOnlyList<IRiskIndexSource> indicators, IReadOnlyList<IndicatorRange> ranges, IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(weights);
        if (indicators.Count == 0 || indicators.Count != ranges.Count || indicators.Count != weights.Count)
            throw new ArgumentException("Indicators, ranges and weights must have the same, non-zero count.", nameof(weights));
        if (weights.Any(w => !(w >= 0)) || !(weights.Sum() > 0))
            throw new ArgumentException("Weights must be non-negative and not all zero.", nameof(weights));
        for (int i = 1; i < indicators.Count; i++) indicators[0].Grid.EnsureAlignedWith(indicators[i].Grid, "indicator 1", $"indicator {i + 1}");
        _indicators = indicators;
        _ranges = [.. ranges];
        double s = weights.Sum();
        Weights = [.. weights.Select(w => w / s)];
    }

    /// <summary>The weights used (summing to 1).</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <inheritdoc />
    public GridSpec Grid => _indicators[0].Grid;

    /// <inheritdoc />
    public int BlockWidth => _indicators[0].BlockWidth;

    /// <inheritdoc />
    public int BlockHeight => _indicators[0].BlockHeight;

    /// <inheritdoc />
    public void Read(PixelWindow window, Span<double> destination)
    {
        int n = checked((int)window.PixelCount);
        var dst = destination[..n];
        dst.Clear();
        var buf = ArrayPool<double>.Shared.Rent(n);
        try
        {
            for (int m = 0; m < _indicators.Count; m++)
            {
                _indicators[m].Read(window, buf.AsSpan(0, n));
                var r = _ranges[m];
                double w = Weights[m];
                for (int i = 0; i < n; i++) dst[i] += w * r.Normalize(buf[i]);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buf);
        }
    }

    /// <summary>
    /// Entropy weights of min–max normalised indicators (the entropy weight method): with p_i = x'_i / Σ x'
    /// over the n units valid in the indicator, e = −Σ p_i ln p_i / ln n, d = 1 − e, ω_m = d_m / Σ d. Sums are
    /// streamed over tiles with <see cref="ExactSum"/>; Σ p ln p = (Σ x' ln x')/S − ln S with S = Σ x' (0·ln 0 = 0).
    /// An indicator with S = 0 gets d = 0; when all d are 0 the weights are equal.
    /// </summary>
    public static double[] EntropyWeights(IReadOnlyList<IRiskIndexSource> indicators, IReadOnlyList<IndicatorRange> ranges, TileOptions options)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentNullException.ThrowIfNull(ranges);
        ArgumentNullException.ThrowIfNull(options);
        var d = new double[indicators.Count];
        for (int m = 0; m < indicators.Count; m++)
        {
            var src = indicators[m];
            var range = ranges[m];
            var layout = IndexStatistics.LayoutOf(src, options);
            var acc = TileProcessor.MapReduce(layout, options, w =>
            {
                var p = new EntropyPartial();
                IndexStatistics.WithTile(src, w, v =>
                {
                    foreach (double raw in v)
                    {
                        double x = range.Normalize(raw);
                        if (double.IsNaN(x)) continue;
                        p.N++;
                        p.Sum.Add(x);
                        if (x > 0) p.SumXLogX.Add(x * Math.Log(x));
                    }
                });
                return p;
            }, new EntropyPartial(), (a, p) => { a.N += p.N; a.Sum.Add(p.Sum); a.SumXLogX.Add(p.SumXLogX); return a; });
            double s = acc.Sum.Value;
            if (acc.N < 2 || !(s > 0)) { d[m] = 0; continue; }
            double sumPLogP = acc.SumXLogX.Value / s - Math.Log(s);
            double e = -sumPLogP / Math.Log(acc.N);
            d[m] = Math.Max(0, 1 - e);
        }
        double total = d.Sum();
        return total > 0 ? [.. d.Select(x => x / total)] : [.. d.Select(_ => 1.0 / d.Length)];
    }

    private sealed class EntropyPartial
    {
        public long N;
        public ExactSum Sum;
        public ExactSum SumXLogX;
    }
}
