namespace LandCarbon.Core.Geodesy;

/// <summary>The longitude/latitude systems Chinese web maps publish points in.</summary>
public enum LonLatSystem
{
    /// <summary>WGS84 (GPS, EPSG:4326); also what CGCS2000 is to within a few centimetres.</summary>
    Wgs84,

    /// <summary>GCJ-02 ("Mars coordinates"): Amap/AutoNavi, Tencent, Google China; DataV boundaries.</summary>
    Gcj02,

    /// <summary>BD-09: Baidu Maps (GCJ-02 with a further rotation and shift).</summary>
    Bd09,
}

/// <summary>
/// Conversions between WGS84, GCJ-02 and BD-09 longitude/latitude in degrees, using the standard public
/// algorithm (the obfuscation polynomial on the Krassowsky ellipsoid, a = 6 378 245 m, e² = 0.006693421622966,
/// and Baidu's x_π = π·3000/180 rotation). Forward transforms are closed form. Inverse transforms
/// (GCJ-02 → WGS84, BD-09 → GCJ-02) start from the usual one-step approximation and then iterate
/// p ← p + (target − forward(p)) until the step is below 1e-10° (about 1e-5 m), so a round trip returns to well
/// under 1 cm. Points outside the rough China box (lon 72.004–137.8347, lat 0.8293–55.8271) are left unchanged by
/// the WGS84 ↔ GCJ-02 steps, exactly as the standard algorithm does; the BD-09 step applies everywhere.
/// All methods are pure and thread-safe.
/// </summary>
public static class ChineseCoordinates
{
    private const double A = 6378245.0;
    private const double Ee = 0.00669342162296594323;
    private const double XPi = Math.PI * 3000.0 / 180.0;
    private const double ToleranceDeg = 1e-10;
    private const int MaxIterations = 30;

    /// <summary>True when the point lies outside the box in which GCJ-02 is applied.</summary>
    public static bool IsOutsideChina(double lon, double lat) =>
        lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;

    /// <summary>WGS84 → GCJ-02 (closed form; unchanged outside China).</summary>
    public static (double Lon, double Lat) Wgs84ToGcj02(double lon, double lat)
    {
        if (IsOutsideChina(lon, lat)) return (lon, lat);
        var (dLon, dLat) = Offset(lon, lat);
        return (lon + dLon, lat + dLat);
    }

    /// <summary>GCJ-02 → WGS84 by fixed-point iteration to 1e-10° (unchanged outside China).</summary>
    public static (double Lon, double Lat) Gcj02ToWgs84(double lon, double lat)
    {
        if (IsOutsideChina(lon, lat)) return (lon, lat);
        var (dLon, dLat) = Offset(lon, lat);
        return Invert(Wgs84ToGcj02, lon, lat, lon - dLon, lat - dLat);
    }

    /// <summary>GCJ-02 → BD-09 (closed form).</summary>
    public static (double Lon, double Lat) Gcj02ToBd09(double lon, double lat)
    {
        double z = Math.Sqrt(lon * lon + lat * lat) + 0.00002 * Math.Sin(lat * XPi);
        double theta = Math.Atan2(lat, lon) + 0.000003 * Math.Cos(lon * XPi);
        return (z * Math.Cos(theta) + 0.0065, z * Math.Sin(theta) + 0.006);
    }

    /// <summary>BD-09 → GCJ-02: Baidu's published approximate inverse, refined by iteration to 1e-10°.</summary>
    public static (double Lon, double Lat) Bd09ToGcj02(double lon, double lat)
    {
        double x0 = lon - 0.0065, y0 = lat - 0.006;
        double z = Math.Sqrt(x0 * x0 + y0 * y0) - 0.00002 * Math.Sin(y0 * XPi);
        double theta = Math.Atan2(y0, x0) - 0.000003 * Math.Cos(x0 * XPi);
        return Invert(Gcj02ToBd09, lon, lat, z * Math.Cos(theta), z * Math.Sin(theta));
    }

    // Solves forward(p) = (lon, lat) from a start close to the answer: p ← p + (target − forward(p)). Both forward
    // maps are the identity plus a perturbation whose derivative is below 1e-3, so each step gains three digits.
    private static (double Lon, double Lat) Invert(
        Func<double, double, (double Lon, double Lat)> forward, double lon, double lat, double x, double y)
    {
        for (int i = 0; i < MaxIterations; i++)
        {
            var (fx, fy) = forward(x, y);
            double ex = lon - fx, ey = lat - fy;
            x += ex;
            y += ey;
            if (Math.Abs(ex) < ToleranceDeg && Math.Abs(ey) < ToleranceDeg) break;
        }
        return (x, y);
    }

    /// <summary>WGS84 → BD-09 (via GCJ-02).</summary>
    public static (double Lon, double Lat) Wgs84ToBd09(double lon, double lat)
    {
        var (x, y) = Wgs84ToGcj02(lon, lat);
        return Gcj02ToBd09(x, y);
    }

    /// <summary>BD-09 → WGS84 (via GCJ-02, both steps iterated).</summary>
    public static (double Lon, double Lat) Bd09ToWgs84(double lon, double lat)
    {
        var (x, y) = Bd09ToGcj02(lon, lat);
        return Gcj02ToWgs84(x, y);
    }

    /// <summary>Any of the three systems → WGS84.</summary>
    public static (double Lon, double Lat) ToWgs84(LonLatSystem from, double lon, double lat) => from switch
    {
        LonLatSystem.Wgs84 => (lon, lat),
        LonLatSystem.Gcj02 => Gcj02ToWgs84(lon, lat),
        LonLatSystem.Bd09 => Bd09ToWgs84(lon, lat),
        _ => throw new ArgumentOutOfRangeException(nameof(from)),
    };

    /// <summary>WGS84 → any of the three systems.</summary>
    public static (double Lon, double Lat) FromWgs84(LonLatSystem to, double lon, double lat) => to switch
    {
        LonLatSystem.Wgs84 => (lon, lat),
        LonLatSystem.Gcj02 => Wgs84ToGcj02(lon, lat),
        LonLatSystem.Bd09 => Wgs84ToBd09(lon, lat),
        _ => throw new ArgumentOutOfRangeException(nameof(to)),
    };

    /// <summary>Converts between any two of the systems.</summary>
    public static (double Lon, double Lat) Convert(LonLatSystem from, LonLatSystem to, double lon, double lat)
    {
        if (from == to) return (lon, lat);
        if (from == LonLatSystem.Gcj02 && to == LonLatSystem.Bd09) return Gcj02ToBd09(lon, lat);
        if (from == LonLatSystem.Bd09 && to == LonLatSystem.Gcj02) return Bd09ToGcj02(lon, lat);
        var (x, y) = ToWgs84(from, lon, lat);
        return FromWgs84(to, x, y);
    }

    /// <summary>Parses "wgs84", "gcj02"/"gcj-02"/"amap", "bd09"/"bd-09"/"baidu" (case-insensitive).</summary>
    public static LonLatSystem Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim().Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToUpperInvariant();
        return t switch
        {
            "WGS84" or "EPSG:4326" or "4326" or "GPS" => LonLatSystem.Wgs84,
            "GCJ02" or "AMAP" or "GAODE" or "TENCENT" => LonLatSystem.Gcj02,
            "BD09" or "BD09LL" or "BAIDU" => LonLatSystem.Bd09,
            _ => throw new Models.InputException($"'{text}' is not a known longitude/latitude system; expected wgs84, gcj02 or bd09."),
        };
    }

    // The GCJ-02 offset (degrees) at a WGS84 point: the standard polynomial in (lon − 105, lat − 35), scaled to
    // degrees with the meridian and parallel radii of curvature of the Krassowsky ellipsoid.
    private static (double DLon, double DLat) Offset(double lon, double lat)
    {
        double x = lon - 105.0, y = lat - 35.0;
        double dLat = TransformLat(x, y), dLon = TransformLon(x, y);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.Sin(radLat);
        magic = 1 - Ee * magic * magic;
        double sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLon = dLon * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLon, dLat);
    }

    private static double TransformLat(double x, double y)
    {
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        r += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double TransformLon(double x, double y)
    {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        r += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}
