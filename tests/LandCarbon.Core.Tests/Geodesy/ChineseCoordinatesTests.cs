using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Geodesy;

/// <summary>
/// The Hangzhou POI file carries each point in WGS84, GCJ-02 and BD-09 as published by poi86.com (Amap
/// categories), which makes it an independent oracle for the conversions.
/// </summary>
public sealed class ChineseCoordinatesTests
{
    private const double MetersPerDegree = 111_320.0;

    internal static List<double[]> HangzhouRows()
    {
        var t = CsvTable.Read(TestData.Shared("poi-hangzhou-amap/hangzhou_poi86.csv"));
        string[] cols = ["lon_wgs84", "lat_wgs84", "lon_gcj02", "lat_gcj02", "lon_bd09", "lat_bd09"];
        var rows = new List<double[]>(t.Rows.Count);
        foreach (var r in t.Rows) rows.Add(cols.Select(c => t.Double(r, c)).ToArray());
        return rows;
    }

    private static double DistanceMeters(double lon1, double lat1, double lon2, double lat2)
    {
        double dx = (lon1 - lon2) * MetersPerDegree * Math.Cos(lat1 * Math.PI / 180), dy = (lat1 - lat2) * MetersPerDegree;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    // The largest distance in metres between a conversion of each row and the expected column pair.
    private static double WorstMeters(Func<double[], (double Lon, double Lat)> convert, int expectedLonColumn)
    {
        var rows = HangzhouRows();
        Assert.True(rows.Count > 22_000);
        double worst = 0;
        foreach (var r in rows)
        {
            var (x, y) = convert(r);
            worst = Math.Max(worst, DistanceMeters(x, y, r[expectedLonColumn], r[expectedLonColumn + 1]));
        }
        return worst;
    }

    [Fact]
    public void Wgs84ToGcj02ReproducesTheAmapColumnWithin2Meters()
    {
        double worst = WorstMeters(r => ChineseCoordinates.Wgs84ToGcj02(r[0], r[1]), 2);
        // The published columns are rounded to 1e-6° (0.1 m); the catalogue measured ≤ 1.6 m.
        Assert.True(worst < 2.0, $"worst {worst} m");
    }

    [Fact]
    public void Gcj02ToBd09ReproducesTheBaiduColumnWithin1e6Degrees()
    {
        double worst = 0;
        foreach (var r in HangzhouRows())
        {
            var (x, y) = ChineseCoordinates.Gcj02ToBd09(r[2], r[3]);
            worst = Math.Max(worst, Math.Max(Math.Abs(x - r[4]), Math.Abs(y - r[5])));
        }
        Assert.True(worst < 1e-6, $"worst {worst}°");
    }

    [Fact]
    public void RoundTripsReturnWithin1Centimeter()
    {
        double worst = 0;
        foreach (var r in HangzhouRows())
        {
            var (gx, gy) = ChineseCoordinates.Gcj02ToWgs84(r[2], r[3]);
            var (bx, by) = ChineseCoordinates.Wgs84ToGcj02(gx, gy);
            worst = Math.Max(worst, DistanceMeters(bx, by, r[2], r[3]));
            var (wx, wy) = ChineseCoordinates.Gcj02ToWgs84(ChineseCoordinates.Wgs84ToGcj02(r[0], r[1]).Lon, ChineseCoordinates.Wgs84ToGcj02(r[0], r[1]).Lat);
            worst = Math.Max(worst, DistanceMeters(wx, wy, r[0], r[1]));
            var (cx, cy) = ChineseCoordinates.Bd09ToGcj02(r[4], r[5]);
            var (dx, dy) = ChineseCoordinates.Gcj02ToBd09(cx, cy);
            worst = Math.Max(worst, DistanceMeters(dx, dy, r[4], r[5]));
            var (ex, ey) = ChineseCoordinates.Bd09ToWgs84(ChineseCoordinates.Wgs84ToBd09(r[0], r[1]).Lon, ChineseCoordinates.Wgs84ToBd09(r[0], r[1]).Lat);
            worst = Math.Max(worst, DistanceMeters(ex, ey, r[0], r[1]));
        }
        Assert.True(worst < 0.01, $"worst {worst} m");
    }

    [Fact]
    public void InverseFromBaiduReachesTheWgs84ColumnWithin2Meters()
    {
        double worst = WorstMeters(r => ChineseCoordinates.Bd09ToWgs84(r[4], r[5]), 0);
        Assert.True(worst < 2.0, $"worst {worst} m");
    }

    [Theory]
    [InlineData(2.35, 48.85)]   // Paris
    [InlineData(139.69, 35.69)] // Tokyo, east of the box
    [InlineData(120.0, 60.0)]   // north of the box
    public void PointsOutsideChinaAreUnchanged(double lon, double lat)
    {
        Assert.Equal((lon, lat), ChineseCoordinates.Wgs84ToGcj02(lon, lat));
        Assert.Equal((lon, lat), ChineseCoordinates.Gcj02ToWgs84(lon, lat));
        Assert.Equal((lon, lat), ChineseCoordinates.Convert(LonLatSystem.Gcj02, LonLatSystem.Wgs84, lon, lat));
    }

    [Theory]
    [InlineData("WGS84", LonLatSystem.Wgs84)]
    [InlineData("gcj-02", LonLatSystem.Gcj02)]
    [InlineData("amap", LonLatSystem.Gcj02)]
    [InlineData("bd09", LonLatSystem.Bd09)]
    public void ParsesSystemNames(string text, LonLatSystem expected) => Assert.Equal(expected, ChineseCoordinates.Parse(text));

    [Fact]
    public void UnknownSystemNameIsAnInputError() =>
        Assert.Throws<Models.InputException>(() => ChineseCoordinates.Parse("mars"));
}
