using LandCarbon.Core.Models;

namespace LandCarbon.Core.Risk;

/// <summary>
/// Settings of the carbon risk early warning (study section <c>risk:</c>, METHOD-SPEC §(j)); every default is
/// INFERRED and may be changed. Null lists take the defaults for <see cref="LevelCount"/>.
/// </summary>
public sealed record RiskOptions
{
    /// <summary>Levels of every scheme: 5 (default: low, relatively low, medium, high, extremely high) or 4.</summary>
    public int LevelCount { get; init; } = 5;

    /// <summary>Transform applied before the statistics (default none).</summary>
    public IndexTransformKind Transform { get; init; } = IndexTransformKind.None;

    /// <summary>Box-Cox shift; null = <see cref="BoxCox.DefaultShift"/> of the training minimum.</summary>
    public double? BoxCoxShift { get; init; }

    /// <summary>Values sampled (seeded) to fit Box-Cox λ.</summary>
    public int BoxCoxSampleSize { get; init; } = 100_000;

    /// <summary>Error-theory multipliers k; null = {−1, 0, 1, 2} (5 levels) or {−0.5, 0.5, 1.5} (4 levels).</summary>
    public IReadOnlyList<double>? ErrorTheoryK { get; init; }

    /// <summary>Reference of the parameter-based method.</summary>
    public ParameterReference ParameterReference { get; init; } = ParameterReference.Mean;

    /// <summary>Reference value when <see cref="ParameterReference"/> is Value.</summary>
    public double? ParameterValue { get; init; }

    /// <summary>Multiples of the reference; null = {0.5, 1, 1.5, 2} (5 levels) or {0.5, 1, 1.5} (4 levels).</summary>
    public IReadOnlyList<double>? ParameterMultiples { get; init; }

    /// <summary>Variant of the fluctuation method.</summary>
    public FluctuationMode FluctuationMode { get; init; } = FluctuationMode.EqualInterval;

    /// <summary>Multipliers of the historical fluctuation; null = {−1, 0, 1, 2} (5 levels) or {−0.5, 0.5, 1.5} (4 levels).</summary>
    public IReadOnlyList<double>? FluctuationK { get; init; }

    /// <summary>Forecasters of the hindcast and of the next interval (study key <c>risk.forecast</c>).</summary>
    public IReadOnlyList<RiskForecast> Forecasts { get; init; } = RiskForecasts.Default;

    /// <summary>Quantile τ of the driver regression (upper quantile by default, as the regression stage's top τ).</summary>
    public double DriverTau { get; init; } = 0.9;

    /// <summary>Add the last interval's index per year as a driver (measured up to the forecast origin).</summary>
    public bool DriverLagIndex { get; init; } = true;

    /// <summary>At most this many unit-intervals fit the driver regression (a seeded sample above).</summary>
    public int DriverMaxUnits { get; init; } = 50_000;

    /// <summary>Length in years of the next, unobserved interval; null = the last observed interval's length.</summary>
    public int? ForecastYears { get; init; }

    /// <summary>Intensity-grade breaks (3, on the index &gt; ε) of the shared hindcast reference; null = the
    /// quartiles of the earlier intervals' increments (<see cref="RiskHindcast.Reference"/>).</summary>
    public IReadOnlyList<double>? ObservedGradeBreaks { get; init; }

    /// <summary>Stable tolerance ε for the observed grade (ΔCBI ≤ ε is not an increment).</summary>
    public double StableEpsilon { get; init; }

    /// <summary>Validate on a seeded sample stratified by observed level instead of all units.</summary>
    public bool StratifiedSample { get; init; }

    /// <summary>Size of the stratified sample (equal allocation: SampleSize / LevelCount per observed level).</summary>
    public int SampleSize { get; init; } = 490;

    /// <summary>Seed of every sample drawn by the risk module.</summary>
    public long Seed { get; init; } = Models.Seeds.Default;

    /// <summary>Defaults.</summary>
    public static RiskOptions Default { get; } = new();

    /// <summary>The error-theory multipliers in effect.</summary>
    public IReadOnlyList<double> EffectiveErrorTheoryK => ErrorTheoryK ?? (LevelCount == 4 ? ErrorTheoryThresholds.FourLevelK : ErrorTheoryThresholds.FiveLevelK);

    /// <summary>The parameter multiples in effect.</summary>
    public IReadOnlyList<double> EffectiveParameterMultiples => ParameterMultiples ?? (LevelCount == 4 ? [0.5, 1.0, 1.5] : ParameterThresholds.DefaultMultiples);

    /// <summary>The historical-fluctuation multipliers in effect.</summary>
    public IReadOnlyList<double> EffectiveFluctuationK => FluctuationK ?? (LevelCount == 4 ? ErrorTheoryThresholds.FourLevelK : FluctuationThresholds.DefaultK);

    /// <summary>The level labels.</summary>
    public RiskLevels Levels => RiskLevels.ForCount(LevelCount);

    /// <summary>Every problem with the settings (empty when valid), each keyed by its key in the study's
    /// <c>risk:</c> section (<c>levels</c>, <c>errorTheory.k</c>, …): the study prefixes <c>risk.</c>, `risk grade`
    /// names its flags instead.</summary>
    public IReadOnlyList<ValidationIssue> Validate()
    {
        var p = new List<ValidationIssue>();
        void Add(string key, string message) => p.Add(new ValidationIssue(key, message));
        if (LevelCount is < 2 or > 9) Add("levels", $"{LevelCount}; expected 4 or 5 (2–9 allowed).");
        if (EffectiveErrorTheoryK.Count != LevelCount - 1) Add("errorTheory.k", $"{EffectiveErrorTheoryK.Count} values; {LevelCount} levels need {LevelCount - 1}.");
        if (EffectiveParameterMultiples.Count != LevelCount - 1) Add("parameter.multiples", $"{EffectiveParameterMultiples.Count} values; {LevelCount} levels need {LevelCount - 1}.");
        if (EffectiveFluctuationK.Count != LevelCount - 1) Add("fluctuation.k", $"{EffectiveFluctuationK.Count} values; {LevelCount} levels need {LevelCount - 1}.");
        if (ParameterReference == ParameterReference.Value && ParameterValue is not > 0) Add("parameter.value", "a positive reference value is required when the parameter reference is 'value'.");
        if (ObservedGradeBreaks is { Count: not 3 }) Add("observedGrade.breaks", $"{ObservedGradeBreaks.Count} values; expected 3 (weak|moderate|strong|extremely strong).");
        if (SampleSize < 1) Add("validation.sampleSize", "must be at least 1.");
        if (!(DriverTau > 0 && DriverTau < 1)) Add("drivers.tau", $"{DriverTau}; expected a quantile in (0, 1).");
        if (DriverMaxUnits < 10) Add("drivers.maxUnits", "must be at least 10.");
        if (ForecastYears is < 1) Add("forecastYears", "must be at least 1.");
        if (Forecasts.Count == 0) Add("forecast", "name at least one forecaster (persistence, trend, drivers, simulation).");
        if (BoxCoxSampleSize < 2) Add("transform.sampleSize", "must be at least 2.");
        return p;
    }
}
