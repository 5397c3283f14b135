namespace LandCarbon.Core.Risk;

/// <summary>The result of one grading method: its thresholds, the level counts of the graded (map) index and its
/// accuracy against the observed levels (null when no validation was possible).</summary>
/// <param name="Thresholds">Breaks and rule.</param>
/// <param name="LevelPixelCounts">Units per level of the map index (index 0 = nodata).</param>
/// <param name="Accuracy">Confusion matrix of predicted against observed levels.</param>
public sealed record RiskMethodResult(RiskThresholds Thresholds, IReadOnlyList<long> LevelPixelCounts, ConfusionMatrix? Accuracy)
{
    /// <summary>Method name.</summary>
    public string Method => Thresholds.Method;

    /// <summary>Share of level k (1-based) among graded units.</summary>
    public double LevelShare(int level)
    {
        long total = LevelPixelCounts.Skip(1).Sum();
        return total == 0 ? double.NaN : (double)LevelPixelCounts[level] / total;
    }
}
