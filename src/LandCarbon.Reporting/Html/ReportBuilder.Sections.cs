using System.Globalization;
using System.Text.Json;
using LandCarbon.Core.Tables;
using LandCarbon.Reporting.Charts;
using LandCarbon.Reporting.Maps;

namespace LandCarbon.Reporting.Html;

public static partial class ReportBuilder
{
    /// <summary>run.json: scalars as a definition list, arrays of objects (inputs, stages) as tables.</summary>
    private static void Manifest(Context ctx, HtmlWriter w)
    {
        if (ctx.RunJson is not { } doc) return;
        var lang = ctx.Options.Language;
        w.Element("p", "run.json", "note");
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return;
        w.Raw("<dl class=\"kv\">");
        foreach (var p in root.EnumerateObject())
        {
            if (p.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array) continue;
            w.Element("dt", p.Name).Element("dd", Scalar(p.Value));
        }
        w.Raw("</dl>\n");
        foreach (var p in root.EnumerateObject())
        {
            if (p.Value.ValueKind == JsonValueKind.Array && p.Value.GetArrayLength() > 0)
            {
                w.Element("h3", Labels.JsonName(p.Name, lang));
                if (p.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object)) ObjectArray(w, p.Value, lang);
                else
                {
                    w.Raw("<ul>");
                    foreach (var e in p.Value.EnumerateArray()) w.Element("li", Scalar(e));
                    w.Raw("</ul>\n");
                }
            }
            else if (p.Value.ValueKind == JsonValueKind.Object)
            {
                w.Raw("<details><summary>").Text(Labels.JsonName(p.Name, lang)).Raw("</summary><dl class=\"kv\">");
                foreach (var q in p.Value.EnumerateObject()) w.Element("dt", q.Name).Element("dd", Scalar(q.Value));
                w.Raw("</dl></details>\n");
            }
        }
    }

    private static void ObjectArray(HtmlWriter w, JsonElement array, ReportLanguage lang)
    {
        var cols = array.EnumerateArray().SelectMany(e => e.EnumerateObject().Select(p => p.Name)).Distinct(StringComparer.Ordinal).ToList();
        var csv = new CsvWriter([.. cols]);
        foreach (var e in array.EnumerateArray())
            csv.Row([.. cols.Select(c => e.TryGetProperty(c, out var v) ? (object)Scalar(v) : "")]);
        var t = CsvTable.Parse("run.json", System.Text.Encoding.UTF8.GetBytes(csv.ToString()));
        w.Table(t, "run.json", 500, lang);
    }

    private static string Scalar(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Number => e.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        _ => e.GetRawText().Length > 400 ? e.GetRawText()[..400] + " …" : e.GetRawText(),
    };

    /// <summary>Land-use maps per year, legends from the run (see <see cref="RunStyles.LandUse"/>).</summary>
    private static void LandUse(Context ctx, HtmlWriter w)
    {
        if (ctx.Options.OpenRaster is null) return;
        foreach (var (year, f, style) in RunStyles.LandUse(ctx.Dir, ctx.RunJson?.RootElement))
            ctx.Map(w, f, style, $"landuse_{year}");
    }

    /// <summary>Transition matrix heat map of the whole period, and the tables of every interval.</summary>
    private static void Transitions(Context ctx, HtmlWriter w)
    {
        var names = ctx.AllTables().Where(n => n.StartsWith("transitions_", StringComparison.Ordinal)).ToList();
        if (names.Count == 0) return;
        var lang = ctx.Options.Language;
        string whole = names.Where(n => !n.Contains("summary", StringComparison.Ordinal)).OrderBy(IntervalOrder).LastOrDefault() ?? names[0];
        if (ctx.Table(whole) is { } t && t.HasColumn("from") && t.HasColumn("to") && t.HasColumn("areaKm2"))
        {
            string interval = Pretty(whole["transitions_".Length..]);
            ctx.Chart(w, whole, () => ChartRenderer.TransitionMatrix(t, interval, lang), $"{Labels.Get("transitions", lang)} {interval}");
        }
        ctx.Tables(w, [.. names.OrderBy(IntervalOrder)]);
    }
}
