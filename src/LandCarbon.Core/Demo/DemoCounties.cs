using System.Text.Json;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Tables;
using NetTopologySuite.Densify;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Triangulate;

namespace LandCarbon.Core.Demo;

/// <summary>
/// County polygons of the demo: the Voronoi cells of the county seats clipped to the region (the same partition as
/// the county raster), written as GeoJSON in WGS84 longitude/latitude (RFC 7946) with <c>adcode</c>, <c>name</c>
/// (Chinese), <c>name_en</c> and <c>profile</c> properties, like a DataV boundary file.
/// </summary>
public static class DemoCounties
{
    /// <summary>The county polygons in grid coordinates (UTM 48N metres), in <see cref="DemoRegion.Counties"/> order.</summary>
    public static IReadOnlyList<Polygon> Polygons()
    {
        var gf = new GeometryFactory();
        var sites = DemoRegion.CountyArray.Select(c => new Coordinate(c.X, c.Y)).ToArray();
        var env = new Envelope(DemoRegion.MinX, DemoRegion.MinX + DemoRegion.SideMeters, DemoRegion.MaxY - DemoRegion.SideMeters, DemoRegion.MaxY);
        var b = new VoronoiDiagramBuilder { ClipEnvelope = env };
        b.SetSites(sites);
        var cells = b.GetDiagram(gf);
        var clip = gf.ToGeometry(env);
        var result = new Polygon[sites.Length];
        for (int i = 0; i < cells.NumGeometries; i++)
        {
            var cell = cells.GetGeometryN(i).Intersection(clip);
            int k = DemoRegion.NearestCounty(cell.InteriorPoint.X, cell.InteriorPoint.Y);
            result[k] = (Polygon)cell;
        }
        return result;
    }

    /// <summary>Writes the polygons as GeoJSON (WGS84 lon/lat, edges densified to 2 km so the projection bends them).</summary>
    public static void WriteGeoJson(string path, SpatialReference gridCrs)
    {
        var tr = CoordinateTransformer.FromWgs84(gridCrs);
        var fc = new FeatureCollection();
        var polys = Polygons();
        for (int i = 0; i < polys.Count; i++)
        {
            var c = DemoRegion.CountyArray[i];
            var dense = Densifier.Densify(polys[i], 2000);
            var ll = GeometryCoordinates.Map(dense, (x, y) =>
            {
                var (lon, lat) = tr.Inverse(x, y);
                return (Math.Round(lon, 7), Math.Round(lat, 7));
            });
            fc.Add(new Feature(ll, new AttributesTable
            {
                { "adcode", c.Adcode },
                { "name", c.NameZh },
                { "name_en", c.NameEn },
                { "profile", c.Profile.ToString() },
            }));
        }
        var options = new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        options.Converters.Add(new GeoJsonConverterFactory());
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(fc, options));
    }
}
