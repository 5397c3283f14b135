namespace LandCarbon.Core.Spaces;

/// <summary>
/// Cuts the |ΔCBI| values of one space into intensity grades with the method of <see cref="GradingOptions"/>.
/// All methods work on the pixel-weighted values (the exact histogram or the seeded sample); every pixel
/// counts once, so quantiles and moments are those of the pixels, not of the distinct values.
/// </summary>
public static class SpaceGrading
{
    /// <summary>The thresholds of one space (ascending, at most Grades − 1, duplicates removed).</summary>
    public static GradeBreaks Compute(WeightedValues values, GradingOptions options)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (values.Count == 0) return GradeBreaks.Empty(options.Method);
        int k = options.Grades;
        double[] t = options.Method switch
        {
            GradingMethod.NaturalBreaks => FisherJenks.Thresholds(values.Values, values.Weights, k),
            GradingMethod.Quantile => Quantiles(values, k),
            GradingMethod.StandardDeviation => MeanSd(values, options.StandardDeviationMultipliers),
            GradingMethod.EqualInterval => EqualInterval(values.Values[0], values.Values[^1], k),
            GradingMethod.GeometricInterval => Geometric(values.Values[0], values.Values[^1], k),
            _ => throw new ArgumentOutOfRangeException(nameof(options)),
        };
        // Keep strictly ascending thresholds inside the data range: a threshold at or below the minimum, or a
        // repeated one, would only make an empty grade.
        var kept = new List<double>();
        foreach (var x in t)
            if (x > values.Values[0] && (kept.Count == 0 || x > kept[^1])) kept.Add(x);
        return new GradeBreaks(options.Method, kept, values.Sampled, values.Count, values.Pixels, values.PopulationPixels);
    }

    /// <summary>Weighted quantile of type 7 (R's default): the value at position h = (n − 1)·p of the sorted pixels,
    /// interpolated linearly.</summary>
    public static double QuantileType7(WeightedValues v, double p)
    {
        ArgumentNullException.ThrowIfNull(v);
        double h = (v.Pixels - 1) * p;
        long lo = (long)Math.Floor(h);
        double a = ValueAtRank(v, lo), b = ValueAtRank(v, Math.Min(lo + 1, v.Pixels - 1));
        return b == a ? a : (1 - (h - lo)) * a + (h - lo) * b;
    }

    private static double ValueAtRank(WeightedValues v, long rank)
    {
        long cum = 0;
        for (int i = 0; i < v.Count; i++)
        {
            cum += v.Weights[i];
            if (rank < cum) return v.Values[i];
        }
        return v.Values[^1];
    }

    private static double[] Quantiles(WeightedValues v, int k) =>
        [.. Enumerable.Range(1, k - 1).Select(i => QuantileType7(v, (double)i / k))];

    /// <summary>Pixel-weighted mean and population standard deviation (two-pass, in ascending value order).</summary>
    public static (double Mean, double Sd) MeanAndSd(WeightedValues v)
    {
        ArgumentNullException.ThrowIfNull(v);
        double n = v.Pixels, sum = 0;
        for (int i = 0; i < v.Count; i++) sum += v.Weights[i] * v.Values[i];
        double mean = sum / n, ss = 0;
        for (int i = 0; i < v.Count; i++) { double d = v.Values[i] - mean; ss += v.Weights[i] * d * d; }
        return (mean, Math.Sqrt(ss / n));
    }

    private static double[] MeanSd(WeightedValues v, IReadOnlyList<double> multipliers)
    {
        var (mean, sd) = MeanAndSd(v);
        return [.. multipliers.Select(m => mean + m * sd)];
    }

    private static double[] EqualInterval(double min, double max, int k) =>
        [.. Enumerable.Range(1, k - 1).Select(i => min + i * ((max - min) / k))];

    private static double[] Geometric(double min, double max, int k)
    {
        if (!(min > 0)) throw new ArgumentException("Geometric intervals need positive magnitudes (set ε > 0 or use another method).");
        double r = Math.Pow(max / min, 1.0 / k);
        return [.. Enumerable.Range(1, k - 1).Select(i => min * Math.Pow(r, i))];
    }
}
