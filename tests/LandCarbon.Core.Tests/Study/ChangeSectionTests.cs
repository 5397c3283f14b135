using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Models;
using LandCarbon.Core.Spaces;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Study;

public class ChangeSectionTests
{
    private static string Dir() => StudyLoaderTests.Dir();

    private const string Head = "years:\n  2000: lu_2000.tif\n  2010: lu_2010.tif\naccounting:\n  construction:\n    value: 50\n";

    [Fact]
    public void ChangeSection_DefaultsAndKeys()
    {
        string d = Dir();
        var s = StudyLoader.Parse(Path.Combine(d, "s.yaml"), Head + "change: {}\n");
        Assert.NotNull(s.Change);
        Assert.Equal(ChangeScope.TransitionOnly, s.Change.Options.Scope);
        Assert.Equal(GradingMethod.NaturalBreaks, s.Change.Options.Grading.Method);
        var t = StudyLoader.Parse(Path.Combine(d, "s.yaml"), Head +
            "change:\n  scope: all\n  wholePeriod: false\n  grading:\n    method: quantile\n    grades: 5\n    epsilonTonnesC: 0.001\n");
        Assert.Equal(ChangeScope.All, t.Change!.Options.Scope);
        Assert.False(t.Change.Options.IncludeWholePeriod);
        Assert.Equal(GradingMethod.Quantile, t.Change.Options.Grading.Method);
        Assert.Equal(5, t.Change.Options.Grading.Grades);
        Assert.Equal(0.001, t.Change.Options.Grading.EpsilonTonnesC);
    }

    [Fact]
    public void ChangeSection_BadValuesAreNamed()
    {
        var e = Assert.Throws<InputException>(() => StudyLoader.Parse(Path.Combine(Dir(), "s.yaml"), Head +
            "change:\n  scope: sometimes\n  grading:\n    method: kmeans\n    colour: red\n"));
        Assert.Contains("change.scope", e.Message, StringComparison.Ordinal);
        Assert.Contains("change.grading.method", e.Message, StringComparison.Ordinal);
        Assert.Contains("colour", e.Message, StringComparison.Ordinal);
    }
}
