namespace LandCarbon.Core.Risk;

/// <summary>The risk index of a study (study key <c>risk.index</c>).</summary>
public enum RiskIndexKind
{
    /// <summary>ΔCBI of the interval: per pixel, or summed over each fishnet cell (t C/yr).</summary>
    DeltaCbi,

    /// <summary>ΔCBI summed over each fishnet cell divided by the cell's valid area (t C/yr per km²).</summary>
    DeltaCbiPerKm2,
}
