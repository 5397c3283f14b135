namespace LandCarbon.Core.Study;

/// <summary>The <c>uncertainty:</c> section: the Monte Carlo of the totals from the uncertainty columns of the
/// coefficient and energy-factor tables (docs/methods/accounting.md, "Uncertainty of the totals").</summary>
public sealed record UncertaintySection : ModuleSection
{
    /// <summary>The section's keys (defaults, ranges, help): parser, `init` template and docs.</summary>
    public static StudyKey Spec { get; } = StudyKeys.Module("uncertainty",
        "Monte Carlo of every total; runs whenever the coefficient or energy-factor table gives low/high or sd",
        StudyKeys.Whole("draws", 1000, "number of draws, seeded with the study's seed", 1, 1_000_000),
        StudyKeys.Number("level", 0.9, "central probability of the interval (0.9: 5 % and 95 % quantiles)", 0.5, 0.999))
        with
        {
            Doc = "Monte Carlo of every total (flux mode); the stage runs when a table row gives an uncertainty or the section is present; writes `tables/budget_uncertainty.csv`",
        };

    /// <summary>Number of Monte Carlo draws; default 1000.</summary>
    public int Draws { get; init; } = 1000;

    /// <summary>Central probability of the reported interval; default 0.9.</summary>
    public double Level { get; init; } = 0.9;

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static UncertaintySection Parse(StudySection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        int draws = section.Int("draws");
        double level = section.Double("level");
        section.Finish();
        return new UncertaintySection { Draws = draws, Level = level };
    }
}
