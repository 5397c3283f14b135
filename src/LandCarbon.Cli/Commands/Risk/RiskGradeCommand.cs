using System.CommandLine;
using System.Globalization;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Models;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Risk;
using LandCarbon.Core.SpatialStatistics;
using LandCarbon.Core.Zonal;

namespace LandCarbon.Cli.Commands.Risk;

/// <summary>
/// `landcarbon risk grade INDEX.tif [--reference OBSERVED.tif | --samples FILE] [--zones COUNTIES.geojson
/// --zone-crs gcj02] --out DIR`: grades a risk index (e.g. a ΔCBI raster) with the error-theory, parameter-based and
/// fluctuation thresholds, scores them against observed levels, and summarises by zone. Docs: docs/methods/risk.md.
/// </summary>
internal static class RiskGradeCommand
{
    /// <summary>The --json document.</summary>
    internal sealed record Summary(
        string Index, long ValidUnits, double Mean, double StdDev, string Transform, string Validation,
        IReadOnlyList<MethodSummary> Methods, IReadOnlyList<string> KeyMonitoringAreas, IReadOnlyList<string> Files, IReadOnlyList<string> Notes);

    /// <summary>One method in the --json document, best first.</summary>
    internal sealed record MethodSummary(int? Rank, string Method, double[] Breaks, double OverallAccuracy, double Kappa, double WeightedKappa, double HitRate, double FalseAlarmRate, long N);

    public static Command Create()
    {
        var index = new Argument<string>("INDEX") { Description = "Risk index GeoTIFF (e.g. ΔCBI of an interval, t C/yr per pixel)." };
        var reference = new Option<string?>("--reference") { Description = "Observed levels GeoTIFF (integers 1…L on the index grid; 0/nodata = none)." };
        var samples = new Option<string?>("--samples") { Description = "Validation CSV: level (1…L) with col,row | x,y | lon,lat." };
        var sampleCrs = CommonOptions.FromStudyKey<string>("--sample-crs", "risk.validation.sampleCrs");
        var zones = new Option<string?>("--zones") { Description = "County/district polygons (GeoJSON or Shapefile) for zonal summaries." };
        var zoneCrs = new Option<string?>("--zone-crs", "--polygon-crs") { Description = "CRS of the polygons: wgs84, gcj02 (DataV, Amap), bd09 or grid; required unless the file declares its CRS (GeoJSON crs member, shapefile .prj)." };
        var zoneId = new Option<string?>("--zone-id-field") { Description = "Attribute holding the zone id (default adcode/id/code)." };
        var delta = new Option<string?>("--delta") { Description = "ΔCBI GeoTIFF for the zonal sums when INDEX is not ΔCBI (default: INDEX)." };
        var fishnet = new Option<double?>("--fishnet-m") { Description = "Aggregate the index (sum) to fishnet cells of this size in metres before grading." };
        var levels = CommonOptions.FromStudyKey<int>("--levels", "risk.levels");
        var transform = CommonOptions.FromStudyKey<string>("--transform", "risk.transform.kind");
        var k = new Option<string?>("--k") { Description = "Error-theory multipliers, e.g. -1,0,1,2." };
        var multiples = new Option<string?>("--multiples") { Description = "Parameter-based multiples, e.g. 0.5,1,1.5,2." };
        var refValue = new Option<double?>("--reference-value") { Description = "Parameter-based reference value (default: the regional mean)." };
        var fluctuation = CommonOptions.FromStudyKey<string>("--fluctuation", "risk.fluctuation.mode",
            "; equal is accepted for equalInterval; historical needs several training periods, so only the study's risk stage (landcarbon run) can use it");
        var stratified = new Option<bool>("--stratified") { Description = "Score a seeded sample stratified by observed level instead of all units." };
        var sampleSize = CommonOptions.FromStudyKey<int>("--sample-size", "risk.validation.sampleSize");
        var seed = CommonOptions.Seed("Seed of every sample.");
        var keyTop = new Option<int?>("--key-top") { Description = "Top-set size for key monitoring areas (default ⌈10 %⌉ of zones)." };
        var method = CommonOptions.FromStudyKey<string>("--zone-method", "risk.zones.method");
        var outDir = new Option<string>("--out") { Description = "Output folder (tables/ and rasters/ are created).", Required = true };
        var common = new CommonOptions();
        var indexKind = new Option<string>("--index") { Description = "deltaCbi (INDEX as given), composite (INDEX and --indicators, min–max normalised and weighted) or dominantFactor (b0 + Σ b·--factors; INDEX = ΔCBI for zone sums).", DefaultValueFactory = _ => "deltaCbi" };
        var indicators = new Option<string?>("--indicators") { Description = "Composite: further indicator rasters, comma-separated (fishnet: cell means)." };
        var weights = new Option<string>("--weights") { Description = "Composite weights: entropy, or one number per indicator (INDEX first).", DefaultValueFactory = _ => "entropy" };
        var factors = new Option<string?>("--factors") { Description = "dominantFactor: factor rasters, comma-separated (fishnet: cell means)." };
        var coefficients = new Option<string?>("--coefficients") { Description = "dominantFactor: intercept then one coefficient per factor, e.g. 0.5,2,-1." };
        var cmd = new DocumentedCommand("grade", "Grade a risk index with error-theory, parameter-based and fluctuation thresholds; accuracy; zonal summaries and key monitoring areas.",
            ["methods/risk.md", "methods/zonal.md"], "Options shared with the study's risk: section take their defaults from it.")
        {
            index, reference, samples, sampleCrs, zones, zoneCrs, zoneId, delta, fishnet, levels, transform, k, multiples, refValue,
            fluctuation, stratified, sampleSize, seed, keyTop, method, outDir, indexKind, indicators, weights, factors, coefficients,
        };
        common.AddTo(cmd);
        CliAction.Set(cmd, (pr, ct) =>
        {
            if (pr.GetValue(reference) is not null && pr.GetValue(samples) is not null)
                throw new InputException("--reference and --samples are alternatives; give one.");
            var options = new RiskOptions
            {
                LevelCount = pr.GetValue(levels),
                Transform = ParseTransform(pr.GetValue(transform)!),
                ErrorTheoryK = ParseList(pr.GetValue(k), "--k"),
                ParameterMultiples = ParseList(pr.GetValue(multiples), "--multiples"),
                ParameterReference = pr.GetValue(refValue) is null ? ParameterReference.Mean : ParameterReference.Value,
                ParameterValue = pr.GetValue(refValue),
                FluctuationMode = pr.GetValue(fluctuation) switch
                {
                    "equalInterval" or "equal" => FluctuationMode.EqualInterval,
                    "historical" => throw new InputException(
                        "--fluctuation historical: the historical fluctuation is the mean change between several training periods, and risk grade grades one INDEX; "
                        + "use equalInterval here, or risk.fluctuation.mode: historical in a study run (landcarbon run)."),
                    var s => throw new InputException($"--fluctuation: '{s}'; expected equalInterval (the study's risk.fluctuation.mode)."),
                },
                StratifiedSample = pr.GetValue(stratified),
                SampleSize = pr.GetValue(sampleSize),
                Seed = pr.GetValue(seed),
            };
            var issues = options.Validate();
            if (issues.Count > 0)
                throw new InputException("Invalid risk settings:", [.. issues.Select(i => i.WithKey(Flag(i.Key, pr.GetValue(k) is not null, pr.GetValue(multiples) is not null)))]);
            var request = new Request(pr.GetValue(index)!, pr.GetValue(reference), pr.GetValue(samples), ChineseCoordinates.Parse(pr.GetValue(sampleCrs)!),
                pr.GetValue(zones), pr.GetValue(zones) is string zoneFile ? DeclaredCrs.Resolve("--zone-crs", DeclaredCrs.Choice("--zone-crs", pr.GetValue(zoneCrs)), zoneFile) : "grid", pr.GetValue(zoneId), pr.GetValue(delta), pr.GetValue(fishnet),
                pr.GetValue(keyTop), pr.GetValue(method)!, pr.GetValue(outDir)!)
            {
                IndexKind = pr.GetValue(indexKind)!,
                Indicators = SplitPaths(pr.GetValue(indicators)),
                Weights = pr.GetValue(weights) is "entropy" or null ? null : ParseList(pr.GetValue(weights), "--weights"),
                Factors = SplitPaths(pr.GetValue(factors)),
                Coefficients = ParseList(pr.GetValue(coefficients), "--coefficients"),
            };
            var summary = Run(request, options, common.TileOptions(pr, ct));
            if (pr.GetValue(common.Json)) CliAction.WriteJson(summary);
            else Console.Out.Write(Format(summary));
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    internal sealed record Request(string Index, string? Reference, string? Samples, LonLatSystem SampleCrs, string? Zones, string ZoneCrs,
        string? ZoneIdField, string? Delta, double? FishnetMeters, int? KeyTop, string ZoneMethod, string OutDir)
    {
        /// <summary>deltaCbi, composite or dominantFactor.</summary>
        public string IndexKind { get; init; } = "deltaCbi";

        /// <summary>Composite: indicators after INDEX.</summary>
        public IReadOnlyList<string> Indicators { get; init; } = [];

        /// <summary>Composite: given weights (INDEX first), or null for entropy weights.</summary>
        public IReadOnlyList<double>? Weights { get; init; }

        /// <summary>dominantFactor: factor rasters.</summary>
        public IReadOnlyList<string> Factors { get; init; } = [];

        /// <summary>dominantFactor: intercept, then one coefficient per factor.</summary>
        public IReadOnlyList<double>? Coefficients { get; init; }
    }

    internal static Summary Run(Request q, RiskOptions options, TileOptions tiles)
    {
        using var indexReader = GeoTiffReader.Open(q.Index);
        using var deltaReader = q.Delta is null ? null : GeoTiffReader.Open(q.Delta);
        using var referenceReader = q.Reference is null ? null : GeoTiffReader.Open(q.Reference);
        if (q.FishnetMeters is not null && q.Reference is not null)
            throw new InputException("--fishnet-m cannot be combined with --reference (the reference raster is on the pixel grid); use --samples with col,row of fishnet cells or x,y.");
        var given = RiskWarning.Index(indexReader, q.FishnetMeters, tiles);
        var deltaSrc = deltaReader is null ? null : RiskWarning.Index(deltaReader, q.FishnetMeters, tiles);
        var extra = new List<IRasterReader>();
        try
        {
            IRiskIndexSource Mean(string path)
            {
                var r = GeoTiffReader.Open(path);
                extra.Add(r);
                if (q.FishnetMeters is not double m) return new RasterIndexSource(r);
                var f = FishnetAggregation.Aggregate(r, FishnetAggregation.FactorFor(r.Grid, m), FishnetStatistic.Mean, tiles: tiles);
                return new ArrayIndexSource(f.Grid, f.Values);
            }
            IRiskIndexSource idx;
            switch (q.IndexKind)
            {
                case "deltaCbi":
                    idx = given;
                    break;
                case "composite":
                    if (q.Indicators.Count == 0) throw new InputException("--index composite: give the other indicators with --indicators A.tif,B.tif.");
                    List<IRiskIndexSource> ind = [given, .. q.Indicators.Select(Mean)];
                    var ranges = ind.Select(x => IndicatorRange.Compute(x, tiles)).ToArray();
                    if (q.Weights is { } w && (w.Count != ind.Count || w.Any(x => !(x >= 0)) || !(w.Sum() > 0)))
                        throw new InputException($"--weights: {w.Count} values for {ind.Count} indicators (INDEX first); expected one non-negative weight each, not all zero.");
                    idx = new CompositeIndexSource(ind, ranges, q.Weights ?? CompositeIndexSource.EntropyWeights(ind, ranges, tiles));
                    deltaSrc ??= given;
                    break;
                case "dominantFactor":
                    if (q.Factors.Count == 0 || q.Coefficients is not { } b || b.Count != q.Factors.Count + 1)
                        throw new InputException($"--index dominantFactor: give --factors and --coefficients with the intercept first ({q.Factors.Count} factors need {q.Factors.Count + 1} numbers).");
                    idx = new DominantFactorIndexSource([.. q.Factors.Select(Mean)], b[0], [.. b.Skip(1)]);
                    deltaSrc ??= given;
                    break;
                default:
                    throw new InputException($"--index: '{q.IndexKind}'; expected deltaCbi, composite or dominantFactor.");
            }
            IObservedLevelSource? observed = referenceReader is null ? null : new RasterLevelSource(referenceReader, idx.Grid, options.LevelCount);
            var samples = q.Samples is null ? null : ValidationSampleReader.Read(q.Samples, idx.Grid, options.LevelCount, q.SampleCrs);
            var zones = q.Zones is null ? null
                : new RiskZones(Path.GetFullPath(q.Zones), q.ZoneCrs, q.ZoneIdField, q.ZoneMethod, KeyMonitoringAreaRule.Default with { TopCount = q.KeyTop });
            string outDir = Path.GetFullPath(q.OutDir);
            string tablesDir = Path.Combine(outDir, "tables"), rastersDir = Path.Combine(outDir, "rasters");
            Directory.CreateDirectory(tablesDir);
            var output = RiskWarning.GradeAndWrite(new RiskInputs([idx], idx, Observed: observed, Samples: samples), options, deltaSrc, zones, tiles,
                n => Path.Combine(rastersDir, n + ".tif"), n => Path.Combine(tablesDir, n + ".csv"));
            var result = output.Grading;
            var key = output.Zonal?.KeyAreas.Select(a => a.Row.Zone.Name).ToList() ?? [];
            int rank = 0;
            var methods = result.Ranked().Select(x => new MethodSummary(x.Accuracy is null ? null : ++rank, x.Method, [.. x.Thresholds.Breaks],
                x.Accuracy?.OverallAccuracy ?? double.NaN, x.Accuracy?.Kappa ?? double.NaN, x.Accuracy?.WeightedKappa ?? double.NaN,
                x.Accuracy?.HitRate ?? double.NaN, x.Accuracy?.FalseAlarmRate ?? double.NaN, x.Accuracy?.Total ?? 0)).ToList();
            return new Summary(q.Index, result.Statistics.Count, result.Statistics.Mean, result.Statistics.StdDev, result.Transform.ToString(),
                result.Validation, methods, key, output.Files, result.Notes);
        }
        finally
        {
            foreach (var r in extra) r.Dispose();
        }
    }

    /// <summary>The flag that sets the risk option behind a key of <see cref="RiskOptions.Validate"/>: a list the
    /// user did not give is wrong because of --levels.</summary>
    internal static string Flag(string key, bool kGiven, bool multiplesGiven) => key switch
    {
        "errorTheory.k" => kGiven ? "--k" : "--levels",
        "parameter.multiples" => multiplesGiven ? "--multiples" : "--levels",
        "fluctuation.k" => "--levels",
        "parameter.value" => "--reference-value",
        "validation.sampleSize" => "--sample-size",
        "levels" => "--levels",
        _ => "risk." + key,
    };

    private static string[] SplitPaths(string? s) => s is null ? [] : s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IndexTransformKind ParseTransform(string s) => s.Trim().ToUpperInvariant() switch
    {
        "NONE" => IndexTransformKind.None,
        "LOG1P" or "LOG" => IndexTransformKind.Log1p,
        "BOXCOX" or "BOX-COX" => IndexTransformKind.BoxCox,
        _ => throw new InputException($"--transform: '{s}'; expected none, log1p or boxcox."),
    };

    private static double[]? ParseList(string? s, string option)
    {
        if (s is null) return null;
        var parts = s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var v = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]))
                throw new InputException($"{option}: '{parts[i]}' is not a number; expected a comma-separated list such as -1,0,1,2.");
        return v;
    }

    private static string Format(Summary s)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(ci, $"Index:       {s.Index} ({s.ValidUnits:N0} valid units, mean {s.Mean:G6}, sd {s.StdDev:G6}, transform {s.Transform})");
        sb.AppendLine(ci, $"Validation:  {s.Validation}");
        sb.AppendLine("rank  method        OA       kappa    wkappa   hit      falseAlarm  n");
        foreach (var m in s.Methods)
            sb.AppendLine(ci, $"{(m.Rank?.ToString(ci) ?? "-"),4}  {m.Method,-12}  {m.OverallAccuracy,7:F4}  {m.Kappa,7:F4}  {m.WeightedKappa,7:F4}  {m.HitRate,7:F4}  {m.FalseAlarmRate,10:F4}  {m.N}");
        if (s.KeyMonitoringAreas.Count > 0) sb.AppendLine("Key monitoring areas: " + string.Join(", ", s.KeyMonitoringAreas));
        foreach (var n in s.Notes) sb.AppendLine("Note: " + n);
        sb.AppendLine("Wrote:");
        foreach (var f in s.Files) sb.AppendLine("  " + f);
        return sb.ToString();
    }
}
