using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.Study;

/// <summary>The <c>change:</c> section: change analysis: ΔCBI per interval, transitions, contributions, mechanisms, spaces, grades, offset ratio (METHOD-SPEC (d)–(f)).</summary>
public sealed record ChangeSection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template =
        "# change:    # change analysis: ΔCBI per interval, transitions, contributions, mechanisms, spaces, grades, offset ratio (METHOD-SPEC (d)–(f))\n" +
        "#   scope: transitionOnly        # transitionOnly (ΔCBI only where the class changed) | all\n" +
        "#   wholePeriod: true            # also first → last year\n" +
        "#   cumulative: false            # true: ΔCBI × years of the interval, in t C instead of t C/yr (METHOD-SPEC (d) CumulativeMode)\n" +
        "#   grading:\n" +
        "#     method: naturalBreaks      # naturalBreaks (Jenks, Fisher exact) | quantile | standardDeviation | equalInterval | geometricInterval\n" +
        "#     grades: 4                  # weak, moderate, strong, extremely strong\n" +
        "#     epsilonTonnesC: 0          # |ΔCBI| ≤ ε is stable (t C/yr; t C when cumulative)\n" +
        "#     sdMultipliers: [0, 0.5, 1] # standardDeviation: thresholds mean + m·σ\n" +
        "#     maxDistinctValues: 100000  # above this, grades come from a seeded sample\n" +
        "#     sampleSize: 100000\n";

    /// <summary>The analysis options the section sets (class codes are set by the stage from the class scheme).</summary>
    public ChangeAnalysisOptions Options { get; init; } = new();

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static ChangeSection Parse(StudySection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var scope = section.Choice("scope", "transitionOnly", "transitionOnly", "all") == "all" ? ChangeScope.All : ChangeScope.TransitionOnly;
        bool whole = section.Bool("wholePeriod", true);
        bool cumulative = section.Bool("cumulative", false);
        var g = section.Section("grading");
        string method = g.Choice("method", "naturalBreaks", "naturalBreaks", "quantile", "standardDeviation", "equalInterval", "geometricInterval");
        int grades = g.Int("grades", 4, 1, 9);
        var grading = new GradingOptions
        {
            Method = Enum.Parse<GradingMethod>(method, ignoreCase: true),
            Grades = grades,
            EpsilonTonnesC = g.Double("epsilonTonnesC", 0, 0),
            StandardDeviationMultipliers = g.DoubleList("sdMultipliers") ?? (grades == 4 ? [0, 0.5, 1.0] : [.. Enumerable.Range(0, grades - 1).Select(i => i * 0.5)]),
            MaxDistinctValues = g.Int("maxDistinctValues", 100_000, 1),
            SampleSize = g.Int("sampleSize", 100_000, 1),
        };
        try { grading.Validate(); }
        catch (ArgumentException e) { g.Problem("sdMultipliers", e.Message); }
        g.Finish();
        section.Finish();
        return new ChangeSection { Options = new ChangeAnalysisOptions { Scope = scope, Grading = grading, IncludeWholePeriod = whole, Cumulative = cumulative } };
    }
}
