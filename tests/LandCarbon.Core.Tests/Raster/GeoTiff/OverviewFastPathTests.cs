using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Tests.Raster.GeoTiff;

/// <summary>The typed overview kernels the writer uses for float32 averages and uint8 modes give, value for value,
/// what <see cref="OverviewBuilder.Halve"/> gives through doubles, converted to the stored type.</summary>
public class OverviewFastPathTests
{
    [Theory]
    [InlineData(16, 16, 16)]
    [InlineData(15, 9, 16)]
    [InlineData(1, 1, 4)]
    [InlineData(7, 1, 8)]
    public void HalveAverage_EqualsHalve(int width, int height, int stride)
    {
        var rng = new Random(width * 100 + height);
        foreach (bool hasNoData in new[] { false, true })
        {
            var src = new float[stride * height];
            for (int i = 0; i < src.Length; i++)
                src[i] = rng.Next(6) switch { 0 => float.NaN, 1 => -9999f, 2 => -0f, _ => (float)(rng.NextDouble() * 200 - 100) };
            double noData = hasNoData ? -9999 : double.NaN;
            var dense = new double[width * height];
            for (int r = 0; r < height; r++)
                for (int c = 0; c < width; c++) dense[r * width + c] = src[r * stride + c];
            int w = (width + 1) / 2, h = (height + 1) / 2;
            var expected = new double[w * h];
            OverviewBuilder.Halve(dense, width, height, expected, OverviewResampling.Average, noData, hasNoData);
            var actual = new float[w * h];
            OverviewBuilder.HalveAverage(src, stride, width, height, actual, noData, hasNoData);
            for (int i = 0; i < actual.Length; i++)
                Assert.Equal(BitConverter.SingleToInt32Bits((float)expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
        }
    }

    [Theory]
    [InlineData(16, 16, 16)]
    [InlineData(15, 9, 16)]
    [InlineData(1, 1, 4)]
    [InlineData(7, 3, 8)]
    public void HalveMode_EqualsHalve(int width, int height, int stride)
    {
        var rng = new Random(width * 31 + height);
        foreach (var (hasNoData, noData) in new[] { (false, double.NaN), (true, 0.0), (true, 3.0), (true, 2.5), (true, 300.0) })
        {
            var src = new byte[stride * height];
            for (int i = 0; i < src.Length; i++) src[i] = (byte)(rng.Next(3) == 0 ? 3 : rng.Next(5));
            var dense = new double[width * height];
            for (int r = 0; r < height; r++)
                for (int c = 0; c < width; c++) dense[r * width + c] = src[r * stride + c];
            int w = (width + 1) / 2, h = (height + 1) / 2;
            var expected = new double[w * h];
            OverviewBuilder.Halve(dense, width, height, expected, OverviewResampling.Mode, noData, hasNoData);
            var actual = new byte[w * h];
            OverviewBuilder.HalveMode(src, stride, width, height, actual, noData, hasNoData);
            for (int i = 0; i < actual.Length; i++) Assert.Equal(byte.CreateTruncating(expected[i]), actual[i]);
        }
    }
}
