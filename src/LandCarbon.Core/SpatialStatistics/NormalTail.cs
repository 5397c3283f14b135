using MathNet.Numerics;

namespace LandCarbon.Core.SpatialStatistics;

/// <summary>Standard-normal p-values (as R's <c>pnorm</c>), accurate in the far tails through erfc.</summary>
public static class NormalTail
{
    /// <summary>P(Z &gt; z).</summary>
    public static double Upper(double z) => double.IsNaN(z) ? double.NaN : 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2));

    /// <summary>The p-value of z for an alternative: greater P(Z &gt; z), less P(Z &lt; z), two-sided 2·P(Z &gt; |z|).</summary>
    public static double PValue(double z, Alternative alternative) => alternative switch
    {
        Alternative.Greater => Upper(z),
        Alternative.Less => Upper(-z),
        _ => Math.Min(1.0, 2 * Upper(Math.Abs(z))),
    };
}
