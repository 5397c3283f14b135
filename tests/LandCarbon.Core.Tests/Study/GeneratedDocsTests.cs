using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Study;

/// <summary>docs/study-file.md is generated from the study key declarations; the committed page must be what they
/// produce. With LANDCARBON_WRITE_DOCS=1 the test rewrites the page instead of failing.</summary>
public class GeneratedDocsTests
{
    [Fact]
    public void StudyFilePage_IsWhatTheDeclarationsProduce()
    {
        TestData.AssertGeneratedPage("study-file.md", StudyDocs.Markdown(), "dotnet test tests/LandCarbon.Core.Tests --filter GeneratedDocs",
            "the study key declarations (StudySpec.Root) or the prose in StudyDocs.cs");
    }

    [Fact]
    public void EveryDeclaredKey_HasHelp_AndSectionsHaveNoDuplicateNames()
    {
        static void Check(StudyKey key, string path)
        {
            Assert.False(string.IsNullOrWhiteSpace(key.Help), $"{path} has no help text");
            var dup = key.Keys.GroupBy(k => k.Name).FirstOrDefault(g => g.Count() > 1);
            Assert.True(dup is null, $"{path} declares {dup?.Key} twice");
            foreach (var c in key.Keys) Check(c, path.Length == 0 ? c.Name : path + "." + c.Name);
        }
        Check(StudySpec.Root, "");
    }

    [Fact]
    public void Template_ModuleSectionsUncommented_LoadWithTheirDefaults()
    {
        // Every module section of the template, uncommented as written, is read by its parser without an unknown key
        // or a wrong type: the declarations and the parsers agree.
        string text = StudyTemplate.Text();
        foreach (var module in StudySpec.Root.Keys.Where(k => k.Module))
        {
            var lines = text.Split('\n').SkipWhile(l => !l.StartsWith("# " + module.Name + ":", StringComparison.Ordinal))
                .TakeWhile(l => l.StartsWith('#')).Select(l => l.Length > 2 ? l[2..] : "").ToList();
            Assert.NotEmpty(lines);
            string yaml = "years:\n  2000: a.tif\n  2010: b.tif\n  2020: c.tif\n" + string.Join('\n', lines) + "\n";
            IReadOnlyList<LandCarbon.Core.Models.ValidationIssue> issues = [];
            try { StudyLoader.Parse(Path.Combine(Path.GetTempPath(), "template-probe.yaml"), yaml); }
            catch (LandCarbon.Core.Models.InputException e) { issues = e.Issues; }
            string[] typeErrors = ["unknown key", "is not a finite number", "is not one of", "is not a whole number", "is not true or false", "expected a", "outside the allowed range"];
            var wrong = issues.Where(i => i.Key.StartsWith(module.Name, StringComparison.Ordinal) && typeErrors.Any(t => i.Message.Contains(t, StringComparison.Ordinal))).ToList();
            Assert.True(wrong.Count == 0, module.Name + ":\n" + yaml + "\n" + string.Join("\n", wrong));
        }
    }
}
