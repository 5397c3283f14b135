namespace LandCarbon.Core.Study;

/// <summary>
/// The <c>report:</c> section: report.html, which `landcarbon run` writes at the end of every run unless the study
/// says <c>report: false</c>. Core only reads the keys; the CLI builds the report (Core cannot reference Reporting).
/// </summary>
public sealed record ReportSection : ModuleSection
{
    /// <summary>The section's keys (defaults, ranges, help): parser, `init` template and docs.</summary>
    public static StudyKey Spec { get; } = StudyKeys.Module("report",
        "report.html at the end of `landcarbon run`; `report: false` leaves it out",
        StudyKeys.Choice("language", "en", "labels, titles and units of the report", "en", "zh"))
        with
        {
            DefaultDoc = "on",
            Doc = "`landcarbon run` writes `report.html` at the end; `report: false` leaves it out; `report: {language: zh}` for Chinese labels",
        };

    /// <summary>Report language: "en" (default) or "zh".</summary>
    public string Language { get; init; } = "en";

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static ReportSection Parse(StudySection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var r = new ReportSection { Language = section.Choice("language") };
        section.Finish();
        return r;
    }
}
