using System.Text;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Models;
using LandCarbon.Core.Poi;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Tables;
using LandCarbon.Core.Tests.Geodesy;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;

namespace LandCarbon.Core.Tests.Poi;

public sealed class PoiReaderTests
{
    // A UTM 51N grid covering central Hangzhou (the extent of the shared Amap file) at 30 m.
    internal static GridSpec HangzhouGrid()
    {
        var t = CoordinateTransformer.FromWgs84(new SpatialReference(32651, CoordinateTransformerTests.Utm51Wkt));
        var (x0, y1) = t.Forward(120.13, 30.265);
        double ox = Math.Floor(x0 / 30) * 30, oy = Math.Ceiling(y1 / 30) * 30;
        return new GridSpec(300, 260, GeoTransform.NorthUp(ox, oy, 30), new SpatialReference(32651, CoordinateTransformerTests.Utm51Wkt));
    }

    private static string Write(string name, string text, Encoding? encoding = null)
    {
        string path = Path.Combine(TestData.TempDir(), name);
        File.WriteAllBytes(path, (encoding ?? new UTF8Encoding(false)).GetBytes(text));
        return path;
    }

    [Fact]
    public void CsvDropsAreCountedByReasonWithRowNumbers()
    {
        string path = Write("poi.csv",
            "name,lon,lat,type,typecode\n" +
            "a,120.17,30.23,餐饮服务;中餐厅;中餐厅,050100\n" +  // line 2 ok
            "b,,30.23,购物服务,060000\n" +                        // line 3 empty
            "c,abc,30.23,购物服务,060000\n" +                     // line 4 unparseable
            "d,120.18,30.24,公司企业;工厂;工厂,170300\n" +        // line 5 ok
            "e,121.90,31.20,购物服务,060000\n" +                  // line 6 Shanghai: outside
            "f,120.19,NaN,购物服务,060000\n");                    // line 7 unparseable
        var read = PoiReader.Read(path);
        Assert.Equal(6, read.RowsRead);
        Assert.Equal(3, read.Records.Count);
        Assert.Equal(1, read.Drops.Count(PoiDropReason.EmptyCoordinates));
        Assert.Equal([3], read.Drops.Examples(PoiDropReason.EmptyCoordinates));
        Assert.Equal([4, 7], read.Drops.Examples(PoiDropReason.Unparseable));
        var placed = PoiPlacement.Place(read, HangzhouGrid(), PoiFunctionMap.Default(), LonLatSystem.Gcj02, 1000);
        Assert.Equal(2, placed.TotalCount);
        Assert.Equal(1, placed.Count(PoiFunction.Industrial));
        Assert.Equal(1, placed.Count(PoiFunction.CommercialService));
        Assert.Equal([6], placed.Drops.Examples(PoiDropReason.OutsideGrid));
        Assert.Equal(1, placed.OutsideGridByFunction[(int)PoiFunction.CommercialService]);
        Assert.Equal(4, placed.Drops.Total);
        Assert.Contains("unparseable: 2 (rows 4, 7)", placed.Drops.Describe());
    }

    [Fact]
    public void NoUsableRowIsAnInputErrorListingTheReasons()
    {
        string path = Write("bad.csv", "lon,lat\n,\n1,x\n121.9,31.2\n");
        var e = Assert.Throws<InputException>(() =>
            PoiPlacement.Place(PoiReader.Read(path), HangzhouGrid(), PoiFunctionMap.Default(), LonLatSystem.Wgs84, 1000));
        Assert.Contains("none of the 3 POI rows", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Problems.Count);
    }

    [Fact]
    public void MissingNamedColumnIsAnInputError()
    {
        string path = Write("poi.csv", "x,y\n1,2\n");
        var e = Assert.Throws<InputException>(() => PoiReader.Read(path, new PoiReadOptions { CategoryColumns = ["kind"] }));
        Assert.Contains("kind", e.Message, StringComparison.Ordinal);
        var e2 = Assert.Throws<InputException>(() => PoiReader.Read(Write("p.csv", "a,b\n1,2\n")));
        Assert.Contains("--lon", e2.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Gb18030CsvIsDecoded()
    {
        string path = Write("gbk.csv", "经度,纬度,大类,中类,权重\n120.17,30.23,商务住宅,住宅区,2\n120.171,30.231,公司企业,工厂,\n", CsvTable.Gb18030);
        var read = PoiReader.Read(path, new PoiReadOptions { XColumn = "经度", YColumn = "纬度", CategoryColumns = ["大类", "中类"], WeightColumn = "权重" });
        Assert.Equal(2, read.Records.Count);
        Assert.Equal("商务住宅;住宅区", read.Records[0].Category);
        Assert.Equal(2.0, read.Records[0].Weight);
        Assert.Equal(1.0, read.Records[1].Weight);
        var placed = PoiPlacement.Place(read, HangzhouGrid(), PoiFunctionMap.Default(), LonLatSystem.Wgs84, 1000);
        Assert.Equal(1, placed.Count(PoiFunction.Residential));
        Assert.Equal(2.0, placed.Weight[(int)PoiFunction.Residential][0]);
    }

    [Fact]
    public void HangzhouFileReadsWithLevelColumnsAndAllRowsLand()
    {
        var read = PoiReader.Read(TestData.Shared("poi-hangzhou-amap/hangzhou_poi86.csv"),
            new PoiReadOptions { XColumn = "lon_gcj02", YColumn = "lat_gcj02" });
        Assert.Equal(read.RowsRead, read.Records.Count + read.Drops.Total);
        var placed = PoiPlacement.Place(read, HangzhouGrid(), PoiFunctionMap.Default(), LonLatSystem.Gcj02, 1000);
        Assert.Empty(placed.Unmapped);
        Assert.Equal(read.Records.Count, placed.TotalCount);
        // The WGS84 column placed as WGS84 lands on the same spots within 2 m.
        var w = PoiPlacement.Place(PoiReader.Read(TestData.Shared("poi-hangzhou-amap/hangzhou_poi86.csv"),
            new PoiReadOptions { XColumn = "lon_wgs84", YColumn = "lat_wgs84" }), HangzhouGrid(), PoiFunctionMap.Default(), LonLatSystem.Wgs84, 1000);
        int f = (int)PoiFunction.Residential;
        for (int i = 0; i < w.X[f].Length; i++)
            Assert.True(Math.Abs(w.X[f][i] - placed.X[f][i]) < 2 && Math.Abs(w.Y[f][i] - placed.Y[f][i]) < 2);
    }

    [Fact]
    public void GeoJsonPointsWithDecimalPropertiesAndBadFeatures()
    {
        string path = Write("poi.geojson", """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","geometry":{"type":"Point","coordinates":[120.17,30.23]},"properties":{"typecode":"170300","w":2.5}},
             {"type":"Feature","geometry":null,"properties":{"typecode":"050100","w":1}},
             {"type":"Feature","geometry":{"type":"LineString","coordinates":[[120.1,30.2],[120.2,30.3]]},"properties":{"typecode":"050100","w":1}},
             {"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[120.18,30.24],[120.19,30.25]]},"properties":{"typecode":"120302","w":1}}
            ]}
            """);
        var read = PoiReader.Read(path, new PoiReadOptions { WeightColumn = "w" });
        Assert.Equal(3, read.Records.Count);
        Assert.Equal(2.5, read.Records[0].Weight);
        Assert.Equal("170300", read.Records[0].TypeCode);
        Assert.Equal([2], read.Drops.Examples(PoiDropReason.EmptyCoordinates));
        Assert.Equal([3], read.Drops.Examples(PoiDropReason.Unparseable));
        Assert.Throws<InputException>(() => PoiReader.Read(Write("x.geojson", "{not json")));
    }

    [Fact]
    public void ShapefilePointsAreRead()
    {
        string dir = TestData.TempDir();
        string shp = Path.Combine(dir, "poi.shp");
        var gf = new GeometryFactory();
        var features = new[]
        {
            new Feature(gf.CreatePoint(new Coordinate(120.17, 30.23)), new AttributesTable { { "typecode", "150700" }, { "weight", 3.0 } }),
            new Feature(gf.CreatePoint(new Coordinate(120.18, 30.24)), new AttributesTable { { "typecode", "141201" }, { "weight", 1.0 } }),
        };
        Shapefile.WriteAllFeatures(features, shp);
        var read = PoiReader.Read(shp, new PoiReadOptions { WeightColumn = "weight" });
        Assert.Equal(2, read.Records.Count);
        var placed = PoiPlacement.Place(read, HangzhouGrid(), PoiFunctionMap.Default(), LonLatSystem.Wgs84, 1000);
        Assert.Equal(1, placed.Count(PoiFunction.Transport));
        Assert.Equal(3.0, placed.Weight[(int)PoiFunction.Transport][0]);
        Assert.Equal(1, placed.Count(PoiFunction.PublicService));
    }

    [Fact]
    public void ProjectedCoordinatesAreUsedAsGiven()
    {
        var g = KernelDensityTests.Grid(10, 10);
        string path = Write("xy.csv", "x,y,category\n500150,3399850,公司企业;工厂\n");
        var placed = PoiPlacement.Place(PoiReader.Read(path), g, PoiFunctionMap.Default(), lonLat: null, 100);
        Assert.Equal(500150, placed.X[(int)PoiFunction.Industrial][0]);
    }

    [Fact]
    public void UnmappedCategoriesAreCounted()
    {
        string path = Write("u.csv", "lon,lat,category\n120.17,30.23,室内设施\n120.17,30.23,室内设施\n120.17,30.23,餐饮服务\n");
        var placed = PoiPlacement.Place(PoiReader.Read(path), HangzhouGrid(), PoiFunctionMap.Default(), LonLatSystem.Wgs84, 1000);
        Assert.Equal(2, placed.Unmapped["室内设施"]);
        Assert.Equal(2, placed.Count(PoiFunction.Other));
    }
}
