using System.Globalization;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Tables;
using LandCarbon.Reporting.Charts;
using LandCarbon.Reporting.Maps;

namespace LandCarbon.Reporting.Html;

public static partial class ReportBuilder
{
    /// <summary>run.json (the typed manifest): tool, command, study file, seed, area model, then inputs, stage
    /// timings and warnings as tables.</summary>
    private static void Manifest(Context ctx, HtmlWriter w)
    {
        if (ctx.Manifest is not { } m) return;
        var lang = ctx.Options.Language;
        string json = OutputCatalog.RunJson.RelativePath();
        w.Element("p", json, "note");
        w.Raw("<dl class=\"kv\">");
        void Kv(string key, string? value)
        {
            if (value is { Length: > 0 }) w.Element("dt", key).Element("dd", value);
        }
        Kv("region", m.Study?.Region);
        Kv("toolVersion", m.ToolVersion);
        Kv("command", m.Command);
        Kv("studyFile", m.StudyFile);
        Kv("seed", m.Seed.ToString(CultureInfo.InvariantCulture));
        Kv("mode", m.Study?.Accounting?.Mode);
        Kv("units", m.Study?.Accounting?.Units);
        Kv("areaModel", m.AreaModel);
        w.Raw("</dl>\n");
        string[] none = ["—"];
        void List(string name, string[] header, IEnumerable<object?[]> rows)
        {
            var csv = new CsvWriter(header);
            foreach (var r in rows) csv.Row(r);
            var t = CsvTable.Parse(json, System.Text.Encoding.UTF8.GetBytes(csv.ToString()));
            if (t.Rows.Count == 0) return;
            w.Element("h3", Labels.JsonName(name, lang));
            w.Table(t, json, 500, lang, h => h switch { "bytes" => "bytes", "seconds" => "s", _ => none[0] });
        }
        List("inputs", ["path", "bytes", "sha256"], (m.Inputs ?? []).Select(i => new object?[] { i.Path, i.Bytes, i.Sha256 }));
        List("stages", ["name", "seconds"], (m.Stages ?? []).Select(s => new object?[] { s.Name, s.Seconds }));
        List("warnings", ["warning"], (m.Warnings ?? []).Select(x => new object?[] { x }));
    }

    /// <summary>Land-use maps per year, legends from the run (see <see cref="RunStyles.LandUse"/>).</summary>
    private static void LandUse(Context ctx, HtmlWriter w)
    {
        if (ctx.Options.OpenRaster is null) return;
        foreach (var (year, f, style) in RunStyles.LandUse(ctx.Dir, ctx.Manifest))
            ctx.Map(w, f, style, OutputCatalog.LandUse.Name(year.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Transition matrix heat map of the whole period, and the tables of every interval.</summary>
    private static void Transitions(Context ctx, HtmlWriter w)
    {
        var whole = ctx.AllTables().Select(f => OutputCatalog.Transitions.TryMatch(f, out var v) ? v["interval"] : null).OfType<string>()
            .OrderBy(IntervalOrder, StringComparer.Ordinal).LastOrDefault();
        if (whole is null) return;
        var lang = ctx.Options.Language;
        string rel = OutputCatalog.Transitions.RelativePath(whole);
        if (ctx.TableAt(rel) is { } t && t.HasColumn("from") && t.HasColumn("to") && t.HasColumn("areaKm2") && ChartRenderer.HasFinite(t, "areaKm2", offDiagonal: true))
        {
            string interval = Pretty(whole);
            ctx.Chart(w, OutputCatalog.Transitions.Name(whole), () => ChartRenderer.TransitionMatrix(t, interval, lang), $"{Labels.Get("transitions", lang)} {interval}");
        }
        ctx.SectionTables(w, "transitions");
    }
}
