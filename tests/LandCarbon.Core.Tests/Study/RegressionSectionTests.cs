using LandCarbon.Core.Models;
using LandCarbon.Core.Regression;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Study;

public class RegressionSectionTests
{
    private const string Head = "years:\n  2000: lu_2000.tif\n  2010: lu_2010.tif\naccounting:\n  construction:\n    value: 50\n";

    [Fact]
    public void RegressionSection_DefaultsAndKeys()
    {
        string d = StudyLoaderTests.Dir();
        var s = StudyLoader.Parse(Path.Combine(d, "s.yaml"), Head + "regression: {}\n").Regression!;
        Assert.Equal([0.1, 0.25, 0.5, 0.75, 0.9], s.Taus);
        Assert.False(s.Fishnet);
        Assert.True(s.Standardize);
        Assert.Equal(QuantileInference.Nid, s.Inference);
        Assert.Equal(50_000, s.MaxUnits);
        Assert.Null(s.Interval);

        var t = StudyLoader.Parse(Path.Combine(d, "s.yaml"), Head +
            "regression:\n  taus: [0.9, 0.5]\n  unit: fishnet\n  fishnetMeters: 990\n  standardize: false\n  se: boot\n  maxUnits: 1000\n  interval: [2000, 2010]\n").Regression!;
        Assert.Equal([0.5, 0.9], t.Taus);
        Assert.True(t.Fishnet);
        Assert.Equal(990, t.FishnetMeters);
        Assert.False(t.Standardize);
        Assert.Equal(QuantileInference.Boot, t.Inference);
        Assert.Equal(1000, t.MaxUnits);
        Assert.Equal((2000, 2010), t.Interval);
    }

    [Fact]
    public void RegressionSection_BadValuesAreNamed()
    {
        var e = Assert.Throws<InputException>(() => StudyLoader.Parse(Path.Combine(StudyLoaderTests.Dir(), "s.yaml"), Head +
            "regression:\n  taus: [0, 1.5]\n  unit: fishnet\n  se: foo\n  interval: [2020, 2000]\n  bogus: 1\n"));
        foreach (var key in new[] { "regression.taus", "regression.fishnetMeters", "regression.se", "regression.interval", "bogus" })
            Assert.Contains(key, e.Message, StringComparison.Ordinal);
    }
}
