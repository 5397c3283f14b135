using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Accounting;

/// <summary>The hand-derived values of METHOD-SPEC §5 (computed by hand from the spec's formulas, not from our output).</summary>
public class HandDerivedTests
{
    [Fact]
    public void Reclass_ClcdToSixClasses()
    {
        var lookup = ClassScheme.Clcd.CreateLookup(null);
        byte[] codes = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var classes = new byte[9];
        lookup.Apply(codes, classes);
        Assert.Equal(new byte[] { 1, 2, 2, 3, 4, 6, 6, 5, 4 }, classes);
        Assert.Equal(0, lookup[0]);
        Assert.Equal(0, lookup[255]);
        Assert.Equal(ClassLookup.Unknown, lookup[10]);
    }

    [Fact]
    public void Energy_RawCoalAndNaturalGas()
    {
        var f = EnergyFactorTable.Default;
        // 1 t raw coal → 0.7143 × 0.7559 = 0.53994 t C
        Assert.Equal(0.53994, f.TonnesC("raw coal", 1), 5);
        // 10⁴ m³ natural gas → 13.3 tce × 0.4483 = 5.9624 t C
        Assert.Equal(5.96239, f.TonnesC("Natural_Gas", 1), 5);
    }

    [Fact]
    public void Energy_StatisticsSumFuelsAndInterpolate()
    {
        string dir = TestData.TempDir();
        string csv = Path.Combine(dir, "energy.csv");
        File.WriteAllText(csv, "unit,year,fuel,amount,multiplier,sector\nA,2000,raw coal,1,10000,industry\nA,2000,natural gas,2,,industry\nA,2000,diesel,5,,agriculture\nA,2010,raw coal,3,10000,industry\n");
        var stats = EnergyStatistics.Read(csv, EnergyFactorTable.Default, ["agriculture"]);
        double e2000 = 10000 * 0.7143 * 0.7559 + 2 * 13.3 * 0.4483;
        double e2010 = 30000 * 0.7143 * 0.7559;
        Assert.Equal(e2000, stats.Single(s => s.Year == 2000).TonnesC, 9);
        var mid = EnergyStatistics.EmissionFor(stats, "A", 2005)!.Value;
        Assert.Equal(EnergyStatistics.Provenance.Interpolated, mid.How);
        Assert.Equal((e2000 + e2010) / 2, mid.TonnesC, 9);
        Assert.Equal(EnergyStatistics.Provenance.Extrapolated, EnergyStatistics.EmissionFor(stats, "A", 2024)!.Value.How);
        Assert.Null(EnergyStatistics.EmissionFor(stats, "B", 2005));
    }

    [Fact]
    public void SinglePixel_CultivatedToConstruction_WithDeltaCon50()
    {
        // ΔCBI = (50 − 0.422) × 0.09 = 4.46202 t C/yr
        double before = PixelCbi(LandClass.Cultivated, 50), after = PixelCbi(LandClass.Construction, 50);
        Assert.Equal(4.46202, after - before, 5);
    }

    [Fact]
    public void SinglePixel_CultivatedToForest()
    {
        // ΔCBI = (−0.644 − 0.422) × 0.09 = −0.09594 t C/yr
        Assert.Equal(-0.09594, PixelCbi(LandClass.Forest, 50) - PixelCbi(LandClass.Cultivated, 50), 5);
    }

    private static double PixelCbi(LandClass c, double deltaCon)
    {
        var coef = LandClasses.All.ToDictionary(x => x, x => CoefficientTable.Default[x] ?? deltaCon);
        var p = FluxParameters.Create(coef, new CorrectionSettings(), 0.09, null);
        var cc = new float[1];
        var cbi = new float[1];
        var totals = new FluxTotals();
        CompositeCoefficient.Compute(new FluxTileInputs { Classes = new[] { (byte)c } }, p, cc, cbi, totals);
        Assert.Equal(cbi[0], (float)totals.NetTonnesC);
        return totals.NetTonnesC;
    }

    [Fact]
    public void Climate_ReferencePrecipitationGivesOne_AndTemperatureRatio()
    {
        // C_BP(640) = 6.798·e^(0.0054·640) = 6.798·e^3.456 = 215.42837; K_BP(1000 vs 640) = e^(0.0054·360) = 6.98664
        Assert.Equal(215.42837, ClimateFactor.BiomassFromPrecipitation(640), 4);
        Assert.Equal(6.98664, ClimateFactor.BiomassFactor(1000, 15, 640, 15), 5);
        // K_S(1000 vs 640) = (3396.8 + 3996.1) / (2173.952 + 3996.1) = 7392.9 / 6170.052 = 1.19819
        Assert.Equal(1.19819, ClimateFactor.SoilFactor(1000, 640), 5);
        Assert.Equal(818, ClimateFactor.BiomassFromTemperature(15), 12);
        Assert.Equal(678, ClimateFactor.BiomassFromTemperature(10), 12);
        // K_BT = 818/678 = 1.20649; with P = reference, K_B = K_BT
        Assert.Equal(1.20649, ClimateFactor.BiomassFactor(900, 15, 900, 10), 5);
        Assert.Equal(1.0, ClimateFactor.SoilFactor(900, 900));
    }

    [Fact]
    public void Terrain_PlaneOf45DegreesGivesSqrt2()
    {
        // z = x (slope 1 along x, 30 m pixels): 1/cos(45°) = √2 everywhere, edges replicated keep it in the interior.
        int w = 5, h = 4;
        var dem = new float[w * h];
        for (int r = 0; r < h; r++) for (int c = 0; c < w; c++) dem[r * w + c] = 30f * c;
        var f = new float[3 * 2];
        TerrainFactor.Compute(dem, w, h, 1, 1, 3, 2, 30, -30, null, f);
        Assert.All(f, v => Assert.Equal(Math.Sqrt(2), v, 5));
    }
}
