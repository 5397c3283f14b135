using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Accounting;

/// <summary>The general kernel (eight pixels at a time where the CPU has AVX-512) gives, bit for bit, the outputs
/// and totals of the pixel-by-pixel kernel, whatever mix of classes, nodata, special values and corrections.</summary>
public class CompositeCoefficientVectorTests
{
    private static readonly Dictionary<LandClass, double> Coef = LandClasses.All.ToDictionary(c => c, c => CoefficientTable.Default[c] ?? 40.0);

    [Theory]
    [InlineData(false, false, 1001)]
    [InlineData(true, false, 4096)]
    [InlineData(true, true, 517)]
    [InlineData(false, true, 7)]
    public void VectorKernel_EqualsScalarKernel(bool perPixelArea, bool huge, int n)
    {
        var rng = new Random(n + (perPixelArea ? 1 : 0) + (huge ? 2 : 0));
        float Pick(double lo, double hi) => rng.Next(huge ? 8 : 40) switch
        {
            0 => float.NaN,
            1 => -0f,
            2 => BitConverter.Int32BitsToSingle(0x7FC00000),   // a positive NaN, as numpy writes it
            _ => (float)(lo + rng.NextDouble() * (hi - lo)),
        };
        var cls = Enumerable.Range(0, n).Select(i => (byte)(i % 97 < 20 ? 5 : rng.Next(7))).ToArray();
        float[] veg = [.. cls.Select(_ => Pick(-0.3, 1.2))], pr = [.. cls.Select(_ => Pick(500, 2500))], tc = [.. cls.Select(_ => Pick(-10, 30))];
        float[] ter = [.. cls.Select(_ => Pick(1, 2))], poi = [.. cls.Select(_ => rng.Next(5) == 0 ? 0f : Pick(-1, 4))];
        float[] con = [.. cls.Select(_ => huge && rng.Next(50) == 0 ? 1e6f : Pick(20, 200))];
        double[] area = [.. cls.Select(_ => rng.Next(300) == 0 ? 5000.0 : 850 + rng.NextDouble() * 100)];
        var classes = new[] { LandClass.Cultivated, LandClass.Forest, LandClass.Grassland };
        var settings = new CorrectionSettings
        {
            Vegetation = new VegetationCorrection("v", classes, true, 0.2, 3),
            Climate = new ClimateCorrection("p", "t", ClimateReference.Study, 640, 9.5, 0.4, [LandClass.Forest, LandClass.Grassland, LandClass.Unused], true),
            Terrain = new TerrainCorrection("d", [LandClass.Cultivated, LandClass.Water], false),
            Poi = new PoiCorrection(null, 0.3, true),
        };
        var inputs = new FluxTileInputs
        {
            Classes = cls, Vegetation = veg, Precipitation = pr, Temperature = tc, Terrain = ter, PoiWeight = poi, Construction = con,
            AreaM2 = perPixelArea ? area : [],
        };
        var sums = new FactorSums();
        sums.AddTile(inputs);
        var p = FluxParameters.Create(Coef, settings, 0.09, sums);
        var (cc1, cbi1, np1, t1) = (new float[n], new float[n], new float[n], new FluxTotals());
        CompositeCoefficient.Compute(inputs, p, cc1, cbi1, np1, t1);
        var (cc2, cbi2, np2, t2) = (new float[n], new float[n], new float[n], new FluxTotals());
        CompositeCoefficient.ComputeScalar(inputs, p, cc2, cbi2, np2, t2, 0, n);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(cc2[i]), BitConverter.SingleToInt32Bits(cc1[i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(cbi2[i]), BitConverter.SingleToInt32Bits(cbi1[i]));
            Assert.Equal(BitConverter.SingleToInt32Bits(np2[i]), BitConverter.SingleToInt32Bits(np1[i]));
        }
        for (int k = 0; k < LandClasses.ArraySize; k++)
        {
            Assert.Equal(t2.ClassPixels[k], t1.ClassPixels[k]);
            Assert.Equal(t2.ExcludedPixels[k], t1.ExcludedPixels[k]);
            Assert.Equal(t2.ClassTonnesC[k].Value, t1.ClassTonnesC[k].Value);
            Assert.Equal(t2.ClassAreaM2[k].Value, t1.ClassAreaM2[k].Value);
        }
        Assert.Equal(t2.SourceTonnesC.Value, t1.SourceTonnesC.Value);
        Assert.Equal(t2.SinkTonnesC.Value, t1.SinkTonnesC.Value);
        Assert.True(t1.ClassPixels.Sum() > n / 5);
    }
}
