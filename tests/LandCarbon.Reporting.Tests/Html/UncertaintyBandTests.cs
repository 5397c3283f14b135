using LandCarbon.Core.Tables;
using LandCarbon.Reporting.Charts;

namespace LandCarbon.Reporting.Tests.Html;

/// <summary>The report draws the Monte Carlo bands when tables/budget_uncertainty.csv exists (issue 14 item 9),
/// and labels cumulative ΔCBI columns in t C (item 4).</summary>
public class UncertaintyBandTests
{
    private const string Uncertainty =
        "quantity,period,unit,point,lower,upper,mean,sd,draws,seed\n" +
        "budget,2000,t C/yr,600.25,500,700,600,50,1000,1\nbudget,2010,t C/yr,1120,1000,1300,1120,80,1000,1\nbudget,2024,t C/yr,2300,2100,2600,2300,90,1000,1\n" +
        "deltaCbi,2000_2010,t C/yr,400,350,450,400,20,1000,1\noffsetRatio,2000_2010,ratio,0.2,0.15,0.25,0.2,0.02,1000,1\n";

    private static CsvTable Table(string name, string text)
    {
        string path = Path.Combine(TestData.TempDir(), name + ".csv");
        File.WriteAllText(path, text);
        return CsvTable.Read(path);
    }

    [Fact]
    public void BudgetChart_ChangesWithTheBand_AndReportShowsTheTable()
    {
        var budget = Table("budget_by_year", "year,sourceTonnesC,sinkTonnesC,netTonnesC,balanceRatio\n2000,1000.5,400.25,600.25,2.5\n2010,1500,380,1120,3.9\n2024,2600,300,2300,8.6\n");
        var u = Table("budget_uncertainty", Uncertainty);
        Assert.NotEqual(ChartRenderer.Budget(budget, ReportLanguage.English), ChartRenderer.Budget(budget, ReportLanguage.English, u));
        // A table without the years (another run) draws no band rather than a wrong one.
        var other = Table("budget_uncertainty", Uncertainty.Replace("budget,2024", "budget,2023", StringComparison.Ordinal));
        Assert.Equal(ChartRenderer.Budget(budget, ReportLanguage.English), ChartRenderer.Budget(budget, ReportLanguage.English, other));

    }

    [Fact]
    public void OffsetChart_ChangesWithTheBand()
    {
        var ratio = Table("offset_ratio", "interval,incrementTonnesC,reductionTonnesC,netTonnesC,offsetRatio\n2000_2010,500,-100,400,0.2\n");
        Assert.NotEqual(ChartRenderer.OffsetRatio(ratio, ReportLanguage.English),
            ChartRenderer.OffsetRatio(ratio, ReportLanguage.English, Table("budget_uncertainty", Uncertainty)));
    }

    [Fact]
    public void CumulativeColumns_AreInTonnesOverTheInterval()
    {
        var flux = new Core.Outputs.RunUnitFacts();
        string Unit(Core.Outputs.OutputFile f, string header) => Core.Outputs.OutputUnits.Resolve(f.Column(header)!.Unit, flux, header);
        Assert.Equal("t C over the interval", Unit(Core.Outputs.OutputCatalog.Transitions, "deltaTonnesCCumulative"));
        Assert.Equal("t C per pixel over the interval", Unit(Core.Outputs.OutputCatalog.SpaceGrades, "lowerBoundCumulative"));
        Assert.Equal("t C/yr", Unit(Core.Outputs.OutputCatalog.Transitions, "deltaTonnesC"));
    }
}
