namespace LandCarbon.Core.Risk;

/// <summary>Which reference value the parameter-based thresholds multiply (study key <c>risk.parameter.reference</c>).</summary>
public enum ParameterReference
{
    /// <summary>The regional mean of the index; when it is not positive, the mean of the positive values is used (and said in the rule).</summary>
    Mean,

    /// <summary>The mean of the positive values (the mean of the carbon-increment units for a ΔCBI index).</summary>
    PositiveMean,

    /// <summary>A given value (e.g. a policy benchmark such as the mean emission intensity of construction land).</summary>
    Value,
}
