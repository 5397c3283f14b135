using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Tests.Raster;

public class RasterHistogramTests
{
    [Theory]
    [InlineData("uint16_strip_lzw_pred2.tif")]
    [InlineData("int16_bigendian_tiled_deflate_pred2.tif")]
    [InlineData("int32_packbits_strip.tif")]
    [InlineData("uint32_uncompressed_tiled.tif")]
    [InlineData("int8_nodata_strip_deflate.tif")]
    [InlineData("float32_pred3_tiled_lzw.tif")]
    public void CountsEqualADirectCountOfAllPixels_ForAnyTilingAndThreads(string file)
    {
        using var r = GeoTiffReader.Open(TestData.Repo("rasters/" + file));
        var all = new double[r.Grid.PixelCount];
        r.Read<double>(r.Grid.Extent, all);
        var valid = all.Where(v => !double.IsNaN(v) && v != r.NoData).ToList();
        var expected = r.DataType.IsInteger()
            ? valid.GroupBy(v => (long)v).Select(g => (g.Key, (long)g.Count())).OrderBy(p => p.Key).ToList()
            : null;
        foreach (var o in new[] { TileOptions.Default, new TileOptions { TileWidth = 7, TileHeight = 3, MaxDegreeOfParallelism = 3 }, new TileOptions { MaxDegreeOfParallelism = 1 } })
        {
            var h = RasterHistogram.Compute(r, o);
            Assert.Equal(valid.Count, h.ValidCount);
            Assert.Equal(all.Length - valid.Count, h.NoDataCount);
            if (expected is null) Assert.Null(h.Counts);
            else Assert.Equal(expected, h.Counts);
        }
    }
}
