using System.Text.RegularExpressions;
using LandCarbon.Reporting.Html;

namespace LandCarbon.Reporting.Tests.Html;

public partial class ReportBuilderTests
{
    /// <summary>A run folder with the tables of every stage and three rasters (all synthetic).</summary>
    internal static string FakeRun()
    {
        string dir = TestData.TempDir();
        Directory.CreateDirectory(Path.Combine(dir, "tables"));
        Directory.CreateDirectory(Path.Combine(dir, "rasters"));
        void T(string name, string text) => File.WriteAllText(Path.Combine(dir, "tables", name + ".csv"), text);
        T("budget_by_year", "year,sourceTonnesC,sinkTonnesC,netTonnesC,balanceRatio\n2000,1000.5,400.25,600.25,2.5\n2010,1500,380,1120,3.9\n2024,2600,300,2300,8.6\n");
        T("offset_ratio", "interval,incrementTonnesC,reductionTonnesC,netTonnesC,offsetRatio\n2000_2010,500,-100,400,0.2\n2010_2024,1300,-400,900,0.31\n2000_2024,1800,-200,1600,0.11\n");
        T("quantile_regression", "tau,term,estimate,stdError,tValue,pValue,ciLower,ciUpper\n" +
            "0.1,(Intercept),1,0.1,10,0,0.8,1.2\n0.1,industrial,0.5,0.1,5,0,0.3,0.7\n0.1,commercial,-0.2,0.05,-4,0,-0.3,-0.1\n" +
            "0.5,(Intercept),2,0.1,20,0,1.8,2.2\n0.5,industrial,0.9,0.1,9,0,0.7,1.1\n0.5,commercial,-0.25,0.05,-5,0,-0.35,-0.15\n" +
            "0.9,(Intercept),3,0.1,30,0,2.8,3.2\n0.9,industrial,1.6,0.2,8,0,1.2,2.0\n0.9,commercial,-0.3,0.05,-6,0,-0.4,-0.2\n");
        T("transitions_2000_2024", "from,to,pixels,areaKm2,deltaTonnesC\ncultivated,cultivated,900,810,0\ncultivated,construction,50,45,3000\ncultivated,forest,30,27,-60\nforest,forest,500,450,0\nforest,construction,5,4.5,400\n");
        T("checks", "check,interval,passed,detail\nnet = increment + reduction,2000_2024,true,ok\ncontribution shares sum to 100%,2000_2024,false,<script>alert(1)</script>\n");
        T("risk_accuracy", "method,overallAccuracy,kappa,hitRate,falseAlarmRate,n\nerror theory,0.8776,0.8,0.9,0.1,490\nparameter,0.8,0.7,0.8,0.2,490\nfluctuation,0.75,0.6,0.7,0.3,490\n");
        T("zonal_summary", "zone,name,deltaTonnesC,incrementKm2,rank\n520103,云岩区,1200,30,1\n");
        File.WriteAllText(Path.Combine(dir, "run.json"),
            """{"tool":"landcarbon","version":"0.1.0","command":"landcarbon demo","seed":42,"study":{"region":"Synthetic Central Guizhou","years":{"2000":"rasters/landuse_2000.tif"}},"inputs":[{"path":"a.tif","sha256":"abc"}],"stages":[{"name":"accounting","seconds":1.5}],"warnings":["one warning"]}""");
        foreach (var n in new[] { "landuse_2000", "delta_cbi_2000_2024", "space_grade_2000_2024" })
            File.WriteAllBytes(Path.Combine(dir, "rasters", n + ".tif"), []);
        return dir;
    }

    internal static ReportOptions FakeRasters(ReportLanguage lang = ReportLanguage.English) => new()
    {
        Language = lang,
        OpenRaster = path => Path.GetFileNameWithoutExtension(path) switch
        {
            "landuse_2000" => new ArrayRasterReader(path, ArrayRasterReader.Utm(200), (c, r) => 1 + (c / 25 + r / 25) % 6),
            "space_grade_2000_2024" => new ArrayRasterReader(path, ArrayRasterReader.Utm(200), (c, r) => (c / 20) - 4),
            _ => new ArrayRasterReader(path, ArrayRasterReader.Utm(200), (c, r) => c == r ? -9999 : (c - 100) * 0.01, -9999),
        },
    };

    [Fact]
    public void Every_section_with_outputs_is_present_and_the_others_are_not()
    {
        string dir = FakeRun();
        string html = File.ReadAllText(ReportBuilder.Build(dir, FakeRasters()));
        foreach (var id in new[] { "manifest", "landuse", "transitions", "budget", "change", "spaces", "offset", "regression", "risk", "zonal", "checks" })
            Assert.Contains($"<section id=\"{id}\">", html, StringComparison.Ordinal);
        foreach (var id in new[] { "spatial", "mechanisms", "poi" })
            Assert.DoesNotContain($"<section id=\"{id}\">", html, StringComparison.Ordinal);
        // 3 maps + budget, offset, regression, transitions, accuracy charts; all inlined, none linked.
        Assert.Equal(8, ImgTag().Matches(html).Count);
        Assert.Equal(8, Regex.Matches(html, "src=\"data:image/png;base64,").Count);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "figures", "budget_by_year.png")));
        Assert.True(File.Exists(Path.Combine(dir, "figures", "map_delta_cbi_2000_2024.png")));
    }

    [Fact]
    public void Table_text_is_html_encoded_and_units_are_shown()
    {
        string html = File.ReadAllText(ReportBuilder.Build(FakeRun(), FakeRasters()));
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"fail\">false</td>", html, StringComparison.Ordinal);
        Assert.Contains("t C/yr", html, StringComparison.Ordinal);
        Assert.Contains("km²", html, StringComparison.Ordinal);
        // Every table has a units row.
        Assert.Equal(Regex.Matches(html, "<table>").Count, Regex.Matches(html, "<tr class=\"units\">").Count);
    }

    [Fact]
    public void Chinese_labels_on_request()
    {
        string html = File.ReadAllText(ReportBuilder.Build(FakeRun(), FakeRasters(ReportLanguage.Chinese)));
        Assert.Contains("<html lang=\"zh-CN\">", html, StringComparison.Ordinal);
        Assert.Contains("碳收支报告", html, StringComparison.Ordinal);
        Assert.Contains("分位数回归", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_rendered_in_parallel_give_the_same_page_as_one_at_a_time()
    {
        string dir = FakeRun();
        var lines = new List<string>();
        string one = File.ReadAllText(ReportBuilder.Build(dir, FakeRasters() with { Threads = 1 }));
        string many = File.ReadAllText(ReportBuilder.Build(dir, FakeRasters() with { Threads = 4, Log = l => { lock (lines) lines.Add(l); } }));
        Assert.Equal(one, many);
        Assert.Equal(8, lines.Count); // one timing line per figure
        Assert.DoesNotContain("\u0001", many, StringComparison.Ordinal); // every placeholder replaced
    }

    [Fact]
    public void Interval_maps_show_the_whole_period_of_each_product()
    {
        string dir = FakeRun();
        foreach (var n in new[] { "bilisa_cluster_industrial_2000_2005", "bilisa_cluster_industrial_2000_2024", "bilisa_cluster_transport_2000_2024" })
            File.WriteAllBytes(Path.Combine(dir, "rasters", n + ".tif"), []);
        var options = FakeRasters() with
        {
            OpenRaster = p => new ArrayRasterReader(p, ArrayRasterReader.Utm(50), (c, r) => (c + r) % 5),
        };
        ReportBuilder.Build(dir, options);
        string figures = Path.Combine(dir, "figures");
        Assert.True(File.Exists(Path.Combine(figures, "map_bilisa_cluster_industrial_2000_2024.png")));
        Assert.True(File.Exists(Path.Combine(figures, "map_bilisa_cluster_transport_2000_2024.png")));
        Assert.False(File.Exists(Path.Combine(figures, "map_bilisa_cluster_industrial_2000_2005.png")));
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
