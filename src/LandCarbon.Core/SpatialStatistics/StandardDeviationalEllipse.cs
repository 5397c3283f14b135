namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// A standard deviational ellipse (ArcGIS Directional Distribution, one standard deviation, with the √2
/// correction): with x̃, ỹ the offsets from the weighted mean centre, A = Σw x̃² − Σw ỹ², B = Σw x̃ỹ,
/// the rotation θ (clockwise from north, 0…180°) solves tan θ = (A + √(A² + 4B²)) / (2B);
/// σ_x = √2 · √(Σw (x̃ cos θ − ỹ sin θ)² / Σw) and σ_y = √2 · √(Σw (x̃ sin θ + ỹ cos θ)² / Σw).
/// σ_y lies along the direction θ, σ_x across it.
/// </summary>
/// <param name="Centre">The weighted mean centre.</param>
/// <param name="SigmaX">Semi-axis across the rotation direction, map units.</param>
/// <param name="SigmaY">Semi-axis along the rotation direction, map units.</param>
/// <param name="RotationDegrees">θ, clockwise from north, in [0, 180).</param>
public sealed record StandardDeviationalEllipse(MeanCentre Centre, double SigmaX, double SigmaY, double RotationDegrees)
{
    /// <summary>Area π σ_x σ_y in squared map units.</summary>
    public double Area => Math.PI * SigmaX * SigmaY;

    /// <summary>Ratio of the shorter to the longer semi-axis (1 = no direction).</summary>
    public double Flattening => Math.Min(SigmaX, SigmaY) / Math.Max(SigmaX, SigmaY);

    /// <summary>Computes the ellipse; weights as <see cref="MeanCentre.Compute"/> (empty = unweighted).</summary>
    public static StandardDeviationalEllipse Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> weights)
    {
        var c = MeanCentre.Compute(x, y, weights);
        if (c.Count == 0) return new StandardDeviationalEllipse(c, double.NaN, double.NaN, double.NaN);
        double sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            if (!(w > 0) || !double.IsFinite(w) || !double.IsFinite(x[i]) || !double.IsFinite(y[i])) continue;
            double dx = x[i] - c.X, dy = y[i] - c.Y;
            sxx += w * dx * dx; syy += w * dy * dy; sxy += w * dx * dy;
        }
        double a = sxx - syy;
        // atan2 form of tan θ = (A + √(A² + 4B²)) / (2B): also defined when B = 0 (θ = 90° if A > 0, else 0).
        double theta = Math.Atan2(a + Math.Sqrt(a * a + 4 * sxy * sxy), 2 * sxy);
        if (theta < 0) theta += Math.PI;
        if (theta >= Math.PI) theta -= Math.PI;
        double cos = Math.Cos(theta), sin = Math.Sin(theta), sa = 0, sb = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            if (!(w > 0) || !double.IsFinite(w) || !double.IsFinite(x[i]) || !double.IsFinite(y[i])) continue;
            double dx = x[i] - c.X, dy = y[i] - c.Y;
            double u = dx * cos - dy * sin, v = dx * sin + dy * cos;
            sa += w * u * u; sb += w * v * v;
        }
        return new StandardDeviationalEllipse(c, Math.Sqrt(2) * Math.Sqrt(sa / c.TotalWeight),
            Math.Sqrt(2) * Math.Sqrt(sb / c.TotalWeight), theta * 180 / Math.PI);
    }
}
