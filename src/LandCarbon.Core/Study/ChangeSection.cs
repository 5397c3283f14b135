using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.Study;

/// <summary>The <c>change:</c> section: change analysis: ΔCBI per interval, transitions, contributions, mechanisms, spaces, grades, offset ratio (METHOD-SPEC (d)–(f)).</summary>
public sealed record ChangeSection : ModuleSection
{
    /// <summary>The section's keys (defaults, ranges, help): parser, `init` template and docs.</summary>
    public static StudyKey Spec { get; } = StudyKeys.Module("change",
        "change analysis: ΔCBI per interval, transitions, contributions, mechanisms, spaces, grades, offset ratio (METHOD-SPEC (d)–(f))",
        StudyKeys.Choice("scope", "transitionOnly", "transitionOnly: ΔCBI only where the class changed; all: every pixel", "transitionOnly", "all"),
        StudyKeys.Flag("wholePeriod", true, "also the whole period, first → last year"),
        StudyKeys.Flag("cumulative", false, "true: ΔCBI × years of the interval, in t C instead of t C/yr (METHOD-SPEC (d) CumulativeMode)")
            with { Doc = "true: ΔCBI × years of the interval, in t C instead of t C/yr; ΔCBI columns get the suffix `Cumulative` (docs/methods/change-analysis.md)" },
        StudyKeys.Section("grading", "grades of the carbon spaces",
            StudyKeys.Choice("method", "naturalBreaks", "naturalBreaks is Jenks (Fisher exact)", "naturalBreaks", "quantile", "standardDeviation", "equalInterval", "geometricInterval"),
            StudyKeys.Whole("grades", 4, "4: weak, moderate, strong, extremely strong", 1, 9),
            StudyKeys.Number("epsilonTonnesC", 0, "|ΔCBI| ≤ ε is stable (t C/yr; t C when cumulative)", 0),
            StudyKeys.List("sdMultipliers", "[0, 0.5, 1]", "standardDeviation: thresholds mean + m·σ (default 0, 0.5, 1, … for other grade counts)"),
            StudyKeys.Whole("maxDistinctValues", 100_000, "above this, grades come from a seeded sample", 1),
            StudyKeys.Whole("sampleSize", 100_000, "size of that sample", 1)));

    /// <summary>The analysis options the section sets (class codes are set by the stage from the class scheme).</summary>
    public ChangeAnalysisOptions Options { get; init; } = new();

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static ChangeSection Parse(StudySection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var scope = section.Choice("scope") == "all" ? ChangeScope.All : ChangeScope.TransitionOnly;
        bool whole = section.Bool("wholePeriod");
        bool cumulative = section.Bool("cumulative");
        var g = section.Section("grading");
        string method = g.Choice("method");
        int grades = g.Int("grades");
        var grading = new GradingOptions
        {
            Method = Enum.Parse<GradingMethod>(method, ignoreCase: true),
            Grades = grades,
            EpsilonTonnesC = g.Double("epsilonTonnesC"),
            StandardDeviationMultipliers = g.DoubleList("sdMultipliers") ?? (grades == 4 ? [0, 0.5, 1.0] : [.. Enumerable.Range(0, grades - 1).Select(i => i * 0.5)]),
            MaxDistinctValues = g.Int("maxDistinctValues"),
            SampleSize = g.Int("sampleSize"),
        };
        try { grading.Validate(); }
        catch (ArgumentException e) { g.Problem("sdMultipliers", e.Message); }
        g.Finish();
        section.Finish();
        return new ChangeSection { Options = new ChangeAnalysisOptions { Scope = scope, Grading = grading, IncludeWholePeriod = whole, Cumulative = cumulative } };
    }
}
