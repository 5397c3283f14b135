using LandCarbon.Core.Risk;
using LandCarbon.Core.Zonal;

namespace LandCarbon.Core.Study;

/// <summary>The <c>risk:</c> section: carbon risk early warning, threshold methods, accuracy, key monitoring areas (METHOD-SPEC (j)).</summary>
public sealed record RiskSection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template =
        "# risk:    # carbon risk early warning, threshold methods, accuracy, key monitoring areas (METHOD-SPEC (j))\n" +
        "#   index: deltaCbi              # deltaCbi (per pixel or fishnet sum) | deltaCbiPerKm2 | composite | dominantFactor (fishnet)\n" +
        "#   composite:\n" +
        "#     weights: entropy           # entropy | given (then values: [...], one per indicator)\n" +
        "#   fishnetMeters: null          # e.g. 1000 to grade 1 km cells; needed for the hindcast and the forecast\n" +
        "#   forecast: [persistence, trend, drivers]  # forecasters of the hindcast and the next interval (+ simulation)\n" +
        "#   forecastYears: null          # length of the next, unobserved interval; default the last interval's\n" +
        "#   drivers:\n" +
        "#     tau: 0.9                   # quantile of the driver regression\n" +
        "#     lagIndex: true             # the last interval's index per year as a driver\n" +
        "#     maxUnits: 50000            # unit-intervals fitted (seeded sample above)\n" +
        "#     rasters: {}                # extra static drivers on the study grid, e.g. {slope: slope.tif}\n" +
        "#   levels: 5                    # 5: low … extremely high; 4: low, medium, high, extremely high\n" +
        "#   stableEpsilon: 0             # |ΔCBI| ≤ ε is not an increment (observed grade)\n" +
        "#   transform:\n" +
        "#     kind: none                 # none | log1p (signed) | boxcox (λ by maximum likelihood)\n" +
        "#     shift: null                # Box-Cox shift; default 1 − min when min ≤ 0\n" +
        "#     sampleSize: 100000         # values sampled (seeded) to fit λ\n" +
        "#   errorTheory:\n" +
        "#     k: [-1, 0, 1, 2]           # breaks μ + k·σ ([-0.5, 0.5, 1.5] for 4 levels)\n" +
        "#   parameter:\n" +
        "#     reference: mean            # mean | positiveMean | value\n" +
        "#     value: null                # reference value when reference: value\n" +
        "#     multiples: [0.5, 1, 1.5, 2]\n" +
        "#   fluctuation:\n" +
        "#     mode: equalInterval        # equalInterval | historical (mean ± k × mean |R_t − R_t−1|)\n" +
        "#     k: [-1, 0, 1, 2]\n" +
        "#   observedGrade:\n" +
        "#     breaks: null               # 3 breaks of the shared reference; default quartiles of the earlier intervals' increments\n" +
        "#   validation:\n" +
        "#     samples: null              # CSV with level and col,row | x,y | lon,lat: validates the current map\n" +
        "#     sampleCrs: wgs84           # lon,lat system of the sample file\n" +
        "#     stratified: false          # seeded sample stratified by observed level\n" +
        "#     sampleSize: 490\n" +
        "#   zones:\n" +
        "#     file: null                 # county/district polygons (GeoJSON or Shapefile)\n" +
        "#     crs: gcj02                 # required unless the file declares its CRS: wgs84 | gcj02 | bd09 | grid\n" +
        "#     idField: null              # default adcode / id / code\n" +
        "#     method: errorTheory        # whose levels the zonal table summarises\n" +
        "#   keyAreas:\n" +
        "#     top: null                  # top-set size; default ⌈fraction × zones⌉\n" +
        "#     fraction: 0.1\n";

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
        var index = section.Choice("index", "deltaCbi", "deltaCbi", "deltaCbiPerKm2", "composite", "dominantFactor") switch
        {
            "deltaCbiPerKm2" => RiskIndexKind.DeltaCbiPerKm2,
            "composite" => RiskIndexKind.Composite,
            "dominantFactor" => RiskIndexKind.DominantFactor,
            _ => RiskIndexKind.DeltaCbi,
        };
        double? fishnet = section.OptionalDouble("fishnetMeters", 1e-9);
        if (index is not RiskIndexKind.DeltaCbi && fishnet is null)
            section.Problem("index", $"{RiskIndexName(index)} needs fishnet cells; set risk.fishnetMeters.");
        var cs = section.Section("composite");
        var compositeWeights = cs.Choice("weights", "entropy", "entropy", "given") == "given" ? cs.DoubleList("values") : null;
        cs.Finish();
        var forecasts = new List<RiskForecast>();
        IReadOnlyList<RiskForecast> defaultForecasts = index == RiskIndexKind.DominantFactor ? [RiskForecast.Drivers] : RiskForecasts.Default;
        foreach (var name in section.StringList("forecast") ?? [.. defaultForecasts.Select(RiskForecasts.Name)])
        {
            int fi = RiskForecasts.Names.ToList().IndexOf(name);
            if (fi < 0) section.Problem("forecast", $"'{name}'; expected {string.Join(", ", RiskForecasts.Names)}.");
            else if (!forecasts.Contains((RiskForecast)fi)) forecasts.Add((RiskForecast)fi);
        }
        int? forecastYears = section.OptionalDouble("forecastYears", 1) is double fy ? (int)fy : null;
        var dr = section.Section("drivers");
        double tau = dr.Double("tau", 0.9, 1e-6, 1 - 1e-6);
        bool lagIndex = dr.Bool("lagIndex", true);
        int maxUnits = dr.Int("maxUnits", 50_000, 10);
        var rasterSection = dr.Section("rasters");
        var driverRasters = new List<(string, string)>();
        foreach (var (name, _, _) in rasterSection.Entries())
            if (rasterSection.File(name) is { } path) driverRasters.Add((name, path));
        rasterSection.Finish();
        dr.Finish();
        int levels = section.Int("levels", 5, 2, 9);
        double eps = section.Double("stableEpsilon", 0, 0);

        var t = section.Section("transform");
        var kind = t.Choice("kind", "none", "none", "log1p", "boxcox") switch
        {
            "log1p" => IndexTransformKind.Log1p,
            "boxcox" => IndexTransformKind.BoxCox,
            _ => IndexTransformKind.None,
        };
        double? shift = t.OptionalDouble("shift");
        int boxSample = t.Int("sampleSize", 100_000, 2);
        t.Finish();

        var et = section.Section("errorTheory");
        var k = et.DoubleList("k");
        et.Finish();

        var p = section.Section("parameter");
        var reference = p.Choice("reference", "mean", "mean", "positiveMean", "value") switch
        {
            "positiveMean" => ParameterReference.PositiveMean,
            "value" => ParameterReference.Value,
            _ => ParameterReference.Mean,
        };
        double? value = p.OptionalDouble("value");
        var multiples = p.DoubleList("multiples");
        p.Finish();

        var f = section.Section("fluctuation");
        var mode = f.Choice("mode", "equalInterval", "equalInterval", "historical") == "historical" ? FluctuationMode.Historical : FluctuationMode.EqualInterval;
        var fk = f.DoubleList("k");
        f.Finish();

        var og = section.Section("observedGrade");
        var breaks = og.DoubleList("breaks");
        og.Finish();

        var v = section.Section("validation");
        string? samples = v.File("samples");
        string sampleCrs = v.Choice("sampleCrs", "wgs84", "wgs84", "gcj02", "bd09");
        bool stratified = v.Bool("stratified", false);
        int sampleSize = v.Int("sampleSize", 490, 1);
        v.Finish();

        var z = section.Section("zones");
        string? zones = z.File("file");
        string zoneCrs = z.Crs("crs", zones, "wgs84", "gcj02", "bd09", "grid");
        string? idField = z.String("idField");
        string zoneMethod = z.Choice("method", ErrorTheoryThresholds.MethodName, ErrorTheoryThresholds.MethodName, ParameterThresholds.MethodName, FluctuationThresholds.MethodName);
        z.Finish();

        var ka = section.Section("keyAreas");
        int? top = ka.OptionalDouble("top", 1) is double topValue ? (int)topValue : null;
        double fraction = ka.Double("fraction", 0.1, 1e-9, 1);
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
        foreach (var problem in options.Validate())
        {
            int colon = problem.IndexOf(':', StringComparison.Ordinal);
            string key = colon > 0 ? problem[..colon] : "risk";
            section.Problem(key.StartsWith("risk.", StringComparison.Ordinal) ? key[5..] : key, colon > 0 ? problem[(colon + 1)..].Trim() : problem);
        }
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
