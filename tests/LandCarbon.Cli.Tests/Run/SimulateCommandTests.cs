namespace LandCarbon.Cli.Tests.Run;

/// <summary>`landcarbon simulate` (accounting and simulation only) and `landcarbon run` (every stage) give the same
/// projected maps, projected CBI, projected ΔCBI and scenario budget for the same study.</summary>
public class SimulateCommandTests
{
    [Fact]
    public void SimulateAndRun_AgreeOnTheProjectedYears()
    {
        string dir = GrowingTownStudy.Write("""
            accounting:
              construction: {value: 50}
              corrections: {vegetation: {raster: ndvi.tif}}
            change: {}
            risk: {fishnetMeters: 240}
            simulation:
              horizon: [2030]
              scenarios: [natural, lowCarbon]
              forest: {trees: 6, samplesPerLabel: 300}
            """);
        string study = Path.Combine(dir, "study.yaml"), run = Path.Combine(dir, "run"), sim = Path.Combine(dir, "sim");
        var a = CliRunner.Run("run", study, "--out", run);
        Assert.True(a.ExitCode == 0, a.StdErr);
        var b = CliRunner.Run("simulate", study, "--out", sim);
        Assert.True(b.ExitCode == 0, b.StdErr);
        foreach (var t in new[] { "scenario_budget", "scenario_difference", "contributions_natural_2020_2030", "transitions_lowCarbon_2020_2030" })
            Assert.Equal(File.ReadAllText(Path.Combine(run, "tables", t + ".csv")), File.ReadAllText(Path.Combine(sim, "tables", t + ".csv")));
        foreach (var s in new[] { "natural", "lowCarbon" })
            foreach (var r in new[] { $"landuse_{s}_2030", $"cbi_{s}_2030", $"delta_cbi_{s}_2020_2030" })
                Assert.Equal(File.ReadAllBytes(Path.Combine(run, "rasters", r + ".tif")), File.ReadAllBytes(Path.Combine(sim, "rasters", r + ".tif")));
        // The risk grading of the projected interval needs the observed intervals' warning: `run` only.
        Assert.True(File.Exists(Path.Combine(run, "tables", "scenario_risk.csv")));
        Assert.False(File.Exists(Path.Combine(sim, "tables", "scenario_risk.csv")));
    }
}
