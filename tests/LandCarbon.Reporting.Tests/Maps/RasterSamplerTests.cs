using LandCarbon.Core.Raster;
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

public class RasterSamplerBlockTests
{
    private static GridSpec Grid(int w, int h) => new(w, h, GeoTransform.NorthUp(0, 0, 30), new SpatialReference(32648, ""));

    [Theory]
    [InlineData(100, 70, 7, 30, false)]
    [InlineData(100, 70, 7, 30, true)]
    [InlineData(64, 64, 256, 10, true)]
    [InlineData(33, 91, 1, 12, false)]
    [InlineData(50, 50, 16, 50, true)]
    [InlineData(100, 70, 7, 30, true, RasterDataType.UInt8)]
    [InlineData(64, 64, 256, 10, true, RasterDataType.Int8)]
    [InlineData(50, 50, 16, 50, true, RasterDataType.Int8)]
    [InlineData(100, 70, 7, 30, true, RasterDataType.UInt8, 5)]
    [InlineData(64, 64, 256, 10, true, RasterDataType.Int8, 3)]
    public void Result_equals_a_direct_block_reduction_and_each_block_row_is_read_once(int w, int h, int blockHeight, int maxSize, bool categorical,
        RasterDataType type = RasterDataType.Float64, int patch = 1)
    {
        // 8-bit codes take the counting-table path: UInt8 codes up to 200, Int8 codes −4…4 (nodata −128 / 255); with
        // patch > 1, classes come in runs of up to that many pixels along a row (cut by nodata and block edges).
        double nd = type switch { RasterDataType.UInt8 => 255, RasterDataType.Int8 => -128, _ => -1 };
        double Value(int c, int r) => (c * 7 + r * 13) % 11 == 0 ? nd
            : !categorical ? Math.Sin(c * 0.3 + r * 0.7) * 100
            : type == RasterDataType.UInt8 ? (c / patch * 3 + r * 5) % 4 * 50
            : type == RasterDataType.Int8 ? (c / patch * 3 + r * 5) % 9 - 4
            : (c * 3 + r * 5) % 4;
        var reader = new ArrayRasterReader("x", Grid(w, h), Value, nd, blockHeight, type);
        var s = RasterSampler.Sample(reader, maxSize, categorical);
        int f = (int)Math.Ceiling(Math.Max(w, h) / (double)maxSize);
        Assert.Equal(f, s.Factor);
        for (int br = 0; br < s.Rows; br++)
        {
            for (int bc = 0; bc < s.Cols; bc++)
            {
                var block = new List<double>();
                for (int r = br * f; r < Math.Min(h, (br + 1) * f); r++)
                    for (int c = bc * f; c < Math.Min(w, (bc + 1) * f); c++)
                        if (Value(c, r) != nd) block.Add(Value(c, r));
                double expected = block.Count == 0 ? double.NaN
                    : categorical ? block.GroupBy(v => v).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key
                    : block.Average();
                Assert.Equal(expected, s.Values[br, bc], 9);
            }
        }
        // Reads are whole block rows, in order, each once.
        int chunk = Math.Min(h, blockHeight);
        Assert.All(reader.Windows, win => Assert.True(win.Row % chunk == 0 && win.Width == w && win.Height == Math.Min(chunk, h - win.Row)));
        Assert.Equal((h + chunk - 1) / chunk, reader.Windows.Count);
    }

    [Fact]
    public void A_huge_single_strip_is_read_in_capped_chunks()
    {
        // A stripped file stored as one strip of 8000 × 8000: reads stay under the chunk cap.
        var reader = new ArrayRasterReader("x", Grid(8000, 8000), (c, r) => 1, null, blockHeight: 8000);
        Assert.True(RasterSampler.ChunkRows(reader, 8000) * 8000L <= RasterSampler.MaxChunkPixels);
    }
}
