namespace LandCarbon.Core.Study;

/// <summary>The <c>report:</c> section: maps, charts and report.html. Its module adds keys here (see <see cref="ModuleSection"/>).</summary>
public sealed record ReportSection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template = "# report:    # maps, charts and report.html\n";

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static ReportSection Parse(StudySection section) => WithoutKeys<ReportSection>(section);
}
