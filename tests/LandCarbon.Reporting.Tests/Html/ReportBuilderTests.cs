using System.Text.RegularExpressions;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Tables;
using LandCarbon.Reporting.Html;
using LandCarbon.Reporting.Maps;

namespace LandCarbon.Reporting.Tests.Html;

/// <summary>The report of real tiny runs (<see cref="TinyRuns"/>): what Core writes is what the report reads.</summary>
[Collection(TinyRunCollection.Name)]
public partial class ReportBuilderTests(TinyRuns runs)
{
    [Fact]
    public void Every_section_of_a_flux_run_is_present_and_every_table_is_shown()
    {
        string dir = TinyRuns.Copy(runs.Flux);
        string html = File.ReadAllText(ReportBuilder.Build(dir, TinyRuns.Options()));
        foreach (var id in new[] { "manifest", "landuse", "transitions", "budget", "change", "spaces", "mechanisms", "offset", "poi", "regression", "spatial", "risk", "zonal", "checks" })
            Assert.Contains($"<section id=\"{id}\">", html, StringComparison.Ordinal);
        foreach (var table in Directory.GetFiles(Path.Combine(dir, "tables"), "*.csv"))
            Assert.Contains($"tables/{Path.GetFileName(table)}", html, StringComparison.Ordinal);
        // Figures are inlined, none linked; every figure also written to figures/.
        int images = ImgTag().Matches(html).Count;
        Assert.Equal(images, Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        Assert.Equal(images, Directory.GetFiles(Path.Combine(dir, "figures"), "*.png").Length);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "figures", "budget_by_year.png")));
        Assert.True(File.Exists(Path.Combine(dir, "figures", "map_delta_cbi_2000_2024.png")));
        // Every table has a units row.
        Assert.Equal(Regex.Matches(html, "<table>").Count, Regex.Matches(html, "<tr class=\"units\">").Count);
    }

    [Fact]
    public void Units_come_from_the_catalogue_and_the_run_mode()
    {
        string flux = File.ReadAllText(ReportBuilder.Build(TinyRuns.Copy(runs.Flux), TinyRuns.Options() with { MaxTableRows = 1 }));
        Assert.Equal("t C/yr", UnitOf(flux, "tables/budget_by_year.csv", "netTonnesC"));
        Assert.Equal("km²", UnitOf(flux, "tables/transitions_2000_2024.csv", "areaKm2"));
        Assert.Equal("m", UnitOf(flux, "tables/spatial_moran.csv", "fishnetM"));

        // Stock mode (the report failed on it before): stocks and their changes are t C, not t C/yr.
        string stock = File.ReadAllText(ReportBuilder.Build(TinyRuns.Copy(runs.Stock), TinyRuns.Options() with { MaxTableRows = 1 }));
        Assert.Equal("t C", UnitOf(stock, "tables/stock_by_year.csv", "totalTonnesC"));
        Assert.Equal("t C", UnitOf(stock, "tables/transitions_2000_2024.csv", "deltaTonnesC"));
        Assert.Equal("t C", UnitOf(stock, "tables/offset_ratio.csv", "netTonnesC"));
        Assert.DoesNotContain("t C/yr", stock, StringComparison.Ordinal);
        Assert.Contains("<section id=\"risk\">", stock, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_without_change_has_its_report_without_empty_charts()
    {
        // Before: "min must be a real number" (ScottPlot) from the offset-ratio chart of an interval without increment.
        string dir = TinyRuns.Copy(runs.Unchanged);
        var ratio = CsvTable.Read(Path.Combine(dir, "tables", "offset_ratio.csv"));
        Assert.All(ratio.Rows, r => Assert.False(double.IsFinite(ratio.OptionalDouble(r, "offsetRatio") ?? double.NaN)));
        string html = File.ReadAllText(ReportBuilder.Build(dir, TinyRuns.Options()));
        Assert.Contains("<section id=\"offset\">", html, StringComparison.Ordinal);
        Assert.Contains("tables/offset_ratio.csv", html, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "figures", "offset_ratio.png")));
        Assert.False(File.Exists(Path.Combine(dir, "figures", "transitions_2000_2024.png")));
    }

    /// <summary>The unit shown under <paramref name="column"/> in the table whose caption names <paramref name="file"/>.</summary>
    private static string UnitOf(string html, string file, string column)
    {
        var table = Regex.Match(html, "<table>\\s*<caption>[^<]*" + Regex.Escape(file) + ".*?</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"{file} is in the page");
        var headers = Regex.Matches(table.Value, "<th>(.*?)</th>").Select(m => m.Groups[1].Value).ToList();
        var units = Regex.Match(table.Value, "<tr class=\"units\">(.*?)</tr>", RegexOptions.Singleline);
        var cells = Regex.Matches(units.Groups[1].Value, "<td>(.*?)</td>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        int i = headers.IndexOf(column);
        Assert.True(i >= 0, $"{file} has the column {column}");
        return cells[i];
    }

    [Fact]
    public void Chinese_labels_on_request()
    {
        string html = File.ReadAllText(ReportBuilder.Build(TinyRuns.Copy(runs.Stock), TinyRuns.Options(ReportLanguage.Chinese)));
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("碳收支报告", html, StringComparison.Ordinal);
        Assert.Contains("碳风险预警", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_rendered_in_parallel_give_the_same_page_as_one_at_a_time()
    {
        string dir = TinyRuns.Copy(runs.Stock);
        var lines = new List<string>();
        string one = File.ReadAllText(ReportBuilder.Build(dir, TinyRuns.Options() with { Threads = 1 }));
        string many = File.ReadAllText(ReportBuilder.Build(dir, TinyRuns.Options() with { Threads = 4, Log = l => { lock (lines) lines.Add(l); } }));
        Assert.Equal(one, many);
        Assert.Equal(ImgTag().Matches(many).Count, lines.Count); // one timing line per figure
        Assert.DoesNotContain("\u0001", many, StringComparison.Ordinal); // every placeholder replaced
    }

    [Fact]
    public void Interval_maps_show_the_whole_period_of_each_product_unless_every_interval_is_asked_for()
    {
        string dir = TinyRuns.Copy(runs.Flux);
        ReportBuilder.Build(dir, TinyRuns.Options());
        string figures = Path.Combine(dir, "figures");
        foreach (var f in new[] { "industrial", "transport" })
            Assert.True(File.Exists(Path.Combine(figures, $"map_bilisa_cluster_{f}_2000_2024.png")), f);
        Assert.True(File.Exists(Path.Combine(figures, "map_delta_cbi_2000_2024.png")));
        Assert.False(File.Exists(Path.Combine(figures, "map_delta_cbi_2000_2005.png")));
        // CBI maps: the first and the last year only.
        Assert.Equal(["map_cbi_2000.png", "map_cbi_2024.png"], Directory.GetFiles(figures, "map_cbi_2*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        ReportBuilder.Build(dir, TinyRuns.Options() with { AllIntervals = true });
        Assert.True(File.Exists(Path.Combine(figures, "map_delta_cbi_2000_2005.png")));
    }

    [Fact]
    public void Space_grades_come_from_the_grades_table_not_from_the_QGIS_sidecar()
    {
        string dir = TinyRuns.Copy(runs.Flux);
        string raster = Path.Combine(dir, "rasters", "space_grade_2000_2024.tif");
        var t = CsvTable.Read(Path.Combine(dir, "tables", "space_grades_2000_2024.csv"));
        int grades = (int)t.Rows.Where(r => t.Text(r, "space") == "IncrementSpace").Max(r => t.Double(r, "grade"));
        Assert.Equal(MapStyle.SpaceGrades(grades).Classes!.Count, RunStyles.SpaceGrade(dir, raster).Classes!.Count);
        string before = File.ReadAllText(ReportBuilder.Build(dir, TinyRuns.Options()));
        foreach (var qml in Directory.GetFiles(Path.Combine(dir, "rasters"), "*.qml")) File.Delete(qml);
        Assert.Equal(before, File.ReadAllText(ReportBuilder.Build(dir, TinyRuns.Options())));
    }

    [Fact]
    public void Every_file_of_a_run_is_declared_in_the_catalogue_with_its_columns()
    {
        foreach (var run in new[] { runs.Flux, runs.Stock, runs.Unchanged })
        {
            string dir = TinyRuns.Copy(run);
            ReportBuilder.Build(dir, TinyRuns.Options());
            var files = Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f).Replace('\\', '/')).ToList();
            Assert.True(files.Count > 20, $"{files.Count} files in {dir}");
            foreach (var f in files)
            {
                var m = OutputCatalog.Match(f);
                Assert.True(m is not null, $"{f} is not declared in OutputCatalog");
                if (m!.Value.File.Kind != OutputKind.Table) continue;
                var header = File.ReadLines(Path.Combine(dir, f)).First().Split(',');
                foreach (var h in header)
                    Assert.True(m.Value.File.Column(h) is not null || m.Value.File.OpenColumns, $"{f}: column {h} is not declared");
                foreach (var c in m.Value.File.Columns.Where(c => !c.IsFamily && c.Name != "response"))
                    Assert.True(header.Any(c.Matches), $"{f}: declared column {c.Name} is not written");
            }
        }
    }

    [Fact]
    public void Table_headers_are_camel_case()
    {
        foreach (var f in OutputCatalog.All)
            foreach (var c in f.Columns)
                Assert.Matches(@"^([a-z][A-Za-z0-9]*|I|HH|LL|LH|HL|NS)(_\{\w+}|\{\w+})?$", c.Name);
    }

    [Fact]
    public void An_empty_run_folder_gives_a_page_without_sections()
    {
        string html = File.ReadAllText(ReportBuilder.Build(TestData.TempDir()));
        Assert.DoesNotContain("<section", html, StringComparison.Ordinal);
        Assert.Contains("</html>", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<img ")]
    private static partial Regex ImgTag();
}
