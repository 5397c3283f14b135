using LandCarbon.Core.Accounting;

namespace LandCarbon.Core.Tests.Accounting;

/// <summary>The class sums from per-tile fixed-point terms (shared by the years of a tile) equal, bit for bit, the
/// sums added pixel by pixel.</summary>
public class FactorTermsTests
{
    [Fact]
    public void SumsFromTerms_EqualPixelByPixelSums()
    {
        var rng = new Random(7);
        const int n = 3000;
        float[] Field(double lo, double hi) => [.. Enumerable.Range(0, n).Select(_ => rng.Next(20) == 0 ? float.NaN : (float)(lo + rng.NextDouble() * (hi - lo)))];
        var veg = Field(-0.2, 0.9);
        var pr = Field(600, 4000);
        var t = Field(-5, 25);
        var ter = Field(1, 3);
        var poi = Field(0, 5000);
        var inputs = new FluxTileInputs { Vegetation = veg, Precipitation = pr, Temperature = t, Terrain = ter, PoiWeight = poi };
        using var terms = FactorTerms.TryCreate(inputs, n);
        Assert.NotNull(terms);
        for (int year = 0; year < 3; year++)
        {
            var cls = Enumerable.Range(0, n).Select(_ => (byte)rng.Next(7)).ToArray();
            var expected = new FactorSums();
            expected.AddTile(inputs with { Classes = cls });
            var actual = new FactorSums();
            actual.AddTile(cls, terms!);
            for (int k = 1; k < 7; k++)
            {
                Assert.Equal(expected.Vegetation[k].Value, actual.Vegetation[k].Value);
                Assert.Equal(expected.Precipitation[k].Value, actual.Precipitation[k].Value);
                Assert.Equal(expected.Temperature[k].Value, actual.Temperature[k].Value);
                Assert.Equal(expected.BiomassProduct[k].Value, actual.BiomassProduct[k].Value);
                Assert.Equal(expected.Soil[k].Value, actual.Soil[k].Value);
                Assert.Equal(expected.Terrain[k].Value, actual.Terrain[k].Value);
                Assert.Equal(expected.Poi[k].Value, actual.Poi[k].Value);
                Assert.Equal(expected.VegetationCount[k], actual.VegetationCount[k]);
                Assert.Equal(expected.ClimateCount[k], actual.ClimateCount[k]);
                Assert.Equal(expected.TerrainCount[k], actual.TerrainCount[k]);
                Assert.Equal(expected.PoiCount[k], actual.PoiCount[k]);
            }
        }
    }

    [Fact]
    public void ValuesOutsideTheFastRange_AreDeclined()
    {
        float[] veg = [0.5f, 5e6f];
        Assert.Null(FactorTerms.TryCreate(new FluxTileInputs { Vegetation = veg }, 2));
        // exp(0.0054 · 200000) overflows: a biomass product that is not finite goes pixel by pixel.
        float[] pr = [200000f], t = [30f];
        Assert.Null(FactorTerms.TryCreate(new FluxTileInputs { Precipitation = pr, Temperature = t }, 1));
    }
}
