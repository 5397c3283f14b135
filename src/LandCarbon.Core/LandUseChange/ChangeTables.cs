using LandCarbon.Core.Outputs;
using LandCarbon.Core.Spaces;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.LandUseChange;

/// <summary>A check of the change analysis failed; tables/checks.csv says which. Exit code 1.</summary>
public sealed class ChangeCheckException(string message) : Exception(message);

/// <summary>
/// Writes the tables of the change analysis (docs/methods/change-analysis.md describes every column). Class
/// columns hold the class code; <c>fromName</c>/<c>toName</c> its code name.
/// </summary>
public static class ChangeTables
{
    /// <summary>
    /// The header of a ΔCBI-valued column: <paramref name="name"/> as is for the change of an annual flux (t C/yr,
    /// the <c>TonnesC</c> convention), with <c>Cumulative</c> appended when ΔCBI is cumulative over the interval (t C).
    /// </summary>
    public static string DeltaColumn(string name, bool cumulative) => cumulative ? name + "Cumulative" : name;

    /// <summary>The file name of an interval output for <paramref name="key"/>: <c>Y1_Y2</c> (an observed interval,
    /// <paramref name="observed"/>) or <c>scenario_Y1_Y2</c> (a scenario's projected interval, <paramref name="scenario"/>).</summary>
    public static string IntervalName(OutputFile observed, OutputFile scenario, string key)
    {
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(key);
        var m = System.Text.RegularExpressions.Regex.Match(key, @"^(?:(?<s>[A-Za-z][A-Za-z0-9-]*)_)?(?<i>\d{4}_\d{4})$");
        if (!m.Success) throw new ArgumentException($"'{key}' is neither Y1_Y2 nor SCENARIO_Y1_Y2.", nameof(key));
        return m.Groups["s"].Success ? scenario.Name(m.Groups["s"].Value, m.Groups["i"].Value) : observed.Name(m.Groups["i"].Value);
    }

    /// <summary>The declared header of <paramref name="output"/> with its ΔCBI-valued columns
    /// (<see cref="OutputColumn.Delta"/>) named by <see cref="DeltaColumn"/>.</summary>
    private static string[] Header(OutputFile output, bool cumulative) =>
        [.. output.Columns.Where(c => !c.IsFamily).Select(c => c.Delta ? DeltaColumn(c.Name, cumulative) : c.Name)];

    /// <summary>Writes tables/transitions_, transitions_summary_, space_grades_, contributions_ and mechanisms_ of one
    /// interval, each suffixed with <paramref name="key"/> (default the interval's years, e.g. <c>2010_2015</c>; a
    /// scenario's projected interval: <c>natural_2024_2035</c>).</summary>
    public static void WriteInterval(IntervalChange c, Func<string, string> tablePath, Func<int, string> className, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(tablePath);
        ArgumentNullException.ThrowIfNull(className);
        key ??= c.Key;
        var t = new CsvWriter(Header(OutputCatalog.Transitions, c.Cumulative));
        foreach (var r in c.Transitions) t.Row(r.From, r.To, r.Pixels, r.AreaKm2, r.DeltaTonnesC, className(r.From), className(r.To));
        t.Save(tablePath(IntervalName(OutputCatalog.Transitions, OutputCatalog.ScenarioTransitions, key)));

        var s = new CsvWriter(Header(OutputCatalog.TransitionsSummary, c.Cumulative));
        foreach (var r in c.Classes)
            s.Row(r.Class, className(r.Class), r.YearPixelsFrom, r.YearPixelsTo, r.AreaFromKm2, r.AreaToKm2, r.PersistenceKm2, r.GainKm2, r.LossKm2,
                r.NetChangeKm2, r.SwapKm2, r.GainDeltaTonnesC, r.LossDeltaTonnesC);
        s.Save(tablePath(IntervalName(OutputCatalog.TransitionsSummary, OutputCatalog.ScenarioTransitionsSummary, key)));

        var g = new CsvWriter(Header(OutputCatalog.SpaceGrades, c.Cumulative));
        foreach (var r in c.SpaceGrades)
        {
            var breaks = r.Space == SpaceKind.IncrementSpace ? c.IncrementBreaks : r.Space == SpaceKind.ReductionSpace ? c.ReductionBreaks : null;
            // The threshold on |ΔCBI| at which the grade starts (left-closed); empty for grade 1 and stable.
            double threshold = breaks is not null && r.Grade >= 2 && r.Grade - 2 < breaks.Thresholds.Count ? breaks.Thresholds[r.Grade - 2] : double.NaN;
            g.Row(SpaceNames.Of(r.Space), r.Grade, r.LowerBound, r.UpperBound, r.Pixels, r.AreaKm2, r.DeltaTonnesC,
                SpaceNames.OfGrade(r.Grade), breaks?.Description ?? "", threshold);
        }
        g.Save(tablePath(IntervalName(OutputCatalog.SpaceGrades, OutputCatalog.ScenarioSpaceGrades, key)));

        var ct = new CsvWriter(Header(OutputCatalog.Contributions, c.Cumulative));
        foreach (var r in c.Contributions)
            ct.Row(SpaceNames.Of(r.Space), r.Grade == 0 ? "All" : SpaceNames.OfGrade(r.Grade), r.From, r.To, r.Pixels,
                r.DeltaTonnesC, r.SharePercent, className(r.From), className(r.To));
        ct.Save(tablePath(IntervalName(OutputCatalog.Contributions, OutputCatalog.ScenarioContributions, key)));

        var m = new CsvWriter(Header(OutputCatalog.Mechanisms, c.Cumulative));
        foreach (var r in c.Mechanisms) m.Row((int)r.Mechanism, r.Mechanism.ToString(), r.Pixels, r.AreaKm2, r.DeltaTonnesC, r.SharePercent);
        m.Save(tablePath(IntervalName(OutputCatalog.Mechanisms, OutputCatalog.ScenarioMechanisms, key)));
    }

    /// <summary>Writes tables/offset_ratio.csv: one row per interval.</summary>
    public static void WriteOffsetRatios(IEnumerable<IntervalChange> intervals, string path)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var list = intervals.ToList();
        bool cumulative = list.Count > 0 && list[0].Cumulative;
        var w = new CsvWriter(Header(OutputCatalog.OffsetRatio, cumulative));
        foreach (var c in list)
            w.Row($"{c.FromYear}-{c.ToYear}", c.IncrementTonnesC, c.ReductionTonnesC, c.NetTonnesC, c.OffsetRatio, c.OffsetRatio * 100);
        w.Save(path);
    }

    /// <summary>
    /// Writes tables/budget_change.csv: per interval E(t1), E(t2) and their difference next to Σ ΔCBI, with the
    /// change on pixels that kept their class (coefficients that vary in time) and on pixels left out for nodata, so
    /// that Σ ΔCBI + outside-scope part + nodata part = E(t2) − E(t1). Rate columns are t C/yr; with the cumulative
    /// option the same quantities × years follow as <c>…TonnesCCumulative</c> columns (t C).
    /// </summary>
    public static void WriteBudgetChange(IEnumerable<IntervalChange> intervals, string path)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var list = intervals.ToList();
        bool cumulative = list.Count > 0 && list[0].Cumulative;
        string[] header = OutputCatalog.BudgetChange.Header();
        string[] cumulativeHeader = ["budgetDifferenceTonnesCCumulative", "deltaCbiSumTonnesCCumulative", "outsideScopeTonnesCCumulative", "noDataPartTonnesCCumulative"];
        var w = new CsvWriter(cumulative ? [.. header, .. cumulativeHeader] : header);
        foreach (var c in list)
        {
            double diff = c.BudgetToTonnesC - c.BudgetFromTonnesC, rate = c.NetTonnesC / c.DeltaScale;
            object[] row = [$"{c.FromYear}-{c.ToYear}", c.FromYear, c.ToYear, c.Years, c.Scope == ChangeScope.All ? "all" : "transitionOnly",
                c.BudgetFromTonnesC, c.BudgetToTonnesC, diff, rate, c.UnchangedClassTonnesC, c.OutsideScopeTonnesC, c.LeftOutTonnesC];
            w.Row(cumulative ? [.. row, diff * c.Years, c.NetTonnesC, c.OutsideScopeTonnesC * c.Years, c.LeftOutTonnesC * c.Years] : row);
        }
        w.Save(path);
    }

    /// <summary>Writes tables/checks.csv, then throws <see cref="ChangeCheckException"/> naming every failed check.</summary>
    public static void WriteChecksAndEnsure(IEnumerable<IntervalChange> intervals, string path)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        var all = intervals.SelectMany(c => c.Checks).ToList();
        var w = new CsvWriter(OutputCatalog.Checks.Header());
        foreach (var k in all) w.Row(k.Interval, k.Name, k.Expected, k.Actual, k.Actual - k.Expected, k.Tolerance, k.Passed);
        w.Save(path);
        var failed = all.Where(k => !k.Passed).ToList();
        if (failed.Count > 0)
            throw new ChangeCheckException($"{failed.Count} change-analysis check(s) failed (see {path}): " +
                string.Join("; ", failed.Take(5).Select(k => $"{k.Interval} {k.Name}: expected {k.Expected:R}, got {k.Actual:R}")));
    }
}
