using System.Globalization;
using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Models;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Study;

/// <summary>What the raster check learned: the study grid and each year's code histogram.</summary>
public sealed record StudyRasterFacts(GridSpec Grid, IReadOnlyDictionary<int, SortedDictionary<int, long>> CodeCounts);

/// <summary>
/// The checks of a study that need the rasters: every land-use raster and correction raster is on the grid of the
/// first land-use raster (a mismatch names both files and what differs), land-use rasters hold integers, every
/// code present is mapped or nodata (unknown codes are listed with their pixel counts), and in stock mode every
/// code present has a row in the pool table. All problems are reported together.
/// </summary>
public static class StudyRasterCheck
{
    /// <summary>Runs the checks; throws one <see cref="InputException"/> listing every problem.</summary>
    public static StudyRasterFacts Check(StudyDefinition study, Func<string, IRasterReader> open, TileOptions options)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(open);
        var problems = new List<string>();
        GridSpec? grid = null;
        string? gridFile = null;
        var counts = new SortedDictionary<int, SortedDictionary<int, long>>();
        foreach (var (year, file) in study.Years)
        {
            string key = $"years.{year} ({file})";
            try
            {
                using var r = open(file);
                if (!r.DataType.IsInteger())
                {
                    problems.Add($"{key}: a land-use raster must hold integer class codes, not {r.DataType.GdalName()}.");
                    continue;
                }
                if (grid is null)
                {
                    grid = r.Grid;
                    gridFile = file;
                }
                else if (!Aligned(grid, gridFile!, r.Grid, file, problems)) continue;
                var hist = new SortedDictionary<int, long>();
                foreach (var (value, n) in RasterHistogram.Compute(r, options).Counts ?? []) hist[(int)value] = n;
                counts[year] = hist;
                var lookup = study.Classes.CreateLookup(r.NoData);
                var unknown = hist.Where(kv => lookup[kv.Key] == ClassLookup.Unknown).ToList();
                var outOfRange = hist.Where(kv => lookup[kv.Key] != 0 && (kv.Key < 0 || kv.Key > AccountingStage.MaxRawCode)).ToList();
                if (study.RawCodes && outOfRange.Count > 0)
                    problems.Add($"{key}: land-use codes outside 0…{AccountingStage.MaxRawCode}: {Format(outOfRange)}; stock mode without classes.map uses the raw codes as categories, so map them under classes.map or list them under classes.nodata.");
                if (unknown.Count > 0 && !study.RawCodes)
                    problems.Add($"{key}: land-use codes not in the class scheme: {Format(unknown)}; map them under classes.map or list them under classes.nodata.");
            }
            catch (InputException e)
            {
                problems.Add($"{key}: {e.Message}");
            }
        }
        if (grid is not null)
        {
            foreach (var (name, file) in CorrectionRasters(study.Accounting))
            {
                try
                {
                    using var r = open(file);
                    Aligned(grid, gridFile!, r.Grid, $"{name} ({file})", problems);
                }
                catch (InputException e)
                {
                    problems.Add($"{name} ({file}): {e.Message}");
                }
            }
        }
        if (study.Accounting.Mode == AccountingMode.Stock && study.Accounting.PoolsPath is string pools && File.Exists(pools))
            CheckPools(pools, counts, study, problems);
        if (problems.Count > 0)
            throw new InputException($"{study.SourcePath}: the rasters of the study have {problems.Count} problem(s):", problems);
        if (grid is null) throw new InputException($"{study.SourcePath}: no land-use raster could be read.");
        return new StudyRasterFacts(grid, counts);
    }

    /// <summary>The correction and zone rasters named in the accounting section, with their study keys.</summary>
    public static IEnumerable<(string Key, string Path)> CorrectionRasters(AccountingSection a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var c = a.Corrections;
        if (c.Vegetation is { } v) yield return ("accounting.corrections.vegetation.raster", v.RasterPath);
        if (c.Climate is { } cl)
        {
            yield return ("accounting.corrections.climate.precipitation", cl.PrecipitationPath);
            yield return ("accounting.corrections.climate.temperature", cl.TemperaturePath);
        }
        if (c.Terrain is { } t) yield return ("accounting.corrections.terrain.dem", t.DemPath);
        if (c.Poi?.RasterPath is string p) yield return ("accounting.corrections.poi.raster", p);
        if (a.Mode == AccountingMode.Flux && a.Construction.EnergyPath is not null && a.Construction.ZonesPath is string z && IsRasterPath(z))
            yield return ("accounting.construction.zones", z);
    }

    /// <summary>True for file names the GeoTIFF reader handles (.tif, .tiff).</summary>
    public static bool IsRasterPath(string path) =>
        path.EndsWith(".tif", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tiff", StringComparison.OrdinalIgnoreCase);

    private static bool Aligned(GridSpec grid, string gridFile, GridSpec other, string otherName, List<string> problems)
    {
        var d = grid.DifferencesFrom(other);
        if (d.Count == 0) return true;
        problems.Add($"{otherName} is not on the grid of {gridFile} (the first land-use raster): " +
            string.Join("; ", d.Select(x => x.Replace("{a}", gridFile, StringComparison.Ordinal).Replace("{b}", otherName, StringComparison.Ordinal))) +
            "; resample it onto that grid first.");
        return false;
    }

    private static void CheckPools(string poolsPath, SortedDictionary<int, SortedDictionary<int, long>> counts, StudyDefinition study, List<string> problems)
    {
        CarbonPoolTable table;
        try
        {
            table = CarbonPoolTable.Read(poolsPath);
        }
        catch (InputException)
        {
            return; // already reported by the study loader
        }
        var missing = new SortedDictionary<int, long>();
        foreach (var (year, hist) in counts)
        {
            var nodata = new HashSet<int>(study.Classes.NoDataCodes);
            foreach (var (code, n) in hist)
                if (!nodata.Contains(code) && table.Find(code) is null) missing[code] = missing.GetValueOrDefault(code) + n;
        }
        if (missing.Count > 0)
            problems.Add($"accounting.pools ({poolsPath}): land-use codes missing from the pool table: {Format(missing)} (pixels summed over all years); add a row per code (lucode,c_above,c_below,c_soil,c_dead).");
    }

    private static string Format(IEnumerable<KeyValuePair<int, long>> codes) =>
        string.Join(", ", codes.Select(kv => $"{(kv.Key == int.MinValue ? "out-of-range" : kv.Key.ToString(CultureInfo.InvariantCulture))} ({kv.Value.ToString("N0", CultureInfo.InvariantCulture)} px)"));
}
