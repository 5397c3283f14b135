using LandCarbon.Core.Models;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;
using LandCarbon.Core.Tests.LandUseChange;
using LandCarbon.Core.Uncertainty;
using B = LandCarbon.Core.Tests.LandUseChange.BudgetChangeTests;

namespace LandCarbon.Core.Tests.Uncertainty;

/// <summary>`landcarbon run` with uncertainty columns in the coefficient and energy-factor tables, on the 4 × 2
/// two-unit grid of <see cref="BudgetChangeTests"/> (hand values there).</summary>
public class UncertaintyStageTests
{
    private const string Coefficients =
        "class,value,unit,source,low,high,sd\ncultivated,0.422,tC/ha/yr,x,0.422,0.497,\nforest,-0.644,tC/ha/yr,x,,,\n" +
        "grassland,-0.021,tC/ha/yr,x,,,\nwater,-0.253,tC/ha/yr,x,,,\nconstruction,,tC/ha/yr,x,,,\nunused,-0.005,tC/ha/yr,x,,,\n";

    private const string Factors =
        "fuel,physicalUnit,tcePerUnit,tcPerTce,source,tcPerTceSd\nraw coal,t,0.7143,0.7559,x,0.05\nnatural gas,10^4 m3,13.3,0.4483,x,\n";

    private static (string Dir, PipelineRunResult Result, CsvTable Table) Run(string dir, int tile, int threads, string output = "out")
    {
        var r = PipelineRunner.Run(Path.Combine(dir, "study.yaml"), Path.Combine(dir, output),
            new PipelineRunOptions { Tiles = new TileSettings(tile, tile, threads) });
        return (dir, r, CsvTable.Read(Path.Combine(r.Context.OutputDirectory, "tables", "budget_uncertainty.csv")));
    }

    private static string Study(string studyExtra, bool factors)
    {
        string dir = B.Setup("{}", "coefficients: coefficients.csv, ", studyExtra);
        File.WriteAllText(Path.Combine(dir, "coefficients.csv"), Coefficients);
        if (factors)
        {
            File.WriteAllText(Path.Combine(dir, "factors.csv"), Factors);
            string yaml = File.ReadAllText(Path.Combine(dir, "study.yaml")).Replace("construction: {", "construction: {factors: factors.csv, ", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(dir, "study.yaml"), yaml);
        }
        return dir;
    }

    /// <summary>
    /// Cultivated uniform on [0.422, 0.497] (the METHOD-SPEC (b1) alternative), everything else fixed: E(t)' =
    /// E(t) + (x/0.422 − 1)·T_cult(t), T_cult = 2·CBI_cult in 2000 and 1·CBI_cult in 2005, so the budget is uniform
    /// between E(t) and E(t) + (0.497/0.422 − 1)·T_cult(t); its 5 % / 95 % quantiles lie within the Monte Carlo bound
    /// 5·√(0.05·0.95/1002) + 2/1000 of the width (derived in <see cref="BudgetMonteCarloTests"/>).
    /// </summary>
    [Fact]
    public void OneUncertainClass_BudgetIntervalsAreTheAnalyticQuantiles()
    {
        var (_, result, t) = Run(Study("", factors: false), 0, 1);
        double bound = 5 * Math.Sqrt(0.05 * 0.95 / 1002) + 2.0 / 1000, k = 0.497 / 0.422 - 1;
        foreach (var (year, e, tc) in new[] { ("2000", B.E2000, 2 * B.CultCbi), ("2005", B.E2005, B.CultCbi) })
        {
            var row = t.Rows.Single(r => t.Text(r, "quantity") == "budget" && t.Text(r, "period") == year);
            double lo = e, hi = e + k * tc;
            Assert.Equal(e, t.Double(row, "point"), 1e-9);
            Assert.InRange(t.Double(row, "lower"), lo + (0.05 - bound) * (hi - lo), lo + (0.05 + bound) * (hi - lo));
            Assert.InRange(t.Double(row, "upper"), lo + (0.95 - bound) * (hi - lo), lo + (0.95 + bound) * (hi - lo));
            Assert.Equal("t C/yr", t.Text(row, "unit"));
            Assert.Equal(1000, t.Int(row, "draws"));
        }
        // ΔCBI 2000 → 2005 (transitionOnly): the pixels that leave cultivated land (two) minus the one that arrives:
        // ΔCBI' = ΔCBI − (x/0.422 − 1)·CBI_cult, uniform between ΔCBI − k·CBI_cult and ΔCBI.
        var d = t.Rows.Single(r => t.Text(r, "quantity") == "deltaCbi");
        double dlo = B.DeltaTransitions - k * B.CultCbi, dhi = B.DeltaTransitions;
        Assert.InRange(t.Double(d, "lower"), dlo + (0.05 - bound) * (dhi - dlo), dlo + (0.05 + bound) * (dhi - dlo));
        Assert.InRange(t.Double(d, "upper"), dlo + (0.95 - bound) * (dhi - dlo), dlo + (0.95 + bound) * (dhi - dlo));
        Assert.Contains(t.Rows, r => t.Text(r, "quantity") == "offsetRatio");
        Assert.NotNull(result.Context.Results.Get<UncertaintyResult>());
    }

    [Fact]
    public void FuelAndClassUncertainty_IdenticalForAnyTileSizeAndThreadCount_SeedMatters()
    {
        string dir = Study("seed: 99\nuncertainty: {draws: 500}\n", factors: true);
        string Text(int tile, int threads, string output) => File.ReadAllText(Run(dir, tile, threads, output).Table.Path);
        string reference = Text(0, 1, "a");
        Assert.Equal(reference, Text(1, 3, "b"));
        Assert.Equal(reference, Text(3, 2, "c"));
        Assert.Contains(",500,99", reference, StringComparison.Ordinal);
        // Budget 2000: raw coal δ ~ N(0.7559, 0.05) scales unit 101's emission E101 (all of it raw coal), cultivated
        // x ~ U[0.422, 0.497] scales 2·CBI_cult: mean E + (0.4595/0.422 − 1)·2·CBI_cult, variance
        // (E101·0.05/0.7559)² + ((0.497/0.422 − 1)·2·CBI_cult)²/12 (truncation at 0 is 15 sd away). Sample mean within
        // 5 standard errors; sample sd within 5·sd/√(2n) (normal approximation of its standard error).
        var t = CsvTable.Read(Run(dir, 0, 1, "e").Table.Path);
        var row = t.Rows.Single(r => t.Text(r, "quantity") == "budget" && t.Text(r, "period") == "2000");
        double sdCoal = B.E101_2000 * 0.05 / 0.7559, widthCult = (0.497 / 0.422 - 1) * 2 * B.CultCbi;
        double mean = B.E2000 + (0.4595 / 0.422 - 1) * 2 * B.CultCbi, sd = Math.Sqrt(sdCoal * sdCoal + widthCult * widthCult / 12);
        Assert.InRange(t.Double(row, "mean"), mean - 5 * sd / Math.Sqrt(500), mean + 5 * sd / Math.Sqrt(500));
        Assert.InRange(t.Double(row, "sd"), sd * (1 - 5 / Math.Sqrt(1000.0)), sd * (1 + 5 / Math.Sqrt(1000.0)));
        File.WriteAllText(Path.Combine(dir, "study.yaml"), File.ReadAllText(Path.Combine(dir, "study.yaml")).Replace("seed: 99", "seed: 98", StringComparison.Ordinal));
        Assert.NotEqual(reference, Text(0, 1, "d"));
    }

    [Fact]
    public void ZeroUncertainty_WithSection_CollapsesToPointValues()
    {
        string dir = B.Setup("{}", "", "uncertainty: {draws: 50}\n");
        var (_, r, t) = Run(dir, 0, 1);
        Assert.All(t.Rows, row =>
        {
            Assert.Equal(t.Text(row, "point"), t.Text(row, "lower"));
            Assert.Equal(t.Text(row, "point"), t.Text(row, "upper"));
        });
        Assert.Contains(r.Manifest.Warnings, w => w.Contains("no row of the coefficient or energy-factor table gives an uncertainty", StringComparison.Ordinal));
    }

    [Fact]
    public void DocsExample_ParsesWithTheStatedDistributions()
    {
        string doc = File.ReadAllText(Path.Combine(TestData.RepoRoot, "docs", "methods", "accounting.md"));
        int start = doc.IndexOf("```csv\nclass,value,unit,source,low,high,sd", StringComparison.Ordinal) + "```csv\n".Length;
        string csv = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];
        var t = LandCarbon.Core.Accounting.CoefficientTable.Parse("accounting.md", System.Text.Encoding.UTF8.GetBytes(csv));
        Assert.True(t.HasUncertainty);
        Assert.Equal("uniform [0.422, 0.497]", t.Rows.Single(r => r.Class == LandCarbon.Core.LandUse.LandClass.Cultivated).Uncertainty.Describe());
        Assert.False(t.Rows.Single(r => r.Class == LandCarbon.Core.LandUse.LandClass.Unused).Uncertainty.IsUncertain);
    }

    [Fact]
    public void BadRanges_AreInputErrorsNamingFileLineAndColumns()
    {
        static string Problem(string row)
        {
            string csv = "class,value,unit,source,low,high,sd\n" + row + "\nforest,-0.644,tC/ha/yr,x,,,\ngrassland,-0.021,tC/ha/yr,x,,,\n" +
                "water,-0.253,tC/ha/yr,x,,,\nconstruction,,tC/ha/yr,x,,,\nunused,-0.005,tC/ha/yr,x,,,\n";
            var e = Assert.Throws<InputException>(() => LandCarbon.Core.Accounting.CoefficientTable.Parse("c.csv", System.Text.Encoding.UTF8.GetBytes(csv)));
            return string.Join("\n", e.Problems.Prepend(e.Message));
        }
        Assert.Contains("c.csv, line 2: the range [0.45, 0.5] must contain the value 0.422", Problem("cultivated,0.422,tC/ha/yr,x,0.45,0.5,"), StringComparison.Ordinal);
        Assert.Contains("not both", Problem("cultivated,0.422,tC/ha/yr,x,0.4,0.5,0.01"), StringComparison.Ordinal);
        Assert.Contains("crosses 0 while the value 0.422 is a source", Problem("cultivated,0.422,tC/ha/yr,x,-0.1,0.5,"), StringComparison.Ordinal);
        Assert.Contains("a range needs both 'low' and 'high' (only low is given)", Problem("cultivated,0.422,tC/ha/yr,x,0.4,,"), StringComparison.Ordinal);
        Assert.Contains("the value is 0, so an uncertainty cannot scale it", Problem("cultivated,0,tC/ha/yr,x,,,0.1"), StringComparison.Ordinal);
        Assert.Contains("is negative", Problem("cultivated,0.422,tC/ha/yr,x,,,-0.1"), StringComparison.Ordinal);
    }
}
