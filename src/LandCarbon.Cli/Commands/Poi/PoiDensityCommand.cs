using System.CommandLine;
using System.Globalization;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Poi;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Cli.Commands.Poi;

/// <summary>
/// `landcarbon poi density POI --grid REF.tif --radius-m R --out DIR`: classifies POIs into functions and writes
/// one kernel-density raster per function (DIR/rasters/poi_density_FUNCTION.tif, float32, per km²) and
/// DIR/tables/poi_summary.csv (+ poi_unmapped.csv). Docs: docs/methods/poi.md.
/// </summary>
internal static class PoiDensityCommand
{
    /// <summary>The --json document.</summary>
    internal sealed record Summary(IReadOnlyList<FunctionSummary> Functions, IReadOnlyDictionary<string, int> Dropped,
        IReadOnlyList<string> DropDetails, IReadOnlyDictionary<string, int> Unmapped, string SummaryTable);

    /// <summary>One function in the --json document.</summary>
    internal sealed record FunctionSummary(string Function, int Points, int OutsideGrid, double RadiusM, double PeakDensityPerKm2, string Raster);

    public static Command Create()
    {
        var poi = new Argument<string>("POI") { Description = "POI points: CSV/TSV (UTF-8 or GB18030), GeoJSON or a point shapefile." };
        var grid = new Option<string>("--grid") { Description = "Reference raster defining the study grid (projected, north-up); densities cover every pixel of it (no nodata mask), as in `landcarbon run`.", Required = true };
        var radius = new Option<double?>("--radius-m") { Description = "Search radius in metres (default: the ArcGIS rule of thumb per function)." };
        var outDir = new Option<string>("--out") { Description = "Output folder (rasters/ and tables/ are created in it).", Required = true };
        var kernel = CommonOptions.FromStudyKey<string>("--kernel", "poi.kernel", "; quartic is ArcGIS's");
        var crs = new Option<string?>("--crs") { Description = "System of the coordinates: wgs84, gcj02 (Amap, Tencent), bd09 (Baidu), or grid when x/y are already in the grid's CRS; required unless the file declares its CRS (GeoJSON crs member, shapefile .prj)." };
        var lon = new Option<string?>("--lon", "--x") { Description = "Longitude (or x) column; guessed from lon, lng, longitude, x." };
        var lat = new Option<string?>("--lat", "--y") { Description = "Latitude (or y) column; guessed from lat, latitude, y." };
        var category = new Option<string?>("--category") { Description = "Category column(s), comma-separated and joined as an Amap path (e.g. cat_l1,cat_l2,cat_l3); guessed from cat_l1..3, type, category." };
        var typeCode = new Option<string?>("--typecode") { Description = "Amap 6-digit type-code column; guessed from typecode." };
        var weight = new Option<string?>("--weight") { Description = "Weight (population) column; every POI counts 1 without it." };
        var map = new Option<string?>("--function-map") { Description = "CSV of extra rules match,function overriding the built-in Amap mapping." };
        var common = new CommonOptions();
        var constructionCodes = new Option<string?>("--factor-construction-code") { Description = "Codes of construction land in the --grid raster (comma-separated, e.g. 8 for CLCD); writes rasters/poi_factor.tif, the F_POI of METHOD-SPEC (c)4." };
        var factorMode = new Option<string>("--factor-mode") { Description = "fixed (relative weights, default) or sectors (sector totals allocated by density).", DefaultValueFactory = _ => "fixed" };
        var weights = new Option<string?>("--weights") { Description = "Fixed weights, e.g. industrial=1,transport=0.6,commercial-service=0.4,residential=0.35,public-service=0.25 (the default)." };
        var sectors = new Option<string?>("--sector-totals") { Description = "Sector totals for --factor-mode sectors, e.g. industrial=1.2e6,transport=3e5,commercial-service=2e5,residential=4e5,public-service=1e5." };
        var minFactor = CommonOptions.FromStudyKey<double>("--min-poi-factor", "accounting.corrections.poi.minFactor", " (0…1)");
        var cmd = new DocumentedCommand("density", "Kernel density of POIs per function (industrial, transport, residential, commercial-service, public-service, other) on a study grid.",
            ["methods/poi.md"], "Writes rasters/poi_density_FUNCTION.tif and tables/poi_summary.csv, byte-identical to the POI stage of `landcarbon run` on the same grid.")
        {
            poi, grid, radius, outDir, kernel, crs, lon, lat, category, typeCode, weight, map,
            constructionCodes, factorMode, weights, sectors, minFactor,
        };
        common.AddTo(cmd);
        CliAction.Set(cmd, (pr, ct) =>
        {
            var shape = KernelDensity.ParseShape(pr.GetValue(kernel)!);
            string crsText = DeclaredCrs.Resolve("--crs", DeclaredCrs.Choice("--crs", pr.GetValue(crs)), pr.GetValue(poi)!);
            LonLatSystem? lonLat = string.Equals(crsText.Trim(), "grid", StringComparison.OrdinalIgnoreCase) ? null : ChineseCoordinates.Parse(crsText);
            double? r = pr.GetValue(radius);
            if (r is double rv && !(rv > 0)) throw new Core.Models.InputException($"--radius-m must be a positive number of metres; got {rv.ToString(CultureInfo.InvariantCulture)}.");
            var readOptions = new PoiReadOptions
            {
                XColumn = pr.GetValue(lon),
                YColumn = pr.GetValue(lat),
                CategoryColumns = pr.GetValue(category)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                TypeCodeColumn = pr.GetValue(typeCode),
                WeightColumn = pr.GetValue(weight),
            };
            var functionMap = pr.GetValue(map) is string m ? PoiFunctionMap.Default().OverriddenBy(m) : PoiFunctionMap.Default();
            string dir = Path.GetFullPath(pr.GetValue(outDir)!);
            using var reference = GeoTiffReader.Open(pr.GetValue(grid)!);
            string rasters = Path.Combine(dir, "rasters"), tables = Path.Combine(dir, "tables");
            Directory.CreateDirectory(rasters);
            Directory.CreateDirectory(tables);
            var tiles = common.TileOptions(pr, ct);
            string Out(OutputFile o, params string[] v) => Path.Combine(dir, o.RelativePath(v));
            string summaryPath = Out(OutputCatalog.PoiSummary);
            // The same entry point as the POI stage of `landcarbon run` (byte-identical outputs on the same grid).
            var run = PoiDensityModel.Run(new PoiDensityRequest(pr.GetValue(poi)!, readOptions, functionMap, lonLat, r, shape) { CrsKey = "--crs" },
                reference.Grid, f => Out(OutputCatalog.PoiDensity, PoiFunctions.Name(f)),
                summaryPath, Out(OutputCatalog.PoiUnmapped), tiles);
            var (result, placed) = (run.Result, run.Placed);
            string? factorPath = null;
            if (pr.GetValue(constructionCodes) is string codesText)
            {
                var codes = codesText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
                        : throw new Core.Models.InputException($"--factor-construction-code: '{c}' is not a number.")).ToHashSet();
                string mode = pr.GetValue(factorMode)!.Trim().ToLowerInvariant();
                var factorOptions = new PoiFactorOptions
                {
                    Mode = mode switch
                    {
                        "fixed" => PoiWeightingMode.FixedWeights,
                        "sectors" => PoiWeightingMode.SectorShares,
                        _ => throw new Core.Models.InputException($"--factor-mode: '{mode}' is not fixed or sectors."),
                    },
                    Weights = pr.GetValue(weights) is string wt ? ParsePairs(wt, "--weights") : PoiFactorOptions.DefaultWeights,
                    SectorTotals = pr.GetValue(sectors) is string st ? ParsePairs(st, "--sector-totals")
                        : mode == "sectors" ? throw new Core.Models.InputException("--factor-mode sectors needs --sector-totals.") : new Dictionary<PoiFunction, double>(),
                    MinPoiFactor = pr.GetValue(minFactor),
                };
                var (fields, _) = PoiDensityRasters.Fields(placed, shape, r, readOptions.WeightColumn is not null);
                factorPath = Out(OutputCatalog.PoiFactorRaster);
                PoiDensityRasters.WriteFactor(fields, reference, codes.Contains, factorOptions, factorPath, tiles);
            }
            var doc = new Summary(
                result.Functions.Select(f => new FunctionSummary(PoiFunctions.Name(f.Function), f.Points, f.OutsideGrid, f.RadiusMeters, f.PeakDensityPerKm2, f.RasterPath)).ToList(),
                Enum.GetValues<PoiDropReason>().ToDictionary(PoiDropReport.Name, result.Drops.Count),
                result.Drops.Describe(), result.Unmapped, summaryPath);
            if (pr.GetValue(common.Json))
            {
                CliAction.WriteJson(doc);
            }
            else
            {
                var ci = CultureInfo.InvariantCulture;
                Console.Out.WriteLine(string.Create(ci, $"{placed.TotalCount:N0} of {run.RowsRead:N0} POIs placed; kernel {shape.ToString().ToLowerInvariant()}."));
                foreach (var f in doc.Functions)
                    Console.Out.WriteLine(string.Create(ci, $"  {f.Function,-20} {f.Points,9:N0} points  radius {f.RadiusM:0.#} m  peak {f.PeakDensityPerKm2:0.###} /km²"));
                foreach (var d in doc.DropDetails) Console.Error.WriteLine("warning: dropped " + d);
                if (doc.Unmapped.Count > 0)
                    Console.Error.WriteLine(string.Create(ci, $"warning: {doc.Unmapped.Values.Sum():N0} POIs in {doc.Unmapped.Count} unmapped categories counted as other (tables/poi_unmapped.csv)."));
                if (factorPath is not null) Console.Out.WriteLine($"Wrote {factorPath} (F_POI, mean 1 over construction pixels)");
                Console.Out.WriteLine($"Wrote {rasters} and {summaryPath}");
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    // "industrial=1,transport=0.6" → function → value.
    private static Dictionary<PoiFunction, double> ParsePairs(string text, string option)
    {
        var d = new Dictionary<PoiFunction, double>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
                throw new Core.Models.InputException($"{option}: '{part}' is not FUNCTION=NUMBER.");
            d[PoiFunctions.Parse(part[..eq], option)] = v;
        }
        return d;
    }
}
