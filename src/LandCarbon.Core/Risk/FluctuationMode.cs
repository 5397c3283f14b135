namespace LandCarbon.Core.Risk;

/// <summary>Variant of the fluctuation thresholds (study key <c>risk.fluctuation.mode</c>).</summary>
public enum FluctuationMode
{
    /// <summary>Equal intervals of the range of the index.</summary>
    EqualInterval,

    /// <summary>Historical mean ± k × mean absolute inter-period fluctuation (needs two or more training periods;
    /// falls back to equal intervals, with a note, when there is only one).</summary>
    Historical,
}
