using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Risk;

namespace LandCarbon.Core.Tests.Risk;

public class IndexSourceTests
{
    private static readonly GridSpec Grid = new(4, 2, GeoTransform.NorthUp(0, 0, 30), SpatialReference.None);

    private static ArrayIndexSource Src(params double[] v) => new(Grid, v);

    [Fact]
    public void DominantFactor_IsTheLinearPredictor_AndPropagatesNoData()
    {
        var x1 = Src(1, 2, 3, 4, 5, 6, 7, double.NaN);
        var x2 = Src(0, 1, 0, 1, 0, 1, 0, 1);
        var r = new DominantFactorIndexSource([x1, x2], 0.5, [2, -1]);
        var v = new double[8];
        r.Read(Grid.Extent, v);
        Assert.Equal([2.5, 3.5, 6.5, 7.5, 10.5, 11.5, 14.5], v[..7]);
        Assert.True(double.IsNaN(v[7]));
    }

    [Fact]
    public void Composite_NormalisesAndWeights()
    {
        var a = Src(0, 5, 10, 10, 0, 0, 0, 0);
        var b = Src(1, 1, 1, 1, 1, 1, 1, 3);
        var ranges = new[] { IndicatorRange.Compute(a, TileOptions.Default), IndicatorRange.Compute(b, TileOptions.Default) };
        var c = new CompositeIndexSource([a, b], ranges, [3, 1]);
        Assert.Equal([0.75, 0.25], c.Weights);
        var v = new double[8];
        c.Read(Grid.Extent, v);
        Assert.Equal(0.375, v[1], 12);
        Assert.Equal(0.25, v[7], 12);
    }

    [Fact]
    public void EntropyWeights_MatchTheTextbookFormula()
    {
        // Hand computation: p = x'/Σx', e = −Σ p ln p / ln n, d = 1 − e, ω = d/Σd.
        double[] av = [0, 5, 10, 10, 0, 0, 2, 1], bv = [1, 2, 3, 4, 5, 6, 7, 8];
        var a = Src(av);
        var b = Src(bv);
        var ranges = new[] { IndicatorRange.Compute(a, TileOptions.Default), IndicatorRange.Compute(b, TileOptions.Default) };
        var w = CompositeIndexSource.EntropyWeights([a, b], ranges, TileOptions.Default);
        double D(double[] x, IndicatorRange r)
        {
            var n = x.Select(r.Normalize).ToArray();
            double s = n.Sum();
            double e = -n.Where(v => v > 0).Sum(v => v / s * Math.Log(v / s)) / Math.Log(n.Length);
            return 1 - e;
        }
        double da = D(av, ranges[0]), db = D(bv, ranges[1]);
        Assert.Equal(da / (da + db), w[0], 12);
        Assert.Equal(db / (da + db), w[1], 12);
    }
}
