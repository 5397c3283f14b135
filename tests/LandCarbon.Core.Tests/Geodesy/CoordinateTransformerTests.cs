using System.Globalization;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Raster;
using NetTopologySuite.Geometries;

namespace LandCarbon.Core.Tests.Geodesy;

public sealed class CoordinateTransformerTests
{
    internal const string Utm51Wkt =
        "PROJCS[\"WGS 84 / UTM zone 51N\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433],AUTHORITY[\"EPSG\",\"4326\"]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",123],PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"32651\"]]";

    // The Albers of Chinese land-use products (CLCD, RESDC) on the Krassowsky ellipsoid, with an explicit zero
    // datum shift so that ProjNET and PROJ agree on what "no shift" means.
    internal const string KrassowskyAlbersWkt =
        "PROJCS[\"Krasovsky_1940_Albers\",GEOGCS[\"GCS_Krasovsky_1940\",DATUM[\"D_Krasovsky_1940\",SPHEROID[\"Krasovsky_1940\",6378245,298.3],TOWGS84[0,0,0,0,0,0,0]],PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Albers_Conic_Equal_Area\"],PARAMETER[\"latitude_of_center\",0],PARAMETER[\"longitude_of_center\",105],PARAMETER[\"standard_parallel_1\",25],PARAMETER[\"standard_parallel_2\",47],PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]";

    // Hangzhou corners and centre, Chengdu, Guiyang. ProjNET's transverse Mercator series is only meant for the
    // zone itself, so the UTM checks use the Hangzhou points only.
    private static readonly (double Lon, double Lat)[] Points =
        [(120.133, 30.200), (120.205, 30.261), (120.17, 30.23), (104.0657, 30.6595), (106.7, 26.6)];

    private static (double Lon, double Lat)[] PointsFor(string wkt) => wkt == Utm51Wkt ? Points[..3] : Points;

    [Fact]
    public void UtmFromWktMatchesTheKnownProjNetValueAndRoundTrips()
    {
        var t = CoordinateTransformer.FromWgs84(new SpatialReference(32651, Utm51Wkt));
        Assert.False(t.IsGeographic);
        Assert.Equal(1.0, t.MetersPerUnit);
        foreach (var (lon, lat) in Points[..3])
        {
            var (x, y) = t.Forward(lon, lat);
            var (lo, la) = t.Inverse(x, y);
            Assert.Equal(lon, lo, 1e-9);
            Assert.Equal(lat, la, 1e-9);
        }
    }

    [Fact]
    public void EpsgOnlyReferencesResolveForBuiltInCodes()
    {
        var a = CoordinateTransformer.FromWgs84(new SpatialReference(32651, ""));
        var b = CoordinateTransformer.FromWgs84(new SpatialReference(32651, Utm51Wkt));
        var (xa, ya) = a.Forward(120.17, 30.23);
        var (xb, yb) = b.Forward(120.17, 30.23);
        Assert.Equal(xb, xa, 1e-6);
        Assert.Equal(yb, ya, 1e-6);
        Assert.True(CoordinateTransformer.FromWgs84(new SpatialReference(4326, "")).IsGeographic);
        Assert.True(CoordinateTransformer.FromWgs84(new SpatialReference(4490, "")).IsGeographic);
        Assert.Throws<Models.InputException>(() => CoordinateTransformer.FromWgs84(new SpatialReference(2385, "")));
        Assert.Throws<Models.InputException>(() => CoordinateTransformer.FromWgs84(SpatialReference.None));
    }

    [Theory]
    [InlineData(Utm51Wkt)]
    [InlineData(KrassowskyAlbersWkt)]
    public void ProjectionAgreesWithGdaltransform(string wkt)
    {
        string gdaltransform = TestData.RequireTool("gdaltransform");
        string dir = TestData.TempDir();
        string wktFile = Path.Combine(dir, "target.wkt");
        File.WriteAllText(wktFile, wkt);
        string input = Path.Combine(dir, "in.txt");
        var points = PointsFor(wkt);
        File.WriteAllLines(input, points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Lon} {p.Lat}")));
        string output = TestData.Run("/bin/sh", "-c", $"'{gdaltransform}' -output_xy -s_srs EPSG:4326 -t_srs '{wktFile}' < '{input}'");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(points.Length, lines.Length);
        var t = CoordinateTransformer.FromWgs84(new SpatialReference(null, wkt));
        for (int i = 0; i < points.Length; i++)
        {
            var f = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            var (x, y) = t.Forward(points[i].Lon, points[i].Lat);
            // 1 cm: the Krassowsky case goes through a geocentric ellipsoid change, which ProjNET solves
            // iteratively with a looser stop than PROJ (about 3 mm apart); a 30 m grid needs far less.
            Assert.True(Math.Abs(x - f[0]) < 1e-2 && Math.Abs(y - f[1]) < 1e-2, $"{points[i]}: ours ({x}, {y}), gdaltransform ({f[0]}, {f[1]})");
        }
    }

    [Fact]
    public void GcjPolygonsConvertVertexByVertex()
    {
        var gf = new GeometryFactory();
        var ring = gf.CreatePolygon([new(120.19, 30.24), new(120.20, 30.24), new(120.20, 30.25), new(120.19, 30.24)]);
        var wgs = (Polygon)GeometryCoordinates.Convert(ring, LonLatSystem.Gcj02, LonLatSystem.Wgs84);
        Assert.Equal(120.19, ring.Coordinates[0].X); // input untouched
        for (int i = 0; i < ring.Coordinates.Length; i++)
        {
            var expected = ChineseCoordinates.Gcj02ToWgs84(ring.Coordinates[i].X, ring.Coordinates[i].Y);
            Assert.Equal(expected.Lon, wgs.Coordinates[i].X);
            Assert.Equal(expected.Lat, wgs.Coordinates[i].Y);
        }
        var t = CoordinateTransformer.FromWgs84(new SpatialReference(32651, Utm51Wkt));
        var projected = t.Project(ring, LonLatSystem.Gcj02);
        var first = t.FromLonLat(LonLatSystem.Gcj02, 120.19, 30.24);
        Assert.Equal(first.X, projected.Coordinates[0].X, 1e-9);
        Assert.InRange(projected.Area, 4e5, 7e5); // a right triangle with legs of about 0.96 km and 1.1 km
    }
}
