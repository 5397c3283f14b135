using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Accounting;

public class CompositeCoefficientTests
{
    private static readonly Dictionary<LandClass, double> Coef = LandClasses.All.ToDictionary(c => c, c => CoefficientTable.Default[c] ?? 40.0);

    [Fact]
    public void NormalisedVegetationFactor_PreservesClassTotal()
    {
        byte[] cls = [2, 2, 2, 2, 1];
        float[] ndvi = [0.2f, 0.4f, 0.6f, 0.8f, 0.5f];
        var settings = new CorrectionSettings { Vegetation = new VegetationCorrection("ndvi.tif", [LandClass.Forest], true, 0.2, 3) };
        var sums = new FactorSums();
        sums.AddTile(new FluxTileInputs { Classes = cls, Vegetation = ndvi });
        var p = FluxParameters.Create(Coef, settings, 0.09, sums);
        var cc = new float[5];
        var cbi = new float[5];
        var totals = new FluxTotals();
        CompositeCoefficient.Compute(new FluxTileInputs { Classes = cls, Vegetation = ndvi }, p, cc, cbi, totals);
        // mean forest NDVI = 0.5: factors 0.4, 0.8, 1.2, 1.6; cultivated untouched
        Assert.Equal(-0.644 * 0.4, cc[0], 6);
        Assert.Equal(-0.644 * 1.6, cc[3], 6);
        Assert.Equal(0.422, cc[4], 6);
        Assert.Equal(4 * -0.644 * 0.09, totals.ClassTonnesC[2].Value, 6);
    }

    [Fact]
    public void NodataFactorWhereItApplies_DropsPixel_ElsewhereIgnored()
    {
        byte[] cls = [2, 1, 0];
        float[] ndvi = [float.NaN, float.NaN, 0.5f];
        var settings = new CorrectionSettings { Vegetation = new VegetationCorrection("ndvi.tif", [LandClass.Forest], false, 0.2, 3) };
        var p = FluxParameters.Create(Coef, settings, 0.09, null);
        var cbi = new float[3];
        var totals = new FluxTotals();
        CompositeCoefficient.Compute(new FluxTileInputs { Classes = cls, Vegetation = ndvi }, p, [], cbi, totals);
        Assert.True(float.IsNaN(cbi[0]));
        Assert.Equal((float)(0.422 * 0.09), cbi[1]);
        Assert.True(float.IsNaN(cbi[2]));
        Assert.Equal(1, totals.ExcludedPixels[2]);
        Assert.Equal(1, totals.ClassPixels[1]);
    }

    [Fact]
    public void ClimateFactor_StudyReference_NormalisedMeanIsOne()
    {
        byte[] cls = [3, 3, 3];
        float[] pr = [900, 1100, 1300];
        float[] t = [12, 15, 18];
        var settings = new CorrectionSettings { Climate = new ClimateCorrection("p", "t", ClimateReference.Study, 640, 9.5, 0.5, [LandClass.Grassland], true) };
        var sums = new FactorSums();
        var inputs = new FluxTileInputs { Classes = cls, Precipitation = pr, Temperature = t };
        sums.AddTile(inputs);
        var p = FluxParameters.Create(Coef, settings, 1, sums);
        var cc = new float[3];
        CompositeCoefficient.Compute(inputs, p, cc, new float[3], new FluxTotals());
        Assert.Equal(-0.021, cc.Average(x => (double)x), 6);
        // the middle pixel sits at the reference (mean P 1100, mean T 15): raw factor 1, divided by the class mean
        double meanF = new[] { 0, 1, 2 }.Average(i => ClimateFactor.Blended(pr[i], t[i], 1100, 15, 0.5));
        Assert.Equal(-0.021 / meanF, cc[1], 6);
    }

    [Fact]
    public void PoiFactor_ZeroWeightGetsMinimum()
    {
        byte[] cls = [5, 5, 5];
        float[] w = [0, 1, 3];
        var settings = new CorrectionSettings { Poi = new PoiCorrection("w.tif", 0.3, true) };
        var sums = new FactorSums();
        sums.AddTile(new FluxTileInputs { Classes = cls, PoiWeight = w });
        var p = FluxParameters.Create(Coef, settings, 1, sums);
        var cc = new float[3];
        CompositeCoefficient.Compute(new FluxTileInputs { Classes = cls, PoiWeight = w }, p, cc, new float[3], new FluxTotals());
        Assert.Equal(40 * 0.3, cc[0], 5);
        Assert.Equal(40 * 1 / (4.0 / 3), cc[1], 5);
        Assert.Equal(40 * 3 / (4.0 / 3), cc[2], 5);
    }

    [Fact]
    public void UniformAndGeneralPaths_GiveIdenticalTotals()
    {
        var rng = new Random(7);
        var cls = Enumerable.Range(0, 10_000).Select(_ => (byte)rng.Next(0, 7)).ToArray();
        var p = FluxParameters.Create(Coef, new CorrectionSettings(), 0.09, null);
        var fast = new FluxTotals();
        CompositeCoefficient.Compute(new FluxTileInputs { Classes = cls }, p, new float[cls.Length], new float[cls.Length], fast);
        var slow = new FluxTotals();
        var con = cls.Select(_ => 40f).ToArray();
        CompositeCoefficient.Compute(new FluxTileInputs { Classes = cls, Construction = con }, p, new float[cls.Length], new float[cls.Length], slow);
        Assert.Equal(fast.NetTonnesC, slow.NetTonnesC);
        Assert.Equal(fast.SourceTonnesC.Value, slow.SourceTonnesC.Value);
        for (int k = 0; k < 7; k++) Assert.Equal(fast.ClassTonnesC[k].Value, slow.ClassTonnesC[k].Value);
    }

    [Theory]
    [InlineData(900.0)]      // 30 m pixels: the class-run path
    [InlineData(250000.0)]   // 500 m pixels: areas beyond its integer range, the pixel-by-pixel path
    public void PerPixelAreas_TotalsAreTheOneByOneExactSums(double nominalM2)
    {
        // Classes in runs with nodata and a class without coefficient; areas varying per pixel as on a UTM grid.
        var rng = new Random(21);
        const int n = 5000;
        var cls = new byte[n];
        for (int i = 0; i < n; i++) cls[i] = i > 0 && rng.NextDouble() < 0.9 ? cls[i - 1] : (byte)rng.Next(0, 7);
        var area = Enumerable.Range(0, n).Select(i => nominalM2 * (1 + 1e-4 * Math.Sin(i * 0.37))).ToArray();
        var coef = new Dictionary<LandClass, double>(Coef) { [LandClass.Water] = double.NaN };
        var p = FluxParameters.Create(coef, new CorrectionSettings(), double.NaN, null);
        var cbi = new float[n];
        var cc = new float[n];
        var totals = new FluxTotals();
        CompositeCoefficient.Compute(new FluxTileInputs { Classes = cls, AreaM2 = area }, p, cc, cbi, totals);
        var tonnes = new ExactSum[7];
        var areas = new ExactSum[7];
        var pixels = new long[7];
        var excluded = new long[7];
        ExactSum source = default, sink = default;
        for (int i = 0; i < n; i++)
        {
            int k = cls[i];
            double c = k == 0 ? double.NaN : p.Coefficients[k];
            if (!double.IsFinite(c))
            {
                Assert.True(float.IsNaN(cbi[i]) && float.IsNaN(cc[i]));
                if (k != 0) excluded[k]++;
                continue;
            }
            float v = (float)(c * (area[i] / 1e4));
            Assert.Equal(v, cbi[i]);
            Assert.Equal((float)c, cc[i]);
            pixels[k]++;
            tonnes[k].Add(v);
            areas[k].Add(area[i]);
            if (v > 0) source.Add(v);
            else if (v < 0) sink.Add(-(double)v);
        }
        for (int k = 0; k < 7; k++)
        {
            Assert.Equal(pixels[k], totals.ClassPixels[k]);
            Assert.Equal(excluded[k], totals.ExcludedPixels[k]);
            Assert.Equal(tonnes[k].Value, totals.ClassTonnesC[k].Value);
            Assert.Equal(areas[k].Value, totals.ClassAreaM2[k].Value);
        }
        Assert.Equal(source.Value, totals.SourceTonnesC.Value);
        Assert.Equal(sink.Value, totals.SinkTonnesC.Value);
    }
}
