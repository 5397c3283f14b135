
namespace LandCarbon.Core.Risk;

/// <summary>The risk stage's result.</summary>
/// <param name="Grading">The current map: the last interval graded by the three methods (thresholds from every interval).</param>
/// <param name="Zonal">Per-zone summary and key monitoring areas of the current map, or null.</param>
/// <param name="MappedInterval">The interval of the current map, e.g. "2010_2013".</param>
/// <param name="Intervals">The consecutive intervals (the thresholds of the current map are learned on all of them).</param>
/// <param name="Hindcast">The hindcast, or null (pixels, or fewer than three intervals).</param>
/// <param name="Outlook">The warning for the next, unobserved interval, or null (pixels).</param>
/// <param name="Files">Tables and rasters written.</param>
public sealed record RiskAnalysisResult(
    RiskGradingResult Grading,
    ZonalSummary? Zonal,
    string MappedInterval,
    IReadOnlyList<string> Intervals,
    RiskHindcastResult? Hindcast,
    RiskOutlookResult? Outlook,
    IReadOnlyList<string> Files);
