using LandCarbon.Core.Geodesy;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Risk;

/// <summary>The rasters the driver factors of the forecasts come from.</summary>
/// <param name="ClassPaths">Node year → reclassified class raster.</param>
/// <param name="StaticFactors">Name → raster of a factor that does not change with the year (POI densities, slope,
/// <c>risk.drivers.rasters</c>).</param>
public sealed record RiskDrivers(IReadOnlyDictionary<int, string> ClassPaths, IReadOnlyList<(string Name, string Path)> StaticFactors);

/// <summary>
/// The early warning of a study run on the change analysis (METHOD-SPEC §(j), docs/methods/risk.md):
/// <list type="number">
/// <item>the current map: the last interval's index graded with thresholds learned on every consecutive interval
/// (<see cref="RiskWarning.GradeAndWrite"/>, the same entry point as <c>landcarbon risk grade</c>), validated only
/// against a sample file when one is given;</item>
/// <item>on fishnet cells, the hindcast (<see cref="RiskHindcast"/>): every interval with two or more earlier ones is
/// forecast from the past and scored against one shared reference, with the two baselines;</item>
/// <item>the warning for the next, unobserved interval and its key monitoring areas (<see cref="RiskOutlook"/>).</item>
/// </list>
/// </summary>
public static class RiskAnalysis
{
    /// <summary>Runs the warning and writes its tables and rasters; <paramref name="fishnets"/>, when given, keeps the
    /// fishnet aggregates of the ΔCBI and factor rasters for later stages of the run.</summary>
    public static RiskAnalysisResult FromChange(ChangeAnalysisResult change, RiskSection section, long seed, Func<string, IRasterReader> open,
        TileOptions tiles, Func<string, string> rasterPath, Func<string, string> tablePath, ICollection<string>? warnings = null,
        RiskDrivers? drivers = null, ISimulatedIndex? simulation = null, AreaModel areaModel = AreaModel.True, SpatialStatistics.FishnetCache? fishnets = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(rasterPath);
        ArgumentNullException.ThrowIfNull(tablePath);
        var intervals = ConsecutiveIntervals(change);
        var options = section.Options with { Seed = seed };
        if (options.Forecasts.Contains(RiskForecast.Simulation) && simulation is null)
            throw new Models.InputException("risk.forecast: 'simulation' needs a scenario simulation stage in the run, and this run has none; remove it or add the simulation.");
        bool perKm2 = section.Index == RiskIndexKind.DeltaCbiPerKm2;
        bool composite = section.Index == RiskIndexKind.Composite;
        bool units = section.FishnetMeters is not null && drivers is not null;
        bool hindcast = units && intervals.Count >= 3;
        if (!units && section.Index is RiskIndexKind.Composite or RiskIndexKind.DominantFactor)
            throw new Models.InputException($"risk.index: {RiskSection.RiskIndexName(section.Index)} needs fishnet cells and the land use of every year.");
        UnitSeries? series = null;
        Func<UnitSeries, int, UnitSeries>? indexAt = composite ? (s, k) => CompositeSeries.Of(s, k, section.CompositeWeights, tiles).Series : null;
        var files = new List<string>();
        RiskGradeOutput current;
        var readers = intervals.Select(i => open(change.DeltaCbiPath(i))).ToList();
        try
        {
            var delta = readers.Select(r => RiskWarning.Index(r, section.FishnetMeters, tiles, perKm2, areaModel, fishnets)).ToList();
            // The series' index is these fishnet sums per year: each ΔCBI raster is read once.
            if (units)
                series = UnitSeriesBuilder.Build(new UnitSeriesInputs([.. intervals.Select(i => (i, change.DeltaCbiPath(i)))], drivers!.ClassPaths, drivers.StaticFactors),
                    open, section.FishnetMeters!.Value, perKm2, tiles, areaModel, [.. delta.Cast<ArrayIndexSource>()], fishnets);
            // The composite's current map: every interval's composite, normalised on all of them; zonal sums stay ΔCBI.
            var index = composite
                ? [.. indexAt!(series!, series!.IntervalCount).Index.Select(a => (IRiskIndexSource)new ArrayIndexSource(series.Grid, a))]
                : delta;
            var last = index[^1];
            var samples = section.SamplesFile is { } file
                ? ValidationSampleReader.Read(file, last.Grid, options.LevelCount, ChineseCoordinates.Parse(section.SampleCrs))
                : null;
            current = RiskWarning.GradeAndWrite(new RiskInputs(index, last, Samples: samples), options, composite ? delta[^1] : null, section.Zones, tiles,
                rasterPath, tablePath, warnings, accuracyTable: !hindcast, areaModel: areaModel);
            files.AddRange(current.Files);
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }

        RiskHindcastResult? hc = null;
        RiskOutlookResult? outlook = null;
        if (series is null)
            warnings?.Add("risk: the hindcast and the warning for the next interval run on fishnet cells; set risk.fishnetMeters to get them.");
        else
        {
            if (hindcast)
            {
                hc = RiskHindcast.Run(series, options, tiles, simulation, indexAt);
                files.AddRange(HindcastTables.Write(hc, tablePath));
            }
            else warnings?.Add($"risk: the hindcast needs at least three consecutive intervals (a target with two earlier ones); this study has {intervals.Count}.");
            outlook = RiskOutlook.Run(series, hc, options, section.Zones, tiles, rasterPath, tablePath, warnings, simulation, indexAt, areaModel);
            files.AddRange(outlook.Files);
        }
        return new RiskAnalysisResult(current.Grading, current.Zonal, intervals[^1].Key, [.. intervals.Select(i => i.Key)], hc, outlook, files);
    }

    /// <summary>The consecutive intervals in time order (the first → last interval left out when others exist).</summary>
    public static IReadOnlyList<IntervalChange> ConsecutiveIntervals(ChangeAnalysisResult change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var all = change.Intervals.OrderBy(i => i.FromYear).ThenBy(i => i.ToYear).ToList();
        if (all.Count == 0) throw new Models.InputException("risk: the change analysis produced no interval.");
        int first = all.Min(i => i.FromYear), lastYear = all.Max(i => i.ToYear);
        var consecutive = all.Count > 1 ? all.Where(i => !(i.FromYear == first && i.ToYear == lastYear)).ToList() : all;
        return consecutive.Count > 0 ? consecutive : all;
    }
}
