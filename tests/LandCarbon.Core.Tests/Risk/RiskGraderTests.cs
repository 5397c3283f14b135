using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Risk;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Risk;

public class RiskGraderTests
{
    private const int W = 120, H = 90;
    private static readonly GridSpec Grid = new(W, H, GeoTransform.NorthUp(500000, 3000000, 30), new SpatialReference(32648, ""));

    // A ΔCBI-like interval: most pixels unchanged (0), some increments (skewed), some reductions, a few nodata.
    private static ArrayIndexSource Interval(int seed, double growth)
    {
        var rng = new Random(seed);
        var x = new double[W * H];
        for (int i = 0; i < x.Length; i++)
        {
            double u = rng.NextDouble();
            x[i] = u < 0.01 ? double.NaN
                : u < 0.55 ? 0
                : u < 0.75 ? -0.1 * rng.NextDouble()
                : growth * Math.Exp(1.2 * Gaussian(rng));
        }
        return new ArrayIndexSource(Grid, x, 64);
    }

    private static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    private static RiskInputs HoldOut(RiskOptions o)
    {
        ArrayIndexSource[] intervals = [Interval(1, 1.0), Interval(2, 1.3), Interval(3, 1.6)];
        // Observed levels: the last interval graded by the quartiles of its own increments (a stand-in reference).
        var pos = intervals[2].Values.Where(v => v > o.StableEpsilon).Order().ToArray();
        var grade = new ObservedGrade([ObservedGrade.Quantile7(pos, 0.25), ObservedGrade.Quantile7(pos, 0.5), ObservedGrade.Quantile7(pos, 0.75)],
            o.StableEpsilon, o.LevelCount, "quartiles");
        return new RiskInputs(intervals[..2], intervals[2], Observed: new ArrayLevelSource(W, [.. intervals[2].Values.Select(grade.Level)]));
    }

    [Fact]
    public void HoldOut_ThresholdsComeFromTheTrainingIntervals_AndAllMethodsAreScored()
    {
        var o = RiskOptions.Default;
        var inputs = HoldOut(o);
        var r = RiskGrader.Grade(inputs, o, TileOptions.Default);
        var pooled = IndexStatistics.FromValues([.. Values(inputs.TrainingIndex[0]), .. Values(inputs.TrainingIndex[1])]);
        Assert.Equal(pooled.Count, r.Statistics.Count);
        Assert.Equal(pooled.Mean, r.Statistics.Mean, 12);
        Assert.Equal(pooled.StdDev, r.Statistics.StdDev, 12);
        var et = r.Method(ErrorTheoryThresholds.MethodName).Thresholds;
        Assert.Equal(pooled.Mean - pooled.StdDev, et.Breaks[0], 12);
        Assert.Equal(3, r.Methods.Count);
        long valid = Values(inputs.MapIndex).Count(v => !double.IsNaN(v));
        foreach (var m in r.Methods)
        {
            Assert.NotNull(m.Accuracy);
            Assert.Equal(valid, m.Accuracy!.Total);
            Assert.Equal(valid, m.LevelPixelCounts.Skip(1).Sum());
            Assert.Equal(W * H - valid, m.LevelPixelCounts[0]);
        }
        Assert.Equal(r.Methods.Count, r.Ranked().Select(m => m.Method).Distinct().Count());
        Assert.True(r.Ranked()[0].Accuracy!.OverallAccuracy >= r.Ranked()[2].Accuracy!.OverallAccuracy);
    }

    private static double[] Values(IRiskIndexSource s)
    {
        var v = new double[s.Grid.PixelCount];
        s.Read(s.Grid.Extent, v);
        return v;
    }

    [Fact]
    public void StratifiedSample_IsSeededAndIndependentOfTiling()
    {
        var o = RiskOptions.Default with { StratifiedSample = true, Seed = 7 };
        var inputs = HoldOut(o);
        var a = RiskGrader.Grade(inputs, o, new TileOptions { TileWidth = 17, TileHeight = 9, MaxDegreeOfParallelism = 2 });
        var b = RiskGrader.Grade(inputs, o, new TileOptions { TileWidth = W, TileHeight = H, MaxDegreeOfParallelism = 1 });
        for (int m = 0; m < 3; m++)
        {
            var ca = a.Methods[m].Accuracy!;
            var cb = b.Methods[m].Accuracy!;
            Assert.Equal(490, ca.Total);
            for (int i = 1; i <= 5; i++)
            {
                Assert.Equal(98, ca.ObservedTotal(i));
                for (int j = 1; j <= 5; j++) Assert.Equal(ca[i, j], cb[i, j]);
            }
        }
        var c = RiskGrader.Grade(inputs, o with { Seed = 8 }, TileOptions.Default);
        Assert.NotEqual(a.Methods[0].Accuracy![1, 1] + 1000 * a.Methods[0].Accuracy![2, 2],
            c.Methods[0].Accuracy![1, 1] + 1000 * c.Methods[0].Accuracy![2, 2]);
    }

    [Fact]
    public void Samples_AreGradedAtTheirPixels()
    {
        var idx = new double[W * H];
        idx[5 * W + 3] = 100;   // far above μ + 2σ: extremely high
        idx[6 * W + 3] = -100;  // far below μ − σ: low
        var src = new ArrayIndexSource(Grid, idx);
        var o = RiskOptions.Default with { ParameterReference = ParameterReference.Value, ParameterValue = 1 };
        var r = RiskGrader.Grade(new RiskInputs([src], src, Samples: [new(3, 5, 5), new(3, 6, 1), new(3, 7, 3), new(-1, 0, 2)]), o, TileOptions.Default);
        var cm = r.Method(ErrorTheoryThresholds.MethodName).Accuracy!;
        Assert.Equal(3, cm.Total);
        Assert.Equal(1, cm[5, 5]);
        Assert.Equal(1, cm[1, 1]);
        Assert.Contains("3 units", r.Validation.Replace("4 units", "3 units", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void BoxCoxAndHistoricalFluctuation_AreApplied_AndFallbacksAreNoted()
    {
        var o = RiskOptions.Default with { Transform = IndexTransformKind.BoxCox, FluctuationMode = FluctuationMode.Historical };
        var inputs = HoldOut(o);
        var r = RiskGrader.Grade(inputs, o, TileOptions.Default);
        Assert.Equal(IndexTransformKind.BoxCox, r.Transform.Kind);
        double min = IndexStatistics.Compute(inputs.TrainingIndex, IndexTransform.Identity, TileOptions.Default).Min;
        Assert.Equal(1 - min, r.Transform.Shift, 12); // default shift: the shifted minimum is 1
        Assert.Contains("historical", r.Method(FluctuationThresholds.MethodName).Thresholds.Rule, StringComparison.Ordinal);
        Assert.Empty(r.Notes);
        var one = RiskGrader.Grade(inputs with { TrainingIndex = inputs.TrainingIndex.Take(1).ToArray() }, o, TileOptions.Default);
        Assert.Single(one.Notes);
        Assert.Contains("equal intervals", one.Method(FluctuationThresholds.MethodName).Thresholds.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidSettings_AreAllReported()
    {
        var o = RiskOptions.Default with { LevelCount = 4, ErrorTheoryK = [1, 2], ParameterReference = ParameterReference.Value };
        var e = Assert.Throws<LandCarbon.Core.Models.InputException>(() => RiskGrader.Grade(HoldOut(RiskOptions.Default), o, TileOptions.Default));
        Assert.Contains("risk.errorTheory.k", e.Message, StringComparison.Ordinal);
        Assert.Contains("risk.parameter.value", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, e.Problems.Count);
    }

    [Fact]
    public void Tables_HaveTheDocumentedColumns()
    {
        var o = RiskOptions.Default;
        var r = RiskGrader.Grade(HoldOut(o), o, TileOptions.Default);
        string dir = TestData.TempDir();
        var files = RiskTables.Write(r, n => Path.Combine(dir, n + ".csv"));
        Assert.Equal(6, files.Count);
        var acc = CsvTable.Read(Path.Combine(dir, "risk_accuracy.csv"));
        Assert.Equal(["method", "forecast", "n", "overallAccuracy", "kappa", "weightedKappa", "hitRate", "falseAlarmRate", "intervals"], acc.Header);
        Assert.Equal(3, acc.Rows.Count);
        var th = CsvTable.Read(Path.Combine(dir, "risk_thresholds.csv"));
        Assert.Equal(15, th.Rows.Count);
        var cm = CsvTable.Read(Path.Combine(dir, "risk_confusion_errorTheory.csv"));
        Assert.Equal(7, cm.Rows.Count);
        var cmp = CsvTable.Read(Path.Combine(dir, "risk_comparison.csv"));
        Assert.Equal("1", cmp.Text(cmp.Rows[0], "rank"));
    }

    [Fact]
    public void ObservedGrade_MapsIncrementGradesOntoLevels()
    {
        var g5 = new ObservedGrade([1, 2, 3], 0, 5, "test");
        Assert.Equal([1, 1, 2, 3, 4, 5, 0], new[] { -1.0, 0, 0.5, 1, 2.5, 3, double.NaN }.Select(g5.Level).Select(b => (int)b));
        var g4 = g5 with { LevelCount = 4 };
        Assert.Equal([1, 1, 1, 2, 3, 4], new[] { -1.0, 0, 0.5, 1, 2.5, 3 }.Select(g4.Level).Select(b => (int)b));
    }
}
