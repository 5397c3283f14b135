using LandCarbon.Core.Raster;
using LandCarbon.Core.Zonal;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO;

namespace LandCarbon.Core.Tests.Zonal;

public class ZoneRasterizerTests
{
    /// <summary>The CLCD Albers (METHOD-SPEC §2) as WKT1.</summary>
    internal const string AlbersWkt =
        "PROJCS[\"Albers_China_WGS84\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Albers_Conic_Equal_Area\"]," +
        "PARAMETER[\"standard_parallel_1\",25],PARAMETER[\"standard_parallel_2\",47],PARAMETER[\"latitude_of_center\",0]," +
        "PARAMETER[\"longitude_of_center\",105],PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]";

    private static readonly WKTReader Wkt = new();

    private static GridSpec Grid(int w, int h, double x0 = 0, double y0 = 10, double px = 1) =>
        new(w, h, GeoTransform.NorthUp(x0, y0, px), SpatialReference.None);

    private static Zone Z(int i, string wkt) => new(i, i.ToString(System.Globalization.CultureInfo.InvariantCulture), "z" + i, Wkt.Read(wkt));

    [Fact]
    public void Square_CoversExactlyThePixelCentresInside()
    {
        // Grid 10×10 of unit pixels, origin (0, 10). Square 2..5 × 3..7 holds centres x ∈ {2.5,3.5,4.5}, y ∈ {3.5..6.5}.
        var m = ZoneRasterizer.Rasterize([Z(0, "POLYGON((2 3, 5 3, 5 7, 2 7, 2 3))")], Grid(10, 10));
        Assert.Equal(12, m.PixelCounts[0]);
        var ids = new int[100];
        m.Fill(new PixelWindow(0, 0, 10, 10), ids);
        for (int r = 0; r < 10; r++)
            for (int c = 0; c < 10; c++)
            {
                double x = c + 0.5, y = 10 - (r + 0.5);
                bool inside = x > 2 && x < 5 && y > 3 && y < 7;
                Assert.Equal(inside ? 0 : -1, ids[r * 10 + c]);
            }
    }

    [Fact]
    public void Neighbours_SharingAnEdgeThroughPixelCentres_SplitWithoutOverlap()
    {
        // The shared edge x = 4.5 and the horizontal edge y = 5.5 pass through pixel centres.
        var a = Z(0, "POLYGON((0.5 0.5, 4.5 0.5, 4.5 5.5, 0.5 5.5, 0.5 0.5))");
        var b = Z(1, "POLYGON((4.5 0.5, 8.5 0.5, 8.5 5.5, 4.5 5.5, 4.5 0.5))");
        var m = ZoneRasterizer.Rasterize([a, b], Grid(10, 10));
        Assert.Equal(0, m.OverlapPixels);
        // Half-open rule: x in [0.5, 4.5) → 4 columns; y in [0.5, 5.5) → 5 rows, for each polygon.
        Assert.Equal(20, m.PixelCounts[0]);
        Assert.Equal(20, m.PixelCounts[1]);
    }

    [Fact]
    public void Hole_IsExcluded_AndOverlapGoesToTheFirstZone()
    {
        var donut = Z(0, "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (3 3, 7 3, 7 7, 3 7, 3 3))");
        var inner = Z(1, "POLYGON((2 2, 8 2, 8 8, 2 8, 2 2))");
        var m = ZoneRasterizer.Rasterize([donut, inner], Grid(10, 10));
        Assert.Equal(100 - 16, m.PixelCounts[0]);
        Assert.Equal(16, m.PixelCounts[1]);
        Assert.Equal(36 - 16, m.OverlapPixels);
    }

    [Fact]
    public void MultiPolygonParts_AndGridEdges_AreHandled()
    {
        var mp = Z(0, "MULTIPOLYGON(((-5 -5, 2 -5, 2 2, -5 2, -5 -5)), ((8 8, 15 8, 15 15, 8 15, 8 8)))");
        var m = ZoneRasterizer.Rasterize([mp], Grid(10, 10));
        // Clipped to the grid: 2×2 in the lower-left corner, 2×2 in the upper-right one.
        Assert.Equal(8, m.PixelCounts[0]);
    }

    [Fact]
    public void GuizhouCounties_PixelAreasMatchPolygonAreas_WithinOnePixelPerBoundaryCell()
    {
        string path = TestData.Shared("bnd-guizhou-datav/guizhou_counties_88_merged.geojson");
        var crs = new SpatialReference(null, AlbersWkt);
        var probe = new GridSpec(1, 1, GeoTransform.NorthUp(0, 0, 1000), crs);
        var zones = ZoneLayer.Read(path, "gcj02", probe);
        Assert.Equal(88, zones.Count);
        Assert.Contains(zones, z => z.Id == "520102" && z.Name == "南明区");

        const double px = 1000;
        var env = new Envelope();
        foreach (var z in zones) env.ExpandToInclude(z.Geometry.EnvelopeInternal);
        double x0 = Math.Floor(env.MinX / px) * px - px, y1 = Math.Ceiling(env.MaxY / px) * px + px;
        int w = (int)Math.Ceiling((env.MaxX - x0) / px) + 1, h = (int)Math.Ceiling((y1 - env.MinY) / px) + 1;
        var grid = new GridSpec(w, h, GeoTransform.NorthUp(x0, y1, px), crs);
        var mask = ZoneRasterizer.Rasterize(zones, grid);

        // Every pixel in at most one county: rows are disjoint, sorted runs, and the filled grid agrees with the counts.
        var ids = new int[w * h];
        mask.Fill(grid.Extent, ids);
        var fromFill = new long[zones.Count];
        foreach (int id in ids) if (id >= 0) fromFill[id]++;
        Assert.Equal(mask.PixelCounts, fromFill);
        for (int r = 0; r < h; r++)
        {
            var runs = mask.Row(r);
            for (int k = 1; k < runs.Length; k++) Assert.True(runs[k].Start >= runs[k - 1].End);
        }

        long totalBoundary = 0;
        double totalAbsError = 0;
        for (int i = 0; i < zones.Count; i++)
        {
            double area = zones[i].Geometry.Area;
            double counted = mask.PixelCounts[i] * grid.PixelAreaM2;
            long boundary = BoundaryCells(zones[i].Geometry, grid);
            totalBoundary += boundary;
            totalAbsError += Math.Abs(counted - area);
            Assert.True(Math.Abs(counted - area) <= boundary * grid.PixelAreaM2,
                $"{zones[i].Name}: {mask.PixelCounts[i]} px = {counted / 1e6:F1} km², polygon {area / 1e6:F1} km², {boundary} boundary cells");
        }
        // Errors along a boundary largely cancel: the total error is far below the boundary-cell bound.
        Assert.True(totalAbsError < 0.25 * totalBoundary * grid.PixelAreaM2);

        // Independent check of pixel-centre membership with NetTopologySuite prepared geometries on a lattice of pixels.
        var prepared = zones.Select(z => PreparedGeometryFactory.Prepare(z.Geometry)).ToArray();
        var gf = new GeometryFactory();
        int mismatches = 0, checkedPx = 0;
        for (int r = 0; r < h; r += 7)
            for (int c = 0; c < w; c += 7)
            {
                var (x, y) = grid.Transform.PixelCenter(c, r);
                var pt = gf.CreatePoint(new Coordinate(x, y));
                int first = Array.FindIndex(prepared, p => p.Contains(pt));
                checkedPx++;
                if (first != ids[r * w + c]) mismatches++;
            }
        Assert.Equal(0, mismatches);
        Assert.True(checkedPx > 1000);
    }

    // Distinct cells the polygon's rings pass through (segments sampled every 1/16 pixel).
    internal static long BoundaryCells(Geometry g, GridSpec grid)
    {
        var cells = new HashSet<long>();
        var t = grid.Transform;
        double step = Math.Abs(t.PixelWidth) / 16;
        void Add(double x, double y)
        {
            var (c, r) = t.MapToPixel(x, y);
            cells.Add((long)Math.Floor(r) * 1_000_000 + (long)Math.Floor(c));
        }
        for (int p = 0; p < g.NumGeometries; p++)
        {
            var poly = (Polygon)g.GetGeometryN(p);
            foreach (var ring in new[] { poly.ExteriorRing }.Concat(poly.InteriorRings))
            {
                var cs = ring.Coordinates;
                for (int i = 0; i + 1 < cs.Length; i++)
                {
                    double dx = cs[i + 1].X - cs[i].X, dy = cs[i + 1].Y - cs[i].Y;
                    int n = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(dx * dx + dy * dy) / step));
                    for (int k = 0; k <= n; k++) Add(cs[i].X + dx * k / n, cs[i].Y + dy * k / n);
                }
            }
        }
        return cells.Count;
    }
}
