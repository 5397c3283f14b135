namespace LandCarbon.Core.Spaces;

/// <summary>
/// Where a pixel's carbon budget change puts it: carbon-increment space (ΔCBI &gt; ε), carbon-reduction space
/// (ΔCBI &lt; −ε) or stable (|ΔCBI| ≤ ε). The numeric value is the sign used in the space-grade raster.
/// </summary>
public enum SpaceKind
{
    /// <summary>Carbon-reduction space (减碳空间): ΔCBI &lt; −ε.</summary>
    ReductionSpace = -1,

    /// <summary>Stable: |ΔCBI| ≤ ε.</summary>
    Stable = 0,

    /// <summary>Carbon-increment space (增碳空间): ΔCBI &gt; ε.</summary>
    IncrementSpace = 1,
}

/// <summary>Intensity grade within a space (graded on |ΔCBI|): 1 weak … 4 extremely strong.</summary>
public enum IntensityGrade
{
    /// <summary>No grade (stable pixels).</summary>
    None = 0,

    /// <summary>Weak (弱).</summary>
    Weak = 1,

    /// <summary>Moderate (中等).</summary>
    Moderate = 2,

    /// <summary>Strong (强).</summary>
    Strong = 3,

    /// <summary>Extremely strong (极强).</summary>
    ExtremelyStrong = 4,
}

/// <summary>Names used in tables for spaces and grades (the glossary's code names).</summary>
public static class SpaceNames
{
    /// <summary>The code name of a space as written in tables.</summary>
    public static string Of(SpaceKind space) => space switch
    {
        SpaceKind.IncrementSpace => "IncrementSpace",
        SpaceKind.ReductionSpace => "ReductionSpace",
        _ => "Stable",
    };

    /// <summary>The code name of grade 1…4 (or "None" for 0); grades above 4 are written as "Grade5" etc.</summary>
    public static string OfGrade(int grade) => grade switch
    {
        0 => "None",
        >= 1 and <= 4 => ((IntensityGrade)grade).ToString(),
        _ => $"Grade{grade}",
    };
}
