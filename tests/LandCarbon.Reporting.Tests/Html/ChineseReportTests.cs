using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LandCarbon.Core.Risk;
using LandCarbon.Reporting.Charts;
using LandCarbon.Reporting.Html;
using LandCarbon.Reporting.Maps;
using SkiaSharp;

namespace LandCarbon.Reporting.Tests.Html;

/// <summary>The Chinese report: every label has a translation, figure text has glyphs in the CJK font, and the
/// page shows no English outside the data (tables, manifest, file names).</summary>
[Collection(TinyRunCollection.Name)]
public partial class ChineseReportTests(TinyRuns runs)
{
    /// <summary>Every Chinese string that can appear in a figure: labels, legends, titles, units.</summary>
    private static IEnumerable<string> FigureTexts()
    {
        foreach (var k in Labels.Keys) yield return Labels.Get(k, ReportLanguage.Chinese);
        var styles = new[]
        {
            MapStyle.LandUse, MapStyle.LandClassesOf(), MapStyle.SpaceGrades(5), MapStyle.Mechanism, MapStyle.Lisa, MapStyle.GiBins,
            MapStyle.Risk, MapStyle.RiskLevelsOf(RiskLevels.Four), MapStyle.RiskLevelsOf(RiskLevels.ForCount(7)),
            new MapStyle { Classes = DivergingScale.Legend([0.00123, 1.5, 45, 1234.5, 21018.4], -300.5, 21018.4) },
        };
        foreach (var s in styles)
            foreach (var c in s.Classes!) yield return c.Zh;
        foreach (var name in new[] { "landuse_2000", "cbi_2024", "delta_cbi_2000_2024", "fishnet_dcbi_2000_2024", "space_grade_2000_2024",
                     "mechanism_2000_2024", "poi_density_commercial-service", "risk_errorTheory", "lisa_cluster_2000_2024", "gistar_bin_2000_2024", "bilisa_cluster_industrial_2000_2024" })
            yield return Labels.MapTitle(name, ReportLanguage.Chinese);
        foreach (var u in Labels.TranslatedUnits) yield return Labels.Unit(u, ReportLanguage.Chinese);
    }

    [Fact]
    public void A_function_and_an_interval_in_a_map_name_are_both_in_its_title()
    {
        string en = Labels.MapTitle("bilisa_cluster_industrial_2000_2024", ReportLanguage.English);
        Assert.StartsWith(Core.Outputs.OutputCatalog.BivariateLisaCluster.TitleEn + ": ", en, StringComparison.Ordinal);
        Assert.EndsWith(Labels.Term("industrial", ReportLanguage.English) + " 2000–2024", en, StringComparison.Ordinal);
        Assert.EndsWith(Labels.Term("industrial", ReportLanguage.Chinese) + " 2000–2024", Labels.MapTitle("bilisa_cluster_industrial_2000_2024", ReportLanguage.Chinese), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_label_has_an_English_and_a_distinct_Chinese_text()
    {
        foreach (var k in Labels.Keys)
        {
            Assert.False(string.IsNullOrWhiteSpace(Labels.Get(k, ReportLanguage.Chinese)), k);
            Assert.NotEqual(Labels.Get(k, ReportLanguage.English), Labels.Get(k, ReportLanguage.Chinese));
        }
        // Every key the report code asks for exists (Labels.Get falls back to the key itself).
        var used = Directory.EnumerateFiles(Path.Combine(TestData.RepoRoot, "src", "LandCarbon.Reporting"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LabelCall().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value)).Distinct().ToList();
        Assert.NotEmpty(used);
        Assert.All(used, k => Assert.Contains(k, Labels.Keys));
        // Section keys are looked up indirectly.
        Assert.All(ReportBuilder.AllSectionKeys, k => Assert.Contains(k, Labels.Keys));
    }

    [Fact]
    public void Chinese_figure_text_has_glyphs_in_the_CJK_font()
    {
        using var face = SKTypeface.FromFamilyName(ChartStyle.ChineseFont);
        if (face is null || !face.FamilyName.Contains("WenQuanYi", StringComparison.OrdinalIgnoreCase) && !face.ContainsGlyph('中'))
            TestData.SkipOrFail("no CJK font installed (Debian fonts-wqy-zenhei)");
        var missing = FigureTexts().SelectMany(t => t.EnumerateRunes().Where(r => !Rune.IsWhiteSpace(r) && !face.ContainsGlyph(r.Value))
            .Select(r => $"U+{r.Value:X4} '{r}' in \"{t}\"")).Distinct().ToList();
        Assert.True(missing.Count == 0, $"{face.FamilyName} lacks: " + string.Join("; ", missing));
    }

    [Fact]
    public void Chinese_page_has_no_English_outside_data()
    {
        string dir = TinyRuns.Copy(runs.Flux);
        string html = File.ReadAllText(ReportBuilder.Build(dir, TinyRuns.Options(ReportLanguage.Chinese)))
            .Replace(Path.GetFileName(dir), "", StringComparison.Ordinal);
        // Data: tables (headers are code names), the manifest, file names, the region name of the study.
        string s = Regex.Replace(html, "<style>.*?</style>|<table>.*?</table>|<dl class=\"kv\">.*?</dl>|<details>.*?</details>|<ul>.*?</ul>|src=\"data:[^\"]*\"", "", RegexOptions.Singleline);
        s = WebUtility.HtmlDecode(Regex.Replace(s, "<[^>]+>", "\n"));
        s = Regex.Replace(s, @"[\w./-]+\.(tif|csv|json|md)\b", "").Replace(Core.Demo.DemoOptions.EnglishRegionName, "", StringComparison.Ordinal);
        var allowed = new HashSet<string>(StringComparer.Ordinal) { "CBI", "POI", "LISA", "Gi", "km" };
        var english = Regex.Matches(s, "[A-Za-z]{2,}").Select(m => m.Value).Where(w => !allowed.Contains(w)).Distinct().ToList();
        Assert.True(english.Count == 0, "English in the Chinese page: " + string.Join(", ", english));
    }

    [Fact]
    public void A_Chinese_report_leaves_the_fonts_of_later_English_figures_alone()
    {
        // ScottPlot's plt.Font.Set changes the process-wide default font; ChartStyle must not use it.
        string dir = TinyRuns.Copy(runs.Stock);
        string before = File.ReadAllText(ReportBuilder.Build(dir, TinyRuns.Options()));
        ReportBuilder.Build(TinyRuns.Copy(runs.Stock), TinyRuns.Options(ReportLanguage.Chinese));
        Assert.Equal(before, File.ReadAllText(ReportBuilder.Build(dir, TinyRuns.Options())));
    }

    [GeneratedRegex("Labels\\.Get\\(\"([A-Za-z]+)\"")]
    private static partial Regex LabelCall();
}
