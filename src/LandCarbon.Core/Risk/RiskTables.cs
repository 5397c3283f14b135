using LandCarbon.Core.Outputs;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Risk;

/// <summary>
/// Writes the early-warning tables: <c>risk_thresholds.csv</c>, <c>risk_accuracy.csv</c>
/// (<c>method,overallAccuracy,kappa,hitRate,falseAlarmRate,n</c>, rows best method first),
/// <c>risk_comparison.csv</c> (the same with the rank, validation design and notes) and
/// <c>risk_confusion_&lt;method&gt;.csv</c> (predicted rows × observed columns with user's and producer's accuracy).
/// </summary>
public static class RiskTables
{
    /// <summary>Writes every table; <paramref name="tablePath"/> maps a table name to its file path.</summary>
    public static IReadOnlyList<string> Write(RiskGradingResult result, Func<string, string> tablePath, bool accuracy = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(tablePath);
        var written = new List<string>();
        void Save(CsvWriter w, string name)
        {
            string p = tablePath(name);
            w.Save(p);
            written.Add(p);
        }
        Save(Thresholds(result), OutputCatalog.RiskThresholds.Name());
        if (accuracy) Save(Accuracy(result), OutputCatalog.RiskAccuracy.Name());
        Save(Comparison(result), OutputCatalog.RiskComparison.Name());
        foreach (var m in result.Methods)
            if (m.Accuracy is { } cm) Save(Confusion(cm), OutputCatalog.RiskConfusion.Name(m.Method));
        return written;
    }

    /// <summary>One row per method and level: bounds on the raw and transformed scales, units and share.</summary>
    public static CsvWriter Thresholds(RiskGradingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var w = new CsvWriter(OutputCatalog.RiskThresholds.Header());
        foreach (var m in result.Methods)
        {
            var t = m.Thresholds;
            for (int k = 1; k <= t.Levels.Count; k++)
            {
                double lo = k == 1 ? double.NegativeInfinity : t.Breaks[k - 2];
                double hi = k == t.Levels.Count ? double.PositiveInfinity : t.Breaks[k - 1];
                double tlo = k == 1 ? double.NegativeInfinity : t.TransformedBreaks[k - 2];
                double thi = k == t.Levels.Count ? double.PositiveInfinity : t.TransformedBreaks[k - 1];
                w.Row(m.Method, k, t.Levels.Label(k), lo, hi, tlo, thi, t.Transform.ToString(), m.LevelPixelCounts[k], m.LevelShare(k), t.Rule);
            }
        }
        return w;
    }

    /// <summary>The accuracy table, best method first, in the columns of the hindcast summary.</summary>
    public static CsvWriter Accuracy(RiskGradingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return HindcastTables.Rows(result.Ranked().Select(m => new HindcastRow(m.Method, "none", "", m.Accuracy ?? new ConfusionMatrix(m.Thresholds.Levels))), interval: false);
    }

    /// <summary>The ranking of the three methods with the validation design.</summary>
    public static CsvWriter Comparison(RiskGradingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var w = new CsvWriter(OutputCatalog.RiskComparison.Header());
        int rank = 0;
        foreach (var m in result.Ranked())
        {
            rank++;
            var a = m.Accuracy;
            int h = m.Thresholds.Levels.HighRiskFrom;
            double high = Enumerable.Range(h, m.Thresholds.Levels.Count - h + 1).Sum(m.LevelShare);
            w.Row(a is null ? null : rank, m.Method, a?.OverallAccuracy ?? double.NaN, a?.Kappa ?? double.NaN, a?.WeightedKappa ?? double.NaN, a?.HitRate ?? double.NaN,
                a?.FalseAlarmRate ?? double.NaN, a?.Total ?? 0, high, result.Validation, string.Join(" ", result.Notes));
        }
        return w;
    }

    /// <summary>Predicted level rows × observed level columns, with totals, user's and producer's accuracy.</summary>
    public static CsvWriter Confusion(ConfusionMatrix cm)
    {
        ArgumentNullException.ThrowIfNull(cm);
        int l = cm.Levels.Count;
        var header = new List<string> { "predicted", "label" };
        header.AddRange(Enumerable.Range(1, l).Select(k => "observed_" + k));
        header.AddRange(["total", "usersAccuracy"]);
        var w = new CsvWriter([.. header]);
        for (int i = 1; i <= l; i++)
        {
            var row = new List<object?> { i, cm.Levels.Label(i) };
            row.AddRange(Enumerable.Range(1, l).Select(j => (object?)cm[i, j]));
            row.AddRange([cm.PredictedTotal(i), cm.UsersAccuracy(i)]);
            w.Row([.. row]);
        }
        var total = new List<object?> { "total", "" };
        total.AddRange(Enumerable.Range(1, l).Select(j => (object?)cm.ObservedTotal(j)));
        total.AddRange([cm.Total, null]);
        w.Row([.. total]);
        var pa = new List<object?> { "producersAccuracy", "" };
        pa.AddRange(Enumerable.Range(1, l).Select(j => (object?)cm.ProducersAccuracy(j)));
        pa.AddRange([null, cm.OverallAccuracy]);
        w.Row([.. pa]);
        return w;
    }
}
