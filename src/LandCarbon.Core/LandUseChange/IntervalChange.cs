using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.LandUseChange;

/// <summary>One row of the transition table: a (from, to) class pair present in the interval.</summary>
public sealed record TransitionRow(int From, int To, long Pixels, double AreaKm2, double DeltaTonnesC);

/// <summary>
/// Per-class change summary (areas in km²): area in each year over the pixels valid in both years, gross gain
/// (arrived from other classes), gross loss (left to other classes), net change = gain − loss, swap =
/// 2·min(gain, loss) (Pontius et al. 2004), and Σ ΔCBI of the pixels that arrived in / left the class.
/// <see cref="YearPixelsFrom"/>/<see cref="YearPixelsTo"/> are the class's pixels in each year counted on their own
/// (including pixels left out of the transitions because another input is nodata there).
/// </summary>
public sealed record ClassChangeRow(int Class, long YearPixelsFrom, long YearPixelsTo, double AreaFromKm2, double AreaToKm2, double PersistenceKm2,
    double GainKm2, double LossKm2, double NetChangeKm2, double SwapKm2, double GainDeltaTonnesC, double LossDeltaTonnesC);

/// <summary>One row of the space-grade table; bounds are the smallest and largest ΔCBI observed in the grade.</summary>
public sealed record SpaceGradeRow(SpaceKind Space, int Grade, double LowerBound, double UpperBound, long Pixels,
    double AreaKm2, double DeltaTonnesC);

/// <summary>Share of a transition type in the ΔCBI of one space and grade: ΔE_ij(S) / ΔE(S) × 100.</summary>
public sealed record ContributionRow(SpaceKind Space, int Grade, int From, int To, long Pixels, double DeltaTonnesC,
    double SharePercent);

/// <summary>Pixels, area and Σ ΔCBI of one change mechanism; share within its direction (increase or decrease).</summary>
public sealed record MechanismRow(ChangeMechanism Mechanism, long Pixels, double AreaKm2, double DeltaTonnesC,
    double SharePercent);

/// <summary>
/// Σ CBI of the pixels of one (space, from, to) group in both years (t C/yr, pixels valid in all inputs; the space
/// is the pixel's space in this interval). The group's ΔCBI is (<see cref="ToTonnesC"/> − <see cref="FromTonnesC"/>)
/// × the interval's ΔCBI scale when the group is in scope (classes differ, or scope all), else 0.
/// </summary>
public sealed record TransitionGroupSums(SpaceKind Space, int From, int To, double FromTonnesC, double ToTonnesC);

/// <summary>One consistency check (tables/checks.csv).</summary>
public sealed record ChangeCheck(string Interval, string Name, double Expected, double Actual, double Tolerance)
{
    /// <summary>|expected − actual| ≤ tolerance.</summary>
    public bool Passed => Math.Abs(Expected - Actual) <= Tolerance;
}

/// <summary>
/// Everything the change analysis found for one interval t1 → t2. ΔCBI sums are in t C/yr (ΔCBI is a change of an
/// annual budget), or in t C over the interval when <see cref="Cumulative"/>; budgets E(t) and the group sums are
/// always t C/yr; areas in km² from the grid's pixel area.
/// </summary>
public sealed record IntervalChange
{
    /// <summary>First year.</summary>
    public required int FromYear { get; init; }

    /// <summary>Second year.</summary>
    public required int ToYear { get; init; }

    /// <summary>"y1_y2", the suffix of the interval's outputs.</summary>
    public string Key => $"{FromYear}_{ToYear}";

    /// <summary>Transition rows for every pair present, ordered by (from, to).</summary>
    public required IReadOnlyList<TransitionRow> Transitions { get; init; }

    /// <summary>Per-class summary for every class present in either year.</summary>
    public required IReadOnlyList<ClassChangeRow> Classes { get; init; }

    /// <summary>Grading of the increment space (on ΔCBI).</summary>
    public required GradeBreaks IncrementBreaks { get; init; }

    /// <summary>Grading of the reduction space (on |ΔCBI|).</summary>
    public required GradeBreaks ReductionBreaks { get; init; }

    /// <summary>Rows per space and grade (stable as grade 0).</summary>
    public required IReadOnlyList<SpaceGradeRow> SpaceGrades { get; init; }

    /// <summary>Contribution rows per space, grade and transition pair; grade 0 rows are whole-space totals.</summary>
    public required IReadOnlyList<ContributionRow> Contributions { get; init; }

    /// <summary>Rows per mechanism.</summary>
    public required IReadOnlyList<MechanismRow> Mechanisms { get; init; }

    /// <summary>Σ ΔCBI over the increment space (≥ 0).</summary>
    public required double IncrementTonnesC { get; init; }

    /// <summary>Σ ΔCBI over the reduction space (≤ 0).</summary>
    public required double ReductionTonnesC { get; init; }

    /// <summary>Σ ΔCBI over stable pixels (0 when ε = 0).</summary>
    public required double StableTonnesC { get; init; }

    /// <summary>Σ ΔCBI over all valid pixels, accumulated independently of the spaces.</summary>
    public required double NetTonnesC { get; init; }

    /// <summary>Offset ratio |Σ reduction| / Σ increment (NaN when there is no increment).</summary>
    public double OffsetRatio => IncrementTonnesC > 0 ? Math.Abs(ReductionTonnesC) / IncrementTonnesC : double.NaN;

    /// <summary>Pixels that are nodata in at least one input.</summary>
    public required long NoDataPixels { get; init; }

    /// <summary>Pixels valid in both land-use rasters (so counted in the transition table) whose CBI is nodata in
    /// a year (a correction input was nodata there): left out of every ΔCBI sum.</summary>
    public long BudgetNoDataPixels { get; init; }

    /// <summary>The consistency checks of this interval.</summary>
    public required IReadOnlyList<ChangeCheck> Checks { get; init; }

    /// <summary>The scope of ΔCBI.</summary>
    public ChangeScope Scope { get; init; } = ChangeScope.TransitionOnly;

    /// <summary>True when ΔCBI is cumulative (× <see cref="Years"/>, t C); false for the change of an annual flux (t C/yr).</summary>
    public bool Cumulative { get; init; }

    /// <summary>Years of the interval, t2 − t1.</summary>
    public int Years => ToYear - FromYear;

    /// <summary>The factor from t C/yr to the unit of ΔCBI: <see cref="Years"/> when cumulative, else 1.</summary>
    public double DeltaScale => Cumulative ? Years : 1;

    /// <summary>E(t1) = Σ CBI(t1) over every pixel whose CBI(t1) is valid, t C/yr (from the rasters read).</summary>
    public double BudgetFromTonnesC { get; init; }

    /// <summary>E(t2), as <see cref="BudgetFromTonnesC"/>.</summary>
    public double BudgetToTonnesC { get; init; }

    /// <summary>Σ (CBI(t2) − CBI(t1)) over the pixels that kept their class, t C/yr: the change from coefficients that
    /// vary in time (δ_con, corrections) on unchanged land. Inside Σ ΔCBI with scope all, outside it with
    /// transitionOnly.</summary>
    public double UnchangedClassTonnesC { get; init; }

    /// <summary>The part of <see cref="UnchangedClassTonnesC"/> that Σ ΔCBI leaves out: all of it with
    /// transitionOnly, 0 with scope all (t C/yr).</summary>
    public double OutsideScopeTonnesC => Scope == ChangeScope.TransitionOnly ? UnchangedClassTonnesC : 0;

    /// <summary>Σ CBI(t2) − Σ CBI(t1) over the pixels left out of ΔCBI because an input is nodata in one year
    /// (t C/yr).</summary>
    public double LeftOutTonnesC { get; init; }

    /// <summary>The per-(space, from, to) CBI sums of both years.</summary>
    public IReadOnlyList<TransitionGroupSums> Groups { get; init; } = [];
}
