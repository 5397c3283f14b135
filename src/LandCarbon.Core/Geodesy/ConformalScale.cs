namespace LandCarbon.Core.Geodesy;

/// <summary>
/// The point scale k of a conformal projection at projected coordinates (metres from the false origin). The
/// areal scale of a conformal map is k², so the ground area of a small map area dA is dA / k².
/// </summary>
public interface IConformalScale
{
    /// <summary>Point scale at projected (x, y) in metres, false easting and northing removed.</summary>
    double ScaleAt(double x, double y);
}

/// <summary>
/// The ellipsoidal transverse Mercator (Gauss–Krüger; UTM) by Krüger's series to sixth order in n as given by
/// Karney (2011, "Transverse Mercator with an accuracy of a few nanometers", J. Geodesy 85:475–485, eqs. 15, 35,
/// 36 and the scale of the reverse projection), accurate to about 1e-15 relative in k within 4 000 km of the
/// central meridian — far beyond UTM zones and 3-degree Gauss–Krüger belts.
/// </summary>
public sealed class TransverseMercatorScale : IConformalScale
{
    private readonly double _k0, _a1, _b1, _e2, _e2m, _y0;
    private readonly double[] _alpha = new double[7], _beta = new double[7];
    private readonly Ellipsoid _ell;

    /// <param name="ellipsoid">The ellipsoid.</param>
    /// <param name="k0">Scale on the central meridian.</param>
    /// <param name="latitudeOfOrigin">Latitude of the natural origin, radians (its meridian distance × k₀ is added to y).</param>
    public TransverseMercatorScale(Ellipsoid ellipsoid, double k0, double latitudeOfOrigin = 0)
    {
        ArgumentNullException.ThrowIfNull(ellipsoid);
        _ell = ellipsoid;
        _k0 = k0;
        double f = ellipsoid.F, n = f / (2 - f), n2 = n * n, n3 = n2 * n, n4 = n3 * n, n5 = n4 * n, n6 = n5 * n;
        _e2 = ellipsoid.E2;
        _e2m = 1 - _e2;
        _b1 = (1 + n2 / 4 + n4 / 64 + n6 / 256) / (1 + n);
        _a1 = _b1 * ellipsoid.A;
        _alpha[1] = n / 2 - 2 * n2 / 3 + 5 * n3 / 16 + 41 * n4 / 180 - 127 * n5 / 288 + 7891 * n6 / 37800;
        _alpha[2] = 13 * n2 / 48 - 3 * n3 / 5 + 557 * n4 / 1440 + 281 * n5 / 630 - 1983433 * n6 / 1935360;
        _alpha[3] = 61 * n3 / 240 - 103 * n4 / 140 + 15061 * n5 / 26880 + 167603 * n6 / 181440;
        _alpha[4] = 49561 * n4 / 161280 - 179 * n5 / 168 + 6601661 * n6 / 7257600;
        _alpha[5] = 34729 * n5 / 80640 - 3418889 * n6 / 1995840;
        _alpha[6] = 212378941 * n6 / 319334400;
        _beta[1] = n / 2 - 2 * n2 / 3 + 37 * n3 / 96 - n4 / 360 - 81 * n5 / 512 + 96199 * n6 / 604800;
        _beta[2] = n2 / 48 + n3 / 15 - 437 * n4 / 1440 + 46 * n5 / 105 - 1118711 * n6 / 3870720;
        _beta[3] = 17 * n3 / 480 - 37 * n4 / 840 - 209 * n5 / 4480 + 5569 * n6 / 90720;
        _beta[4] = 4397 * n4 / 161280 - 11 * n5 / 504 - 830251 * n6 / 7257600;
        _beta[5] = 4583 * n5 / 161280 - 108847 * n6 / 3991680;
        _beta[6] = 20648693 * n6 / 638668800;
        _y0 = latitudeOfOrigin == 0 ? 0 : _k0 * MeridianDistance(latitudeOfOrigin);
    }

    /// <summary>Meridian distance (m) from the equator to latitude φ (radians), by the forward series on λ = 0.</summary>
    public double MeridianDistance(double lat)
    {
        double chi = Math.Atan(_ell.ConformalOfTau(Math.Tan(lat)));
        double xi = chi;
        for (int j = 1; j <= 6; j++) xi += _alpha[j] * Math.Sin(2 * j * chi);
        return _a1 * xi;
    }

    /// <inheritdoc />
    public double ScaleAt(double x, double y)
    {
        double xi = (y + _y0) / (_k0 * _a1), eta = x / (_k0 * _a1);
        double xip = xi, etap = eta, zr = 1, zi = 0;
        for (int j = 1; j <= 6; j++)
        {
            double c = Math.Cos(2 * j * xi), s = Math.Sin(2 * j * xi), ch = Math.Cosh(2 * j * eta), sh = Math.Sinh(2 * j * eta);
            xip -= _beta[j] * s * ch;
            etap -= _beta[j] * c * sh;
            zr -= 2 * j * _beta[j] * c * ch;
            zi += 2 * j * _beta[j] * s * sh;
        }
        // Scale of the Gauss–Krüger → Gauss–Schreiber step, then of the conformal sphere → ellipsoid step.
        double k = _b1 / Math.Sqrt(zr * zr + zi * zi);
        double sEta = Math.Sinh(etap), cXi = Math.Max(0, Math.Cos(xip)), r = Math.Sqrt(sEta * sEta + cXi * cXi);
        if (r == 0) return double.NaN; // a pole
        double tau = _ell.TauOfConformal(Math.Sin(xip) / r);
        k *= Math.Sqrt(_e2m + _e2 / (1 + tau * tau)) * Math.Sqrt(1 + tau * tau) * r;
        return k * _k0;
    }
}

/// <summary>
/// The ellipsoidal Lambert conformal conic with two standard parallels (Snyder 1987, eqs. 15-1 to 15-11; EPSG
/// method 9802): k = n·ρ/(a·m) with m = cos φ/√(1 − e² sin² φ), φ recovered from ρ through t = (ρ/(aF))^(1/n).
/// </summary>
public sealed class LambertConformalConicScale : IConformalScale
{
    private readonly Ellipsoid _ell;
    private readonly double _n, _aF, _rho0;

    /// <param name="ellipsoid">The ellipsoid.</param>
    /// <param name="lat1">First standard parallel, radians.</param>
    /// <param name="lat2">Second standard parallel, radians.</param>
    /// <param name="latOrigin">Latitude of the false origin, radians.</param>
    public LambertConformalConicScale(Ellipsoid ellipsoid, double lat1, double lat2, double latOrigin)
    {
        ArgumentNullException.ThrowIfNull(ellipsoid);
        _ell = ellipsoid;
        double m1 = M(lat1), m2 = M(lat2), t1 = T(lat1), t2 = T(lat2);
        _n = Math.Abs(lat1 - lat2) < 1e-12 ? Math.Sin(lat1) : (Math.Log(m1) - Math.Log(m2)) / (Math.Log(t1) - Math.Log(t2));
        double f = m1 / (_n * Math.Pow(t1, _n));
        _aF = ellipsoid.A * f;
        _rho0 = _aF * Math.Pow(T(latOrigin), _n);
    }

    private double M(double lat)
    {
        double s = Math.Sin(lat);
        return Math.Cos(lat) / Math.Sqrt(1 - _ell.E2 * s * s);
    }

    // t = tan(π/4 − φ/2)/((1 − e sin φ)/(1 + e sin φ))^(e/2) = exp(−ψ), ψ the isometric latitude.
    private double T(double lat) => Math.Exp(-Math.Asinh(_ell.ConformalOfTau(Math.Tan(lat))));

    /// <inheritdoc />
    public double ScaleAt(double x, double y)
    {
        double dy = _rho0 - y;
        double rho = Math.Sign(_n) * Math.Sqrt(x * x + dy * dy);
        double t = Math.Pow(rho / _aF, 1 / _n);
        double lat = _ell.LatitudeOfIsometric(-Math.Log(t));
        return _n * rho / (_ell.A * M(lat));
    }
}
