using LandCarbon.Core.Models;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Study;

/// <summary>The declarations drive the parser: defaults and ranges come from them, problems are typed issues.</summary>
public class StudySpecTests
{
    private static IReadOnlyList<ValidationIssue> Issues(string yaml)
    {
        var e = Assert.Throws<InputException>(() => StudyLoader.Parse(Path.Combine(Path.GetTempPath(), "spec-probe.yaml"), yaml));
        return e.Issues;
    }

    [Fact]
    public void Problems_AreTypedIssues_WithKeyPathAndLine()
    {
        var issues = Issues("years:\n  2000: missing.tif\naccounting:\n  mode: fluxx\nuncertainty:\n  level: 2\n");
        Assert.Contains(issues, i => i.Key == "accounting.mode" && i.Line == 4 && i.Message.StartsWith("'fluxx' is not one of: flux, stock", StringComparison.Ordinal));
        // The range of uncertainty.level is its declaration's [0.5, 0.999].
        var level = StudySpec.Find("uncertainty.level");
        Assert.Contains(issues, i => i.Key == "uncertainty.level" && i.Message.Contains($"[{level.Min}, {level.Max}]", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Key == "years.2000" && i.Line == 2 && i.Message.StartsWith("file not found", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownKey_NamesEveryDeclaredKeyOfItsSection()
    {
        var issues = Issues("years:\n  2000: missing.tif\nspatial:\n  permutation: 9\n");
        var unknown = Assert.Single(issues, i => i.Key == "spatial.permutation");
        foreach (var key in SpatialSection.Spec.Keys) Assert.Contains(key.Name, unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_ComeFromTheDeclarations()
    {
        var dir = TestData.TempDir();
        string tif = Path.Combine(dir, "a.tif");
        File.WriteAllBytes(tif, []);
        var study = StudyLoader.Parse(Path.Combine(dir, "s.yaml"), "years:\n  2000: a.tif\naccounting:\n  construction:\n    value: 50\nspatial:\nuncertainty:\n");
        Assert.Equal(StudySpec.Find("seed").IntDefault, study.Seed);
        Assert.Equal(Seeds.Default, study.Seed);
        Assert.Equal(StudySpec.Find("spatial.permutations").IntDefault, study.Spatial!.Permutations);
        Assert.Equal(StudySpec.Find("spatial.giStarBandMeters").DoubleDefault, study.Spatial.GiStarBandMeters);
        Assert.Equal(StudySpec.Find("uncertainty.draws").IntDefault, study.Uncertainty!.Draws);
    }

    [Fact]
    public void RiskOptionIssues_AreKeyedBySectionKey_NotByText()
    {
        var issues = (Core.Risk.RiskOptions.Default with { LevelCount = 4, ErrorTheoryK = [1, 2] }).Validate();
        var k = Assert.Single(issues);
        Assert.Equal("errorTheory.k", k.Key);
        Assert.NotNull(StudySpec.Find("risk." + k.Key));
    }
}
