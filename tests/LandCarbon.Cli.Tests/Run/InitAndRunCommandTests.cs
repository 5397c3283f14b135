namespace LandCarbon.Cli.Tests.Run;

public class InitAndRunCommandTests
{
    [Fact]
    public void Init_WritesTemplateAndTables_RunOnItReportsAllProblemsWithExitCode2()
    {
        string dir = TestData.TempDir();
        string study = Path.Combine(dir, "study.yaml");
        var init = CliRunner.Run("init", study);
        Assert.Equal(0, init.ExitCode);
        Assert.True(File.Exists(Path.Combine(dir, "coefficients.csv")));
        Assert.True(File.Exists(Path.Combine(dir, "energy_factors.csv")));
        Assert.Equal(2, CliRunner.Run("init", study).ExitCode); // exists, no --force
        var run = CliRunner.Run("run", study, "--out", Path.Combine(dir, "out"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("years.2000 (line", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("years.2024 (line", run.StdErr, StringComparison.Ordinal);
    }
}
