using System.Globalization;
using LandCarbon.Core.Tables;
using ScottPlot;

namespace LandCarbon.Reporting.Charts;

/// <summary>Charts of the run's tables, as PNG bytes (ScottPlot, headless).</summary>
public static class ChartRenderer
{
    private const int Width = 760, Height = 420;

    /// <summary>True when column <paramref name="column"/> has at least one finite value (off the diagonal
    /// from = to when <paramref name="offDiagonal"/>): a chart of no finite value has no axis range (ScottPlot:
    /// "min must be a real number"), so the report shows the table without it.</summary>
    public static bool HasFinite(CsvTable t, string column, bool offDiagonal = false)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.HasColumn(column) && t.Rows.Any(r => (!offDiagonal || t.Text(r, "from") != t.Text(r, "to"))
                                                       && t.OptionalDouble(r, column) is double v && double.IsFinite(v));
    }

    /// <summary>Source, sink and net carbon by year from <c>budget_by_year.csv</c>, with the Monte Carlo interval of
    /// the net budget as a band when <paramref name="uncertainty"/> (<c>budget_uncertainty.csv</c>) is given.</summary>
    public static byte[] Budget(CsvTable t, ReportLanguage lang, CsvTable? uncertainty = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        string suffix = t.Header.Any(h => h.EndsWith("TonnesCO2e", StringComparison.Ordinal)) ? "TonnesCO2e" : "TonnesC";
        var years = t.Rows.Select(r => t.Double(r, "year")).ToArray();
        var source = t.Rows.Select(r => t.Double(r, "source" + suffix)).ToArray();
        var sink = t.Rows.Select(r => -Math.Abs(t.Double(r, "sink" + suffix))).ToArray();
        var net = t.Rows.Select(r => t.Double(r, "net" + suffix)).ToArray();
        var plt = new Plot();
        ChartStyle.Apply(plt, lang);
        var b1 = plt.Add.Bars(years, source);
        b1.Color = Colors.IndianRed;
        b1.LegendText = Labels.Get("source", lang);
        var b2 = plt.Add.Bars(years, sink);
        b2.Color = Colors.SeaGreen;
        b2.LegendText = Labels.Get("sink", lang);
        foreach (var bar in b1.Bars.Concat(b2.Bars)) bar.Size = 2.5;
        if (Band(uncertainty, "budget", years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray(), 1) is { } b)
        {
            var band = plt.Add.FillY(years, b.Lower, b.Upper);
            band.FillColor = Colors.Black.WithAlpha(0.18);
            band.LegendText = Labels.Get("mcInterval", lang);
        }
        var s = plt.Add.Scatter(years, net);
        s.Color = Colors.Black;
        s.LineWidth = 2;
        s.MarkerSize = 8;
        s.LegendText = Labels.Get("net", lang);
        plt.Add.HorizontalLine(0, 1, Colors.Gray);
        YearTicks(plt, years);
        plt.YLabel(suffix == "TonnesC" ? Labels.Get("tc", lang) : "t CO2e/yr");
        plt.Title(Labels.Get("budget", lang));
        plt.ShowLegend(Alignment.UpperLeft);
        return Png.Encode(plt, Width, Height);
    }

    /// <summary>The lower and upper bounds of <paramref name="quantity"/> for each period from budget_uncertainty.csv,
    /// times <paramref name="factor"/>; null without the table or when a period or bound is missing.</summary>
    private static (double[] Lower, double[] Upper)? Band(CsvTable? u, string quantity, string[] periods, double factor)
    {
        if (u is null || periods.Length == 0) return null;
        var lo = new double[periods.Length];
        var hi = new double[periods.Length];
        for (int i = 0; i < periods.Length; i++)
        {
            var row = u.Rows.FirstOrDefault(r => u.Text(r, "quantity") == quantity && u.Text(r, "period") == periods[i]);
            if (row is null) return null;
            lo[i] = u.Double(row, "lower") * factor;
            hi[i] = u.Double(row, "upper") * factor;
            if (!double.IsFinite(lo[i]) || !double.IsFinite(hi[i])) return null;
        }
        return (lo, hi);
    }

    /// <summary>Offset ratio (|reduction| ÷ increment, %) per interval from <c>offset_ratio.csv</c>, with the Monte
    /// Carlo interval as a band when <paramref name="uncertainty"/> (<c>budget_uncertainty.csv</c>) is given.</summary>
    public static byte[] OffsetRatio(CsvTable t, ReportLanguage lang, CsvTable? uncertainty = null)
    {
        ArgumentNullException.ThrowIfNull(t);
        // An interval without increment has no ratio (NaN or ∞): it is left out of the chart (the table shows it).
        var rows = t.Rows.Where(r => t.OptionalDouble(r, "offsetRatio") is double v && double.IsFinite(v)).ToArray();
        var labels = rows.Select(r => t.Text(r, "interval")).ToArray();
        var ratio = rows.Select(r => 100 * t.Double(r, "offsetRatio")).ToArray();
        var xs = Enumerable.Range(0, labels.Length).Select(i => (double)i).ToArray();
        var plt = new Plot();
        ChartStyle.Apply(plt, lang);
        var bars = plt.Add.Bars(xs, ratio);
        bars.Color = Colors.SteelBlue;
        if (Band(uncertainty, "offsetRatio", labels, 100) is { } b)
        {
            var band = plt.Add.FillY(xs, b.Lower, b.Upper);
            band.FillColor = Colors.DarkBlue.WithAlpha(0.2);
            band.LegendText = Labels.Get("mcInterval", lang);
            plt.ShowLegend(Alignment.UpperLeft);
        }
        var line = plt.Add.Scatter(xs, ratio);
        line.Color = Colors.DarkBlue;
        line.LineWidth = 2;
        plt.Axes.Bottom.SetTicks(xs, labels);
        plt.YLabel(Labels.Get("offsetRatio", lang));
        plt.XLabel(Labels.Get("interval", lang));
        plt.Title(Labels.Get("offset", lang));
        plt.Axes.Margins(bottom: 0);
        return Png.Encode(plt, Width, Height);
    }

    /// <summary>β(τ) of every term except the intercept with its interval band, from <c>quantile_regression.csv</c>.</summary>
    public static byte[] QuantileCoefficients(CsvTable t, ReportLanguage lang)
    {
        ArgumentNullException.ThrowIfNull(t);
        var plt = new Plot();
        ChartStyle.Apply(plt, lang);
        var palette = new ScottPlot.Palettes.Category10();
        int k = 0;
        foreach (var g in t.Rows.GroupBy(r => t.Text(r, "term")).Where(g => !IsIntercept(g.Key)))
        {
            var rows = g.OrderBy(r => t.Double(r, "tau")).ToArray();
            var tau = rows.Select(r => t.Double(r, "tau")).ToArray();
            var est = rows.Select(r => t.Double(r, "estimate")).ToArray();
            var color = palette.GetColor(k++);
            if (t.HasColumn("ciLower") && t.HasColumn("ciUpper"))
            {
                var lo = rows.Select(r => t.OptionalDouble(r, "ciLower") ?? double.NaN).ToArray();
                var hi = rows.Select(r => t.OptionalDouble(r, "ciUpper") ?? double.NaN).ToArray();
                if (lo.All(double.IsFinite) && hi.All(double.IsFinite))
                {
                    var band = plt.Add.FillY(tau, lo, hi);
                    band.FillColor = color.WithAlpha(0.18);
                    band.LineWidth = 0;
                }
            }
            var s = plt.Add.Scatter(tau, est);
            s.Color = color;
            s.LineWidth = 2;
            s.MarkerSize = 7;
            s.LegendText = TermLabel(g.Key, lang);
        }
        plt.Add.HorizontalLine(0, 1, Colors.Gray);
        plt.XLabel(Labels.Get("tau", lang));
        plt.YLabel(Labels.Get("coefficient", lang));
        plt.Title(Labels.Get("regression", lang));
        plt.ShowLegend(Edge.Right);
        return Png.Encode(plt, Width, Height);
    }

    /// <summary>Transition matrix heat map (area, km²) from a <c>transitions_Y1_Y2.csv</c>.</summary>
    public static byte[] TransitionMatrix(CsvTable t, string interval, ReportLanguage lang)
    {
        ArgumentNullException.ThrowIfNull(t);
        var rows = t.Rows.Where(r => t.Text(r, "from").Length > 0 && t.Text(r, "to").Length > 0
                                     && t.OptionalDouble(r, "areaKm2") is not null).ToArray();
        var classes = rows.Select(r => t.Text(r, "from")).Concat(rows.Select(r => t.Text(r, "to")))
            .Distinct(StringComparer.Ordinal).OrderBy(ClassOrder).ThenBy(s => s, StringComparer.Ordinal).ToArray();
        int n = classes.Length;
        var m = new double[n, n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i, j] = double.NaN;
        foreach (var r in rows)
        {
            int i = Array.IndexOf(classes, t.Text(r, "from")), j = Array.IndexOf(classes, t.Text(r, "to"));
            if (i == j) continue; // the diagonal (persistence) would drown the changes
            m[i, j] = t.Double(r, "areaKm2");
        }
        var plt = new Plot();
        ChartStyle.Apply(plt, lang);
        var hm = plt.Add.Heatmap(m);
        hm.Colormap = new ScottPlot.Colormaps.Amp();
        hm.NaNCellColor = Colors.WhiteSmoke;
        // Row 0 of the data is drawn at the top: matrix row i sits at y = n − 1 − i.
        hm.Extent = new CoordinateRect(-0.5, n - 0.5, -0.5, n - 0.5);
        var cb = plt.Add.ColorBar(hm);
        cb.Label = Labels.Get("areaKm2", lang);
        cb.LabelStyle.FontName = ChartStyle.FontFor(lang);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (!double.IsNaN(m[i, j]))
                {
                    var txt = plt.Add.Text(m[i, j].ToString(m[i, j] >= 100 ? "F0" : "F1", CultureInfo.InvariantCulture), j, n - 1 - i);
                    txt.LabelAlignment = Alignment.MiddleCenter;
                    txt.LabelFontSize = 11;
                }
        var pos = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var names = classes.Select(c => ClassLabel(c, lang)).ToArray();
        plt.Axes.Bottom.SetTicks(pos, names);
        plt.Axes.Left.SetTicks([.. pos.Select(p => n - 1 - p)], names);
        plt.Axes.Bottom.TickLabelStyle.Rotation = -30;
        plt.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plt.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plt.XLabel(Labels.Get("to", lang));
        plt.YLabel(Labels.Get("from", lang));
        plt.Title($"{Labels.Get("transitions", lang)} {interval} ({Labels.Get("areaKm2", lang)})");
        return Png.Encode(plt, Width, 560);
    }

    /// <summary>Identification accuracy per threshold method (× forecaster, with the baselines, for a hindcast) from
    /// <c>risk_accuracy.csv</c>: overall accuracy bars labelled with the weighted kappa.</summary>
    public static byte[] Accuracy(CsvTable t, ReportLanguage lang)
    {
        ArgumentNullException.ThrowIfNull(t);
        // Hindcast summaries name the forecaster too ("-" for a baseline, "none" for an index graded as given).
        string Forecast(CsvRow r) => t.HasColumn("forecast") && t.Text(r, "forecast") is { Length: > 0 } f && f != "-" && f != "none" ? f : "";
        // A method without an accuracy (no validation sample or hindcast) has no bar.
        var scored = t.Rows.Where(r => t.OptionalDouble(r, "overallAccuracy") is double v && double.IsFinite(v)).ToArray();
        var names = scored.Select(r => Forecast(r) is { Length: > 0 } f ? Labels.Term(t.Text(r, "method"), lang) + " × " + f : Labels.Term(t.Text(r, "method"), lang)).ToArray();
        var oa = scored.Select(r => 100 * t.Double(r, "overallAccuracy")).ToArray();
        var wk = scored.Select(r => t.HasColumn("weightedKappa") ? t.OptionalDouble(r, "weightedKappa") ?? double.NaN : double.NaN).ToArray();
        var xs = Enumerable.Range(0, names.Length).Select(i => (double)i).ToArray();
        var plt = new Plot();
        ChartStyle.Apply(plt, lang);
        var bars = plt.Add.Bars(xs, oa);
        for (int i = 0; i < bars.Bars.Count; i++)
        {
            bars.Bars[i].Label = oa[i].ToString("F2", CultureInfo.InvariantCulture) + "%"
                + (double.IsNaN(wk[i]) ? "" : " κw " + wk[i].ToString("F2", CultureInfo.InvariantCulture));
        }
        bars.ValueLabelStyle.FontSize = 13;
        plt.Title(Labels.Get("risk", lang));
        if (names.Length <= 4)
        {
            plt.Axes.Bottom.SetTicks(xs, names);
            plt.YLabel(Labels.Get("accuracy", lang));
            plt.Axes.SetLimitsY(0, 105);
            return Png.Encode(plt, Width, 360);
        }
        // A hindcast summary (method × forecaster and baselines, best first): one horizontal bar per row, best on top.
        bars.Horizontal = true;
        var ys = xs.Select(x => names.Length - 1 - x).ToArray();
        for (int i = 0; i < bars.Bars.Count; i++) bars.Bars[i].Position = ys[i];
        plt.Axes.Left.SetTicks(ys, names);
        plt.XLabel(Labels.Get("accuracy", lang));
        plt.Axes.SetLimitsX(0, 130);
        return Png.Encode(plt, Width, 80 + 30 * names.Length);
    }

    private static bool IsIntercept(string term) =>
        term.Equals("intercept", StringComparison.OrdinalIgnoreCase) || term == "(Intercept)";

    private static readonly string[] Order = ["cultivated", "forest", "grassland", "water", "construction", "unused"];

    private static int ClassOrder(string name)
    {
        int i = Array.FindIndex(Order, o => o.Equals(name, StringComparison.OrdinalIgnoreCase));
        return i < 0 ? Order.Length : i;
    }

    /// <summary>Class or function name in the report language (see <see cref="Labels.Term"/>).</summary>
    public static string ClassLabel(string name, ReportLanguage lang) => Labels.Term(name, lang);

    private static string TermLabel(string term, ReportLanguage lang) =>
        Labels.Term(term.Replace("density_", "", StringComparison.OrdinalIgnoreCase), lang);

    private static void YearTicks(Plot plt, double[] years)
    {
        plt.Axes.Bottom.SetTicks(years, [.. years.Select(y => y.ToString("F0", CultureInfo.InvariantCulture))]);
    }
}
