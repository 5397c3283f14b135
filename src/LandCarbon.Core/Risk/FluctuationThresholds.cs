using System.Buffers;
using System.Globalization;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Processing;

namespace LandCarbon.Core.Risk;

/// <summary>
/// Fluctuation thresholds, from the fluctuation range of the index (METHOD-SPEC §(j)):
/// <list type="bullet">
/// <item><see cref="EqualInterval"/> (default): the range [min, max] cut into L equal intervals,
/// breaks min + i·(max − min)/L for i = 1…L−1;</item>
/// <item><see cref="Historical"/>: breaks at R̄ + kᵢ·F, with R̄ the mean of the index over all earlier periods and
/// F the mean absolute fluctuation |R_t − R_{t−1}| between consecutive periods of the same unit.</item>
/// </list>
/// </summary>
public static class FluctuationThresholds
{
    /// <summary>Method name used in tables and file names.</summary>
    public const string MethodName = "fluctuation";

    /// <summary>Equal intervals of the range of <paramref name="stats"/>; <paramref name="levels"/> default five.</summary>
    public static RiskThresholds EqualInterval(IndexStatistics stats, IndexTransform? transform = null, RiskLevels? levels = null)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var lv = levels ?? RiskLevels.Five;
        if (stats.Count == 0) throw new ArgumentException("The index has no valid values.", nameof(stats));
        int l = lv.Count;
        double width = (stats.Max - stats.Min) / l;
        var breaks = Enumerable.Range(1, l - 1).Select(i => stats.Min + i * width).ToArray();
        string rule = string.Create(CultureInfo.InvariantCulture,
            $"equal intervals of the range; min = {stats.Min:G10}, max = {stats.Max:G10}, {l} intervals");
        return RiskThresholds.FromTransformed(MethodName, breaks, transform ?? IndexTransform.Identity, lv, rule);
    }

    /// <summary>Default multipliers of the historical variant.</summary>
    public static IReadOnlyList<double> DefaultK { get; } = [-1, 0, 1, 2];

    /// <summary>Breaks R̄ + kᵢ·F (historical mean ± k × mean absolute inter-period fluctuation).</summary>
    public static RiskThresholds Historical(double historicalMean, double meanAbsoluteFluctuation, IReadOnlyList<double>? k = null,
        IndexTransform? transform = null, RiskLevels? levels = null)
    {
        var ks = k ?? DefaultK;
        if (!double.IsFinite(historicalMean) || !(meanAbsoluteFluctuation > 0))
            throw new ArgumentException("The historical fluctuation needs a finite mean and a positive mean absolute fluctuation (at least two periods that differ).", nameof(meanAbsoluteFluctuation));
        for (int i = 1; i < ks.Count; i++)
            if (!(ks[i] > ks[i - 1])) throw new ArgumentException("The multipliers k must increase.", nameof(k));
        var breaks = ks.Select(x => historicalMean + x * meanAbsoluteFluctuation).ToArray();
        string rule = string.Create(CultureInfo.InvariantCulture,
            $"historical mean + k * mean |R_t - R_t-1|; mean = {historicalMean:G10}, fluctuation = {meanAbsoluteFluctuation:G10}, k = {string.Join(" ", ks.Select(x => x.ToString("G", CultureInfo.InvariantCulture)))}");
        return RiskThresholds.FromTransformed(MethodName, breaks, transform ?? IndexTransform.Identity,
            levels ?? RiskLevels.ForCount(ks.Count + 1), rule);
    }

    /// <summary>
    /// F = mean over units and consecutive periods of |T(R_t) − T(R_{t−1})| (units valid in both periods), streamed
    /// with <see cref="ExactSum"/>. NaN when fewer than two periods or no unit is valid in two consecutive periods.
    /// </summary>
    public static double MeanAbsoluteFluctuation(IReadOnlyList<IRiskIndexSource> periods, IndexTransform transform, TileOptions options)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentNullException.ThrowIfNull(transform);
        ArgumentNullException.ThrowIfNull(options);
        if (periods.Count < 2) return double.NaN;
        long n = 0;
        var sum = new ExactSum();
        for (int t = 1; t < periods.Count; t++)
        {
            var a = periods[t - 1];
            var b = periods[t];
            a.Grid.EnsureAlignedWith(b.Grid, $"period {t}", $"period {t + 1}");
            var layout = IndexStatistics.LayoutOf(a, options);
            var (cn, cs) = TileProcessor.MapReduce(layout, options, w =>
            {
                int len = checked((int)w.PixelCount);
                var x = ArrayPool<double>.Shared.Rent(len);
                var y = ArrayPool<double>.Shared.Rent(len);
                try
                {
                    a.Read(w, x.AsSpan(0, len));
                    b.Read(w, y.AsSpan(0, len));
                    long k = 0;
                    var s = new ExactSum();
                    for (int i = 0; i < len; i++)
                    {
                        double d = transform.Apply(y[i]) - transform.Apply(x[i]);
                        if (!double.IsFinite(d)) continue;
                        k++;
                        s.Add(Math.Abs(d));
                    }
                    return (k, s);
                }
                finally
                {
                    ArrayPool<double>.Shared.Return(x);
                    ArrayPool<double>.Shared.Return(y);
                }
            }, (0L, new ExactSum()), (acc, p) => { var s = acc.Item2; s.Add(p.s); return (acc.Item1 + p.k, s); });
            n += cn;
            sum.Add(cs);
        }
        return n == 0 ? double.NaN : sum.Value / n;
    }
}
