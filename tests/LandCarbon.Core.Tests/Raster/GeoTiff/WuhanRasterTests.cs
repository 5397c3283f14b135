using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Raster.GeoTiff;

/// <summary>The real Wuhan land-use rasters (GDAL-written, LZW, 128×128 tiles; 2003 is 4-bit) against the
/// reference pixel counts shipped with the data.</summary>
public class WuhanRasterTests
{
    public static TheoryData<string> Files => new() { "wh2003_refy.tif", "wh2005_refy.tif", "wh2010_refy.tif", "wh2013_refy.tif", "WaterWuhan.tif" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Histogram_EqualsReferenceCounts(string file)
    {
        string refPath = TestData.Shared("lulc-wuhan-30m/REFERENCE_class_pixel_counts.csv");
        var table = CsvTable.Read(refPath);
        var rows = table.Rows.Where(r => table.Text(r, "file") == file).ToList();
        var expectedValid = rows.Where(r => table.Text(r, "flag") != "nodata")
            .Select(r => ((long)table.Int(r, "value"), (long)table.Int(r, "pixel_count"))).ToList();
        long expectedNoData = rows.Where(r => table.Text(r, "flag") == "nodata").Sum(r => (long)table.Int(r, "pixel_count"));

        using var reader = GeoTiffReader.Open(TestData.Shared("lulc-wuhan-30m/" + file));
        foreach (var options in new[] { TileOptions.Default, new TileOptions { TileWidth = 384, TileHeight = 128, MaxDegreeOfParallelism = 1 } })
        {
            var h = RasterHistogram.Compute(reader, options);
            Assert.Equal(expectedValid, h.Counts);
            Assert.Equal(expectedNoData, h.NoDataCount);
            Assert.Equal(expectedValid.Sum(v => v.Item2), h.ValidCount);
        }
    }

    [Fact]
    public void Georeferencing_MatchesGdalinfo()
    {
        using var r = GeoTiffReader.Open(TestData.Shared("lulc-wuhan-30m/wh2005_refy.tif"));
        Assert.Equal(2931, r.Grid.Width);
        Assert.Equal(2931, r.Grid.Height);
        Assert.Equal(RasterDataType.Int8, r.DataType);
        Assert.Equal(-128, r.NoData);
        Assert.Equal(32649, r.Grid.Crs.Epsg);
        Assert.Equal([759105.274, 30, 0, 3410337.41, 0, -30], r.Grid.Transform.ToArray());
        Assert.Equal((128, 128), (r.BlockWidth, r.BlockHeight));

        using var r03 = GeoTiffReader.Open(TestData.Shared("lulc-wuhan-30m/wh2003_refy.tif"));
        Assert.Equal(RasterDataType.UInt8, r03.DataType);
        Assert.Equal(15, r03.NoData);
        r.Grid.EnsureAlignedWith(r03.Grid, "2005", "2003");
    }

    [Fact]
    public void UnalignedWindows_ReadTheSamePixelsAsAlignedOnes()
    {
        using var r = GeoTiffReader.Open(TestData.Shared("lulc-wuhan-30m/wh2003_refy.tif"));
        var whole = new byte[r.Grid.PixelCount];
        r.Read<byte>(r.Grid.Extent, whole);
        var win = new PixelWindow(1000, 1201, 333, 77);
        var part = new int[win.PixelCount];
        r.Read<int>(win, part);
        for (int y = 0; y < win.Height; y++)
            for (int x = 0; x < win.Width; x++)
                Assert.Equal(whole[(win.Row + y) * r.Grid.Width + win.Col + x], part[y * win.Width + x]);
    }
}
