using LandCarbon.Core.Zonal;

namespace LandCarbon.Core.Risk;

/// <summary>The risk stage's result: the grading of the three methods, the zonal summary (when zones were given),
/// the validation interval and the files written.</summary>
/// <param name="Grading">Thresholds, level counts, accuracy and ranking.</param>
/// <param name="Zonal">Per-zone summary and key monitoring areas, or null.</param>
/// <param name="ValidationInterval">The interval graded and validated, e.g. "2010_2013".</param>
/// <param name="TrainingIntervals">The intervals the thresholds were learned from.</param>
/// <param name="Files">Tables and rasters written.</param>
public sealed record RiskAnalysisResult(
    RiskGradingResult Grading,
    ZonalSummary? Zonal,
    string ValidationInterval,
    IReadOnlyList<string> TrainingIntervals,
    IReadOnlyList<string> Files);
