using LandCarbon.Core.Geodesy;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.SpatialStatistics;
using LandCarbon.Core.Study;
using LandCarbon.Core.Zonal;

namespace LandCarbon.Core.Risk;

/// <summary>
/// The early warning of a study run on the change analysis (temporal hold-out, METHOD-SPEC §(j)): the consecutive
/// intervals' ΔCBI rasters are the index; thresholds are learned on every interval but the last; the last interval
/// is graded (risk maps, level shares, zonal table) and validated against its observed carbon-increment grade
/// (breaks: <c>risk.observedGrade.breaks</c>, else the change analysis's increment breaks of that interval when it
/// has four grades, else seeded quartiles), or against a sample file. With a single interval the thresholds and
/// the observed grade come from the same interval (noted).
/// </summary>
public static class RiskAnalysis
{
    /// <summary>Runs the warning and writes its tables and rasters.</summary>
    public static RiskAnalysisResult FromChange(ChangeAnalysisResult change, RiskSection section, long seed, Func<string, IRasterReader> open,
        TileOptions tiles, Func<string, string> rasterPath, Func<string, string> tablePath, ICollection<string>? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(rasterPath);
        ArgumentNullException.ThrowIfNull(tablePath);
        var intervals = ConsecutiveIntervals(change);
        var options = section.Options with { Seed = seed };
        var readers = intervals.Select(i => open(change.DeltaCbiPath(i))).ToList();
        try
        {
            var index = readers.Select(r => Index(r, section.FishnetMeters, tiles)).ToList();
            var last = index[^1];
            var training = index.Count > 1 ? index.Take(index.Count - 1).ToList() : index;
            var notes = new List<string>();
            if (index.Count == 1) notes.Add("only one interval: thresholds and observed grades come from the same interval (no temporal hold-out).");
            IRiskIndexSource? prediction = options.HoldOutPrediction == HoldOutPrediction.PreviousInterval && index.Count > 1 ? index[^2] : null;

            IObservedLevelSource? observed = null;
            IReadOnlyList<ValidationSample>? samples = null;
            if (section.SamplesFile is { } file)
            {
                samples = ValidationSampleReader.Read(file, last.Grid, options.LevelCount, ChineseCoordinates.Parse(section.SampleCrs));
            }
            else
            {
                var grade = ObservedGradeFor(intervals[^1], last, options, section.FishnetMeters is not null, tiles);
                observed = new ObservedGradeSource(last, grade);
            }
            var grading = RiskGrader.Grade(new RiskInputs(training, last, prediction, observed, samples), options, tiles);
            if (notes.Count > 0) grading = grading with { Notes = [.. notes, .. grading.Notes] };

            var files = RiskTables.Write(grading, tablePath).ToList();
            files.AddRange(RiskRasters.Write(grading, last, rasterPath, tiles));
            ZonalSummary? zonal = null;
            if (section.ZonesFile is { } zonesFile)
            {
                var zones = ZoneLayer.Read(zonesFile, section.ZoneCrs, last.Grid, section.ZoneIdField, warnings: warnings, crsKey: "risk.zones.crs");
                var mask = ZoneRasterizer.Rasterize(zones, last.Grid);
                if (mask.OverlapPixels > 0)
                    warnings?.Add($"{zonesFile}: {mask.OverlapPixels} pixels lie in more than one polygon; each was given to the first.");
                var th = grading.Method(section.ZoneMethod).Thresholds;
                zonal = ZonalSummary.Compute(mask, last, th, null, options.StableEpsilon, section.KeyAreas, tiles);
                string zs = tablePath("zonal_summary"), ka = tablePath("key_monitoring_areas");
                zonal.SummaryTable().Save(zs);
                zonal.KeyAreaTable().Save(ka);
                files.Add(zs);
                files.Add(ka);
            }
            var keys = intervals.Select(i => i.Key).ToList();
            return new RiskAnalysisResult(grading, zonal, keys[^1], index.Count > 1 ? keys.Take(keys.Count - 1).ToList() : keys, files);
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
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

    private static IRiskIndexSource Index(IRasterReader reader, double? fishnetMeters, TileOptions tiles)
    {
        if (fishnetMeters is not double m) return new RasterIndexSource(reader);
        var f = FishnetAggregation.Aggregate(reader, FishnetAggregation.FactorFor(reader.Grid, m), FishnetStatistic.Sum, tiles: tiles);
        return new ArrayIndexSource(f.Grid, f.Values);
    }

    private static ObservedGrade ObservedGradeFor(IntervalChange interval, IRiskIndexSource last, RiskOptions o, bool fishnet, TileOptions tiles)
    {
        if (o.ObservedGradeBreaks is { Count: 3 } given)
            return new ObservedGrade(given, o.StableEpsilon, o.LevelCount, "risk.observedGrade.breaks");
        var t = interval.IncrementBreaks.Thresholds;
        if (!fishnet && t.Count == 3)
            return new ObservedGrade(t, o.StableEpsilon, o.LevelCount, $"increment grades of {interval.Key}: {interval.IncrementBreaks.Description}");
        return ObservedGrade.FromQuartiles(last, o.StableEpsilon, o.LevelCount, o.Seed, tiles);
    }
}
