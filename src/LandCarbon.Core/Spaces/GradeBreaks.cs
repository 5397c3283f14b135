namespace LandCarbon.Core.Spaces;

/// <summary>
/// The grading of one space: ascending thresholds on |ΔCBI| (t C/yr). A value v gets grade
/// 1 + #{thresholds ≤ v}, so grade g covers [threshold_{g−1}, threshold_g) (left-closed, as classInt's default
/// intervalClosure="left"); the top grade is open above. <see cref="Grades"/> = thresholds + 1.
/// </summary>
public sealed record GradeBreaks(
    GradingMethod Method,
    IReadOnlyList<double> Thresholds,
    bool Sampled,
    int DistinctValues,
    long PixelsUsed,
    long PopulationPixels)
{
    /// <summary>Number of grades (thresholds + 1; fewer than requested when the space has fewer distinct values).</summary>
    public int Grades => Thresholds.Count + 1;

    /// <summary>An empty space: one grade, no thresholds.</summary>
    public static GradeBreaks Empty(GradingMethod method) => new(method, [], false, 0, 0, 0);

    /// <summary>The grade 1…<see cref="Grades"/> of a magnitude |ΔCBI|.</summary>
    public int GradeOf(double magnitude)
    {
        int g = 1;
        for (int i = 0; i < Thresholds.Count; i++)
            if (magnitude >= Thresholds[i]) g++;
        return g;
    }

    /// <summary>How the grading was made, for tables: "NaturalBreaks" or "NaturalBreaks(sample 100000 of 2500000 px)".</summary>
    public string Description => Sampled ? $"{Method}(seeded sample {PixelsUsed} of {PopulationPixels} px)" : Method.ToString();
}
