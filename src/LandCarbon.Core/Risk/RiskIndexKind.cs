namespace LandCarbon.Core.Risk;

/// <summary>The risk index of a study (study key <c>risk.index</c>).</summary>
public enum RiskIndexKind
{
    /// <summary>ΔCBI of the interval: per pixel, or summed over each fishnet cell (t C/yr).</summary>
    DeltaCbi,

    /// <summary>ΔCBI summed over each fishnet cell divided by the cell's valid area (t C/yr per km²).</summary>
    DeltaCbiPerKm2,

    /// <summary>Composite of min–max normalised indicators (<see cref="CompositeSeries"/>; fishnet cells only).</summary>
    Composite,

    /// <summary>The value of the fitted driver model (METHOD-SPEC (j) "dominant factors"): ΔCBI forecast by the
    /// <see cref="RiskForecast.Drivers"/> forecaster, validated against the observed ΔCBI.</summary>
    DominantFactor,
}
