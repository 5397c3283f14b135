using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Geodesy;

/// <summary>Coordinate-system keys have no default (issue 14 item 2): stated, or declared by the file itself.</summary>
public sealed class DeclaredCrsTests
{
    // What GDAL 3.6.2 writes to a shapefile's .prj for EPSG:4326 and EPSG:32648
    // (ogr2ogr -f "ESRI Shapefile" -a_srs EPSG:4326 / -t_srs EPSG:32648).
    private const string EsriWgs84Prj = "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";
    private const string EsriUtm48Prj = "PROJCS[\"WGS_1984_UTM_Zone_48N\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],PARAMETER[\"Central_Meridian\",105.0],PARAMETER[\"Scale_Factor\",0.9996],PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";

    private static string GeoJson(string dir, string name, string? crsMember)
    {
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, "{\"type\": \"FeatureCollection\", " + (crsMember is null ? "" : $"\"crs\": {crsMember}, ") + "\"features\": []}");
        return path;
    }

    [Fact]
    public void RealDataVBoundaryDeclaresNothing_SoTheKeyIsRequired()
    {
        // DataV boundaries are GCJ-02 and carry no crs member: exactly the case a wgs84 default got wrong.
        string datav = TestData.Shared("bnd-guizhou-datav/520100.json");
        Assert.Null(DeclaredCrs.Read(datav));
        var e = Assert.Throws<InputException>(() => DeclaredCrs.Resolve("risk.zones.crs", null, datav));
        Assert.Contains("risk.zones.crs: is required: 520100.json declares no coordinate system", e.Message, StringComparison.Ordinal);
        Assert.Contains("wgs84, gcj02 (Amap, Tencent, DataV boundaries), bd09 (Baidu) or grid", e.Message, StringComparison.Ordinal);
        Assert.Equal("gcj02", DeclaredCrs.Resolve("risk.zones.crs", "gcj02", datav));
    }

    [Theory]
    [InlineData("{\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:OGC:1.3:CRS84\"}}")]
    [InlineData("{\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::4326\"}}")]
    [InlineData("{\"type\": \"name\", \"properties\": {\"name\": \"EPSG:4490\"}}")]
    [InlineData("{\"type\": \"EPSG\", \"properties\": {\"code\": 4326}}")]
    public void GeoJsonDeclaringWgs84_IsUsedWhenTheKeyIsAbsent_AndContradictsGcj02(string member)
    {
        string f = GeoJson(TestData.TempDir(), "z.geojson", member);
        Assert.True(DeclaredCrs.Read(f)!.IsLonLatWgs84);
        Assert.Equal("wgs84", DeclaredCrs.Resolve("poi.crs", null, f));
        Assert.Equal("wgs84", DeclaredCrs.Resolve("poi.crs", "wgs84", f));
        var e = Assert.Throws<InputException>(() => DeclaredCrs.Resolve("poi.crs", "gcj02", f));
        Assert.Contains("poi.crs: 'gcj02' disagrees with z.geojson, which declares WGS 84 longitude/latitude", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProjectedDeclaration_MeansGridCoordinates_AndMustBeTheGridsCrs()
    {
        string dir = TestData.TempDir();
        string f = GeoJson(dir, "z.geojson", "{\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::32648\"}}");
        Assert.Equal("grid", DeclaredCrs.Resolve("risk.zones.crs", null, f));
        Assert.Throws<InputException>(() => DeclaredCrs.Resolve("risk.zones.crs", "wgs84", f));
        var utm48 = new GridSpec(10, 10, GeoTransform.NorthUp(500000, 3000000, 30), SpatialReferences.FromEpsg(32648));
        var utm49 = utm48 with { Crs = SpatialReferences.FromEpsg(32649) };
        DeclaredCrs.EnsureGridAgrees("risk.zones.crs", f, utm48);
        var e = Assert.Throws<InputException>(() => DeclaredCrs.EnsureGridAgrees("risk.zones.crs", f, utm49));
        Assert.Contains("risk.zones.crs: z.geojson declares the projected CRS EPSG:32648", e.Message, StringComparison.Ordinal);
        Assert.Contains("which is not the grid's CRS (EPSG:32649)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShapefilePrj_WrittenByGdal_IsRead()
    {
        string dir = TestData.TempDir();
        File.WriteAllBytes(Path.Combine(dir, "a.shp"), [0]);
        File.WriteAllText(Path.Combine(dir, "a.prj"), EsriWgs84Prj);
        Assert.Equal("wgs84", DeclaredCrs.Resolve("poi.crs", null, Path.Combine(dir, "a.shp")));
        File.WriteAllBytes(Path.Combine(dir, "b.shp"), [0]);
        File.WriteAllText(Path.Combine(dir, "b.prj"), EsriUtm48Prj);
        string b = Path.Combine(dir, "b.shp");
        Assert.Equal("grid", DeclaredCrs.Resolve("poi.crs", null, b));
        // The ESRI WKT and the grid's EPSG:32648 describe the same projection.
        DeclaredCrs.EnsureGridAgrees("poi.crs", b, new GridSpec(10, 10, GeoTransform.NorthUp(600000, 2900000, 30), SpatialReferences.FromEpsg(32648)));
        File.WriteAllBytes(Path.Combine(dir, "c.shp"), [0]);
        Assert.Null(DeclaredCrs.Read(Path.Combine(dir, "c.shp")));
    }

    [Fact]
    public void UnreadableDeclaration_NeedsTheKey()
    {
        string f = GeoJson(TestData.TempDir(), "z.geojson", "{\"type\": \"name\", \"properties\": {\"name\": \"EPSG:2383\"}}");
        var e = Assert.Throws<InputException>(() => DeclaredCrs.Resolve("poi.crs", null, f));
        Assert.Contains("declares the coordinate system 'EPSG:2383', which LandCarbon cannot read", e.Message, StringComparison.Ordinal);
        Assert.Equal("gcj02", DeclaredCrs.Resolve("poi.crs", "gcj02", f));
    }

    [Fact]
    public void StudyKeys_HaveNoDefault()
    {
        string d = TestData.TempDir();
        File.WriteAllBytes(Path.Combine(d, "lu_2000.tif"), [0]);
        File.WriteAllText(Path.Combine(d, "poi.csv"), "lon,lat\n");
        File.Copy(TestData.Shared("bnd-guizhou-datav/520100.json"), Path.Combine(d, "counties.json"));
        File.WriteAllText(Path.Combine(d, "energy.csv"), "unit,year,fuel,amount\n520102,2000,raw coal,1\n");
        var e = Assert.Throws<InputException>(() => StudyLoader.Parse(Path.Combine(d, "s.yaml"), """
            years: {2000: lu_2000.tif}
            accounting: {construction: {energy: energy.csv, zones: counties.json}}
            poi: {file: poi.csv}
            risk: {zones: {file: counties.json}}
            """));
        string all = string.Join("\n", e.Problems);
        Assert.Contains("poi.crs: is required: poi.csv declares no coordinate system", all, StringComparison.Ordinal);
        Assert.Contains("accounting.construction.zoneCrs: is required: counties.json declares no coordinate system", all, StringComparison.Ordinal);
        Assert.Contains("risk.zones.crs: is required: counties.json declares no coordinate system", all, StringComparison.Ordinal);
        var s = StudyLoader.Parse(Path.Combine(d, "s.yaml"), """
            years: {2000: lu_2000.tif}
            accounting: {construction: {energy: energy.csv, zones: counties.json, zoneCrs: gcj02}}
            poi: {file: poi.csv, crs: gcj02}
            risk: {zones: {file: counties.json, crs: gcj02}}
            """);
        Assert.Equal(LonLatSystem.Gcj02, s.Poi!.LonLat);
        Assert.Equal("gcj02", s.Accounting.Construction.ZoneCrs);
        Assert.Equal("gcj02", s.Risk!.ZoneCrs);
    }
}
