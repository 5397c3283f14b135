using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Tests.Raster.GeoTiff;

/// <summary>The typed overview kernels the writer uses for float32 averages and uint8 modes give, value for value,
/// what <see cref="OverviewBuilder.Halve"/> gives through doubles, converted to the stored type.</summary>
public class OverviewFastPathTests
{
    /// <summary>Block width, height and row stride (edge blocks are narrower than their stride).</summary>
    public static TheoryData<int, int, int> Blocks => new() { { 16, 16, 16 }, { 15, 9, 16 }, { 1, 1, 4 }, { 7, 3, 8 } };

    /// <summary>Halve's result for a strided block, through a dense copy in doubles.</summary>
    private static double[] ByHalve<T>(T[] src, int width, int height, int stride, OverviewResampling mode, double noData, bool hasNoData)
        where T : System.Numerics.INumberBase<T>
    {
        var dense = new double[width * height];
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++) dense[r * width + c] = double.CreateTruncating(src[r * stride + c]);
        var half = new double[((width + 1) / 2) * ((height + 1) / 2)];
        OverviewBuilder.Halve(dense, width, height, half, mode, noData, hasNoData);
        return half;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void HalveAverage_EqualsHalve(int width, int height, int stride)
    {
        var rng = new Random(width * 100 + height);
        foreach (bool hasNoData in new[] { false, true })
        {
            var src = new float[stride * height];
            for (int i = 0; i < src.Length; i++)
                src[i] = rng.Next(6) switch { 0 => float.NaN, 1 => -9999f, 2 => -0f, _ => (float)(rng.NextDouble() * 200 - 100) };
            double noData = hasNoData ? -9999 : double.NaN;
            var expected = ByHalve(src, width, height, stride, OverviewResampling.Average, noData, hasNoData);
            var actual = new float[expected.Length];
            OverviewBuilder.HalveAverage(src, stride, width, height, actual, noData, hasNoData);
            for (int i = 0; i < actual.Length; i++)
                Assert.Equal(BitConverter.SingleToInt32Bits((float)expected[i]), BitConverter.SingleToInt32Bits(actual[i]));
        }
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void HalveMode_EqualsHalve(int width, int height, int stride)
    {
        var rng = new Random(width * 31 + height);
        foreach (var (hasNoData, noData) in new[] { (false, double.NaN), (true, 0.0), (true, 3.0), (true, 2.5), (true, 300.0) })
        {
            var src = new byte[stride * height];
            for (int i = 0; i < src.Length; i++) src[i] = (byte)(rng.Next(3) == 0 ? 3 : rng.Next(5));
            var expected = ByHalve(src, width, height, stride, OverviewResampling.Mode, noData, hasNoData);
            var actual = new byte[expected.Length];
            OverviewBuilder.HalveMode(src, stride, width, height, actual, noData, hasNoData);
            for (int i = 0; i < actual.Length; i++) Assert.Equal(byte.CreateTruncating(expected[i]), actual[i]);
        }
    }
}
