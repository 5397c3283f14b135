using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Spaces;
using LandCarbon.Core.SpatialStatistics;
using LandCarbon.Core.Uncertainty;

namespace LandCarbon.Core.Tests.Uncertainty;

/// <summary>The Monte Carlo of the totals against analytic distributions (issue 14 item 9).</summary>
public class BudgetMonteCarloTests
{
    // Two years; classes 1 (cultivated) and 2 (forest); t C/yr. E = Σ class totals (+ construction 5).
    private static readonly YearTotals[] Years =
    [
        new(2000, 40 - 30 + 5, new Dictionary<int, double> { [1] = 40, [2] = -30, [5] = 5 }),
        new(2005, 35 - 33 + 9, new Dictionary<int, double> { [1] = 35, [2] = -33, [5] = 9 }),
    ];

    /// <summary>One interval: cultivated → construction (increment), cultivated → forest (reduction), and
    /// construction → construction (unchanged, outside the transitionOnly scope).</summary>
    private static IntervalChange Interval(ChangeScope scope = ChangeScope.TransitionOnly)
    {
        TransitionGroupSums[] groups =
        [
            new(SpaceKind.IncrementSpace, 1, 5, 2.0, 4.0),
            new(SpaceKind.ReductionSpace, 1, 2, 1.0, -1.5),
            new(SpaceKind.Stable, 5, 5, 3.0, 5.0),
        ];
        double inc = 2, red = -2.5;
        double net = inc + red + (scope == ChangeScope.All ? 2 : 0);
        return new IntervalChange
        {
            FromYear = 2000, ToYear = 2005, Transitions = [], Classes = [], IncrementBreaks = null!, ReductionBreaks = null!,
            SpaceGrades = [], Contributions = [], Mechanisms = [], IncrementTonnesC = inc, ReductionTonnesC = red, StableTonnesC = 0,
            NetTonnesC = net, NoDataPixels = 0, Checks = [], Groups = groups, Scope = scope,
        };
    }

    private static UncertaintyRow Row(IReadOnlyList<UncertaintyRow> rows, string quantity, string period) =>
        rows.Single(r => r.Quantity == quantity && r.Period == period);

    [Fact]
    public void ZeroUncertainty_IntervalCollapsesToThePointValue()
    {
        UncertainInput[] inputs = [new("coefficient cultivated", 0.422, ValueUncertainty.None)];
        var scalings = new Dictionary<(int, int), ClassScaling> { [(1, 2000)] = new([(0, 1.0)]), [(1, 2005)] = new([(0, 1.0)]) };
        var rows = BudgetMonteCarlo.Run(inputs, scalings, Years, [Interval()], 200, 7);
        Assert.All(rows, r =>
        {
            Assert.Equal(r.Point, r.Lower);
            Assert.Equal(r.Point, r.Upper);
        });
        Assert.Equal(15, Row(rows, "budget", "2000").Point);
        Assert.Equal(2.5 / 2, Row(rows, "offsetRatio", "2000-2005").Point, 15);
    }

    /// <summary>
    /// One uncertain class coefficient, uniform on [a, b] with point C: E(t)' = E(t) + (x/C − 1)·T(t) is uniform on
    /// [E + (a/C − 1)T, E + (b/C − 1)T], so its 5 % and 95 % quantiles are lo + 0.05(hi − lo) and lo + 0.95(hi − lo).
    /// Monte Carlo error of a type-7 sample quantile with N draws: F(q̂) has standard deviation
    /// √(p(1 − p)/(N + 2)) ≤ 0.0069 for p = 0.05, N = 1000, and a bias of at most 1/N from the order-statistic index;
    /// in units of the width, |q̂ − q| ≤ 5·0.0069 + 2/N = 0.0365 (5 standard deviations).
    /// </summary>
    [Fact]
    public void OneUniformCoefficient_QuantilesEqualTheAnalyticOnes()
    {
        const double a = 0.422, b = 0.497, point = 0.422;
        const int n = 1000;
        UncertainInput[] inputs = [new("coefficient cultivated", point, new ValueUncertainty(UncertaintyKind.Uniform, a, b))];
        var scalings = new Dictionary<(int, int), ClassScaling> { [(1, 2000)] = new([(0, 1.0)]), [(1, 2005)] = new([(0, 1.0)]) };
        var rows = BudgetMonteCarlo.Run(inputs, scalings, Years, [Interval()], n, 20260628);
        double bound = 5 * Math.Sqrt(0.05 * 0.95 / (n + 2)) + 2.0 / n;
        foreach (var y in Years)
        {
            double t = y.ClassTonnesC[1];
            double lo = y.BudgetTonnesC + (a / point - 1) * t, hi = y.BudgetTonnesC + (b / point - 1) * t;
            var r = Row(rows, "budget", y.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.InRange(r.Lower, lo + (0.05 - bound) * (hi - lo), lo + (0.05 + bound) * (hi - lo));
            Assert.InRange(r.Upper, lo + (0.95 - bound) * (hi - lo), lo + (0.95 + bound) * (hi - lo));
            Assert.Equal(y.BudgetTonnesC, r.Point);
        }
        // ΔCBI (transitionOnly): only the cultivated → x groups carry the 2000 cultivated coefficient:
        // ΔCBI' = ΔCBI − (x/C − 1)(2 + 1), uniform between ΔCBI − 3(b/C − 1) and ΔCBI.
        var d = Row(rows, "deltaCbi", "2000-2005");
        double dlo = -0.5 - 3 * (b / point - 1), dhi = -0.5;
        Assert.InRange(d.Lower, dlo + (0.05 - bound) * (dhi - dlo), dlo + (0.05 + bound) * (dhi - dlo));
        Assert.InRange(d.Upper, dlo + (0.95 - bound) * (dhi - dlo), dlo + (0.95 + bound) * (dhi - dlo));
    }

    [Fact]
    public void ScopeAll_UnchangedGroupsCarryTheirClassRatio()
    {
        // Construction uncertain only, one ratio r for both years; per draw
        // Δ = 4(r − 1) from the 1 → 5 group, plus (5 − 3)(r − 1) from the unchanged 5 → 5 group with scope all.
        UncertainInput[] inputs = [new("coefficient construction", 50, new ValueUncertainty(UncertaintyKind.Uniform, 40, 60))];
        var scalings = new Dictionary<(int, int), ClassScaling> { [(5, 2000)] = new([(0, 1.0)]), [(5, 2005)] = new([(0, 1.0)]) };
        var all = BudgetMonteCarlo.Run(inputs, scalings, Years, [Interval(ChangeScope.All)], 400, 3);
        var only = BudgetMonteCarlo.Run(inputs, scalings, Years, [Interval()], 400, 3);
        // r ∈ [0.8, 1.2]: scope all spans 1.5 + 6(r − 1) ∈ [0.3, 2.7]; transitionOnly spans −0.5 + 4(r − 1) ∈ [−1.3, 0.3].
        Assert.InRange(Row(all, "deltaCbi", "2000-2005").Lower, 0.3, 2.7);
        Assert.InRange(Row(all, "deltaCbi", "2000-2005").Upper, 0.3, 2.7);
        Assert.InRange(Row(only, "deltaCbi", "2000-2005").Lower, -1.3, 0.3);
        Assert.True(Row(all, "deltaCbi", "2000-2005").Upper - Row(all, "deltaCbi", "2000-2005").Lower >
            Row(only, "deltaCbi", "2000-2005").Upper - Row(only, "deltaCbi", "2000-2005").Lower);
    }

    [Fact]
    public void SameSeed_IdenticalRows_OtherSeed_Different()
    {
        UncertainInput[] inputs = [new("coefficient cultivated", 0.422, new ValueUncertainty(UncertaintyKind.Normal, Sd: 0.05))];
        var scalings = new Dictionary<(int, int), ClassScaling> { [(1, 2000)] = new([(0, 1.0)]), [(1, 2005)] = new([(0, 1.0)]) };
        var a = BudgetMonteCarlo.Run(inputs, scalings, Years, [Interval()], 300, 11);
        var b = BudgetMonteCarlo.Run(inputs, scalings, Years, [Interval()], 300, 11);
        var c = BudgetMonteCarlo.Run(inputs, scalings, Years, [Interval()], 300, 12);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void FuelScaling_WeightsEachFuelByItsEmission()
    {
        // Raw coal 60 t C (δ drawn 0.9 × point), natural gas 40 t C fixed: ratio = (60·0.9 + 40)/100 = 0.94.
        UncertainInput[] inputs = [new("tcPerTce raw coal", 0.7559, ValueUncertainty.None)];
        var s = new ClassScaling([(0, 60.0)], 40);
        Assert.Equal(0.94, s.Ratio(inputs, [0.7559 * 0.9]), 12);
        Assert.Equal(1, new ClassScaling([], 0).Ratio(inputs, [1]));
    }

    [Fact]
    public void TruncatedNormal_KeepsTheSign_AndUntruncatedHasItsMeanAndSd()
    {
        var wide = new ValueUncertainty(UncertaintyKind.Normal, Sd: 1.0);
        var narrow = new ValueUncertainty(UncertaintyKind.Normal, Sd: 0.01);
        const int n = 4000;
        var x = new double[n];
        for (int d = 0; d < n; d++)
        {
            var r = new PermutationRandom(5, d);
            Assert.True(wide.Draw(-0.644, ref r) < 0);
            var r2 = new PermutationRandom(6, d);
            x[d] = narrow.Draw(0.422, ref r2);
        }
        // Sample mean within 5 standard errors (0.01/√4000); sample sd within 5 of its standard errors (≈ sd/√(2n)).
        double mean = x.Average(), sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        Assert.InRange(mean, 0.422 - 5 * 0.01 / Math.Sqrt(n), 0.422 + 5 * 0.01 / Math.Sqrt(n));
        Assert.InRange(sd, 0.01 * (1 - 5 / Math.Sqrt(2.0 * n)), 0.01 * (1 + 5 / Math.Sqrt(2.0 * n)));
    }

    [Fact]
    public void EnergyByFuel_InterpolatesToTheTotal()
    {
        // Unit A: 2000 raw coal 10⁴ t + natural gas 2 (10⁴ m³); 2010 raw coal 3·10⁴ t only (gas absent = 0).
        string csv = Path.Combine(TestData.TempDir(), "energy.csv");
        File.WriteAllText(csv, "unit,year,fuel,amount,multiplier\nA,2000,raw coal,1,10000\nA,2000,natural gas,2,\nA,2010,raw coal,3,10000\n");
        var byFuel = EnergyStatistics.ReadByFuel(csv, EnergyFactorTable.Default);
        Assert.Equal(["natural gas", "raw coal"], byFuel.Keys.Order(StringComparer.Ordinal));
        double coal = (10000 + 30000) / 2.0 * 0.7143 * 0.7559, gas = 2 * 13.3 * 0.4483 / 2;
        Assert.Equal(coal, EnergyStatistics.EmissionFor(byFuel["raw coal"], "A", 2005)!.Value.TonnesC, 9);
        Assert.Equal(gas, EnergyStatistics.EmissionFor(byFuel["natural gas"], "A", 2005)!.Value.TonnesC, 9);
        var total = EnergyStatistics.Read(csv, EnergyFactorTable.Default);
        Assert.Equal(EnergyStatistics.EmissionFor(total, "A", 2005)!.Value.TonnesC, coal + gas, 9);
    }

    [Fact]
    public void Quantile7_MatchesR()
    {
        // R: quantile(c(1, 2, 4, 8), c(0.05, 0.95), type = 7) = 1.15, 7.4
        double[] v = [1, 2, 4, 8];
        Assert.Equal(1.15, BudgetMonteCarlo.Quantile7(v, 0.05), 12);
        Assert.Equal(7.4, BudgetMonteCarlo.Quantile7(v, 0.95), 12);
    }
}
