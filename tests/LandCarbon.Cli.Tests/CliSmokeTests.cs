namespace LandCarbon.Cli.Tests;

public class CliSmokeTests
{
    [Fact]
    public void EveryGroupHasADescription()
    {
        Assert.All(CommandRegistry.Groups(), g => Assert.False(string.IsNullOrWhiteSpace(g.Description)));
    }

    [Fact]
    public void Help_ListsEveryGroup()
    {
        var r = CliRunner.Run("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var g in CommandRegistry.Groups()) Assert.Contains(g.Name, r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_ExitsWithTwo()
    {
        var r = CliRunner.Run("no-such-command");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("no-such-command", r.StdErr, StringComparison.Ordinal);
    }
}
