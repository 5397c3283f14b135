using LandCarbon.Core.Numerics;
using LandCarbon.Core.Processing;

namespace LandCarbon.Core.Risk;

/// <summary>Seeded, order-independent samples of index values (for Box-Cox λ and quartile fallbacks).</summary>
public static class IndexSampling
{
    /// <summary>
    /// Up to <paramref name="maxCount"/> valid values satisfying <paramref name="keep"/>, chosen by the smallest
    /// <see cref="SampleKey"/> of (seed, source number · pixels + pixel index) over all <paramref name="sources"/>.
    /// </summary>
    public static double[] Values(IReadOnlyList<IRiskIndexSource> sources, Func<double, bool> keep, int maxCount, long seed, TileOptions options)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(keep);
        ArgumentNullException.ThrowIfNull(options);
        var total = new KeyedSample<double>(maxCount);
        for (int s = 0; s < sources.Count; s++)
        {
            var src = sources[s];
            long offset = s * src.Grid.PixelCount;
            int width = src.Grid.Width;
            var layout = IndexStatistics.LayoutOf(src, options);
            var part = TileProcessor.MapReduce(layout, options, w =>
            {
                var k = new KeyedSample<double>(maxCount);
                IndexStatistics.WithTile(src, w, v =>
                {
                    for (int i = 0; i < v.Length; i++)
                    {
                        double x = v[i];
                        if (double.IsNaN(x) || !keep(x)) continue;
                        long idx = offset + (long)(w.Row + i / w.Width) * width + w.Col + i % w.Width;
                        k.Offer(SampleKey.Of(seed, idx), idx, x);
                    }
                });
                return k;
            }, new KeyedSample<double>(maxCount), (a, p) => { a.Merge(p); return a; });
            total.Merge(part);
        }
        return [.. total.Items().Select(x => x.Item)];
    }

    /// <summary>Single-source overload.</summary>
    public static double[] Values(IRiskIndexSource source, Func<double, bool> keep, int maxCount, long seed, TileOptions options) =>
        Values([source], keep, maxCount, seed, options);
}
