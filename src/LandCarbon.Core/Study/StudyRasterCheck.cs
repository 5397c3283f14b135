using System.Globalization;
using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Models;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Study;

/// <summary>What the raster check learned: the study grid, its pixel areas and each year's code histogram.</summary>
public sealed record StudyRasterFacts(GridSpec Grid, IReadOnlyDictionary<int, SortedDictionary<int, long>> CodeCounts)
{
    /// <summary>The area model of the grid under <c>accounting.areaModel</c>.</summary>
    public PixelAreas? Areas { get; init; }
}

/// <summary>
/// The checks of a study that need the rasters: every land-use raster and correction raster is on the grid of the
/// first land-use raster (a mismatch names both files and what differs), land-use rasters hold integers, every
/// code present is mapped or nodata (unknown codes are listed with their pixel counts), every fishnet cell size is a
/// whole number of pixels, and in stock mode every code present has a row in the pool table. All problems are reported together.
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
        if (grid is not null) CheckFishnets(study, grid, problems);
        if (study.Accounting.Mode == AccountingMode.Stock && study.Accounting.PoolsPath is string pools && File.Exists(pools))
            CheckPools(pools, counts, study, problems);
        PixelAreas? areas = null;
        if (grid is not null)
        {
            try
            {
                areas = PixelAreas.For(grid, study.Accounting.AreaModel, gridFile!);
            }
            catch (InputException e)
            {
                problems.Add(e.Message);
            }
            problems.AddRange(MetreDistanceProblems(study, grid, gridFile!));
        }
        if (problems.Count > 0)
            throw new InputException($"{study.SourcePath}: the rasters of the study have {problems.Count} problem(s):", problems);
        if (grid is null) throw new InputException($"{study.SourcePath}: no land-use raster could be read.");
        return new StudyRasterFacts(grid, counts) { Areas = areas };
    }

    /// <summary>
    /// Distances the study gives in metres (POI kernel radius, fishnet cell sizes) need a grid whose coordinates are
    /// metres: on a geographic grid (degrees) or a projected grid in another linear unit each such key is a
    /// problem naming it, never a distance silently read in the grid's unit.
    /// </summary>
    public static IEnumerable<string> MetreDistanceProblems(StudyDefinition study, GridSpec grid, string gridFile)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(grid);
        string? unit = PixelAreas.NonMetreUnit(grid);
        if (unit is null) yield break;
        var keys = new List<string>();
        if (study.Poi is { } poi && poi.RadiusMeters is not null) keys.Add("poi.radiusMeters");
        if (study.Spatial is not null) keys.Add("spatial.fishnetMeters");
        if (study.Risk?.FishnetMeters is not null) keys.Add("risk.fishnetMeters");
        if (study.Regression?.FishnetMeters is not null) keys.Add("regression.fishnetMeters");
        foreach (string key in keys)
            yield return $"{key}: a distance in metres needs a grid in metres, but the grid of {gridFile} is in {unit} ({grid.Crs}); " +
                "reproject the rasters to a projected CRS in metres (e.g. UTM or Albers) to use this key.";
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

    /// <summary>
    /// The fishnet cell sizes the study states, with their keys: checked against the grid here with the same resolver
    /// the stages use, so a size the run would refuse is refused before anything runs.
    /// </summary>
    public static IEnumerable<(string Key, double Meters)> FishnetSizes(StudyDefinition study)
    {
        ArgumentNullException.ThrowIfNull(study);
        if (study.Spatial?.FishnetMeters is double s) yield return ("spatial.fishnetMeters", s);
        if (study.Regression is { Fishnet: true, FishnetMeters: double r }) yield return ("regression.fishnetMeters", r);
        if (study.Risk?.FishnetMeters is double k) yield return ("risk.fishnetMeters", k);
    }

    /// <summary>Every stated fishnet size resolved against the grid, and the spatial stage's Gi* band against its cell.</summary>
    private static void CheckFishnets(StudyDefinition study, GridSpec grid, List<string> problems)
    {
        foreach (var (key, meters) in FishnetSizes(study))
        {
            try
            {
                SpatialStatistics.FishnetAggregation.FactorFor(grid, meters, key);
            }
            catch (InputException e)
            {
                problems.Add(e.Message);
            }
        }
        if (study.Spatial is not { GiStarWeights: SpatialStatistics.GiStarWeighting.DistanceBand } spatial) return;
        try
        {
            int factor = spatial.FishnetMeters is double m
                ? SpatialStatistics.FishnetAggregation.FactorFor(grid, m, "spatial.fishnetMeters")
                : SpatialStatistics.FishnetAggregation.DefaultFactor(grid, "spatial.fishnetMeters");
            SpatialStatistics.FishnetGiStar.CheckBand(factor * Math.Abs(grid.Transform.PixelWidth), spatial.GiStarBandMeters);
        }
        catch (InputException e)
        {
            if (!problems.Contains(e.Message)) problems.Add(e.Message);
        }
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
