using LandCarbon.Core.Outputs;

namespace LandCarbon.Core.Tests.Outputs;

public class OutputCatalogTests
{
    [Fact]
    public void The_outputs_page_is_generated_from_the_catalogue()
    {
        TestData.AssertGeneratedPage("outputs.md", OutputCatalogPage.Markdown(), "dotnet test tests/LandCarbon.Core.Tests --filter OutputCatalogTests",
            "the declarations in OutputCatalog.cs or OutputCatalogPage.cs");
    }

    [Fact]
    public void Ids_and_patterns_are_unique()
    {
        Assert.Equal(OutputCatalog.All.Count, OutputCatalog.All.Select(f => f.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(OutputCatalog.All.Count, OutputCatalog.All.Select(f => f.Pattern).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("rasters/cbi_2000.tif", "cbi")]
    [InlineData("rasters/cbi_without_poi_2024.tif", "cbi_without_poi")]
    [InlineData("rasters/landuse_2020.tif", "landuse")]
    [InlineData("rasters/landuse_hindcast_2020.tif", "landuse_hindcast")]
    [InlineData("rasters/landuse_lowCarbon_2040.tif", "landuse_scenario")]
    [InlineData("rasters/risk_errorTheory.tif", "risk")]
    [InlineData("rasters/risk_forecast_drivers_2024_2028.tif", "risk_forecast_level")]
    [InlineData("rasters/bilisa_cluster_commercial-service_2000_2024.tif", "bilisa_cluster")]
    [InlineData("tables/transitions_2000_2005.csv", "transitions")]
    [InlineData("tables/transitions_summary_2000_2005.csv", "transitions_summary")]
    [InlineData("tables/key_monitoring_areas_2024_2028.csv", "key_monitoring_areas_forecast")]
    [InlineData("rasters/space_grade_2000_2024.qml", "space_grade_qml")]
    [InlineData("figures/map_cbi_2000.png", "map_figure")]
    [InlineData("run.json", "run_json")]
    public void A_file_matches_the_most_specific_declaration(string path, string id) =>
        Assert.Equal(id, OutputCatalog.Match(path)?.File.Id);

    [Fact]
    public void Names_are_built_from_the_pattern_and_checked_against_it()
    {
        Assert.Equal("bilisa_cluster_industrial_2000_2024", OutputCatalog.BivariateLisaCluster.Name("industrial", "2000_2024"));
        Assert.Equal("tables/transitions_2000_2024.csv", OutputCatalog.Transitions.RelativePath("2000_2024"));
        Assert.Throws<ArgumentException>(() => OutputCatalog.Transitions.RelativePath("2000-2024"));
        Assert.Throws<ArgumentException>(() => OutputCatalog.Cbi.RelativePath());
    }

    [Fact]
    public void Units_follow_the_mode_and_the_cumulative_option()
    {
        var net = OutputCatalog.BudgetByYear.Column("netTonnesC")!;
        Assert.Equal("t C/yr", OutputUnits.Resolve(net.Unit, new RunUnitFacts(Stock: false), "netTonnesC"));
        Assert.Equal("t C", OutputUnits.Resolve(OutputCatalog.StockByYear.Column("totalTonnesC")!.Unit, new RunUnitFacts(Stock: true), "totalTonnesC"));
        Assert.Equal("t CO2e/yr", OutputUnits.Resolve(net.Unit, new RunUnitFacts(Co2e: true), "netTonnesCO2e"));
        Assert.Same(OutputCatalog.Transitions.Column("deltaTonnesC"), OutputCatalog.Transitions.Column("deltaTonnesCCumulative"));
        Assert.Equal("t C over the interval", OutputUnits.Resolve(Carbon(), new RunUnitFacts(), "deltaTonnesCCumulative"));
        Assert.Equal(["year", "class", "areaKm2", "tonnesCO2e"], OutputCatalog.ClassBudgetByYear.Header(co2e: true));
        Assert.Equal("netTonnesCO2e", OutputCatalog.BudgetByYear.Header(co2e: true)[3]);
        Assert.NotNull(OutputCatalog.ClassBudgetByYear.Column("tonnesCO2e"));
        Assert.NotNull(OutputCatalog.ZonalSummary.Column("shareLevel3"));
        Assert.NotNull(OutputCatalog.RiskForecast.Column("share_5"));
        Assert.Null(OutputCatalog.RiskForecast.Column("share"));
    }

    private static string Carbon() => OutputCatalog.Transitions.Column("deltaTonnesC")!.Unit;
}
