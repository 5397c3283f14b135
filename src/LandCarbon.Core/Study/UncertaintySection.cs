namespace LandCarbon.Core.Study;

/// <summary>The <c>uncertainty:</c> section: the Monte Carlo of the totals from the uncertainty columns of the
/// coefficient and energy-factor tables (docs/methods/accounting.md, "Uncertainty of the totals").</summary>
public sealed record UncertaintySection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template =
        "# uncertainty:    # Monte Carlo of every total; runs whenever the coefficient or energy-factor table gives low/high or sd\n" +
        "#   draws: 1000                  # seeded with the study's seed\n" +
        "#   level: 0.9                   # central probability of the interval (0.9: 5 % and 95 % quantiles)\n";

    /// <summary>Number of Monte Carlo draws; default 1000.</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>Central probability of the reported interval; default 0.9.</summary>
    public double Level { get; init; } = 0.9;

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static UncertaintySection Parse(StudySection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        int draws = section.Int("draws", 1000, 1, 1_000_000);
        double level = section.Double("level", 0.9, 0.5, 0.999);
        section.Finish();
        return new UncertaintySection { Draws = draws, Level = level };
    }
}
