namespace LandCarbon.Core.Risk;

/// <summary>
/// The outcome of the early warning: the index statistics (after the transform), the three methods with their
/// thresholds, level counts and accuracy, and the ranking. Stored in the run's result store by <c>RiskStage</c>.
/// </summary>
/// <param name="Statistics">Statistics of the training index after <see cref="Transform"/>.</param>
/// <param name="Transform">The transform (Box-Cox λ fitted).</param>
/// <param name="Methods">Error theory, parameter-based and fluctuation, in that order.</param>
/// <param name="Validation">How the observed levels were obtained, in words.</param>
/// <param name="Notes">Fallbacks taken (e.g. the fluctuation method reverted to equal intervals).</param>
public sealed record RiskGradingResult(
    IndexStatistics Statistics,
    IndexTransform Transform,
    IReadOnlyList<RiskMethodResult> Methods,
    string Validation,
    IReadOnlyList<string> Notes)
{
    /// <summary>
    /// The methods ranked best first: by overall accuracy, then kappa, then hit rate (NaN last); methods without
    /// accuracy come last in their original order.
    /// </summary>
    public IReadOnlyList<RiskMethodResult> Ranked() =>
        [.. Methods.Select((m, i) => (m, i))
            .OrderByDescending(x => Key(x.m.Accuracy?.OverallAccuracy))
            .ThenByDescending(x => Key(x.m.Accuracy?.Kappa))
            .ThenByDescending(x => Key(x.m.Accuracy?.HitRate))
            .ThenBy(x => x.i)
            .Select(x => x.m)];

    private static double Key(double? v) => v is double d && !double.IsNaN(d) ? d : double.NegativeInfinity;

    /// <summary>The result of one method by name.</summary>
    public RiskMethodResult Method(string name) => Methods.Single(m => m.Method == name);
}
