using LandCarbon.Core.Outputs;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Risk;

/// <summary>
/// The hindcast tables: <c>risk_hindcast.csv</c> (one row per method × forecast × interval, baselines with
/// forecast "-"), <c>risk_accuracy.csv</c> (the same summed over the intervals, best first) and
/// <c>risk_hindcast_confusion.csv</c> (every matrix in long form: one row per predicted level, observed levels
/// as columns; interval "all" = summed over the intervals) and <c>risk_hindcast_models.csv</c> (per target: the
/// units scored, the shared reference's breaks and rule, and each forecaster's model).
/// </summary>
public static class HindcastTables
{
    /// <summary>Header of risk_hindcast.csv.</summary>
    public static readonly string[] HindcastColumns =
        OutputCatalog.RiskHindcast.Header();

    /// <summary>Writes the three tables and returns their paths.</summary>
    public static IReadOnlyList<string> Write(RiskHindcastResult result, Func<string, string> tablePath)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(tablePath);
        string h = tablePath(OutputCatalog.RiskHindcast.Name()), a = tablePath(OutputCatalog.RiskAccuracy.Name()), c = tablePath(OutputCatalog.RiskHindcastConfusion.Name()), m = tablePath(OutputCatalog.RiskHindcastModels.Name());
        Rows(result.Rows, interval: true).Save(h);
        Rows(result.Summary(), interval: false).Save(a);
        Confusion(result).Save(c);
        Models(result).Save(m);
        return [h, a, c, m];
    }

    /// <summary>Per target and forecaster: units scored, the reference breaks and rule, the forecaster's model.</summary>
    public static CsvWriter Models(RiskHindcastResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var w = new CsvWriter(OutputCatalog.RiskHindcastModels.Header());
        foreach (var t in result.Targets)
            foreach (var (name, model) in t.Forecasts)
                w.Row(t.Interval, t.Units, t.Reference.IncrementBreaks[0], t.Reference.IncrementBreaks[1], t.Reference.IncrementBreaks[2], t.Reference.Source, name, model);
        return w;
    }

    /// <summary>The measures of each row; without <paramref name="interval"/>, the header has <c>intervals</c>
    /// (the intervals summed) after the measures instead.</summary>
    public static CsvWriter Rows(IEnumerable<HindcastRow> rows, bool interval)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var w = interval ? new CsvWriter(HindcastColumns)
            : new CsvWriter(OutputCatalog.RiskAccuracy.Header());
        foreach (var r in rows)
        {
            var m = r.Matrix;
            if (interval) w.Row(r.Method, r.Forecast, r.Interval, m.Total, m.OverallAccuracy, m.Kappa, m.WeightedKappa, m.HitRate, m.FalseAlarmRate);
            else w.Row(r.Method, r.Forecast, m.Total, m.OverallAccuracy, m.Kappa, m.WeightedKappa, m.HitRate, m.FalseAlarmRate, r.Interval);
        }
        return w;
    }

    /// <summary>Every matrix, per interval and summed ("all"), with producer's and user's accuracy.</summary>
    public static CsvWriter Confusion(RiskHindcastResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var all = result.Rows.Concat(result.Summary().Select(r => r with { Interval = "all" })).ToList();
        int l = all.Count > 0 ? all[0].Matrix.Levels.Count : 0;
        var header = new List<string> { "method", "forecast", "interval", "predicted", "label" };
        header.AddRange(Enumerable.Range(1, l).Select(k => "observed_" + k));
        header.AddRange(["total", "usersAccuracy", "producersAccuracy"]);
        var w = new CsvWriter([.. header]);
        foreach (var r in all)
        {
            var m = r.Matrix;
            for (int i = 1; i <= l; i++)
            {
                var row = new List<object?> { r.Method, r.Forecast, r.Interval, i, m.Levels.Label(i) };
                row.AddRange(Enumerable.Range(1, l).Select(j => (object?)m[i, j]));
                row.AddRange([m.PredictedTotal(i), m.UsersAccuracy(i), m.ProducersAccuracy(i)]);
                w.Row([.. row]);
            }
            var total = new List<object?> { r.Method, r.Forecast, r.Interval, "total", "" };
            total.AddRange(Enumerable.Range(1, l).Select(j => (object?)m.ObservedTotal(j)));
            total.AddRange([m.Total, null, null]);
            w.Row([.. total]);
        }
        return w;
    }
}
