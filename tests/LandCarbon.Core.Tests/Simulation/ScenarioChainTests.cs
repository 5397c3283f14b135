using System.Globalization;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Simulation;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Simulation;

/// <summary>
/// Projected years through accounting, change analysis and risk (issue 17, item 5): a town that grows in rings, with
/// the vegetation correction on (so CBI varies within a class) and the risk warning on fishnet cells.
/// </summary>
public class ScenarioChainTests
{
    private static readonly string[] Scenarios = ["natural", "lowCarbon"];
    private static readonly int[] Horizon = [2030, 2040];

    private static string Inputs() => GrowingTownStudy.Write("""
        accounting:
          construction: {value: 50}
          corrections: {vegetation: {raster: ndvi.tif}}
        change: {}
        risk: {fishnetMeters: 240}
        simulation:
          horizon: [2030, 2040]
          scenarios: [natural, lowCarbon]
          forest: {trees: 8, samplesPerLabel: 400}
        """);

    private static (string Out, SimulationResult Result) Run(string dir, int tile, int threads)
    {
        string o = Path.Combine(dir, $"out_{tile}_{threads}");
        var r = PipelineRunner.Run(Path.Combine(dir, "study.yaml"), o, new PipelineRunOptions { Tiles = new TileSettings(tile, tile, threads) }, TestContext.Current.CancellationToken);
        return (o, r.Context.Results.Get<SimulationResult>());
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void ScenarioBudget_IsTheSumOfTheProjectedCbiRaster_AndTheIdentitiesHold()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) TestData.SkipOrFail("Debian python3 with GDAL and numpy is not installed (scripts/install-deps.sh)");
        string dir = Inputs();
        var (o, result) = Run(dir, 16, 2);
        Assert.NotNull(result.Chain);
        var budget = File.ReadAllLines(Path.Combine(o, "tables", "scenario_budget.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(Scenarios.Length * (1 + Horizon.Length), budget.Count);
        string R(string name) => Path.Combine(o, "rasters", name + ".tif");
        foreach (var s in Scenarios)
        {
            // The base year's row is the accounting of 2020.
            var b0 = budget.Single(b => b[0] == s && b[1] == "2020");
            var observed = File.ReadAllLines(Path.Combine(o, "tables", "budget_by_year.csv")).Single(l => l.StartsWith("2020,", StringComparison.Ordinal)).Split(',');
            Assert.Equal(D(observed[3]), D(b0[4]));
            foreach (int y in Horizon)
            {
                var oracle = TestData.Run(python, TestData.Repo("oracles/scenario-chain/sum_rasters.py"),
                    R("landuse_2020"), R("cbi_2020"), R($"landuse_{s}_{y}"), R($"cbi_{s}_{y}")).Trim().Split(',').Select(D).ToArray();
                var row = budget.Single(b => b[0] == s && b[1] == y.ToString(CultureInfo.InvariantCulture));
                // The accounting sums the float32 CBI it writes, so the raster's sum equals the table to rounding.
                for (int k = 0; k < 3; k++) Assert.Equal(oracle[k], D(row[2 + k]), Math.Max(1e-6, Math.Abs(oracle[k]) * 1e-9));
                var change = result.Chain!.Years.Single(p => p.Map.Scenario == s && p.Map.Year == y).Change;
                Assert.Equal(oracle[3], change.NetTonnesC, Math.Max(1e-6, Math.Abs(oracle[3]) * 1e-9));   // Σ ΔCBI on transitions
                Assert.Equal(oracle[4], change.BudgetToTonnesC - change.BudgetFromTonnesC, Math.Max(1e-6, Math.Abs(oracle[4]) * 1e-9));
                Assert.True(File.Exists(R($"delta_cbi_{s}_2020_{y}")));
                Assert.True(File.Exists(Path.Combine(o, "tables", $"contributions_{s}_2020_{y}.csv")));
                Assert.True(File.Exists(R($"risk_{s}_2020_{y}")));
            }
        }
        // checks.csv holds the observed intervals and every projected one, each passed, including the identity
        // Σ ΔCBI + unchanged-class part + nodata part = E(t2) − E(t1).
        var checks = File.ReadAllLines(Path.Combine(o, "tables", "checks.csv")).Skip(1).ToList();
        Assert.All(checks, c => Assert.EndsWith(",True", c, StringComparison.OrdinalIgnoreCase));
        foreach (var s in Scenarios)
            foreach (int y in Horizon)
                Assert.Contains(checks, c => c.StartsWith($"{s} 2020-{y},Σ ΔCBI + unchanged-class part", StringComparison.Ordinal));
        Assert.Contains(checks, c => c.StartsWith("2015-2020,", StringComparison.Ordinal));

        // Future risk per scenario: one row per projected interval, shares of the five levels summing to 1.
        var risk = File.ReadAllLines(Path.Combine(o, "tables", "scenario_risk.csv"));
        Assert.Equal("scenario,fromYear,toYear,method,share_1,share_2,share_3,share_4,share_5,units", risk[0]);
        Assert.Equal(Scenarios.Length * Horizon.Length, risk.Length - 1);
        foreach (var line in risk.Skip(1))
            Assert.Equal(1, line.Split(',')[4..9].Sum(D), 9);

        // lowCarbon − natural per year, from the two budgets.
        var diff = File.ReadAllLines(Path.Combine(o, "tables", "scenario_difference.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(Horizon.Length, diff.Count);
        foreach (var d in diff)
        {
            double net(string s) => D(budget.Single(b => b[0] == s && b[1] == d[2])[4]);
            Assert.Equal("lowCarbon", d[0]);
            Assert.Equal(net("lowCarbon") - net("natural"), D(d[5]), 6);
        }
    }

    [Fact]
    public void ChainOutputs_AreIdenticalForAnyTilesAndThreads()
    {
        string dir = Inputs();
        var (a, _) = Run(dir, 16, 1);
        var (b, _) = Run(dir, 32, 4);
        var names = Scenarios.SelectMany(s => Horizon.SelectMany(y => new[] { $"cbi_{s}_{y}", $"delta_cbi_{s}_2020_{y}", $"space_grade_{s}_2020_{y}", $"mechanism_{s}_2020_{y}", $"risk_{s}_2020_{y}" }));
        foreach (var n in names)
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, "rasters", n + ".tif")), File.ReadAllBytes(Path.Combine(b, "rasters", n + ".tif")));
        var tables = new[] { "scenario_budget", "scenario_difference", "scenario_risk", "checks" }
            .Concat(Scenarios.SelectMany(s => Horizon.Select(y => $"contributions_{s}_2020_{y}")));
        foreach (var t in tables)
            Assert.Equal(File.ReadAllText(Path.Combine(a, "tables", t + ".csv")), File.ReadAllText(Path.Combine(b, "tables", t + ".csv")));
    }
}
