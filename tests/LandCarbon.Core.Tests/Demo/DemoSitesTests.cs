using LandCarbon.Core.Demo;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Tests.Demo;

public class DemoSitesTests
{
    /// <summary>Windows on the edges of the built-up areas (largest radius and twice it, where the shape factor may
    /// still reach), on the corridors and halfway between county seats: where leaving a site out would show.</summary>
    private static IEnumerable<(double X, double Y)> Probes()
    {
        foreach (var c in DemoRegion.Cores)
            foreach (double r in new[] { c.Radius2024Km, 1.6 * c.Radius2024Km, c.BasinRadiusKm * 3 })
                yield return (c.X + 1000 * r, c.Y);
        foreach (var p in DemoRegion.Parks)
            foreach (double r in new[] { p.Radius2024Km, 1.6 * p.Radius2024Km })
                yield return (p.X, p.Y - 1000 * r);
        foreach (var c in DemoRegion.Counties) yield return (c.X + 2000, c.Y + 1500);
        foreach (var (x0, y0, x1, y1) in DemoRegion.Corridors) yield return ((x0 + x1) / 2 + 900, (y0 + y1) / 2);
        var seats = DemoRegion.Counties;
        for (int i = 0; i + 1 < seats.Count; i++) yield return ((seats[i].X + seats[i + 1].X) / 2, (seats[i].Y + seats[i + 1].Y) / 2);
    }

    [Theory]
    [InlineData(8000, 40)]  // 30 m, the shared terrain pass
    [InlineData(3000, 24)]  // 80 m, three terrain evaluations per pixel
    public void Tiles_with_the_sites_in_reach_equal_tiles_testing_every_site_bit_for_bit(int size, int side)
    {
        var land = new DemoLandscape(size, 20260628);
        var pruned = new DemoTile(side * side);
        var reference = new DemoTile(side * side);
        int windows = 0;
        foreach (var (x, y) in Probes())
        {
            var (col, row) = land.Grid.Transform.MapToPixel(x, y);
            int c0 = Math.Clamp((int)col - side / 2, 0, size - side), r0 = Math.Clamp((int)row - side / 2, 0, size - side);
            var w = new PixelWindow(c0, r0, side, side);
            land.Fill(w, pruned, pruned: true);
            land.Fill(w, reference, pruned: false);
            Assert.Equal(reference.DemMeters, pruned.DemMeters);
            Assert.Equal(reference.SlopeDegrees, pruned.SlopeDegrees);
            Assert.Equal(reference.CountyIndex, pruned.CountyIndex);
            for (int k = 0; k < reference.LandUse.Count; k++) Assert.Equal(reference.LandUse[k], pruned.LandUse[k]);
            Assert.Equal(reference.Ndvi, pruned.Ndvi);
            Assert.Equal(reference.PrecipitationMm, pruned.PrecipitationMm);
            Assert.Equal(reference.TemperatureC, pruned.TemperatureC);
            windows++;
        }
        Assert.True(windows > 60);
    }

    [Fact]
    public void A_tile_far_from_every_site_keeps_only_its_county_seats()
    {
        var sites = new DemoSites();
        // A 7.7 km box in the south-west corner of the region, far from every core, park and corridor.
        double x0 = DemoRegion.MinX, y0 = DemoRegion.MaxY - DemoRegion.SideMeters;
        sites.Select(x0, x0 + 7680, y0, y0 + 7680, [.. DemoRegion.Cores.Select(_ => 400.0 * 400)],
            [.. DemoRegion.Parks.Select(_ => 400.0 * 400)], 400.0 * 400, 1000);
        Assert.Equal(0, sites.Cores.Length);
        Assert.Equal(0, sites.Parks.Length);
        Assert.Equal(0, sites.Corridors.Length);
        Assert.Equal(0, sites.Basins.Length);
        Assert.InRange(sites.Counties.Length, 1, 3);
    }
}
