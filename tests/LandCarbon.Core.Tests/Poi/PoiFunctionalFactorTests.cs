using LandCarbon.Core.Numerics;
using LandCarbon.Core.Poi;

namespace LandCarbon.Core.Tests.Poi;

public sealed class PoiFunctionalFactorTests
{
    private const byte Construction = 5;

    // A synthetic 40 × 40 tile: classes with ~half construction, and sparse densities per function with many
    // zero pixels (so minPoiFactor matters).
    private static (byte[] Classes, double[][] Densities) Scene(int seed, int n = 1600)
    {
        var rng = new Random(seed);
        var classes = new byte[n];
        var d = new double[PoiFunctions.Count][];
        for (int f = 0; f < d.Length; f++) d[f] = new double[n];
        for (int i = 0; i < n; i++)
        {
            classes[i] = rng.NextDouble() < 0.5 ? Construction : (byte)rng.Next(1, 5);
            for (int f = 0; f < d.Length; f++)
                d[f][i] = rng.NextDouble() < 0.4 ? rng.NextDouble() * 50 * (f + 1) : 0;
        }
        // The public-service function never reaches construction land (its sector must spread evenly).
        for (int i = 0; i < n; i++) if (classes[i] == Construction) d[(int)PoiFunction.PublicService][i] = 0;
        return (classes, d);
    }

    private static IReadOnlyList<ReadOnlyMemory<double>> Slice(double[][] d, int start, int length) =>
        d.Select(a => (ReadOnlyMemory<double>)a.AsMemory(start, length)).ToList();

    private static PoiConstructionTotals Totals(byte[] classes, double[][] d, int tile)
    {
        // Accumulate per tile into separate workers and merge, as TileProcessor.Accumulate would.
        var parts = new List<PoiConstructionTotals>();
        for (int s = 0; s < classes.Length; s += tile)
        {
            var t = new PoiConstructionTotals();
            int len = Math.Min(tile, classes.Length - s);
            t.Add<byte>(classes.AsSpan(s, len), Construction, Slice(d, s, len));
            parts.Add(t);
        }
        for (int i = 1; i < parts.Count; i++) parts[0].Merge(parts[i]);
        return parts[0];
    }

    private static readonly Dictionary<PoiFunction, double> Sectors = new()
    {
        [PoiFunction.Industrial] = 1.25e6,
        [PoiFunction.Transport] = 3.1e5,
        [PoiFunction.CommercialService] = 2.2e5,
        [PoiFunction.Residential] = 4.05e5,
        [PoiFunction.PublicService] = 9.9e4,
    };

    [Fact]
    public void SectorSharesConserveEverySectorTotal()
    {
        var (classes, d) = Scene(11);
        var totals = Totals(classes, d, 173);
        var factor = new PoiFunctionalFactor(new PoiFactorOptions { Mode = PoiWeightingMode.SectorShares, SectorTotals = Sectors }, totals);
        Assert.True(factor.PixelsWithoutPoi > 0);
        var all = Slice(d, 0, classes.Length);
        var tonnes = new double[classes.Length];
        foreach (var (f, t) in Sectors)
        {
            factor.FillSectorAllocation<byte>(f, classes, Construction, all, tonnes);
            var sum = new ExactSum();
            foreach (double v in tonnes) sum.Add(v);
            Assert.True(Math.Abs(sum.Value - t) <= 1e-9 * t, $"{f}: {sum.Value} vs {t}");
        }
        // The factor has mean 1 over construction pixels, so δ_con·F·a sums to E_con.
        var fac = new double[classes.Length];
        factor.Fill<byte>(classes, Construction, all, fac);
        long n = classes.Count(c => c == Construction);
        double eCon = Sectors.Values.Sum();
        var budget = new ExactSum();
        for (int i = 0; i < classes.Length; i++) if (classes[i] == Construction) budget.Add(eCon / n * fac[i]);
        Assert.True(Math.Abs(budget.Value - eCon) <= 1e-9 * eCon);
        Assert.All(Enumerable.Range(0, classes.Length).Where(i => classes[i] != Construction), i => Assert.Equal(1.0, fac[i]));
    }

    [Fact]
    public void FixedWeightsHaveMeanOneAndTheMinimumOnPoiFreePixels()
    {
        var (classes, d) = Scene(5);
        // A pixel with no weighted POI at all.
        int zeroPixel = Array.IndexOf(classes, Construction);
        foreach (var a in d) a[zeroPixel] = 0;
        var totals = Totals(classes, d, 1600);
        var opts = new PoiFactorOptions { MinPoiFactor = 0.3 };
        var factor = new PoiFunctionalFactor(opts, totals);
        var fac = new double[classes.Length];
        factor.Fill<byte>(classes, Construction, Slice(d, 0, classes.Length), fac);
        Assert.Equal(0.3, fac[zeroPixel]);
        var constr = Enumerable.Range(0, classes.Length).Where(i => classes[i] == Construction).ToList();
        Assert.Equal(1.0, constr.Average(i => fac[i]), 1e-12);
        // Σ w_f D̃_f ordering: more industrial density raises the factor.
        int p = constr.First(i => i != zeroPixel && d[0][i] > 0);
        double before = fac[p];
        d[0][p] *= 2;
        factor.Fill<byte>(classes.AsSpan(p, 1), Construction, Slice(d, p, 1), fac.AsSpan(p, 1));
        Assert.True(fac[p] > before);
    }

    [Fact]
    public void TotalsDoNotDependOnTheTileSplit()
    {
        var (classes, d) = Scene(9);
        var a = Totals(classes, d, 1600);
        var b = Totals(classes, d, 37);
        Assert.Equal(a.ConstructionPixels, b.ConstructionPixels);
        foreach (var f in PoiFunctions.All) Assert.Equal(a.DensitySum(f), b.DensitySum(f));
        Assert.Equal(a.PixelsWithoutAny(PoiFunctions.All), b.PixelsWithoutAny(PoiFunctions.All));
    }

    [Fact]
    public void NoPoiAnywhereGivesANeutralFactorAndNaNPropagates()
    {
        byte[] classes = [Construction, Construction, 1];
        var d = Enumerable.Range(0, PoiFunctions.Count).Select(_ => new double[3]).ToArray();
        var factor = new PoiFunctionalFactor(new PoiFactorOptions(), Totals(classes, d, 3));
        var fac = new double[3];
        factor.Fill<byte>(classes, Construction, Slice(d, 0, 3), fac);
        Assert.Equal([1.0, 1.0, 1.0], fac);
        d[2][1] = double.NaN;
        factor.Fill<byte>(classes, Construction, Slice(d, 0, 3), fac);
        Assert.True(double.IsNaN(fac[1]));
    }

    [Fact]
    public void BadOptionsAreInputErrors()
    {
        Assert.Throws<Models.InputException>(() => new PoiFactorOptions { MinPoiFactor = 1.5 }.Validate());
        Assert.Throws<Models.InputException>(() => new PoiFactorOptions { Weights = new Dictionary<PoiFunction, double> { [PoiFunction.Industrial] = -1 } }.Validate());
    }
}
