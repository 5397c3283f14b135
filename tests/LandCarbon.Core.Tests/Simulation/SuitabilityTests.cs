using LandCarbon.Core.Simulation;

namespace LandCarbon.Core.Tests.Simulation;

public class SuitabilityTests
{
    private static (float[] X, bool[] Y) Separable(int n, ulong seed)
    {
        // Feature 0 decides the label (x0 > 0.6), features 1 and 2 are noise; some x0 missing.
        var x = new float[n * 3];
        var y = new bool[n];
        var rng = new CounterRandom(seed, 7);
        for (int i = 0; i < n; i++)
        {
            for (int f = 0; f < 3; f++) x[i * 3 + f] = (float)(rng.NextBits() >> 11) / (1UL << 53);
            y[i] = x[i * 3] > 0.6f;
            if (i % 50 == 0) x[i * 3] = float.NaN;
        }
        return (x, y);
    }

    [Fact]
    public void Forest_LearnsTheInformativeFeature_AndIsDeterministic()
    {
        var (x, y) = Separable(2000, 3);
        var o = new RandomForestOptions { Trees = 15, Seed = 42 };
        var f1 = RandomForest.Train(x, 3, y, o);
        var f2 = RandomForest.Train(x, 3, y, o);
        Assert.True(f1.Importance[0] > 0.8, $"importance {string.Join(", ", f1.Importance)}");
        Assert.Equal(1.0, f1.Importance.Sum(), 12);
        Assert.Equal(f1.Importance, f2.Importance);
        Assert.True(f1.Predict([0.9f, 0.5f, 0.5f]) > 0.9);
        Assert.True(f1.Predict([0.1f, 0.5f, 0.5f]) < 0.1);
        for (int i = 0; i < 200; i++)
            Assert.Equal(f1.Predict(x.AsSpan(i * 3, 3)), f2.Predict(x.AsSpan(i * 3, 3)));
        var f3 = RandomForest.Train(x, 3, y, o with { Seed = 43 });
        Assert.NotEqual(f1.Importance, f3.Importance);
    }

    [Fact]
    public void PredictMany_EqualsPredict_BitForBit_WithSkipsAndAnyCount()
    {
        // Four samples walk each tree side by side, the remainder one at a time: every count from 0 to 13 with
        // skipped samples in between, and missing features (NaN goes right), must give Predict's sums exactly.
        var (x, y) = Separable(3000, 11);
        var forest = RandomForest.Train(x, 3, y, new RandomForestOptions { Trees = 9, Seed = 5, FeaturesPerSplit = 2 });
        var p = new double[13];
        for (int start = 0; start < 60; start += 13)
            for (int count = 0; count <= 13; count++)
            {
                var skip = new bool[count];
                for (int s = 0; s < count; s++) skip[s] = (start + s) % 5 == 3;
                var rows = x.AsSpan(start * 3, count * 3);
                forest.PredictMany(rows, count, skip, p);
                for (int s = 0; s < count; s++)
                    Assert.Equal(skip[s] ? 0 : BitConverter.DoubleToInt64Bits(forest.Predict(rows.Slice(s * 3, 3))), BitConverter.DoubleToInt64Bits(p[s]));
            }
    }

    [Fact]
    public void Distance_EqualsBruteForce_OnAnisotropicPixels()
    {
        var grid = new SimulationGrid(23, 17, 30, 20);
        var map = new byte[grid.PixelCount];
        var rng = new CounterRandom(5, 1);
        for (int i = 0; i < map.Length; i++) map[i] = (byte)(1 + (int)rng.NextBelow(20) / 19 + (rng.NextBelow(7) == 0 ? 1 : 0));
        foreach (int k in new[] { 1, 2, 3 })
        {
            var d = DriverStack.Distance(grid, map, k, 2);
            for (int r = 0; r < grid.Height; r++)
                for (int c = 0; c < grid.Width; c++)
                {
                    double best = double.PositiveInfinity;
                    for (int r2 = 0; r2 < grid.Height; r2++)
                        for (int c2 = 0; c2 < grid.Width; c2++)
                            if (map[r2 * grid.Width + c2] == k)
                                best = Math.Min(best, Math.Sqrt(Math.Pow((c - c2) * 30.0, 2) + Math.Pow((r - r2) * 20.0, 2)));
                    double got = (double)d[r * grid.Width + c];
                    if (double.IsPositiveInfinity(best)) Assert.True(double.IsNaN(got));
                    else Assert.Equal((double)(Half)best, got);
                }
        }
    }

    [Fact]
    public void Share_EqualsBruteForce_AndSkipsNoData()
    {
        var grid = new SimulationGrid(11, 9, 30, 30);
        var map = new byte[grid.PixelCount];
        for (int i = 0; i < map.Length; i++) map[i] = (byte)(i * 7 % 4);   // 0 = nodata
        var s = DriverStack.Share(grid, map, 2, 2, 3);
        for (int r = 0; r < grid.Height; r++)
            for (int c = 0; c < grid.Width; c++)
            {
                int hit = 0, valid = 0;
                for (int r2 = r - 2; r2 <= r + 2; r2++)
                    for (int c2 = c - 2; c2 <= c + 2; c2++)
                    {
                        if (r2 < 0 || c2 < 0 || r2 >= grid.Height || c2 >= grid.Width) continue;
                        byte v = map[r2 * grid.Width + c2];
                        if (v == 0) continue;
                        valid++;
                        if (v == 2) hit++;
                    }
                Assert.Equal((Half)((float)hit / valid), s[r * grid.Width + c]);
            }
    }
}
