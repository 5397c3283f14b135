namespace LandCarbon.Core.Spaces;

/// <summary>
/// Gathers the values of one space without holding its pixels: a dictionary value → pixel count while the
/// distinct values stay at or below a cap, and always alongside it a bottom-k sample: the <c>sampleSize</c> pixels
/// with the smallest keys hash(seed, pixel index). Both merge exactly and independently of order, so the
/// result is identical for any tile size, thread count and merge order: the histogram overflows exactly when the
/// whole space has more distinct values than the cap, and the sample is a fixed function of the seed.
/// </summary>
public sealed class ValueHistogram
{
    private readonly int _maxDistinct;
    private readonly int _sampleSize;
    private readonly ulong _seedMix;
    private Dictionary<double, long>? _counts = [];
    // Max-heap on key: the root is the largest of the k smallest keys kept so far.
    private readonly PriorityQueue<double, ulong> _sample;

    /// <summary>Creates an empty histogram.</summary>
    public ValueHistogram(int maxDistinct, int sampleSize, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDistinct, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        _maxDistinct = maxDistinct;
        _sampleSize = sampleSize;
        _seedMix = SplitMix64((ulong)seed ^ 0x5DEECE66DUL);
        _sample = new PriorityQueue<double, ulong>(Comparer<ulong>.Create((a, b) => b.CompareTo(a)));
    }

    /// <summary>Pixels added.</summary>
    public long Pixels { get; private set; }

    /// <summary>True when the space has more distinct values than the cap (grading then uses the sample).</summary>
    public bool Overflowed => _counts is null;

    /// <summary>Adds one pixel's value; <paramref name="pixelIndex"/> is its row-major index in the whole grid.</summary>
    public void Add(double value, long pixelIndex)
    {
        Pixels++;
        if (_counts is not null)
        {
            ref long c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, value, out _);
            c++;
            if (_counts.Count > _maxDistinct) _counts = null;
        }
        Offer(SplitMix64((ulong)pixelIndex ^ _seedMix), value);
    }

    private void Offer(ulong key, double value)
    {
        if (_sample.Count < _sampleSize) _sample.Enqueue(value, key);
        else if (_sample.TryPeek(out _, out ulong top) && key < top) _sample.EnqueueDequeue(value, key);
    }

    /// <summary>Adds everything of <paramref name="other"/> (built with the same cap, sample size and seed).</summary>
    public void Merge(ValueHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Pixels += other.Pixels;
        if (_counts is not null && other._counts is not null)
        {
            foreach (var (v, n) in other._counts)
            {
                ref long c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, v, out _);
                c += n;
            }
            if (_counts.Count > _maxDistinct) _counts = null;
        }
        else _counts = null;
        foreach (var (v, key) in other._sample.UnorderedItems) Offer(key, v);
    }

    /// <summary>The values to grade: the exact weighted histogram, or the sample when the cap was exceeded.</summary>
    public WeightedValues ToWeightedValues()
    {
        if (_counts is not null)
        {
            var keys = _counts.Keys.ToArray();
            Array.Sort(keys);
            return new WeightedValues(keys, [.. keys.Select(k => _counts[k])], sampled: false);
        }
        var sample = _sample.UnorderedItems.Select(x => x.Element).ToArray();
        Array.Sort(sample);
        var values = new List<double>();
        var weights = new List<long>();
        foreach (var v in sample)
        {
            if (values.Count > 0 && values[^1] == v) weights[^1]++;
            else { values.Add(v); weights.Add(1); }
        }
        return new WeightedValues([.. values], [.. weights], sampled: true, populationPixels: Pixels);
    }

    /// <summary>SplitMix64 finalizer: a bijection on 64-bit integers with good mixing.</summary>
    internal static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
