using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.LandUseChange;

/// <summary>Options of the change analysis (METHOD-SPEC (d)–(f)); every default is configurable in the study.</summary>
public sealed record ChangeAnalysisOptions
{
    /// <summary>Which pixels get a ΔCBI; default <see cref="ChangeScope.TransitionOnly"/>.</summary>
    public ChangeScope Scope { get; init; } = ChangeScope.TransitionOnly;

    /// <summary>Space and grade options (ε, method, grades, sampling).</summary>
    public GradingOptions Grading { get; init; } = new();

    /// <summary>Number of class codes (codes 0…N−1 are valid; the six land classes use 7, 0 being nodata).</summary>
    public int ClassCodeCount { get; init; } = 7;

    /// <summary>Class codes treated as nodata besides each raster's own nodata value (0 = LandClass.None).</summary>
    public IReadOnlyList<int> ClassNoDataCodes { get; init; } = [0];

    /// <summary>Seed of the grading sample (used only when a space has more distinct values than the cap).</summary>
    public long Seed { get; init; } = Models.Seeds.Default;

    /// <summary>METHOD-SPEC (d) <c>CumulativeMode</c>: ΔCBI × the years of the interval, in t C over the interval
    /// instead of t C/yr; default false.</summary>
    public bool Cumulative { get; init; }

    /// <summary>Also analyse the first → last year besides consecutive intervals; default true.</summary>
    public bool IncludeWholePeriod { get; init; } = true;
}
