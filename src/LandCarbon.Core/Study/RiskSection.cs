using LandCarbon.Core.Risk;
using LandCarbon.Core.Zonal;

namespace LandCarbon.Core.Study;

/// <summary>The <c>risk:</c> section: carbon risk early warning, threshold methods, accuracy, key monitoring areas (METHOD-SPEC (j)).</summary>
public sealed record RiskSection : ModuleSection
{
    /// <summary>The section's keys (defaults, ranges, help): parser, `init` template, docs and the shared options of
    /// `landcarbon risk grade`.</summary>
    public static StudyKey Spec { get; } = StudyKeys.Module("risk",
        "carbon risk early warning, threshold methods, accuracy, key monitoring areas (METHOD-SPEC (j))",
        StudyKeys.Choice("index", "deltaCbi", "deltaCbi (per pixel or fishnet sum) | deltaCbiPerKm2 | composite | dominantFactor (fishnet)", "deltaCbi", "deltaCbiPerKm2", "composite", "dominantFactor"),
        StudyKeys.Section("composite", "the composite index",
            StudyKeys.Choice("weights", "entropy", "entropy, or given (then values: one per indicator)", "entropy", "given"),
            StudyKeys.List("values", null, "given weights, one per indicator") with { Template = TemplateLine.Omitted }),
        StudyKeys.Number("fishnetMeters", null, "e.g. 1000 to grade 1 km cells; needed for the hindcast and the forecast", 1e-9)
            with { DefaultDoc = "pixels", Doc = "fishnet cell side in metres: a whole number of pixels, else exit 2 before the run naming the key and the two nearest valid sizes; absent = grade pixels" },
        StudyKeys.List("forecast", "[persistence, trend, drivers]", "forecasters of the hindcast and the next interval (+ simulation)") with { AllowedDoc = string.Join(", ", RiskForecasts.Names) },
        StudyKeys.Number("forecastYears", null, "length in years of the next, unobserved interval", 1) with { DefaultDoc = "the last interval's" },
        StudyKeys.Section("drivers", "the drivers forecaster",
            StudyKeys.Number("tau", 0.9, "quantile of the driver regression", 1e-6, 1 - 1e-6),
            StudyKeys.Flag("lagIndex", true, "the last interval's index per year as a driver"),
            StudyKeys.Whole("maxUnits", 50_000, "unit-intervals fitted (seeded sample above)", 10),
            StudyKeys.Map("rasters", "{}", "extra static drivers on the study grid, e.g. {slope: slope.tif}")),
        StudyKeys.Whole("levels", 5, "risk levels: 5 (low … extremely high) or 4 (low, medium, high, extremely high)", 2, 9),
        StudyKeys.Number("stableEpsilon", 0, "|ΔCBI| ≤ ε is not an increment (observed grade)", 0),
        StudyKeys.Section("transform", "transform of the index before the statistics",
            StudyKeys.Choice("kind", "none", "transform before the statistics: none, log1p (signed) or boxcox (λ by maximum likelihood)", "none", "log1p", "boxcox"),
            StudyKeys.Number("shift", null, "Box-Cox shift") with { DefaultDoc = "1 − min when min ≤ 0" },
            StudyKeys.Whole("sampleSize", 100_000, "values sampled (seeded) to fit λ", 2)),
        StudyKeys.Section("errorTheory", "error-theory thresholds",
            StudyKeys.List("k", "[-1, 0, 1, 2]", "breaks μ + k·σ ([-0.5, 0.5, 1.5] for 4 levels)")),
        StudyKeys.Section("parameter", "parameter-based thresholds",
            StudyKeys.Choice("reference", "mean", "reference value of the multiples", "mean", "positiveMean", "value"),
            StudyKeys.Number("value", null, "reference value when reference: value"),
            StudyKeys.List("multiples", "[0.5, 1, 1.5, 2]", "multiples of the reference ([0.5, 1, 1.5] for 4 levels)")),
        StudyKeys.Section("fluctuation", "fluctuation thresholds",
            StudyKeys.Choice("mode", "equalInterval", "equalInterval | historical (mean ± k × mean |R_t − R_t−1|)", "equalInterval", "historical"),
            StudyKeys.List("k", "[-1, 0, 1, 2]", "multipliers of the historical fluctuation ([-0.5, 0.5, 1.5] for 4 levels)")),
        StudyKeys.Section("observedGrade", "the observed grade of the hindcast",
            StudyKeys.List("breaks", null, "3 breaks of the shared reference") with { DefaultDoc = "quartiles of the earlier intervals' increments" }),
        StudyKeys.Section("validation", "validation of the current map",
            StudyKeys.File("samples", "CSV with level and col,row | x,y | lon,lat: validates the current map"),
            StudyKeys.Choice("sampleCrs", "wgs84", "lon,lat system of the sample file", "wgs84", "gcj02", "bd09"),
            StudyKeys.Flag("stratified", false, "seeded sample stratified by observed level"),
            StudyKeys.Whole("sampleSize", 490, "size of the stratified sample", 1)),
        StudyKeys.Section("zones", "zonal summaries",
            StudyKeys.File("file", "county/district polygons (GeoJSON or Shapefile)"),
            StudyKeys.Choice("crs", null, "required unless the file declares its CRS", "wgs84", "gcj02", "bd09", "grid")
                with { DefaultDoc = "**none**", Example = "gcj02", Doc = "CRS of the county polygons; see *Coordinate systems* below" },
            StudyKeys.Text("idField", null, "zone id attribute") with { DefaultDoc = "adcode / id / code" },
            StudyKeys.Choice("method", ErrorTheoryThresholds.MethodName, "whose levels the zonal table summarises", ErrorTheoryThresholds.MethodName, ParameterThresholds.MethodName, FluctuationThresholds.MethodName)),
        StudyKeys.Section("keyAreas", "key monitoring areas",
            StudyKeys.Number("top", null, "top-set size (zones)", 1) with { DefaultDoc = "⌈fraction × zones⌉" },
            StudyKeys.Number("fraction", 0.1, "share of the zones in the top set", 1e-9, 1)));

    /// <summary>Grading and validation settings (the seed is the study's).</summary>
    public RiskOptions Options { get; init; } = new();

    /// <summary>The risk index.</summary>
    public RiskIndexKind Index { get; init; } = RiskIndexKind.DeltaCbi;

    /// <summary>Given weights of the composite index (in the order of its indicators); null = entropy weights.</summary>
    public IReadOnlyList<double>? CompositeWeights { get; init; }

    /// <summary>The study name of an index kind.</summary>
    public static string RiskIndexName(RiskIndexKind kind) => kind switch
    {
        RiskIndexKind.DeltaCbiPerKm2 => "deltaCbiPerKm2",
        RiskIndexKind.Composite => "composite",
        RiskIndexKind.DominantFactor => "dominantFactor",
        _ => "deltaCbi",
    };

    /// <summary>Extra static driver rasters (name → path) of the drivers forecaster.</summary>
    public IReadOnlyList<(string Name, string Path)> DriverRasters { get; init; } = [];

    /// <summary>The zones as the risk module takes them, or null.</summary>
    public RiskZones? Zones => ZonesFile is { } f ? new RiskZones(f, ZoneCrs, ZoneIdField, ZoneMethod, KeyAreas) : null;

    /// <summary>Fishnet cell size in metres, or null to grade pixels.</summary>
    public double? FishnetMeters { get; init; }

    /// <summary>Validation sample file of the current map, or null.</summary>
    public string? SamplesFile { get; init; }

    /// <summary>Lon/lat system of the sample file.</summary>
    public string SampleCrs { get; init; } = "wgs84";

    /// <summary>Zone polygons, or null.</summary>
    public string? ZonesFile { get; init; }

    /// <summary>CRS of the zone polygons.</summary>
    public string ZoneCrs { get; init; } = "grid";

    /// <summary>Zone id attribute, or null for the defaults.</summary>
    public string? ZoneIdField { get; init; }

    /// <summary>Method whose levels the zonal table summarises.</summary>
    public string ZoneMethod { get; init; } = ErrorTheoryThresholds.MethodName;

    /// <summary>Key monitoring area rule.</summary>
    public KeyMonitoringAreaRule KeyAreas { get; init; } = KeyMonitoringAreaRule.Default;

    /// <inheritdoc />
    public override IEnumerable<string> InputFiles() => new[] { SamplesFile, ZonesFile }.OfType<string>().Concat(DriverRasters.Select(d => d.Path));

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static RiskSection Parse(StudySection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var index = section.Choice("index") switch
        {
            "deltaCbiPerKm2" => RiskIndexKind.DeltaCbiPerKm2,
            "composite" => RiskIndexKind.Composite,
            "dominantFactor" => RiskIndexKind.DominantFactor,
            _ => RiskIndexKind.DeltaCbi,
        };
        double? fishnet = section.OptionalDouble("fishnetMeters");
        if (index is not RiskIndexKind.DeltaCbi && fishnet is null)
            section.Problem("index", $"{RiskIndexName(index)} needs fishnet cells; set risk.fishnetMeters.");
        var cs = section.Section("composite");
        var compositeWeights = cs.Choice("weights") == "given" ? cs.DoubleList("values") : null;
        cs.Finish();
        var forecasts = new List<RiskForecast>();
        IReadOnlyList<RiskForecast> defaultForecasts = index == RiskIndexKind.DominantFactor ? [RiskForecast.Drivers] : RiskForecasts.Default;
        foreach (var name in section.StringList("forecast") ?? [.. defaultForecasts.Select(RiskForecasts.Name)])
        {
            int fi = RiskForecasts.Names.ToList().IndexOf(name);
            if (fi < 0) section.Problem("forecast", $"'{name}'; expected {string.Join(", ", RiskForecasts.Names)}.");
            else if (!forecasts.Contains((RiskForecast)fi)) forecasts.Add((RiskForecast)fi);
        }
        int? forecastYears = section.OptionalDouble("forecastYears") is double fy ? (int)fy : null;
        var dr = section.Section("drivers");
        double tau = dr.Double("tau");
        bool lagIndex = dr.Bool("lagIndex");
        int maxUnits = dr.Int("maxUnits");
        var rasterSection = dr.Section("rasters");
        var driverRasters = new List<(string, string)>();
        foreach (var (name, _, _) in rasterSection.Entries())
            if (rasterSection.File(name, false) is { } path) driverRasters.Add((name, path));
        rasterSection.Finish();
        dr.Finish();
        int levels = section.Int("levels");
        double eps = section.Double("stableEpsilon");

        var t = section.Section("transform");
        var kind = t.Choice("kind") switch
        {
            "log1p" => IndexTransformKind.Log1p,
            "boxcox" => IndexTransformKind.BoxCox,
            _ => IndexTransformKind.None,
        };
        double? shift = t.OptionalDouble("shift");
        int boxSample = t.Int("sampleSize");
        t.Finish();

        var et = section.Section("errorTheory");
        var k = et.DoubleList("k");
        et.Finish();

        var p = section.Section("parameter");
        var reference = p.Choice("reference") switch
        {
            "positiveMean" => ParameterReference.PositiveMean,
            "value" => ParameterReference.Value,
            _ => ParameterReference.Mean,
        };
        double? value = p.OptionalDouble("value");
        var multiples = p.DoubleList("multiples");
        p.Finish();

        var f = section.Section("fluctuation");
        var mode = f.Choice("mode") == "historical" ? FluctuationMode.Historical : FluctuationMode.EqualInterval;
        var fk = f.DoubleList("k");
        f.Finish();

        var og = section.Section("observedGrade");
        var breaks = og.DoubleList("breaks");
        og.Finish();

        var v = section.Section("validation");
        string? samples = v.File("samples");
        string sampleCrs = v.Choice("sampleCrs");
        bool stratified = v.Bool("stratified");
        int sampleSize = v.Int("sampleSize");
        v.Finish();

        var z = section.Section("zones");
        string? zones = z.File("file");
        string zoneCrs = z.Crs("crs", zones);
        string? idField = z.String("idField");
        string zoneMethod = z.Choice("method");
        z.Finish();

        var ka = section.Section("keyAreas");
        int? top = ka.OptionalDouble("top") is double topValue ? (int)topValue : null;
        double fraction = ka.Double("fraction");
        ka.Finish();

        var options = new RiskOptions
        {
            LevelCount = levels,
            StableEpsilon = eps,
            Transform = kind,
            BoxCoxShift = shift,
            BoxCoxSampleSize = boxSample,
            ErrorTheoryK = k,
            ParameterReference = reference,
            ParameterValue = value,
            ParameterMultiples = multiples,
            FluctuationMode = mode,
            FluctuationK = fk,
            Forecasts = forecasts.Count > 0 ? forecasts : RiskForecasts.Default,
            ForecastYears = forecastYears,
            DriverTau = tau,
            DriverLagIndex = lagIndex,
            DriverMaxUnits = maxUnits,
            ObservedGradeBreaks = breaks,
            StratifiedSample = stratified,
            SampleSize = sampleSize,
        };
        foreach (var issue in options.Validate())
            section.Problem(issue.Key, issue.Message);
        section.Finish();
        return new RiskSection
        {
            Options = options,
            Index = index,
            CompositeWeights = compositeWeights,
            DriverRasters = driverRasters,
            FishnetMeters = fishnet,
            SamplesFile = samples,
            SampleCrs = sampleCrs,
            ZonesFile = zones,
            ZoneCrs = zoneCrs,
            ZoneIdField = idField,
            ZoneMethod = zoneMethod,
            KeyAreas = new KeyMonitoringAreaRule { TopCount = top, TopFraction = fraction },
        };
    }
}
