using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Risk;

namespace LandCarbon.Core.Tests.Risk;

public class HindcastTests
{
    private static readonly int[] Years = [2000, 2002, 2006, 2010, 2013];

    // A synthetic series: 30 × 20 units, 4 intervals; the index grows with the construction share and falls with the
    // distance, plus noise; a few nodata units.
    private static UnitSeries Series(int seed = 7, Func<int, int, double, double>? edit = null)
    {
        var grid = new GridSpec(30, 20, GeoTransform.NorthUp(0, 20_000, 1000), SpatialReference.None);
        int n = 600;
        var rng = new Random(seed);
        var share = new double[Years.Length][];
        var dist = new double[Years.Length][];
        var slope = new double[n];
        for (int u = 0; u < n; u++) slope[u] = rng.NextDouble() * 10;
        for (int y = 0; y < Years.Length; y++)
        {
            share[y] = new double[n];
            dist[y] = new double[n];
            for (int u = 0; u < n; u++)
            {
                share[y][u] = Math.Clamp(0.05 * y + rng.NextDouble() * 0.5, 0, 1);
                dist[y][u] = rng.NextDouble() * 5;
            }
        }
        var index = new List<double[]>();
        for (int j = 0; j < Years.Length - 1; j++)
        {
            var a = new double[n];
            for (int u = 0; u < n; u++)
            {
                a[u] = u % 97 == 0 ? double.NaN : 100 * share[j][u] - 10 * dist[j][u] - slope[u] + 20 * (rng.NextDouble() - 0.3);
                if (edit is not null) a[u] = edit(j, u, a[u]);
            }
            index.Add(a);
        }
        var factors = Enumerable.Range(0, Years.Length).Select(y => (IReadOnlyList<double[]>)[share[y], dist[y], slope]).ToList();
        return new UnitSeries(grid, Years, index, ["constructionShare", "distanceToConstructionKm", "slope"], factors);
    }

    // The same series with interval k and every later interval, and the factors of every year after Years[k], replaced.
    private static UnitSeries Perturbed(UnitSeries s, int k)
    {
        var rng = new Random(99);
        var index = s.Index.Select((a, j) => j < k ? a : [.. a.Select(v => double.IsNaN(v) ? v : v * 3 + 50 * rng.NextDouble() - 20)]).ToList();
        var factors = s.Factors.Select((f, y) => y <= k ? f : (IReadOnlyList<double[]>)[.. f.Select(a => a.Select(v => v + rng.NextDouble()).ToArray())]).ToList();
        return new UnitSeries(s.Grid, s.Years, index, s.FactorNames, factors);
    }

    [Theory]
    [InlineData(RiskForecast.Persistence)]
    [InlineData(RiskForecast.Trend)]
    [InlineData(RiskForecast.Drivers)]
    [InlineData(RiskForecast.Simulation)]
    public void EveryForecaster_UsesNoDataOfTheTargetInterval(RiskForecast kind)
    {
        var s = Series();
        var p = Perturbed(s, 3);
        var sim = new RecordingSimulation();
        var a = RiskForecaster.Forecast(kind, s.Past(3), Years[4], RiskOptions.Default, sim).Values;
        var b = RiskForecaster.Forecast(kind, p.Past(3), Years[4], RiskOptions.Default, sim).Values;
        Assert.Equal(a, b);
        Assert.NotEqual(s.Index[3], p.Index[3]);
        if (kind == RiskForecast.Simulation) Assert.All(sim.Calls, c => Assert.Equal((2010, 2013), c));
    }

    [Fact]
    public void Hindcast_PredictionsIgnoreTheTarget_AndEveryRowOfAnIntervalSharesTheObservedTotals()
    {
        var s = Series();
        var o = RiskOptions.Default with { Forecasts = [RiskForecast.Persistence, RiskForecast.Trend, RiskForecast.Drivers] };
        var a = RiskHindcast.Run(s, o, TileOptions.Default);
        var b = RiskHindcast.Run(Perturbed(s, 3), o, TileOptions.Default);
        Assert.Equal(["2006_2010", "2010_2013"], a.Targets.Select(t => t.Interval));
        Assert.Equal(2 * (3 * 3 + 2), a.Rows.Count);
        foreach (var g in a.Rows.GroupBy(r => r.Interval))
        {
            var first = g.First().Matrix;
            Assert.True(first.Total > 0);
            foreach (var r in g)
                for (int j = 1; j <= 5; j++) Assert.Equal(first.ObservedTotal(j), r.Matrix.ObservedTotal(j));
        }
        // Perturbing 2010–2013 changes the observed columns of that interval but no prediction (row totals) of it.
        foreach (var (x, y) in a.Rows.Zip(b.Rows).Where(p => p.First.Interval == "2010_2013"))
        {
            Assert.Equal((x.Method, x.Forecast), (y.Method, y.Forecast));
            for (int i = 1; i <= 5; i++) Assert.Equal(x.Matrix.PredictedTotal(i), y.Matrix.PredictedTotal(i));
        }
        Assert.NotEqual(Enumerable.Range(1, 5).Select(j => a.Rows[^1].Matrix.ObservedTotal(j)), Enumerable.Range(1, 5).Select(j => b.Rows[^1].Matrix.ObservedTotal(j)));
        // The first target is untouched by a perturbation of the second.
        foreach (var (x, y) in a.Rows.Zip(b.Rows).Where(p => p.First.Interval == "2006_2010"))
            Assert.Equal(x.Matrix.WeightedKappa, y.Matrix.WeightedKappa);
    }

    [Fact]
    public void CompositeHindcast_IsFittedOnThePastOnly()
    {
        var s = Series();
        UnitSeries Composite(UnitSeries x, int k) => CompositeSeries.Of(x, k, null, TileOptions.Default).Series;
        var a = RiskHindcast.Run(s, RiskOptions.Default, TileOptions.Default, indexAt: Composite);
        var b = RiskHindcast.Run(Perturbed(s, 3), RiskOptions.Default, TileOptions.Default, indexAt: Composite);
        foreach (var (x, y) in a.Rows.Zip(b.Rows).Where(p => p.First.Interval == "2010_2013"))
            for (int i = 1; i <= 5; i++) Assert.Equal(x.Matrix.PredictedTotal(i), y.Matrix.PredictedTotal(i));
        foreach (var g in a.Rows.GroupBy(r => r.Interval))
            foreach (var r in g)
                for (int j = 1; j <= 5; j++) Assert.Equal(g.First().Matrix.ObservedTotal(j), r.Matrix.ObservedTotal(j));
    }

    [Fact]
    public void Composite_WithAllWeightOnTheIndex_IsItsMinMaxNormalisationOverTheFittedIntervals()
    {
        // Indicators: ΔCBI per year, construction expansion per year, slope (distance is not an indicator).
        var s = Series();
        var (c, rule) = CompositeSeries.Of(s, 2, [1, 0, 0], TileOptions.Default);
        var fitted = s.Index.Take(2).SelectMany(a => a).Where(v => !double.IsNaN(v)).ToArray();
        double min = fitted.Min(), max = fitted.Max();
        for (int j = 0; j < 4; j++)
            for (int u = 0; u < s.UnitCount; u++)
                if (!double.IsNaN(s.Index[j][u])) Assert.Equal((s.Index[j][u] - min) / (max - min), c.Index[j][u], 12);
        Assert.Contains("given weights", rule, StringComparison.Ordinal);
        Assert.Throws<Models.InputException>(() => CompositeSeries.Of(s, 2, [1, 0], TileOptions.Default));
    }

    [Fact]
    public void Hindcast_IsTheSameForAnyTileSizeAndThreadCount()
    {
        var s = Series();
        var a = RiskHindcast.Run(s, RiskOptions.Default, new TileOptions { MaxDegreeOfParallelism = 1 });
        var b = RiskHindcast.Run(s, RiskOptions.Default, new TileOptions { TileWidth = 7, TileHeight = 3, MaxDegreeOfParallelism = 4 });
        Assert.Equal(HindcastTables.Rows(a.Rows, interval: true).ToString(), HindcastTables.Rows(b.Rows, interval: true).ToString());
        Assert.Equal(HindcastTables.Confusion(a).ToString(), HindcastTables.Confusion(b).ToString());
    }

    [Fact]
    public void StratifiedHindcast_ScoresTheSameSampleForEveryRow()
    {
        var o = RiskOptions.Default with { StratifiedSample = true, SampleSize = 100 };
        var h = RiskHindcast.Run(Series(), o, TileOptions.Default);
        foreach (var g in h.Rows.GroupBy(r => r.Interval))
            foreach (var r in g)
            {
                Assert.Equal(g.First().Matrix.Total, r.Matrix.Total);
                for (int j = 1; j <= 5; j++) Assert.True(r.Matrix.ObservedTotal(j) <= 20);
            }
    }

    [Fact]
    public void Reference_IsQuartilesOfThePastPositiveValues()
    {
        // Past positive values 1…8 (type 7 quartiles 2.75, 4.5, 6.25); zero and below is "low", a value on a break goes up.
        var grid = new GridSpec(4, 1, GeoTransform.NorthUp(0, 1, 1), SpatialReference.None);
        var f = (IReadOnlyList<double[]>)[];
        var s = new UnitSeries(grid, [2000, 2001, 2002], [[1, 2, 3, 4], [5, 6, 7, 8]], [], [f, f, f]);
        var r = RiskHindcast.Reference(s, RiskOptions.Default);
        Assert.Equal([2.75, 4.5, 6.25], r.IncrementBreaks);
        Assert.Equal([1, 2, 3, 4, 5, 5], new[] { 0, 1, 2.75, 4.5, 6.25, 100 }.Select(v => (int)r.Level(v)));
    }

    [Fact]
    public void Trend_ByHand()
    {
        // Rates 1 (2000–2002, midpoint 2001) and 3 (2002–2006, midpoint 2004): slope 2/3 per year; the target
        // 2006–2010 has midpoint 2008: 3 + 4·2/3 = 5.6667. Persistence is the last rate, 3.
        var grid = new GridSpec(1, 1, GeoTransform.NorthUp(0, 1, 1), SpatialReference.None);
        var f = (IReadOnlyList<double[]>)[];
        var s = new UnitSeries(grid, [2000, 2002, 2006], [[1.0], [3.0]], [], [f, f, f]);
        Assert.Equal(3 + 4 * 2.0 / 3, RiskForecaster.Forecast(RiskForecast.Trend, s, 2010, RiskOptions.Default).Values[0], 12);
        Assert.Equal(3.0, RiskForecaster.Forecast(RiskForecast.Persistence, s, 2010, RiskOptions.Default).Values[0]);
    }

    [Fact]
    public void Drivers_RecoverALinearMedianModel()
    {
        // index = 2 + 3·share − 1·distance exactly: the τ = 0.5 fit reproduces it at the origin's factors.
        var grid = new GridSpec(10, 10, GeoTransform.NorthUp(0, 10, 1), SpatialReference.None);
        var rng = new Random(3);
        var fac = Enumerable.Range(0, 3).Select(_ => (IReadOnlyList<double[]>)[
            Enumerable.Range(0, 100).Select(_ => rng.NextDouble()).ToArray(), Enumerable.Range(0, 100).Select(_ => rng.NextDouble() * 4).ToArray()]).ToList();
        var idx = Enumerable.Range(0, 2).Select(j => Enumerable.Range(0, 100).Select(u => 2 + 3 * fac[j][0][u] - fac[j][1][u]).ToArray()).ToList();
        var s = new UnitSeries(grid, [2000, 2005, 2010], idx, ["share", "distance"], fac);
        var v = RiskForecaster.Forecast(RiskForecast.Drivers, s, 2015, RiskOptions.Default with { DriverTau = 0.5, DriverLagIndex = false }).Values;
        for (int u = 0; u < 100; u++) Assert.Equal(2 + 3 * fac[2][0][u] - fac[2][1][u], v[u], 8);
    }

    [Fact]
    public void DistanceToNearest_MatchesBruteForce()
    {
        var grid = new GridSpec(17, 11, GeoTransform.NorthUp(0, 11_000, 1000), SpatialReference.None);
        var rng = new Random(5);
        var v = Enumerable.Range(0, 17 * 11).Select(i => i % 23 == 5 ? double.NaN : rng.NextDouble() < 0.08 ? 1.0 : 0.0).ToArray();
        var d = UnitSeriesBuilder.DistanceToNearest(grid, v, x => x > 0);
        for (int i = 0; i < v.Length; i++)
        {
            if (double.IsNaN(v[i])) { Assert.True(double.IsNaN(d[i])); continue; }
            double best = double.PositiveInfinity;
            for (int j = 0; j < v.Length; j++)
                if (v[j] > 0) best = Math.Min(best, Math.Sqrt(Math.Pow(i % 17 - j % 17, 2) + Math.Pow(i / 17 - j / 17, 2)));
            Assert.Equal(best, d[i], 12);
        }
    }

    [Fact]
    public void Simulation_WithoutAStage_IsAnInputError()
    {
        var e = Assert.Throws<Models.InputException>(() => RiskForecaster.Forecast(RiskForecast.Simulation, Series().Past(3), 2013, RiskOptions.Default));
        Assert.Contains("risk.forecast", e.Message, StringComparison.Ordinal);
    }

    private sealed class RecordingSimulation : ISimulatedIndex
    {
        public List<(int, int)> Calls { get; } = [];

        public double[] Project(GridSpec units, int fromYear, int toYear)
        {
            Calls.Add((fromYear, toYear));
            return new double[units.PixelCount];
        }
    }
}
