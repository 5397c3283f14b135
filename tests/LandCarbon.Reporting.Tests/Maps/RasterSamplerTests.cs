using LandCarbon.Reporting.Maps;

namespace LandCarbon.Reporting.Tests.Maps;

public class RasterSamplerTests
{
    [Fact]
    public void Continuous_blocks_average_valid_pixels_and_reads_stay_strip_sized()
    {
        var r = new ArrayRasterReader("x", ArrayRasterReader.Utm(1000), (c, row) => c == 0 ? -1 : c, -1);
        var s = RasterSampler.Sample(r, 100, categorical: false);
        Assert.Equal(10, s.Factor);
        Assert.Equal(100, s.Cols);
        Assert.Equal(5.0, s.Values[0, 0]); // mean of 1…9, the nodata column left out
        Assert.Equal(14.5, s.Values[3, 1]);
        Assert.True(r.MaxPixelsPerRead <= 1000 * 10, "one strip of Factor rows at a time");
    }

    [Fact]
    public void Categorical_blocks_keep_the_most_frequent_class()
    {
        var r = new ArrayRasterReader("x", ArrayRasterReader.Utm(40), (c, row) => c % 4 == 0 ? 8 : 1);
        var s = RasterSampler.Sample(r, 10, categorical: true);
        Assert.Equal(4, s.Factor);
        Assert.Equal(1.0, s.Values[2, 2]);
    }
}
