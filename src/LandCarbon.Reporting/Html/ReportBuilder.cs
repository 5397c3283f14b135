using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Tables;
using LandCarbon.Reporting.Charts;
using LandCarbon.Reporting.Maps;

namespace LandCarbon.Reporting.Html;

/// <summary>
/// Writes OUT/report.html, one self-contained page (CSS inline, images as base64 data URIs, no scripts from the
/// network) over a run folder: run.json (inputs and manifest), tables/*.csv (every table with a units row),
/// rasters/*.tif (maps with legends or colour bars with units) and charts drawn from the tables. A section appears
/// only when its outputs exist, so the report works for any subset of stages. All text is HTML-encoded.
/// </summary>
public static partial class ReportBuilder
{
    private sealed record Section(string Key, string Html);

    /// <summary>Builds the report of <paramref name="runDirectory"/> and returns the path of report.html.</summary>
    public static string Build(string runDirectory, ReportOptions? options = null)
    {
        options ??= new ReportOptions();
        string dir = Path.GetFullPath(runDirectory);
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"The run folder {dir} does not exist.");
        var ctx = new Context(dir, options);
        var sections = new List<Section>();
        void Add(string key, Action<HtmlWriter> body)
        {
            var w = new HtmlWriter();
            body(w);
            string html = w.ToString();
            if (html.Length > 0) sections.Add(new Section(key, html));
        }
        var lang = options.Language;
        Add("manifest", w => Manifest(ctx, w));
        Add("landuse", w => LandUse(ctx, w));
        Add("transitions", w => Transitions(ctx, w));
        Add("budget", w =>
        {
            if (ctx.Table(OutputCatalog.BudgetByYear) is { } t) ctx.Chart(w, OutputCatalog.BudgetByYear.Name(), () => ChartRenderer.Budget(t, lang, ctx.Table(OutputCatalog.BudgetUncertainty)), Labels.Get("budget", lang));
            ctx.SectionTables(w, "budget");
            ctx.Maps(w, "budget");
        });
        Add("change", w =>
        {
            ctx.Maps(w, "change");
            ctx.SectionTables(w, "change");
        });
        Add("spaces", w =>
        {
            ctx.Maps(w, "spaces");
            ctx.SectionTables(w, "spaces");
        });
        Add("mechanisms", w =>
        {
            ctx.Maps(w, "mechanisms");
            ctx.SectionTables(w, "mechanisms");
        });
        Add("offset", w =>
        {
            if (ctx.Table(OutputCatalog.OffsetRatio) is { } t && ChartRenderer.HasFinite(t, "offsetRatio"))
                ctx.Chart(w, OutputCatalog.OffsetRatio.Name(), () => ChartRenderer.OffsetRatio(t, lang, ctx.Table(OutputCatalog.BudgetUncertainty)), Labels.Get("offset", lang));
            ctx.SectionTables(w, "offset");
        });
        Add("poi", w =>
        {
            ctx.Maps(w, "poi");
            ctx.SectionTables(w, "poi");
        });
        Add("regression", w =>
        {
            if (ctx.Table(OutputCatalog.QuantileRegression) is { } t) ctx.Chart(w, OutputCatalog.QuantileRegression.Name(), () => ChartRenderer.QuantileCoefficients(t, lang), Labels.Get("regression", lang));
            ctx.SectionTables(w, "regression");
        });
        Add("spatial", w =>
        {
            ctx.Maps(w, "spatial");
            ctx.SectionTables(w, "spatial");
        });
        Add("risk", w =>
        {
            ctx.Maps(w, "risk");
            if (ctx.Table(OutputCatalog.RiskAccuracy) is { } t && ChartRenderer.HasFinite(t, "overallAccuracy"))
                ctx.Chart(w, OutputCatalog.RiskAccuracy.Name(), () => ChartRenderer.Accuracy(t, lang), Labels.Get("accuracy", lang));
            ctx.SectionTables(w, "risk");
        });
        Add("zonal", w => ctx.SectionTables(w, "zonal"));
        Add("scenarios", w => Scenarios(ctx, w));   // ReportBuilder.Scenarios.cs
        Add("checks", w =>
        {
            string checks = OutputCatalog.Checks.RelativePath();
            if (ctx.Table(OutputCatalog.Checks) is { } t)
                w.Table(t, checks, 1000, lang, ctx.UnitOf(checks), (col, v) => col.Equals("passed", StringComparison.OrdinalIgnoreCase)
                    ? (v.Equals("true", StringComparison.OrdinalIgnoreCase) ? "pass" : "fail") : null);
            ctx.Shown.Add(checks);
        });
        Add("tables", w =>
        {
            foreach (var rel in ctx.AllTables().Where(n => !ctx.Shown.Contains(n))) ctx.Tables(w, rel);
        });
        var figures = ctx.RenderFigures();
        for (int i = 0; i < sections.Count; i++)
            sections[i] = sections[i] with { Html = FigurePlaceholder().Replace(sections[i].Html, m => figures[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]) };
        string path = Path.Combine(dir, "report.html");
        AtomicFile.WriteAllText(path, Page(ctx, sections));
        return path;
    }

    private static string Page(Context ctx, List<Section> sections)
    {
        var lang = ctx.Options.Language;
        var w = new HtmlWriter();
        string region = ctx.Manifest?.Study?.Region ?? "";
        string title = Labels.Get("title", lang) + (region.Length > 0 ? " — " + region : "");
        w.Raw("<!DOCTYPE html>\n<html lang=\"").Raw(lang == ReportLanguage.Chinese ? "zh-CN" : "en").Raw("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Text(title).Raw("</title>\n<style>\n")
            .Raw(Css).Raw("</style>\n</head>\n<body>\n<header>\n").Element("h1", title)
            .Element("p", string.Format(CultureInfo.InvariantCulture, Labels.Get("generated", lang), Path.GetFileName(ctx.Dir)), "note")
            .Raw("</header>\n<nav><h2>").Text(Labels.Get("contents", lang)).Raw("</h2><ol>\n");
        foreach (var s in sections)
            w.Raw("<li><a href=\"#").Raw(s.Key).Raw("\">").Text(Labels.Get(s.Key, lang)).Raw("</a></li>\n");
        w.Raw("</ol>");
        var missing = AllSectionKeys.Where(k => sections.All(s => s.Key != k)).Select(k => Labels.Get(k, lang)).ToArray();
        if (missing.Length > 0) w.Element("p", Labels.Get("pending", lang) + string.Join(lang == ReportLanguage.Chinese ? "、" : ", ", missing), "note");
        w.Raw("</nav>\n<main>\n");
        foreach (var s in sections)
            w.Raw("<section id=\"").Raw(s.Key).Raw("\">\n<h2>").Text(Labels.Get(s.Key, lang)).Raw("</h2>\n").Raw(s.Html).Raw("</section>\n");
        w.Raw("</main>\n</body>\n</html>\n");
        return w.ToString();
    }

    /// <summary>Every section the report can hold, in page order.</summary>
    public static IReadOnlyList<string> AllSectionKeys { get; } =
        ["manifest", "landuse", "transitions", "budget", "change", "spaces", "mechanisms", "offset", "poi", "regression", "spatial", "risk", "zonal", "scenarios", "checks", "tables"];

    private const string Css = """
        body{font-family:"DejaVu Sans","Noto Sans","WenQuanYi Zen Hei",Arial,sans-serif;margin:0;color:#1b1b1b;background:#fafafa;line-height:1.45}
        header{background:#23443a;color:#fff;padding:18px 28px}header h1{margin:0;font-size:26px}header .note{color:#d8e8df}
        nav{padding:8px 28px;background:#eef3f0;border-bottom:1px solid #cfdcd4}nav h2{font-size:16px;margin:6px 0}nav ol{columns:3;margin:4px 0}
        main{padding:0 28px 40px}section{border-bottom:1px solid #ddd;padding-bottom:12px}h2{color:#23443a}h3{margin-bottom:4px}
        figure{display:inline-block;margin:8px 12px 8px 0;vertical-align:top;background:#fff;border:1px solid #ddd;padding:6px}
        figure img{max-width:760px;width:100%;height:auto;display:block}figcaption{font-size:13px;color:#444;padding-top:4px}
        .table{overflow-x:auto;margin:10px 0}table{border-collapse:collapse;font-size:13px;background:#fff}
        caption{text-align:left;font-weight:bold;padding:4px 0}th,td{border:1px solid #ccc;padding:3px 7px}th{background:#e4ece7}
        tr.units td{background:#f3f6f4;color:#555;font-style:italic;font-size:12px}td.num{text-align:right;font-variant-numeric:tabular-nums}
        td.pass{background:#d9f2dd}td.fail{background:#f8c9c9;font-weight:bold}.note{font-size:13px;color:#555}
        dl.kv{display:grid;grid-template-columns:max-content auto;gap:2px 14px;font-size:14px}dl.kv dt{font-weight:bold}dl.kv dd{margin:0;word-break:break-all}
        """;

    /// <summary>State shared by the sections: folder, options, tables already shown.</summary>
    private sealed partial class Context(string dir, ReportOptions options)
    {
        public string Dir { get; } = dir;
        public ReportOptions Options { get; } = options;
        public HashSet<string> Shown { get; } = new(StringComparer.Ordinal);
        /// <summary>The typed run.json (null when the run has none).</summary>
        public RunManifestSummary? Manifest { get; } = RunManifestSummary.Read(dir);

        /// <summary>The unit facts of the run (mode, t C or t CO2e).</summary>
        public RunUnitFacts Facts => Manifest?.UnitFacts ?? new RunUnitFacts();

        /// <summary>Every CSV under tables/ as run-relative paths (tables/NAME.csv), in name order.</summary>
        public IEnumerable<string> AllTables()
        {
            string d = Path.Combine(Dir, "tables");
            return Directory.Exists(d)
                ? Directory.EnumerateFiles(d, "*.csv").Select(f => "tables/" + Path.GetFileName(f)).Order(StringComparer.Ordinal)
                : [];
        }

        /// <summary>The table of a declared output without placeholders, or null when the run has none.</summary>
        public CsvTable? Table(OutputFile output) => Table(output.RelativePath());

        /// <summary>The table at the run-relative path, or null when the run has none.</summary>
        public CsvTable? TableAt(string relativePath) => Table(relativePath);

        private CsvTable? Table(string relativePath)
        {
            string p = Path.Combine(Dir, relativePath);
            return File.Exists(p) ? CsvTable.Read(p) : null;
        }

        /// <summary>The unit of each column of the table at <paramref name="relativePath"/>: the catalogue's unit of
        /// the column resolved for the run (t C/yr in flux mode, t C in stock mode), "—" when not declared.</summary>
        public Func<string, string> UnitOf(string relativePath)
        {
            var declared = OutputCatalog.Match(relativePath)?.File;
            return header => declared?.Column(header) is { } c ? OutputUnits.Resolve(c.Unit, Facts, header) : "—";
        }

        /// <summary>Every table of the declared outputs of report section <paramref name="section"/>, family by family
        /// in catalogue order, intervals in <see cref="IntervalOrder"/>.</summary>
        public void SectionTables(HtmlWriter w, string section)
        {
            var files = AllTables().ToList();
            foreach (var output in OutputCatalog.InSection(section, OutputKind.Table))
                Tables(w, [.. files.Where(f => output.TryMatch(f, out _)).OrderBy(f => IntervalOrder(Path.GetFileNameWithoutExtension(f)), StringComparer.Ordinal)]);
        }

        /// <summary>Shows the tables at the run-relative paths not shown yet.</summary>
        public void Tables(HtmlWriter w, params string[] relativePaths)
        {
            foreach (var rel in relativePaths)
            {
                if (Shown.Contains(rel) || Table(rel) is not { } t) continue;
                Shown.Add(rel);
                w.Table(t, rel, Options.MaxTableRows, Options.Language, UnitOf(rel));
            }
        }

        public void Chart(HtmlWriter w, string name, Func<byte[]> render, string caption) => Defer(w, () =>
        {
            var sw = Stopwatch.StartNew();
            byte[] png = render();
            if (Options.WriteFigures) SaveFigure(name, png);
            Options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"chart {name}: render {sw.ElapsedMilliseconds} ms"));
            return HtmlWriter.FigureHtml(png, caption);
        });

        private readonly List<Func<string>> _figures = [];

        /// <summary>Queues a figure (rendered later, in parallel with the others, by <see cref="RenderFigures"/>) and
        /// writes its placeholder, so sections stay in page order whatever order the figures finish in.</summary>
        private void Defer(HtmlWriter w, Func<string> figure)
        {
            w.Raw(string.Create(CultureInfo.InvariantCulture, $"\u0001FIG:{_figures.Count}\u0001"));
            _figures.Add(figure);
        }

        /// <summary>Renders every queued figure on up to <see cref="ReportOptions.Threads"/> threads; returns their HTML.</summary>
        public string[] RenderFigures()
        {
            var html = new string[_figures.Count];
            int done = 0;
            Options.Progress?.Report(0);
            try
            {
                Parallel.For(0, _figures.Count, new ParallelOptions { MaxDegreeOfParallelism = Options.Threads > 0 ? Options.Threads : Environment.ProcessorCount }, i =>
                {
                    html[i] = _figures[i]();
                    Options.Progress?.Report(Interlocked.Increment(ref done) / (double)_figures.Count);
                });
            }
            catch (AggregateException e) when (e.InnerExceptions.Count >= 1)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            return html;
        }

        public void SaveFigure(string name, byte[] png)
        {
            string d = Path.Combine(Dir, "figures");
            Directory.CreateDirectory(d);
            AtomicFile.Write(Path.Combine(d, name + ".png"), s => s.Write(png));
        }

        /// <summary>Maps of the raster families of report section <paramref name="section"/> (<see cref="MapCatalog"/>).</summary>
        public void Maps(HtmlWriter w, string section)
        {
            foreach (var rule in MapCatalog.InSection(Dir, Options.Language, section, Manifest))
                Maps(w, rule);
        }

        /// <summary>Maps of the rasters of <paramref name="rule"/>'s family (first and last only for
        /// <see cref="OutputFile.OnlyEnds"/>; for interval rasters only the whole period, the longest interval, of each
        /// product — e.g. of each POI function in bilisa_cluster_FUNCTION_Y1_Y2 — unless
        /// <see cref="ReportOptions.AllIntervals"/>).</summary>
        public void Maps(HtmlWriter w, MapRule rule)
        {
            if (Options.OpenRaster is null) return;
            string d = Path.Combine(Dir, "rasters");
            if (!Directory.Exists(d)) return;
            var files = Directory.EnumerateFiles(d, "*.tif").Where(rule.Matches).Order(StringComparer.Ordinal).ToList();
            if (rule.OnlyEnds && files.Count > 2) files = [files[0], files[^1]];
            if (!Options.AllIntervals && files.Count > 1 && rule.Output.Placeholders.Contains("interval"))
                files = [.. files.GroupBy(f => YearPair().Split(Path.GetFileNameWithoutExtension(f))[0], StringComparer.Ordinal)
                    .Select(g => g.OrderBy(f => IntervalOrder(Path.GetFileNameWithoutExtension(f)), StringComparer.Ordinal).Last())];
            foreach (var f in files.OrderBy(f => IntervalOrder(Path.GetFileNameWithoutExtension(f)), StringComparer.Ordinal))
                Map(w, f, rule.StyleOf(f), Path.GetFileNameWithoutExtension(f));
        }

        /// <summary>Queues the map of <paramref name="file"/>: the raster is read once, block-reduced while streaming
        /// (<see cref="RasterSampler"/>), and drawn at the display size.</summary>
        public void Map(HtmlWriter w, string file, MapStyle style, string name) => Defer(w, () =>
        {
            var sw = Stopwatch.StartNew();
            SampledRaster sampled;
            using (var reader = Options.OpenRaster!(file))
            {
                sampled = RasterSampler.Sample(reader, Options.MaxMapPixels, style.IsCategorical);
                style = style.WithColors(reader.ColorTable);
            }
            long sampleMs = sw.ElapsedMilliseconds;
            string rel = Path.GetRelativePath(Dir, file);
            string title = Labels.MapTitle(name, Options.Language);
            byte[] png = MapRenderer.Render(sampled, style, title, Options.Language);
            if (Options.WriteFigures) SaveFigure("map_" + name, png);
            Options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture,
                $"map {name}: {sampled.Source.Width}×{sampled.Source.Height} px read and reduced ×{sampled.Factor} in {sampleMs} ms, drawn in {sw.ElapsedMilliseconds - sampleMs} ms"));
            return HtmlWriter.FigureHtml(png, string.Format(CultureInfo.InvariantCulture, Labels.Get("mapCaption", Options.Language), title, rel, sampled.Factor));
        });
    }

    /// <summary>"delta_cbi_2000_2024" → "delta cbi 2000–2024".</summary>
    private static string Pretty(string name) =>
        YearPair().Replace(name, "$1–$2").Replace('_', ' ');

    /// <summary>Sorts names with a year pair: consecutive intervals first, then the whole period.</summary>
    private static string IntervalOrder(string name)
    {
        var m = YearPair().Match(name);
        if (!m.Success) return name;
        int a = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), b = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        return $"{name[..m.Index]}{b - a:D3}{a}";
    }

    [GeneratedRegex("\u0001FIG:(\\d+)\u0001")]
    private static partial Regex FigurePlaceholder();

    [GeneratedRegex(@"(\d{4})_(\d{4})")]
    private static partial Regex YearPair();

}
