using System.Globalization;
using LandCarbon.Core.Models;

namespace LandCarbon.Core.Raster;

/// <summary>
/// A small built-in EPSG catalogue with OGC WKT1 (the dialect ProjNET reads): EPSG 4326 (WGS 84), 4490 (CGCS2000),
/// 3857 (Web Mercator), WGS 84 / UTM 32601–32660 and 32701–32760, CGCS2000 3-degree Gauss-Kruger CM zones
/// 4534–4554, plus the two Albers equal-area CRSs of Chinese land-use products, which have no EPSG code:
/// <see cref="ClcdAlbers"/> (WGS 84) and <see cref="KrassowskyAlbers"/> (Krassowsky 1940 ellipsoid).
/// </summary>
public static class SpatialReferences
{
    /// <summary>WGS 84 semi-major axis (m) and inverse flattening.</summary>
    internal const double Wgs84A = 6378137, Wgs84InvF = 298.257223563;

    /// <summary>CGCS2000 ellipsoid.</summary>
    internal const double Cgcs2000A = 6378137, Cgcs2000InvF = 298.257222101;

    /// <summary>Krassowsky 1940 ellipsoid (EPSG 7024).</summary>
    internal const double KrassowskyA = 6378245, KrassowskyInvF = 298.3;

    internal static readonly string Wgs84GeogCs = GeogCs("WGS 84", "WGS_1984", "WGS 84", Wgs84A, Wgs84InvF, 7030, 6326, 4326);
    internal static readonly string Cgcs2000GeogCs = GeogCs("China Geodetic Coordinate System 2000", "China_2000", "CGCS2000",
        Cgcs2000A, Cgcs2000InvF, 1024, 1043, 4490);
    internal static readonly string KrassowskyGeogCs = GeogCs("GCS_Krasovsky_1940", "D_Krasovsky_1940", "Krassowsky 1940",
        KrassowskyA, KrassowskyInvF, 7024, null, null);

    /// <summary>EPSG:4326, WGS 84 geographic (degrees).</summary>
    public static SpatialReference Wgs84 { get; } = new(4326, Wgs84GeogCs);

    /// <summary>EPSG:4490, CGCS2000 geographic (degrees).</summary>
    public static SpatialReference Cgcs2000 { get; } = new(4490, Cgcs2000GeogCs);

    /// <summary>The WGS 84 Albers equal-area conic of CLCD: lat_1=25, lat_2=47, lat_0=0, lon_0=105, false origin 0/0, metres.</summary>
    public static SpatialReference ClcdAlbers { get; } =
        new(null, AlbersWkt("WGS_1984_Albers", Wgs84GeogCs, 25, 47, 0, 105, 0, 0));

    /// <summary>The same Albers (25/47/0/105) on the Krassowsky 1940 ellipsoid, used by CAS/RESDC land-use products.</summary>
    public static SpatialReference KrassowskyAlbers { get; } =
        new(null, AlbersWkt("Krasovsky_1940_Albers", KrassowskyGeogCs, 25, 47, 0, 105, 0, 0));

    /// <summary>The catalogue entry for an EPSG code; throws <see cref="InputException"/> for codes not in it.</summary>
    public static SpatialReference FromEpsg(int code) =>
        TryFromEpsg(code) ?? throw new InputException(
            $"EPSG:{code} is not in LandCarbon's CRS catalogue (4326, 4490, 3857, 32601–32660, 32701–32760, 4534–4554); " +
            "reproject the data to one of these or give the CRS as WKT.");

    /// <summary>The catalogue entry for an EPSG code, or null.</summary>
    public static SpatialReference? TryFromEpsg(int code)
    {
        switch (code)
        {
            case 4326: return Wgs84;
            case 4490: return Cgcs2000;
            case 3857:
                return new SpatialReference(3857,
                    "PROJCS[\"WGS 84 / Pseudo-Mercator\"," + Wgs84GeogCs +
                    ",PROJECTION[\"Popular_Visualisation_Pseudo_Mercator\"],PARAMETER[\"latitude_of_origin\",0]," +
                    "PARAMETER[\"central_meridian\",0],PARAMETER[\"scale_factor\",1],PARAMETER[\"false_easting\",0]," +
                    "PARAMETER[\"false_northing\",0],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST]," +
                    "AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"3857\"]]");
        }
        if (code is >= 32601 and <= 32660 or >= 32701 and <= 32760)
        {
            int zone = code % 100;
            bool north = code < 32700;
            return new SpatialReference(code, TransverseMercatorWkt(
                $"WGS 84 / UTM zone {zone}{(north ? "N" : "S")}", Wgs84GeogCs, -183 + 6 * zone, 0.9996, 500000,
                north ? 0 : 10000000, code));
        }
        if (code is >= 4534 and <= 4554)
        {
            int cm = 75 + 3 * (code - 4534);
            return new SpatialReference(code, TransverseMercatorWkt(
                $"CGCS2000 / 3-degree Gauss-Kruger CM {cm}E", Cgcs2000GeogCs, cm, 1, 500000, 0, code));
        }
        return null;
    }

    /// <summary>WKT1 GEOGCS with Greenwich meridian and degrees.</summary>
    internal static string GeogCs(string name, string datum, string spheroid, double a, double invF,
        int? spheroidEpsg, int? datumEpsg, int? epsg) =>
        $"GEOGCS[\"{name}\",DATUM[\"{datum}\",SPHEROID[\"{spheroid}\",{F(a)},{F(invF)}{Auth(spheroidEpsg)}]{Auth(datumEpsg)}]," +
        "PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]]," +
        $"UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]]{Auth(epsg)}]";

    /// <summary>WKT1 PROJCS for an Albers equal-area conic in metres.</summary>
    internal static string AlbersWkt(string name, string geogCs, double lat1, double lat2, double lat0, double lon0,
        double falseEasting, double falseNorthing) =>
        $"PROJCS[\"{name}\",{geogCs},PROJECTION[\"Albers_Conic_Equal_Area\"]," +
        $"PARAMETER[\"standard_parallel_1\",{F(lat1)}],PARAMETER[\"standard_parallel_2\",{F(lat2)}]," +
        $"PARAMETER[\"latitude_of_center\",{F(lat0)}],PARAMETER[\"longitude_of_center\",{F(lon0)}]," +
        $"PARAMETER[\"false_easting\",{F(falseEasting)}],PARAMETER[\"false_northing\",{F(falseNorthing)}]," +
        "UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH]]";

    /// <summary>WKT1 PROJCS for a transverse Mercator in metres.</summary>
    internal static string TransverseMercatorWkt(string name, string geogCs, double centralMeridian, double scale,
        double falseEasting, double falseNorthing, int? epsg, double latitudeOfOrigin = 0) =>
        $"PROJCS[\"{name}\",{geogCs},PROJECTION[\"Transverse_Mercator\"]," +
        $"PARAMETER[\"latitude_of_origin\",{F(latitudeOfOrigin)}],PARAMETER[\"central_meridian\",{F(centralMeridian)}]," +
        $"PARAMETER[\"scale_factor\",{F(scale)}],PARAMETER[\"false_easting\",{F(falseEasting)}]," +
        $"PARAMETER[\"false_northing\",{F(falseNorthing)}],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]]," +
        $"AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH]{Auth(epsg)}]";

    private static string Auth(int? code) => code is int c ? $",AUTHORITY[\"EPSG\",\"{c}\"]" : "";

    internal static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
