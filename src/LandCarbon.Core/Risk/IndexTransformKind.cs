namespace LandCarbon.Core.Risk;

/// <summary>Transform applied to the risk index before thresholds are computed (study key <c>risk.transform</c>).</summary>
public enum IndexTransformKind
{
    /// <summary>Grade the index as it is.</summary>
    None,

    /// <summary>Signed log1p: sign(R)·ln(1 + |R|), defined for every real R and strictly increasing.</summary>
    Log1p,

    /// <summary>Box-Cox of the shifted index, λ by maximum likelihood (<see cref="BoxCox"/>).</summary>
    BoxCox,
}
