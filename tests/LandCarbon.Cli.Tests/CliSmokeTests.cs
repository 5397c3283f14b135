namespace LandCarbon.Cli.Tests;

public class CliSmokeTests
{
    [Fact]
    public void EveryGroupHasADescription()
    {
        Assert.All(CommandRegistry.Groups(), g => Assert.False(string.IsNullOrWhiteSpace(g.Description)));
    }
}
