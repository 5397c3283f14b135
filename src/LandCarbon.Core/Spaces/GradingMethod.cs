namespace LandCarbon.Core.Spaces;

/// <summary>How the intensity grades of a space are cut (all work on |ΔCBI| within the space).</summary>
public enum GradingMethod
{
    /// <summary>Jenks natural breaks by Fisher's exact optimal partition (minimum within-class sum of squares),
    /// on the pixel-weighted distinct values, or on a seeded sample when the values are too many.</summary>
    NaturalBreaks,

    /// <summary>Quantiles (R type 7) at 1/k, 2/k, …, of the pixel values: equal pixel counts up to ties.</summary>
    Quantile,

    /// <summary>Mean + m·σ (population σ over pixels) for the configured multipliers m.</summary>
    StandardDeviation,

    /// <summary>Equal-width intervals between the smallest and largest value.</summary>
    EqualInterval,

    /// <summary>Geometric progression between the smallest and largest value (ratio (max/min)^(1/k)).</summary>
    GeometricInterval,
}

/// <summary>Options of the increment/reduction space grading (METHOD-SPEC §(e)).</summary>
public sealed record GradingOptions
{
    /// <summary>Grading method; default Jenks natural breaks.</summary>
    public GradingMethod Method { get; init; } = GradingMethod.NaturalBreaks;

    /// <summary>Number of grades per space; default 4 (weak, moderate, strong, extremely strong).</summary>
    public int Grades { get; init; } = 4;

    /// <summary>ε in t C/yr: |ΔCBI| ≤ ε is stable; default 0.</summary>
    public double EpsilonTonnesC { get; init; }

    /// <summary>Multipliers m of σ for <see cref="GradingMethod.StandardDeviation"/> (thresholds μ + m·σ, Grades−1
    /// of them, ascending); default {0, 0.5, 1}.</summary>
    public IReadOnlyList<double> StandardDeviationMultipliers { get; init; } = [0, 0.5, 1.0];

    /// <summary>Above this many distinct values in a space, grades are computed on a seeded sample instead of the
    /// full weighted histogram; default 100,000.</summary>
    public int MaxDistinctValues { get; init; } = 100_000;

    /// <summary>Size of the seeded sample used beyond <see cref="MaxDistinctValues"/>; default 100,000 pixels.</summary>
    public int SampleSize { get; init; } = 100_000;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (Grades < 1) throw new ArgumentException($"Grades must be at least 1 (got {Grades}).");
        if (!(EpsilonTonnesC >= 0)) throw new ArgumentException($"EpsilonTonnesC must be ≥ 0 (got {EpsilonTonnesC}).");
        if (MaxDistinctValues < 1 || SampleSize < 1) throw new ArgumentException("MaxDistinctValues and SampleSize must be positive.");
        if (Method == GradingMethod.StandardDeviation)
        {
            if (StandardDeviationMultipliers.Count != Grades - 1)
                throw new ArgumentException($"StandardDeviationMultipliers needs {Grades - 1} values for {Grades} grades (got {StandardDeviationMultipliers.Count}).");
            for (int i = 1; i < StandardDeviationMultipliers.Count; i++)
                if (!(StandardDeviationMultipliers[i] > StandardDeviationMultipliers[i - 1]))
                    throw new ArgumentException("StandardDeviationMultipliers must be strictly ascending.");
        }
    }
}
