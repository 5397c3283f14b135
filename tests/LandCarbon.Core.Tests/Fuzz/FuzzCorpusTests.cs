using LandCarbon.Fuzz;

namespace LandCarbon.Core.Tests.Fuzz;

/// <summary>
/// Every seed of the fuzz corpus and every crash AFL ever found (fuzz/regressions/TARGET/) runs through its target
/// in process: bad bytes must end in an InputException, never another exception.
/// </summary>
public class FuzzCorpusTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.All.Keys)
        {
            foreach (var folder in new[] { "corpus", "regressions" })
            {
                string dir = Path.Combine(TestData.RepoRoot, "fuzz", folder, target);
                if (!Directory.Exists(dir)) continue;
                foreach (var f in Directory.EnumerateFiles(dir).Where(f => !f.EndsWith(".keep", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
                    data.Add(target, Path.GetRelativePath(TestData.RepoRoot, f));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_IsHandledWithoutCrash(string target, string file)
    {
        FuzzTargets.RunSafely(FuzzTargets.All[target], File.ReadAllBytes(Path.Combine(TestData.RepoRoot, file)));
    }

    [Fact]
    public void EveryTarget_HasSeeds()
    {
        foreach (var target in FuzzTargets.All.Keys)
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(TestData.RepoRoot, "fuzz", "corpus", target)));
    }
}
