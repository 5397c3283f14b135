using LandCarbon.Core.Simulation;

namespace LandCarbon.Core.Tests.Simulation;

public class MarkovDemandTests
{
    // Two states with P = [[1−a, a], [b, 1−b]] over Δt years. With M = P − I, M² = −(a+b)M, so
    // P^t = I + (1 − λ^t)/(a+b)·M with λ = 1 − a − b (hand derivation); the per-year generator is
    // Q = −ln(λ)/((a+b)Δt)·M and a·exp(Q·h) = a·P^(h/Δt).
    [Theory]
    [InlineData(5.0, 10.0)]
    [InlineData(5.0, 3.0)]
    [InlineData(3.0, 7.0)]
    public void TwoStates_MatchClosedForm(double interval, double horizon)
    {
        var counts = new long[3, 3];
        counts[1, 1] = 80; counts[1, 2] = 20;   // a = 0.2
        counts[2, 1] = 10; counts[2, 2] = 90;   // b = 0.1
        var g = MarkovDemand.FromCounts(counts, interval, [1, 2]);
        Assert.True(g.Exact);
        double a = 0.2, b = 0.1, lambda = 1 - a - b, t = horizon / interval;
        double f = (1 - Math.Pow(lambda, t)) / (a + b);
        long[] start = [0, 1000, 500];
        double e1 = start[1] * (1 - f * a) + start[2] * f * b;
        double e2 = start[1] * f * a + start[2] * (1 - f * b);
        var got = MarkovDemand.Project(start, g.Rates, horizon);
        Assert.Equal(e1, got[1], 9);
        Assert.Equal(e2, got[2], 9);
        Assert.Equal(0, got[0]);
        Assert.Equal(-Math.Log(lambda) / ((a + b) * interval) * a, g.Rates[1, 2], 12);
    }

    [Fact]
    public void ThreeStates_OneIntervalReproducesTheObservedMatrix()
    {
        var counts = new long[4, 4];
        long[,] c = { { 700, 200, 100 }, { 50, 900, 50 }, { 30, 70, 900 } };
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) counts[i + 1, j + 1] = c[i, j];
        var g = MarkovDemand.FromCounts(counts, 7, [1, 2, 3]);
        var got = MarkovDemand.Project([0, 1000, 1000, 1000], g.Rates, 7);
        // With a valid logarithm (no negative rate to clip), exp(Q·Δt) = P, so the start areas move as observed.
        for (int j = 0; j < 3; j++)
        {
            double expected = 0;
            for (int i = 0; i < 3; i++) expected += 1000.0 * c[i, j] / (c[i, 0] + c[i, 1] + c[i, 2]);
            Assert.Equal(expected, got[j + 1], 8);
        }
        Assert.Equal(3000, got.Sum(), 8);
    }

    [Fact]
    public void NoRealLogarithm_FallsBackToFirstOrderRates()
    {
        // Class 1 leaves completely for class 2 and class 2 for class 1: eigenvalue −1, no real logarithm.
        var counts = new long[3, 3];
        counts[1, 2] = 10;
        counts[2, 1] = 10;
        var g = MarkovDemand.FromCounts(counts, 2, [1, 2]);
        Assert.False(g.Exact);
        Assert.Equal(0.5, g.Rates[1, 2], 12);
        Assert.Equal(-0.5, g.Rates[1, 1], 12);
    }

    [Fact]
    public void RoundToPixels_SumsExactly()
    {
        var r = MarkovDemand.RoundToPixels([0, 10.5, 20.5, 30.0], 61);
        Assert.Equal(61, r.Sum());
        Assert.Equal([0, 11, 20, 30], r);   // fractions .5 .5 0: the tie goes to the lower class value
        var s = MarkovDemand.RoundToPixels([0, 1.5, 1.5], 3);
        Assert.Equal([0, 2, 1], s);
    }
}
