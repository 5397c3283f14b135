namespace LandCarbon.Core.Risk;

/// <summary>
/// A strictly increasing transform of the risk index, applied before the threshold statistics so that a skewed
/// index is closer to normal (the error-theory method assumes normality).
/// <list type="bullet">
/// <item>None: T(R) = R.</item>
/// <item>Log1p (signed): T(R) = sign(R)·ln(1 + |R|); inverse sign(z)·(e^|z| − 1).</item>
/// <item>BoxCox: y = R + <see cref="Shift"/> (must be &gt; 0); T = (y^λ − 1)/λ for λ ≠ 0, ln y for λ = 0; values with
/// y ≤ 0 map to NaN (treated as nodata).</item>
/// </list>
/// </summary>
/// <param name="Kind">Which transform.</param>
/// <param name="Lambda">Box-Cox λ (ignored otherwise).</param>
/// <param name="Shift">Box-Cox shift added to R before the power (ignored otherwise).</param>
public sealed record IndexTransform(IndexTransformKind Kind, double Lambda = 0, double Shift = 0)
{
    /// <summary>The identity.</summary>
    public static IndexTransform Identity { get; } = new(IndexTransformKind.None);

    /// <summary>Signed log1p.</summary>
    public static IndexTransform SignedLog1p { get; } = new(IndexTransformKind.Log1p);

    // |λ| below this is treated as λ = 0 (the limit of the power form is ln y).
    private const double LambdaZero = 1e-12;

    /// <summary>T(R); NaN stays NaN.</summary>
    public double Apply(double r)
    {
        switch (Kind)
        {
            case IndexTransformKind.Log1p:
                return Math.CopySign(Math.Log(1 + Math.Abs(r)), r);
            case IndexTransformKind.BoxCox:
                double y = r + Shift;
                if (!(y > 0)) return double.NaN;
                return Math.Abs(Lambda) < LambdaZero ? Math.Log(y) : (Math.Pow(y, Lambda) - 1) / Lambda;
            default:
                return r;
        }
    }

    /// <summary>
    /// T⁻¹(z). For Box-Cox, z outside the image of (0, ∞) maps to −∞ (below it) or +∞ (above it), so that breaks
    /// keep their order on the raw scale.
    /// </summary>
    public double Inverse(double z)
    {
        switch (Kind)
        {
            case IndexTransformKind.Log1p:
                return double.IsInfinity(z) ? z : Math.CopySign(Math.Exp(Math.Abs(z)) - 1, z);
            case IndexTransformKind.BoxCox:
                if (Math.Abs(Lambda) < LambdaZero) return Math.Exp(z) - Shift;
                double u = Lambda * z + 1;
                if (!(u > 0)) return Lambda > 0 ? double.NegativeInfinity : double.PositiveInfinity;
                return Math.Pow(u, 1 / Lambda) - Shift;
            default:
                return z;
        }
    }

    /// <summary>Short description for tables, e.g. "boxcox(lambda=0.25, shift=1)".</summary>
    public override string ToString() => Kind switch
    {
        IndexTransformKind.Log1p => "log1p",
        IndexTransformKind.BoxCox => FormattableString.Invariant($"boxcox(lambda={Lambda:G6}, shift={Shift:G6})"),
        _ => "none",
    };
}
