namespace LandCarbon.Core.SpatialStatistics;

/// <summary>A weighted mean centre (gravity centre) in map units.</summary>
/// <param name="X">Σ w_i x_i / Σ w_i.</param>
/// <param name="Y">Σ w_i y_i / Σ w_i.</param>
/// <param name="TotalWeight">Σ w_i.</param>
/// <param name="Count">Points with a positive, finite weight.</param>
public sealed record MeanCentre(double X, double Y, double TotalWeight, int Count)
{
    /// <summary>
    /// The weighted mean centre of the points; points whose weight is NaN, infinite or ≤ 0 are skipped (pass
    /// |ΔCBI| for the carbon gravity centre). Unweighted when <paramref name="weights"/> is empty. NaN when no
    /// point has weight.
    /// </summary>
    public static MeanCentre Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> weights)
    {
        if (x.Length != y.Length || (!weights.IsEmpty && weights.Length != x.Length))
            throw new ArgumentException("x, y and weights must have the same length.", nameof(weights));
        double sw = 0, sx = 0, sy = 0;
        int count = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double w = weights.IsEmpty ? 1 : weights[i];
            if (!(w > 0) || !double.IsFinite(w) || !double.IsFinite(x[i]) || !double.IsFinite(y[i])) continue;
            sw += w; sx += w * x[i]; sy += w * y[i]; count++;
        }
        return count == 0 ? new MeanCentre(double.NaN, double.NaN, 0, 0) : new MeanCentre(sx / sw, sy / sw, sw, count);
    }
}
