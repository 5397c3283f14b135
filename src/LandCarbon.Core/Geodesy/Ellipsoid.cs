namespace LandCarbon.Core.Geodesy;

/// <summary>
/// An ellipsoid of revolution (semi-major axis <see cref="A"/> in metres, flattening <see cref="F"/>) and the two
/// closed forms the area model needs: the area of a longitude/latitude cell (through the authalic latitude) and the
/// geodetic latitude of an isometric latitude (inverse Mercator).
/// </summary>
public sealed record Ellipsoid(double A, double F)
{
    /// <summary>WGS 84.</summary>
    public static Ellipsoid Wgs84 { get; } = FromInverseFlattening(6378137, 298.257223563);

    /// <summary>An ellipsoid from its semi-major axis and inverse flattening (0 or ∞ = a sphere).</summary>
    public static Ellipsoid FromInverseFlattening(double a, double inverseFlattening) =>
        new(a, inverseFlattening == 0 || double.IsInfinity(inverseFlattening) ? 0 : 1 / inverseFlattening);

    /// <summary>First eccentricity squared e² = f(2 − f).</summary>
    public double E2 => F * (2 - F);

    /// <summary>First eccentricity e.</summary>
    public double E => Math.Sqrt(E2);

    /// <summary>Semi-minor axis b = a(1 − f), metres.</summary>
    public double B => A * (1 - F);

    /// <summary>
    /// Area (m²) on the ellipsoid of the cell between latitudes <paramref name="lat1"/>, <paramref name="lat2"/> and
    /// spanning <paramref name="dLon"/> of longitude (all radians): (b²/2)·|Δλ|·|q(φ₂) − q(φ₁)| with
    /// q(φ) = sin φ/(1 − e² sin² φ) + atanh(e sin φ)/e (the authalic-latitude integral; Snyder 1987 eq. 3-12).
    /// The difference is formed without cancellation: with s = sin φ and Δs = s₂ − s₁ = 2 cos φ̄ sin(Δφ/2),
    /// q₂ − q₁ = Δs(1 + e²s₁s₂)/((1 − e²s₁²)(1 − e²s₂²)) + atanh(eΔs/(1 − e²s₁s₂))/e,
    /// so a 1 m cell keeps full double precision. Equals the geodesic area of the cell polygon (its meridians are
    /// geodesics; its parallels bound the same zone).
    /// </summary>
    public double CellArea(double lat1, double lat2, double dLon)
    {
        double s1 = Math.Sin(lat1), s2 = Math.Sin(lat2);
        double ds = 2 * Math.Cos(0.5 * (lat1 + lat2)) * Math.Sin(0.5 * (lat2 - lat1));
        double e2 = E2;
        double dq;
        if (e2 == 0)
        {
            dq = 2 * ds;
        }
        else
        {
            double e = Math.Sqrt(e2);
            dq = ds * (1 + e2 * s1 * s2) / ((1 - e2 * s1 * s1) * (1 - e2 * s2 * s2))
                + Math.Atanh(e * ds / (1 - e2 * s1 * s2)) / e;
        }
        double b = B;
        return 0.5 * b * b * Math.Abs(dLon) * Math.Abs(dq);
    }

    /// <summary>
    /// Geodetic latitude (radians) of the isometric latitude ψ (the ellipsoidal Mercator northing over a·k₀):
    /// φ = atan τ with τ found by Newton's method from sinh ψ = τ√(1+σ²) − σ√(1+τ²), σ = sinh(e·atanh(eτ/√(1+τ²)))
    /// (Karney 2011, eqs. 7–9, 19–21); converges to machine precision in at most five steps.
    /// </summary>
    public double LatitudeOfIsometric(double psi) => Math.Atan(TauOfConformal(Math.Sinh(psi)));

    /// <summary>tan φ from tan χ (χ the conformal latitude), Karney (2011) eqs. 19–21.</summary>
    public double TauOfConformal(double taup)
    {
        double e2 = E2;
        if (e2 == 0) return taup;
        double e = Math.Sqrt(e2), e2m = 1 - e2;
        double tau = taup / e2m;
        double stol = 1e-15 * Math.Max(1, Math.Abs(taup));
        for (int i = 0; i < 8; i++)
        {
            double t1 = Math.Sqrt(1 + tau * tau);
            double sig = Math.Sinh(e * Math.Atanh(e * tau / t1));
            double taupa = Math.Sqrt(1 + sig * sig) * tau - sig * t1;
            double dtau = (taup - taupa) * (1 + e2m * tau * tau) / (e2m * t1 * Math.Sqrt(1 + taupa * taupa));
            tau += dtau;
            if (!(Math.Abs(dtau) >= stol)) break;
        }
        return tau;
    }

    /// <summary>tan χ (conformal latitude) from tan φ, Karney (2011) eq. 9.</summary>
    public double ConformalOfTau(double tau)
    {
        double e2 = E2;
        if (e2 == 0) return tau;
        double e = Math.Sqrt(e2);
        double t1 = Math.Sqrt(1 + tau * tau);
        double sig = Math.Sinh(e * Math.Atanh(e * tau / t1));
        return Math.Sqrt(1 + sig * sig) * tau - sig * t1;
    }
}
