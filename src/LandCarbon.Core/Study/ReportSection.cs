namespace LandCarbon.Core.Study;

/// <summary>
/// The <c>report:</c> section: report.html, which `landcarbon run` writes at the end of every run unless the study
/// says <c>report: false</c>. Core only reads the keys; the CLI builds the report (Core cannot reference Reporting).
/// </summary>
public sealed record ReportSection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template =
        "# report:    # report.html at the end of `landcarbon run`; `report: false` leaves it out\n" +
        "#   language: en                 # en | zh (labels, titles and units)\n";

    /// <summary>Report language: "en" (default) or "zh".</summary>
    public string Language { get; init; } = "en";

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static ReportSection Parse(StudySection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var r = new ReportSection { Language = section.Choice("language", "en", "en", "zh") };
        section.Finish();
        return r;
    }
}
