using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Tests.Raster;

public class GridSpecTests
{
    private static readonly SpatialReference Utm49 = new(32649, "PROJCS[\"WGS 84 / UTM zone 49N\"]");

    [Fact]
    public void PixelArea_ComesFromTheGeoTransform()
    {
        var g = new GridSpec(10, 10, GeoTransform.NorthUp(0, 0, 30), Utm49);
        Assert.Equal(900, g.PixelAreaM2);
        Assert.Equal(0.09, g.PixelAreaHa, 15);
        Assert.Equal(0.0009, g.PixelAreaKm2, 15);
    }

    [Fact]
    public void EnsureAlignedWith_NamesBothFilesAndEveryDifference()
    {
        var a = new GridSpec(100, 80, GeoTransform.NorthUp(759105.274, 3410337.41, 30), Utm49);
        var b = a with { Width = 101, Transform = GeoTransform.NorthUp(759115.274, 3410337.41, 30), Crs = new SpatialReference(32648, "") };
        var e = Assert.Throws<InputException>(() => a.EnsureAlignedWith(b, "lu2000.tif", "ndvi.tif"));
        Assert.Contains("ndvi.tif is not on the grid of lu2000.tif", e.Message, StringComparison.Ordinal);
        Assert.Contains("size: lu2000.tif is 100×80 px, ndvi.tif is 101×80 px", e.Message, StringComparison.Ordinal);
        Assert.Contains("origin x", e.Message, StringComparison.Ordinal);
        Assert.Contains("EPSG:32649", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, e.Problems.Count);
    }

    [Fact]
    public void MapToPixel_InvertsPixelToMap()
    {
        var t = new GeoTransform(1000, 30, 2, 5000, 1.5, -30);
        var (x, y) = t.PixelToMap(12.25, 7.5);
        var (c, r) = t.MapToPixel(x, y);
        Assert.Equal(12.25, c, 10);
        Assert.Equal(7.5, r, 10);
    }
}
