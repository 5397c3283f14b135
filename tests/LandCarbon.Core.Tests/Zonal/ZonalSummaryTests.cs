using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Risk;
using LandCarbon.Core.Tables;
using LandCarbon.Core.Zonal;
using NetTopologySuite.IO;

namespace LandCarbon.Core.Tests.Zonal;

public class ZonalSummaryTests
{
    private static readonly WKTReader Wkt = new();

    [Fact]
    public void TwoZones_SumsAreasSharesAndRanks()
    {
        // 4×2 grid of 100 m pixels (0.01 km² each); zone A = left half, zone B = right half.
        var grid = new GridSpec(4, 2, GeoTransform.NorthUp(0, 200, 100), new SpatialReference(32648, ""));
        Zone[] zones =
        [
            new(0, "A", "a", Wkt.Read("POLYGON((0 0, 200 0, 200 200, 0 200, 0 0))")),
            new(1, "B", "b", Wkt.Read("POLYGON((200 0, 400 0, 400 200, 200 200, 200 0))")),
        ];
        var mask = ZoneRasterizer.Rasterize(zones, grid);
        double[] d = [1, -2, 5, 6,
                      0, double.NaN, 0, 3];
        var src = new ArrayIndexSource(grid, d);
        var th = RiskThresholds.FromTransformed("test", [0.5, 1, 4, 5.5], IndexTransform.Identity, RiskLevels.Five, "");
        var s = ZonalSummary.Compute(mask, src, th, null, 0, KeyMonitoringAreaRule.Default with { TopCount = 1 }, TileOptions.Default, PixelAreas.For(mask.Grid, AreaModel.Nominal, "zones"));
        var a = s.Rows[0];
        var b = s.Rows[1];
        Assert.Equal(4, a.Pixels);
        Assert.Equal(0.04, a.AreaKm2, 12);
        Assert.Equal(3, a.ValidPixels);
        Assert.Equal(-1, a.NetDeltaTonnesC);
        Assert.Equal(1, a.IncrementTonnesC);
        Assert.Equal(-2, a.ReductionTonnesC);
        Assert.Equal(0.01, a.IncrementAreaKm2, 12);
        Assert.Equal(0.01, a.StableAreaKm2, 12);
        Assert.Equal(14, b.NetDeltaTonnesC);
        // B: levels of 5, 6, 0, 3 → 4, 5, 1, 3; high + extremely high = 2 of 4.
        Assert.Equal(0.5, b.HighRiskShare);
        Assert.Equal(0.25, b.LevelShare(5));
        Assert.Equal(1, b.RankNetDelta);
        Assert.Equal(2, a.RankNetDelta);
        var key = Assert.Single(s.KeyAreas);
        Assert.Equal("B", key.Row.Zone.Id);
        Assert.Contains("net ΔCBI rank 1", key.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void GuizhouCounties_TotalsAddUp_AndGuiyangCoreIsAKeyArea()
    {
        string path = TestData.Shared("bnd-guizhou-datav/guizhou_counties_88_merged.geojson");
        var crs = new SpatialReference(null, ZoneRasterizerTests.AlbersWkt);
        const double px = 2000;
        var zones = ZoneLayer.Read(path, "gcj02", new GridSpec(1, 1, GeoTransform.NorthUp(0, 0, px), crs));
        var env = new NetTopologySuite.Geometries.Envelope();
        foreach (var z in zones) env.ExpandToInclude(z.Geometry.EnvelopeInternal);
        double x0 = Math.Floor(env.MinX / px) * px, y1 = Math.Ceiling(env.MaxY / px) * px;
        int w = (int)Math.Ceiling((env.MaxX - x0) / px), h = (int)Math.Ceiling((y1 - env.MinY) / px);
        var grid = new GridSpec(w, h, GeoTransform.NorthUp(x0, y1, px), crs);
        var mask = ZoneRasterizer.Rasterize(zones, grid);

        // A synthetic ΔCBI surface peaking at Guiyang's city centre (106.63 E, 26.65 N, WGS84), negative far away.
        var (cx, cy) = CoordinateTransformer.FromWgs84(crs).Forward(106.63, 26.65);
        var d = new double[w * h];
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
            {
                var (x, y) = grid.Transform.PixelCenter(c, r);
                double dist = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 1000;
                d[r * w + c] = 50 * Math.Exp(-dist / 15) - 0.5;
            }
        var src = new ArrayIndexSource(grid, d);
        var stats = IndexStatistics.FromValues(d);
        var th = ErrorTheoryThresholds.Compute(stats);
        var s1 = ZonalSummary.Compute(mask, src, th, null, 0, KeyMonitoringAreaRule.Default, new TileOptions { TileWidth = 37, TileHeight = 23, MaxDegreeOfParallelism = 2 }, PixelAreas.For(mask.Grid, AreaModel.True, "zones"));
        var s2 = ZonalSummary.Compute(mask, src, th, null, 0, KeyMonitoringAreaRule.Default, new TileOptions { TileWidth = w, TileHeight = h, MaxDegreeOfParallelism = 1 }, PixelAreas.For(mask.Grid, AreaModel.True, "zones"));
        Assert.Equal(s1.Rows.Select(r => r.NetDeltaTonnesC), s2.Rows.Select(r => r.NetDeltaTonnesC));

        // Every pixel is counted in at most one county: county sums + outside sum = grid sum.
        var ids = new int[w * h];
        mask.Fill(grid.Extent, ids);
        var outside = new LandCarbon.Core.Numerics.ExactSum();
        var all = new LandCarbon.Core.Numerics.ExactSum();
        for (int i = 0; i < d.Length; i++) { all.Add(d[i]); if (ids[i] < 0) outside.Add(d[i]); }
        var inside = new LandCarbon.Core.Numerics.ExactSum();
        foreach (var r in s1.Rows) inside.Add(r.NetDeltaTonnesC);
        Assert.Equal(all.Value, inside.Value + outside.Value, 6);

        Assert.Equal(9, s1.KeyAreas.Count(k => k.Row.RankNetDelta <= 9));
        var names = s1.KeyAreas.Select(k => k.Row.Zone.Name).ToHashSet();
        Assert.Contains("南明区", names);
        Assert.Contains("云岩区", names);
        string dir = TestData.TempDir();
        s1.SummaryTable().Save(Path.Combine(dir, "zonal_summary.csv"));
        s1.KeyAreaTable().Save(Path.Combine(dir, "key_monitoring_areas.csv"));
        var t = CsvTable.Read(Path.Combine(dir, "zonal_summary.csv"));
        Assert.Equal(88, t.Rows.Count);
        Assert.Equal(s1.KeyAreas.Count, CsvTable.Read(Path.Combine(dir, "key_monitoring_areas.csv")).Rows.Count);
    }
}
