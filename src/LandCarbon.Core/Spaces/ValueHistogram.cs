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
    // The sample's candidates (key, value), at most 2k: after each pruning to the k smallest keys, only keys below
    // the largest kept can still be among the k smallest of all (keys are distinct: SplitMix64 is a bijection).
    private ulong[] _keys = new ulong[16];
    private double[] _values = new double[16];
    private int _candidates;
    private bool _pruned;
    private ulong _threshold;
    private readonly HistogramOverflow? _overflow;
    // A run of equal values not yet in _counts (neighbouring pixels often share a value): one dictionary update per run.
    private double _runValue;
    private long _runCount;

    /// <summary>Creates an empty histogram.</summary>
    /// <param name="maxDistinct">The cap on distinct values.</param>
    /// <param name="sampleSize">The size of the seeded sample.</param>
    /// <param name="seed">The seed of the sample.</param>
    /// <param name="overflow">Shared by histograms of parts of one space that are merged later (null: none): once
    /// one part has more distinct values than the cap, so has the whole, and the others stop counting.</param>
    public ValueHistogram(int maxDistinct, int sampleSize, long seed, HistogramOverflow? overflow = null)
    {
        _overflow = overflow;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDistinct, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 1);
        _maxDistinct = maxDistinct;
        _sampleSize = sampleSize;
        _seedMix = SplitMix64((ulong)seed ^ 0x5DEECE66DUL);
    }

    /// <summary>Pixels added.</summary>
    public long Pixels { get; private set; }

    /// <summary>True when the space has more distinct values than the cap (grading then uses the sample).</summary>
    public bool Overflowed
    {
        get
        {
            FlushRun();
            return _counts is null;
        }
    }

    /// <summary>Adds one pixel's value; <paramref name="pixelIndex"/> is its row-major index in the whole grid.</summary>
    public void Add(double value, long pixelIndex)
    {
        Pixels++;
        if (_counts is not null)
        {
            if (_runCount > 0 && value == _runValue) _runCount++;
            else
            {
                FlushRun();
                _runValue = value;
                _runCount = 1;
            }
        }
        Offer(SplitMix64((ulong)pixelIndex ^ _seedMix), value);
    }

    /// <summary>Moves the pending run into the counts (dropping them when they pass the cap here or in a sibling part).</summary>
    private void FlushRun()
    {
        if (_counts is null || _overflow is { Overflowed: true }) { _counts = null; _runCount = 0; return; }
        if (_runCount == 0) return;
        ref long c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, _runValue, out _);
        c += _runCount;
        _runCount = 0;
        CheckCap();
    }

    private void CheckCap()
    {
        if (_counts is null || _counts.Count <= _maxDistinct) return;
        _counts = null;
        if (_overflow is not null) _overflow.Overflowed = true;
    }

    private void Offer(ulong key, double value)
    {
        if (_pruned && key >= _threshold) return;
        if (_candidates == _keys.Length)
        {
            if (_candidates >= 2 * _sampleSize) Prune();
            else
            {
                int size = (int)Math.Min(2L * _sampleSize, 2L * _keys.Length);
                Array.Resize(ref _keys, size);
                Array.Resize(ref _values, size);
            }
        }
        _keys[_candidates] = key;
        _values[_candidates++] = value;
    }

    /// <summary>Keeps the candidates with the k smallest keys.</summary>
    private void Prune()
    {
        if (_candidates <= _sampleSize) return;
        Array.Sort(_keys, _values, 0, _candidates);
        _candidates = _sampleSize;
        _threshold = _keys[_sampleSize - 1];
        _pruned = true;
    }

    /// <summary>Adds everything of <paramref name="other"/> (built with the same cap, sample size and seed).</summary>
    public void Merge(ValueHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        FlushRun();
        other.FlushRun();
        Pixels += other.Pixels;
        if (_counts is not null && other._counts is not null)
        {
            foreach (var (v, n) in other._counts)
            {
                ref long c = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, v, out _);
                c += n;
            }
            CheckCap();
        }
        else _counts = null;
        for (int i = 0; i < other._candidates; i++) Offer(other._keys[i], other._values[i]);
    }

    /// <summary>The values to grade: the exact weighted histogram, or the sample when the cap was exceeded.</summary>
    public WeightedValues ToWeightedValues()
    {
        FlushRun();
        if (_counts is not null)
        {
            var keys = _counts.Keys.ToArray();
            Array.Sort(keys);
            return new WeightedValues(keys, [.. keys.Select(k => _counts[k])], sampled: false);
        }
        Prune();
        var sample = _values.AsSpan(0, _candidates).ToArray();
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

/// <summary>Set when one of the parts of a space (the histograms of parallel workers) has more distinct values than
/// the cap: the merged histogram will have too, so the others can stop counting (see <see cref="ValueHistogram"/>).</summary>
public sealed class HistogramOverflow
{
    private volatile bool _overflowed;

    /// <summary>True once a part passed the cap.</summary>
    public bool Overflowed
    {
        get => _overflowed;
        set => _overflowed = value;
    }
}
