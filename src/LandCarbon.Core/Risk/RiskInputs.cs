namespace LandCarbon.Core.Risk;

/// <summary>
/// What the early warning grades and validates against.
/// </summary>
/// <param name="TrainingIndex">Index of the periods the thresholds are learned from (the study's current map: every
/// interval; a hindcast target: the intervals before it; stand-alone: the index itself). Pooled: each pixel of each period is one value.</param>
/// <param name="MapIndex">Index graded into the risk maps and level shares (the last interval, or the index itself).</param>
/// <param name="PredictionIndex">Index graded to predict the observed levels; null = <paramref name="MapIndex"/>.</param>
/// <param name="Observed">Observed level per pixel (hindcast reference levels or a reference raster), or null.</param>
/// <param name="Samples">Validation units with observed levels (a sample file); used instead of
/// <paramref name="Observed"/> when given.</param>
public sealed record RiskInputs(
    IReadOnlyList<IRiskIndexSource> TrainingIndex,
    IRiskIndexSource MapIndex,
    IRiskIndexSource? PredictionIndex = null,
    IObservedLevelSource? Observed = null,
    IReadOnlyList<ValidationSample>? Samples = null);
