using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.Tests.Spaces;

public class ValueHistogramTests
{
    /// <summary>The seeded sample is the k pixels with the smallest keys hash(seed, index), whatever the parts and the
    /// order they are merged in; the counts overflow exactly when the whole has more distinct values than the cap.</summary>
    [Theory]
    [InlineData(1, 50, 2000)]
    [InlineData(3, 7, 500)]
    [InlineData(4, 300, 250)]
    public void Sample_IsTheBottomKOfTheKeys_ForAnyPartsAndMergeOrder(int parts, int sampleSize, int n)
    {
        const long seed = 42;
        var rng = new Random(parts * 1000 + sampleSize);
        var values = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 20, 1)).ToArray();
        ulong mix = ValueHistogram.SplitMix64((ulong)seed ^ 0x5DEECE66DUL);
        var expected = Enumerable.Range(0, n).OrderBy(i => ValueHistogram.SplitMix64((ulong)i ^ mix)).Take(sampleSize)
            .Select(i => values[i]).Order().ToArray();
        int distinct = values.Distinct().Count();
        foreach (int cap in new[] { distinct - 1, distinct })
        {
            var overflow = new HistogramOverflow();
            var hs = Enumerable.Range(0, parts).Select(_ => new ValueHistogram(cap, sampleSize, seed, overflow)).ToArray();
            // Pixels dealt to the parts in runs, as tiles are.
            for (int i = 0; i < n; i++) hs[i / 37 % parts].Add(values[i], i);
            var whole = hs[^1];
            for (int p = parts - 2; p >= 0; p--) whole.Merge(hs[p]);
            Assert.Equal(cap < distinct, whole.Overflowed);
            var w = whole.ToWeightedValues();
            if (cap < distinct)
                Assert.Equal(expected, w.Values.Zip(w.Weights).SelectMany(t => Enumerable.Repeat(t.First, (int)t.Second)).ToArray());
            else
                Assert.Equal(n, w.Weights.Sum());
        }
    }
}
