using LandCarbon.Core.Numerics;
using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.LandUseChange;

/// <summary>Turns the two passes' tallies into the rows and checks of an <see cref="IntervalChange"/>.</summary>
internal static class IntervalChangeBuilder
{
    /// <param name="y1">First year.</param>
    /// <param name="y2">Second year.</param>
    /// <param name="areas">The area model (space grade and mechanism areas).</param>
    /// <param name="t">Pass-1 tally (ΔCBI per pair, spaces).</param>
    /// <param name="c">Pass-2 tally (grades, contributions, mechanisms).</param>
    /// <param name="inc">Increment-space breaks.</param>
    /// <param name="red">Reduction-space breaks.</param>
    /// <param name="grades">Grades per space.</param>
    public static IntervalChange Build(int y1, int y2, Processing.PixelAreas areas, TransitionTally t, ContributionTally c,
        GradeBreaks inc, GradeBreaks red, int grades)
    {
        int k = t.K;
        string interval = $"{y1}-{y2}";
        double uniformKm2 = areas.IsUniform ? areas.UniformAreaM2 / 1e6 : double.NaN;
        double CodeKm2(int code, long px) => areas.IsUniform ? px * uniformKm2 : c.CodeAreaM2[code].Value / 1e6;
        var transitions = new List<TransitionRow>();
        // Pixels and areas from the class rasters alone (as TransitionCounter counts them); ΔCBI over the pixels with
        // a budget in both years.
        var pixels = c.ClassPairPixels;
        var km2 = new double[k * k];
        for (int p = 0; p < k * k; p++)
            km2[p] = areas.IsUniform ? pixels[p] * (areas.UniformAreaM2 / 1e6) : c.ClassPairAreaM2[p].Value / 1e6;
        for (int a = 0; a < k; a++)
            for (int b = 0; b < k; b++)
            {
                long n = pixels[a * k + b];
                if (n > 0) transitions.Add(new TransitionRow(a, b, n, km2[a * k + b], t.DeltaTonnesC[a * k + b].Value));
            }

        var classes = new List<ClassChangeRow>();
        var checks = new List<ChangeCheck>();
        for (int a = 0; a < k; a++)
        {
            long row = 0, col = 0;
            double rowKm2 = 0, colKm2 = 0, gainKm2 = 0, lossKm2 = 0;
            var gainC = new ExactSum();
            var lossC = new ExactSum();
            for (int b = 0; b < k; b++)
            {
                row += pixels[a * k + b];
                col += pixels[b * k + a];
                rowKm2 += km2[a * k + b];
                colKm2 += km2[b * k + a];
                if (b == a) continue;
                lossKm2 += km2[a * k + b];
                gainKm2 += km2[b * k + a];
                lossC.Add(t.DeltaTonnesC[a * k + b]);
                gainC.Add(t.DeltaTonnesC[b * k + a]);
            }
            if (t.ClassPixelsFrom[a] == 0 && t.ClassPixelsTo[a] == 0) continue;
            classes.Add(new ClassChangeRow(a, t.ClassPixelsFrom[a], t.ClassPixelsTo[a], rowKm2, colKm2, km2[a * k + a], gainKm2,
                lossKm2, gainKm2 - lossKm2, 2 * Math.Min(gainKm2, lossKm2), gainC.Value, lossC.Value));
            // The transition rows (columns) plus the pixels left out for nodata elsewhere are the class's pixels of
            // year 1 (year 2), counted separately.
            checks.Add(new ChangeCheck(interval, $"transition row sum + excluded = class pixels {y1}, class {a}",
                t.ClassPixelsFrom[a], row + t.ExcludedFrom[a], 0));
            checks.Add(new ChangeCheck(interval, $"transition column sum + excluded = class pixels {y2}, class {a}",
                t.ClassPixelsTo[a], col + t.ExcludedTo[a], 0));
        }

        // Space grades and contributions.
        var spaceRows = new List<SpaceGradeRow>();
        var contributions = new List<ContributionRow>();
        foreach (var (space, sign, breaks) in new[] { (SpaceKind.IncrementSpace, 1, inc), (SpaceKind.ReductionSpace, -1, red) })
        {
            var spaceSum = new ExactSum();
            long spacePixels = 0;
            var pairPixels = new long[k * k];
            var pairSums = new ExactSum[k * k];
            for (int g = 1; g <= grades; g++)
            {
                int code = sign * g + grades;
                var (px, sum) = AddGrade(c, code, k, pairPixels, pairSums);
                if (g <= breaks.Grades || px > 0)
                {
                    bool any = px > 0;
                    double lo = any ? (sign > 0 ? c.Min[code] : c.Min[code]) : double.NaN;
                    double hi = any ? c.Max[code] : double.NaN;
                    spaceRows.Add(new SpaceGradeRow(space, g, lo, hi, px, CodeKm2(code, px), sum.Value));
                    contributions.AddRange(Shares(space, g, c, code, k, sum.Value, interval, checks));
                }
                spaceSum.Add(sum);
                spacePixels += px;
            }
            // Grade 0 rows of the contribution table: the whole space.
            double total = spaceSum.Value;
            var spaceShares = new ExactSum();
            for (int p = 0; p < k * k; p++)
            {
                if (pairPixels[p] == 0) continue;
                double share = pairSums[p].Value / total * 100;
                spaceShares.Add(share);
                contributions.Add(new ContributionRow(space, 0, p / k, p % k, pairPixels[p], pairSums[p].Value, share));
            }
            if (spacePixels > 0)
                checks.Add(new ChangeCheck(interval, $"contribution shares sum to 100 %, {SpaceNames.Of(space)}", 100, spaceShares.Value, 1e-9));
            long expectedPixels = space == SpaceKind.IncrementSpace ? t.IncrementPixels : t.ReductionPixels;
            double expectedSum = space == SpaceKind.IncrementSpace ? t.IncrementTonnesC.Value : t.ReductionTonnesC.Value;
            checks.Add(new ChangeCheck(interval, $"grade pixels sum to space pixels, {SpaceNames.Of(space)}", expectedPixels, spacePixels, 0));
            checks.Add(new ChangeCheck(interval, $"grade ΔCBI sums to space ΔCBI (pass 2 = pass 1), {SpaceNames.Of(space)}",
                expectedSum, total, Tol(expectedSum)));
        }
        {
            int code = grades;
            var (px, sum) = AddGrade(c, code, k, new long[k * k], new ExactSum[k * k]);
            spaceRows.Insert(grades <= 0 ? 0 : spaceRows.Count(r => r.Space == SpaceKind.IncrementSpace),
                new SpaceGradeRow(SpaceKind.Stable, 0, px > 0 ? c.Min[code] : double.NaN, px > 0 ? c.Max[code] : double.NaN, px, CodeKm2(code, px), sum.Value));
        }

        // Mechanisms: shares within the increase (1–3) and decrease (4–6) directions.
        var mechanisms = new List<MechanismRow>();
        double up = 0, down = 0;
        foreach (var m in ChangeMechanisms.All)
        {
            if ((int)m <= 3) up += c.MechanismTonnesC[(int)m].Value; else down += c.MechanismTonnesC[(int)m].Value;
        }
        foreach (var m in ChangeMechanisms.All)
        {
            double s = c.MechanismTonnesC[(int)m].Value;
            double dir = (int)m <= 3 ? up : down;
            long mpx = c.MechanismPixels[(int)m];
            mechanisms.Add(new MechanismRow(m, mpx, areas.IsUniform ? mpx * uniformKm2 : c.MechanismAreaM2[(int)m].Value / 1e6, s, dir != 0 ? s / dir * 100 : double.NaN));
        }

        double net = t.NetTonnesC.Value, incT = t.IncrementTonnesC.Value, redT = t.ReductionTonnesC.Value, stable = t.StableTonnesC.Value;
        checks.Insert(0, new ChangeCheck(interval, "net = increment + reduction (+ stable within ε)", net, incT + redT + stable, Tol(net, incT, redT)));
        var transitionSum = new ExactSum();
        foreach (var tr in t.DeltaTonnesC) transitionSum.Add(tr);
        checks.Insert(1, new ChangeCheck(interval, "net = Σ transition ΔCBI", net, transitionSum.Value, Tol(net)));
        checks.Insert(2, new ChangeCheck(interval, "increment mechanisms = increment space",
            incT, up, Tol(incT)));
        checks.Insert(3, new ChangeCheck(interval, "reduction mechanisms = reduction space",
            redT, down, Tol(redT)));

        // Group sums of both years, E(t1), E(t2) and the part of unchanged classes (t C/yr).
        var groups = new List<TransitionGroupSums>();
        ExactSum e1 = t.LeftOutFromTonnesC, e2 = t.LeftOutToTonnesC, unchanged1 = default, unchanged2 = default;
        var spaces = new[] { SpaceKind.IncrementSpace, SpaceKind.ReductionSpace, SpaceKind.Stable };
        for (int s = 0; s < 3; s++)
            for (int p = 0; p < k * k; p++)
            {
                var s1 = t.CbiFromTonnesC[s * k * k + p];
                var s2 = t.CbiToTonnesC[s * k * k + p];
                e1.Add(s1);
                e2.Add(s2);
                if (p / k == p % k) { unchanged1.Add(s1); unchanged2.Add(s2); }
                if (s1.Value != 0 || s2.Value != 0) groups.Add(new TransitionGroupSums(spaces[s], p / k, p % k, s1.Value, s2.Value));
            }

        return new IntervalChange
        {
            BudgetFromTonnesC = e1.Value,
            BudgetToTonnesC = e2.Value,
            UnchangedClassTonnesC = unchanged2.Value - unchanged1.Value,
            LeftOutTonnesC = t.LeftOutToTonnesC.Value - t.LeftOutFromTonnesC.Value,
            Groups = groups,
            FromYear = y1,
            ToYear = y2,
            Transitions = transitions,
            Classes = classes,
            IncrementBreaks = inc,
            ReductionBreaks = red,
            SpaceGrades = spaceRows,
            Contributions = contributions,
            Mechanisms = mechanisms,
            IncrementTonnesC = incT,
            ReductionTonnesC = redT,
            StableTonnesC = stable,
            NetTonnesC = net,
            NoDataPixels = t.NoDataPixels,
            BudgetNoDataPixels = t.BudgetNoDataPixels,
            Checks = checks,
        };
    }

    /// <summary>
    /// The budget identity of an interval: Σ ΔCBI + (the change on unchanged classes left out of the scope + the
    /// change on pixels left out for nodata) × scale = (E(t2) − E(t1)) × scale, with E from the accounting when given
    /// (else Σ of the CBI rasters as read), to 1e-9 relative to the budgets.
    /// </summary>
    public static ChangeCheck BudgetCheck(IntervalChange c, double? budgetFrom, double? budgetTo)
    {
        ArgumentNullException.ThrowIfNull(c);
        double e1 = budgetFrom ?? c.BudgetFromTonnesC, e2 = budgetTo ?? c.BudgetToTonnesC, s = c.DeltaScale;
        double actual = c.NetTonnesC + (c.OutsideScopeTonnesC + c.LeftOutTonnesC) * s;
        return new ChangeCheck($"{c.FromYear}-{c.ToYear}", "Σ ΔCBI + unchanged-class part + nodata part = E(t2) − E(t1)",
            (e2 - e1) * s, actual, Tol(e1, e2, c.NetTonnesC / s) * s);
    }

    private static double Tol(params double[] xs) => 1e-9 * Math.Max(1, xs.Max(Math.Abs));

    private static (long Pixels, ExactSum Sum) AddGrade(ContributionTally c, int code, int k, long[] pairPixels, ExactSum[] pairSums)
    {
        long px = 0;
        var sum = new ExactSum();
        for (int p = 0; p < k * k; p++)
        {
            int idx = code * k * k + p;
            px += c.Pixels[idx];
            sum.Add(c.DeltaTonnesC[idx]);
            pairPixels[p] += c.Pixels[idx];
            pairSums[p].Add(c.DeltaTonnesC[idx]);
        }
        return (px, sum);
    }

    private static IEnumerable<ContributionRow> Shares(SpaceKind space, int grade, ContributionTally c, int code, int k,
        double total, string interval, List<ChangeCheck> checks)
    {
        var rows = new List<ContributionRow>();
        var shares = new ExactSum();
        for (int p = 0; p < k * k; p++)
        {
            int idx = code * k * k + p;
            if (c.Pixels[idx] == 0) continue;
            double s = c.DeltaTonnesC[idx].Value, share = s / total * 100;
            shares.Add(share);
            rows.Add(new ContributionRow(space, grade, p / k, p % k, c.Pixels[idx], s, share));
        }
        if (rows.Count > 0)
            checks.Add(new ChangeCheck(interval, $"contribution shares sum to 100 %, {SpaceNames.Of(space)} {SpaceNames.OfGrade(grade)}", 100, shares.Value, 1e-9));
        return rows;
    }
}
