namespace LandCarbon.Core.SpatialStatistics;

/// <summary>What a fishnet cell holds of the fine pixels inside it.</summary>
public enum FishnetStatistic
{
    /// <summary>Sum of the valid pixel values (e.g. ΔCBI in t C/yr per fishnet cell).</summary>
    Sum,

    /// <summary>Mean of the valid pixel values (e.g. a POI density).</summary>
    Mean,

    /// <summary>Fraction (0…1) of the valid pixels equal to a class code (e.g. construction land share).</summary>
    ClassShare,
}
