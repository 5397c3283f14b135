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
/// is shown here only: <see cref="Context.IsScenarioOutput"/> keeps it out of the observed years' sections.
/// </summary>
public static partial class ReportBuilder
{
    private static void Scenarios(Context ctx, HtmlWriter w)
    {
        var lang = ctx.Options.Language;
        bool any = ctx.ScenarioNames.Count > 0;
        if (!any && ctx.Table("simulation_accuracy") is null) return;
        ctx.Tables(w, "simulation_accuracy", "simulation_accuracy_by_class");
        if (!any) return;
        w.Element("p", Labels.Get("scenarioNote", lang), "note");
        if (ctx.Table("scenario_budget") is { } budget && budget.HasColumn("scenario") && budget.HasColumn("netTonnesC"))
            ctx.Chart(w, "scenario_budget", () => NetByScenario(budget, lang), Labels.Get("scenarioBudget", lang));
        ctx.Tables(w, "scenario_budget", "scenario_difference", "scenario_value", "scenario_risk");
        var landUse = RunStyles.LandUse(ctx.Dir, ctx.RunJson?.RootElement).Select(x => x.Style).FirstOrDefault() ?? MapStyle.LandUse;
        bool cumulative = MapCatalog.IsCumulative(ctx.Dir);
        var delta = new MapStyle { Diverging = true, Unit = Labels.Get(cumulative ? "unitDeltaCbiCumulative" : "unitDeltaCbi", lang) };
        var risk = ctx.Table("scenario_risk");
        foreach (var s in ctx.ScenarioNames)
        {
            // The last projected year of each scenario: its map, the ΔCBI of its projected interval, its risk levels.
            ctx.ScenarioMaps(w, $"landuse_{s}_", _ => landUse);
            ctx.ScenarioMaps(w, $"delta_cbi_{s}_", _ => delta);
            string method = risk is not null && risk.HasColumn("method")
                ? risk.Rows.Where(r => risk.Text(r, "scenario") == s).Select(r => risk.Text(r, "method")).FirstOrDefault() ?? "" : "";
            ctx.ScenarioMaps(w, $"risk_{s}_", _ => RunStyles.Risk(ctx.Dir, method));
        }
        foreach (var s in ctx.ScenarioNames)
            ctx.Tables(w, [.. ctx.ScenarioTables().Where(n => n.StartsWith("key_monitoring_areas_" + s + "_", StringComparison.Ordinal)).OrderBy(IntervalOrder)]);
        ctx.Tables(w, "simulation_demand", "simulation_drivers");
        ctx.Tables(w, [.. ctx.ScenarioTables().OrderBy(IntervalOrder)]);
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

    private sealed partial class Context
    {
        private IReadOnlyList<string>? _scenarios;

        /// <summary>The scenarios of the run, in table order (tables/scenario_budget.csv; none without it).</summary>
        public IReadOnlyList<string> ScenarioNames => _scenarios ??= ReadScenarioNames();

        private List<string> ReadScenarioNames()
        {
            string p = Path.Combine(Dir, "tables", "scenario_budget.csv");
            if (!File.Exists(p)) return [];
            try
            {
                var t = CsvTable.Read(p);
                return t.HasColumn("scenario") ? [.. t.Rows.Select(r => t.Text(r, "scenario")).Distinct(StringComparer.Ordinal)] : [];
            }
            catch (Core.Models.InputException) { return []; }
        }

        /// <summary>True for an output of a scenario's projected years (its name holds <c>_&lt;scenario&gt;_</c>).</summary>
        public bool IsScenarioOutput(string name) =>
            ScenarioNames.Any(s => name.Contains("_" + s + "_", StringComparison.Ordinal));

        /// <summary>The scenario tables (per projected interval: transitions, contributions, zonal, …).</summary>
        public IEnumerable<string> ScenarioTables() => AllTablesWithScenarios().Where(IsScenarioOutput);

        /// <summary>The last (longest-interval or latest-year) raster rasters/PREFIX*.tif of a scenario family.</summary>
        public void ScenarioMaps(HtmlWriter w, string prefix, Func<string, MapStyle> styleOf)
        {
            if (Options.OpenRaster is null) return;
            string d = Path.Combine(Dir, "rasters");
            if (!Directory.Exists(d)) return;
            var last = Directory.EnumerateFiles(d, prefix + "*.tif").OrderBy(f => IntervalOrder(Path.GetFileNameWithoutExtension(f)), StringComparer.Ordinal).LastOrDefault();
            if (last is not null) Map(w, last, styleOf(last), Path.GetFileNameWithoutExtension(last));
        }
    }
}
