namespace LandCarbon.Core.Risk;

/// <summary>Which index the temporal hold-out grades to predict the validation interval (study key <c>risk.holdOut.predictFrom</c>).</summary>
public enum HoldOutPrediction
{
    /// <summary>The index of the validation interval itself, graded with thresholds learned on the earlier
    /// intervals (do thresholds from the past identify the present high-risk units?).</summary>
    LastInterval,

    /// <summary>The index of the last training interval (a forecast: the warning issued before the validation interval).</summary>
    PreviousInterval,
}
