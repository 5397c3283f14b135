using LandCarbon.Core.Outputs;
using LandCarbon.Core.Tables;
using LandCarbon.Reporting.Charts;
using LandCarbon.Reporting.Maps;
using ScottPlot;

namespace LandCarbon.Reporting.Html;

/// <summary>
/// The report section "scenarios" (issue 17, item 5): the simulation's hindcast accuracy, then the projected years
/// through the chain — net carbon budget by year and scenario, the low-carbon − natural difference, the ΔCBI map of
/// each scenario's projected interval, its future risk levels and key monitoring areas. Every output of a scenario
/// carries its name (<c>cbi_&lt;scenario&gt;_&lt;year&gt;</c>, <c>delta_cbi_&lt;scenario&gt;_&lt;t1&gt;_&lt;t2&gt;</c>, …) and
/// has its own declaration in <see cref="OutputCatalog"/> (section "scenarios"), so it is shown here only.
/// </summary>
public static partial class ReportBuilder
{
    private static void Scenarios(Context ctx, HtmlWriter w)
    {
        var lang = ctx.Options.Language;
        if (ctx.Table(OutputCatalog.ScenarioBudget) is { } budget && budget.HasColumn("scenario") && budget.HasColumn("netTonnesC"))
        {
            w.Element("p", Labels.Get("scenarioNote", lang), "note");
            ctx.Chart(w, OutputCatalog.ScenarioBudget.Name(), () => NetByScenario(budget, lang), Labels.Get("scenarioBudget", lang));
        }
        // Each scenario's projected land use (styled as the observed maps), then its CBI, ΔCBI and risk maps.
        var landUse = RunStyles.LandUse(ctx.Dir, ctx.Manifest).Select(x => x.Style).FirstOrDefault() ?? MapStyle.LandUse;
        ctx.Maps(w, new MapRule(OutputCatalog.LandUseScenario, _ => landUse));
        ctx.Maps(w, "scenarios");
        ctx.SectionTables(w, "scenarios");
    }

    /// <summary>Net carbon budget (t C/yr) by year, one line per scenario, from <c>scenario_budget.csv</c>.</summary>
    private static byte[] NetByScenario(CsvTable t, ReportLanguage lang)
    {
        var plt = new Plot();
        ChartStyle.Apply(plt, lang);
        Color[] palette = [Colors.Black, Colors.SeaGreen, Colors.SteelBlue, Colors.DarkOrange, Colors.Purple];
        int i = 0;
        foreach (var g in t.Rows.GroupBy(r => t.Text(r, "scenario")))
        {
            var rows = g.OrderBy(r => t.Double(r, "year")).ToList();
            var line = plt.Add.Scatter(rows.Select(r => t.Double(r, "year")).ToArray(), rows.Select(r => t.Double(r, "netTonnesC")).ToArray());
            line.Color = palette[i++ % palette.Length];
            line.LineWidth = 2;
            line.MarkerSize = 7;
            line.LegendText = g.Key;
        }
        plt.YLabel(Labels.Get("tc", lang));
        plt.Title(Labels.Get("scenarioBudget", lang));
        plt.ShowLegend(Alignment.UpperLeft);
        return Png.Encode(plt, 760, 420);
    }
}
