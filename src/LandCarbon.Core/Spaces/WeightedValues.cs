namespace LandCarbon.Core.Spaces;

/// <summary>
/// Distinct values in ascending order with their pixel counts: the input of every grading method. Built by
/// <see cref="ValueHistogram"/> either from all pixels (exact) or from a seeded sample (<see cref="Sampled"/>).
/// </summary>
public sealed class WeightedValues
{
    /// <summary>Creates the set; values must be finite and strictly ascending, weights positive.</summary>
    public WeightedValues(double[] values, long[] weights, bool sampled = false, long populationPixels = -1)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(weights);
        if (values.Length != weights.Length) throw new ArgumentException("values and weights differ in length.");
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) throw new ArgumentException("Values must be finite.", nameof(values));
            if (weights[i] <= 0) throw new ArgumentException("Weights must be positive.", nameof(weights));
            if (i > 0 && !(values[i] > values[i - 1])) throw new ArgumentException("Values must be strictly ascending.", nameof(values));
        }
        Values = values;
        Weights = weights;
        Sampled = sampled;
        Pixels = weights.Sum();
        PopulationPixels = populationPixels < 0 ? Pixels : populationPixels;
    }

    /// <summary>Builds the set from raw values (any order, ties allowed); for tests and small inputs.</summary>
    public static WeightedValues FromRaw(IEnumerable<double> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var g = raw.GroupBy(v => v).OrderBy(x => x.Key).ToArray();
        return new WeightedValues([.. g.Select(x => x.Key)], [.. g.Select(x => (long)x.Count())]);
    }

    /// <summary>Distinct values, strictly ascending.</summary>
    public double[] Values { get; }

    /// <summary>Pixel count of each value.</summary>
    public long[] Weights { get; }

    /// <summary>Number of distinct values.</summary>
    public int Count => Values.Length;

    /// <summary>Total weight (pixels represented by these values; the sample size when sampled).</summary>
    public long Pixels { get; }

    /// <summary>Pixels of the whole space (equals <see cref="Pixels"/> unless sampled).</summary>
    public long PopulationPixels { get; }

    /// <summary>True when the values are a seeded sample of the space rather than all of its pixels.</summary>
    public bool Sampled { get; }
}
