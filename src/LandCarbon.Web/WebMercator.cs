namespace LandCarbon.Web;

/// <summary>
/// The spherical Web Mercator tiling of EPSG:3857 (OGC "GoogleMapsCompatible"): 256 px tiles, zoom z has 2^z × 2^z
/// tiles, x eastward and y southward from the top-left corner (−π·R, +π·R), R = 6 378 137 m.
/// </summary>
public static class WebMercator
{
    /// <summary>Sphere radius of EPSG:3857 (the WGS84 semi-major axis), metres.</summary>
    public const double Radius = 6378137.0;

    /// <summary>Half the world's width in metres (π·R).</summary>
    public const double HalfWorld = Math.PI * Radius;

    /// <summary>Tile edge in pixels.</summary>
    public const int TileSize = 256;

    /// <summary>Deepest zoom the server accepts.</summary>
    public const int MaxZoom = 24;

    /// <summary>Latitude limit of the projection (the square world), degrees.</summary>
    public static readonly double MaxLatitude = Math.Atan(Math.Sinh(Math.PI)) * 180 / Math.PI;

    /// <summary>Metres of projected map per tile pixel at zoom <paramref name="z"/>.</summary>
    public static double Resolution(int z) => 2 * HalfWorld / (TileSize * Math.Pow(2, z));

    /// <summary>The OGC scale denominator of zoom <paramref name="z"/> (0.28 mm pixels).</summary>
    public static double ScaleDenominator(int z) => Resolution(z) / 0.00028;

    /// <summary>Projected metres → WGS84 longitude/latitude in degrees.</summary>
    public static (double Lon, double Lat) ToLonLat(double x, double y) =>
        (x / Radius * 180 / Math.PI, Math.Atan(Math.Sinh(y / Radius)) * 180 / Math.PI);

    /// <summary>WGS84 longitude/latitude in degrees → projected metres.</summary>
    public static (double X, double Y) FromLonLat(double lon, double lat)
    {
        double phi = Math.Clamp(lat, -MaxLatitude, MaxLatitude) * Math.PI / 180;
        return (lon * Math.PI / 180 * Radius, Radius * Math.Log(Math.Tan(Math.PI / 4 + phi / 2)));
    }

    /// <summary>Projected metres of a fractional pixel position (column, row counted from the tile's top-left
    /// corner) of tile (z, x, y).</summary>
    public static (double X, double Y) PixelToMeters(int z, int x, int y, double col, double row)
    {
        double res = Resolution(z);
        return (-HalfWorld + (x * (double)TileSize + col) * res, HalfWorld - (y * (double)TileSize + row) * res);
    }

    /// <summary>True when (z, x, y) names a tile of the tiling.</summary>
    public static bool IsValidTile(int z, long x, long y) =>
        z >= 0 && z <= MaxZoom && x >= 0 && y >= 0 && x < (1L << z) && y < (1L << z);
}
