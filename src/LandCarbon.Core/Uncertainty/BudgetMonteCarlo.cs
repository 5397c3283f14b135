using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.Uncertainty;

/// <summary>One uncertain input (a class coefficient or a fuel's δ), drawn once per Monte Carlo draw.</summary>
public sealed record UncertainInput(string Name, double Point, ValueUncertainty Spread);

/// <summary>
/// How the carbon of one class in one year scales with the drawn inputs: the ratio
/// (Σ_j w_j · x_j / p_j + fixed) / (Σ_j w_j + fixed), where x_j is the draw and p_j the point value of input j.
/// A class coefficient is one term of weight 1; construction land from energy statistics has one term per uncertain
/// fuel, weighted by that fuel's emission in the year, and the other fuels' emission as the fixed part.
/// </summary>
public sealed record ClassScaling(IReadOnlyList<(int Input, double Weight)> Terms, double FixedWeight = 0)
{
    /// <summary>The ratio drawn/point of the class's carbon, given the drawn inputs.</summary>
    public double Ratio(IReadOnlyList<UncertainInput> inputs, double[] drawn)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(drawn);
        double num = FixedWeight, den = FixedWeight;
        foreach (var (j, w) in Terms)
        {
            num += w * (drawn[j] / inputs[j].Point);
            den += w;
        }
        return den != 0 ? num / den : 1;
    }
}

/// <summary>The point totals of one year: E(t) (t C/yr) and Σ CBI per class code (t C/yr).</summary>
public sealed record YearTotals(int Year, double BudgetTonnesC, IReadOnlyDictionary<int, double> ClassTonnesC);

/// <summary>One row of tables/budget_uncertainty.csv: a total, its point value and its Monte Carlo summary.</summary>
public sealed record UncertaintyRow(string Quantity, string Period, string Unit, double Point, double Lower, double Upper,
    double Mean, double Sd, int Draws);

/// <summary>
/// The seeded Monte Carlo of the totals (docs/methods/accounting.md, "Uncertainty of the totals"). Every draw d
/// uses its own random stream (seed, d) and draws every input in order; the carbon of class k in year t then scales
/// by r_k,t = drawn/point (<see cref="ClassScaling"/>), which is exact for sums because CBI is linear in the class
/// coefficient and in δ. From exact sums gathered by the accounting and change stages:
/// E(t)' = E(t) + Σ_k (r_k,t − 1)·T_k,t; per interval and (space, from, to) group in scope,
/// ΔCBI' = ΔCBI + scale·Σ_g [(r_to,t2 − 1)·S2_g − (r_from,t1 − 1)·S1_g], and the increment and reduction totals alike
/// over the groups of each space (pixels keep the space they have at the point values: the offset ratio is
/// approximated from these group sums). With no uncertain input every draw equals the point value. The interval is
/// [q(α/2), q(1 − α/2)] of the draws (R type-7 quantiles); draws run in a fixed order on one thread, so the result
/// does not depend on tiles or threads.
/// </summary>
public static class BudgetMonteCarlo
{
    /// <summary>Runs the draws and returns one row per year budget, per interval ΔCBI total and per interval offset ratio.</summary>
    /// <param name="inputs">The uncertain inputs, drawn in this order.</param>
    /// <param name="scalings">(class code, year) → its scaling; a missing pair has ratio 1.</param>
    /// <param name="years">The point totals per year.</param>
    /// <param name="intervals">The change-analysis intervals (may be empty).</param>
    /// <param name="draws">Number of draws (≥ 1).</param>
    /// <param name="seed">The study's seed.</param>
    /// <param name="level">Central probability of the interval (0.9 gives the 5 % and 95 % quantiles).</param>
    /// <param name="budgetFactor">Factor of the budget rows (1 for t C, 44/12 for t CO2e).</param>
    /// <param name="budgetUnit">Unit text of the budget rows.</param>
    public static IReadOnlyList<UncertaintyRow> Run(IReadOnlyList<UncertainInput> inputs, IReadOnlyDictionary<(int Class, int Year), ClassScaling> scalings,
        IReadOnlyList<YearTotals> years, IReadOnlyList<IntervalChange> intervals, int draws, long seed, double level = 0.9,
        double budgetFactor = 1, string budgetUnit = "t C/yr")
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(scalings);
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        if (!(level > 0 && level < 1)) throw new ArgumentOutOfRangeException(nameof(level), "The interval level must lie in (0, 1).");
        var budgetDraws = years.Select(_ => new double[draws]).ToArray();
        var deltaDraws = intervals.Select(_ => new double[draws]).ToArray();
        var offsetDraws = intervals.Select(_ => new double[draws]).ToArray();
        var drawn = new double[inputs.Count];
        var ratios = new Dictionary<(int, int), double>();
        double Ratio(int cls, int year) => ratios.TryGetValue((cls, year), out double r) ? r : 1;
        for (int d = 0; d < draws; d++)
        {
            var random = new PermutationRandom(seed, d);
            for (int j = 0; j < inputs.Count; j++) drawn[j] = inputs[j].Spread.Draw(inputs[j].Point, ref random);
            ratios.Clear();
            foreach (var (key, scaling) in scalings) ratios[key] = scaling.Ratio(inputs, drawn);
            for (int y = 0; y < years.Count; y++)
            {
                var t = years[y];
                double e = t.BudgetTonnesC;
                foreach (var (cls, total) in t.ClassTonnesC) e += (Ratio(cls, t.Year) - 1) * total;
                budgetDraws[y][d] = e * budgetFactor;
            }
            for (int i = 0; i < intervals.Count; i++)
            {
                var c = intervals[i];
                double net = c.NetTonnesC, inc = c.IncrementTonnesC, red = c.ReductionTonnesC, s = c.DeltaScale;
                foreach (var g in c.Groups)
                {
                    if (c.Scope == ChangeScope.TransitionOnly && g.From == g.To) continue;
                    double change = s * ((Ratio(g.To, c.ToYear) - 1) * g.ToTonnesC - (Ratio(g.From, c.FromYear) - 1) * g.FromTonnesC);
                    net += change;
                    if (g.Space == SpaceKind.IncrementSpace) inc += change;
                    else if (g.Space == SpaceKind.ReductionSpace) red += change;
                }
                deltaDraws[i][d] = net;
                offsetDraws[i][d] = inc > 0 ? Math.Abs(red) / inc : double.NaN;
            }
        }
        double lo = (1 - level) / 2, hi = 1 - lo;
        var rows = new List<UncertaintyRow>();
        for (int y = 0; y < years.Count; y++)
            rows.Add(Summarise("budget", years[y].Year.ToString(System.Globalization.CultureInfo.InvariantCulture), budgetUnit,
                years[y].BudgetTonnesC * budgetFactor, budgetDraws[y], lo, hi));
        for (int i = 0; i < intervals.Count; i++)
        {
            var c = intervals[i];
            string period = $"{c.FromYear}-{c.ToYear}";
            rows.Add(Summarise("deltaCbi", period, c.Cumulative ? "t C" : "t C/yr", c.NetTonnesC, deltaDraws[i], lo, hi));
            rows.Add(Summarise("offsetRatio", period, "ratio", c.OffsetRatio, offsetDraws[i], lo, hi));
        }
        return rows;
    }

    private static UncertaintyRow Summarise(string quantity, string period, string unit, double point, double[] values, double lo, double hi)
    {
        if (values.Any(v => !double.IsFinite(v)))
            return new UncertaintyRow(quantity, period, unit, point, double.NaN, double.NaN, double.NaN, double.NaN, values.Length);
        var sorted = values.Order().ToArray();
        double mean = sorted.Average();
        double sd = sorted.Length > 1 ? Math.Sqrt(sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1)) : 0;
        return new UncertaintyRow(quantity, period, unit, point, Quantile7(sorted, lo), Quantile7(sorted, hi), mean, sd, values.Length);
    }

    /// <summary>R type-7 quantile of sorted values: x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), h = (n − 1)p.</summary>
    public static double Quantile7(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        double h = (sorted.Count - 1) * p;
        int i = (int)Math.Floor(h);
        if (i >= sorted.Count - 1) return sorted[^1];
        return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
    }
}
