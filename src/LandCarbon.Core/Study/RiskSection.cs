using LandCarbon.Core.Risk;
using LandCarbon.Core.Zonal;

namespace LandCarbon.Core.Study;

/// <summary>The <c>risk:</c> section: carbon risk early warning, threshold methods, accuracy, key monitoring areas (METHOD-SPEC (j)).</summary>
public sealed record RiskSection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template =
        "# risk:    # carbon risk early warning, threshold methods, accuracy, key monitoring areas (METHOD-SPEC (j))\n" +
        "#   index: deltaCbi              # ΔCBI per interval (per pixel, or summed to fishnet cells)\n" +
        "#   fishnetMeters: null          # e.g. 1000 to grade 1 km cells instead of pixels\n" +
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
        "#   holdOut:\n" +
        "#     predictFrom: lastInterval  # lastInterval | previousInterval\n" +
        "#   observedGrade:\n" +
        "#     breaks: null               # 3 ΔCBI breaks (weak|moderate|strong|extremely strong); default the change analysis's\n" +
        "#   validation:\n" +
        "#     samples: null              # CSV with level and col,row | x,y | lon,lat (instead of the temporal hold-out)\n" +
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

    /// <summary>Fishnet cell size in metres, or null to grade pixels.</summary>
    public double? FishnetMeters { get; init; }

    /// <summary>Validation sample file, or null (temporal hold-out).</summary>
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
    public override IEnumerable<string> InputFiles() => new[] { SamplesFile, ZonesFile }.OfType<string>();

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static RiskSection Parse(StudySection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.Choice("index", "deltaCbi", "deltaCbi");
        double? fishnet = section.OptionalDouble("fishnetMeters", 1e-9);
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

        var h = section.Section("holdOut");
        var predict = h.Choice("predictFrom", "lastInterval", "lastInterval", "previousInterval") == "previousInterval"
            ? HoldOutPrediction.PreviousInterval : HoldOutPrediction.LastInterval;
        h.Finish();

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
            HoldOutPrediction = predict,
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
