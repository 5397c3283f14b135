using LandCarbon.Core.Outputs;

namespace LandCarbon.Core.LandUseChange;

/// <summary>The rasters written for one interval (absolute paths).</summary>
public sealed record IntervalRasters(string DeltaCbiPath, string SpaceGradePath, string MechanismPath);

/// <summary>
/// What the change analysis hands to later stages (regression, spatial statistics, risk, zonal, report): per
/// interval the ΔCBI raster (float32, t C/yr, nodata NaN), the space-grade and mechanism rasters, the grade breaks,
/// the totals and offset ratio, and all table rows. Intervals are the consecutive ones in year order, then the
/// first → last year when enabled.
/// </summary>
public sealed record ChangeAnalysisResult(IReadOnlyList<IntervalChange> Intervals, IReadOnlyDictionary<string, IntervalRasters> Rasters,
    ChangeAnalysisOptions Options)
{
    /// <summary>The interval t1 → t2.</summary>
    public IntervalChange this[int fromYear, int toYear] => Intervals.FirstOrDefault(i => i.FromYear == fromYear && i.ToYear == toYear)
        ?? throw new KeyNotFoundException($"No change analysis for {fromYear}→{toYear}; intervals are {string.Join(", ", Intervals.Select(i => i.Key))}.");

    /// <summary>The first → last interval (or the only one).</summary>
    public IntervalChange WholePeriod => Intervals.MaxBy(i => i.ToYear - i.FromYear)!;

    /// <summary>Path of the ΔCBI raster of an interval.</summary>
    public string DeltaCbiPath(IntervalChange interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return Rasters[interval.Key].DeltaCbiPath;
    }
}

/// <summary>One year's inputs of the change analysis: the reclassified class raster and the budget raster (CBI, or
/// stock in stock mode), and the regional budget E(t) the accounting reported for it (t C/yr; null: Σ of the budget
/// raster as read).</summary>
public sealed record ChangeYear(int Year, string ClassPath, BudgetRaster Budget, double? BudgetTonnesC = null);

/// <summary>
/// Runs the change analysis over the years of a study: every consecutive interval and first → last, writes the
/// rasters and tables of each, tables/offset_ratio.csv, tables/budget_change.csv and tables/checks.csv, and throws
/// <see cref="ChangeCheckException"/> (after writing checks.csv) when a check fails.
/// </summary>
public static class ChangeAnalysisRunner
{
    /// <summary>Runs everything; <paramref name="rasterPath"/>/<paramref name="tablePath"/> map an output name to its file.</summary>
    public static ChangeAnalysisResult Run(IReadOnlyList<ChangeYear> years, Func<string, Raster.IRasterReader> open,
        ChangeAnalysisOptions options, Processing.TileOptions tiles, Func<string, string> rasterPath, Func<string, string> tablePath,
        Func<int, string> className, Processing.PixelAreas? areas = null)
    {
        ArgumentNullException.ThrowIfNull(years);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tiles);
        ArgumentNullException.ThrowIfNull(rasterPath);
        ArgumentNullException.ThrowIfNull(tablePath);
        var ordered = years.OrderBy(y => y.Year).ToList();
        if (ordered.Count < 2) throw new Models.InputException($"The change analysis needs at least two years; the study has {ordered.Count}.");
        var pairs = ordered.Zip(ordered.Skip(1)).ToList();
        if (options.IncludeWholePeriod && ordered.Count > 2) pairs.Add((ordered[0], ordered[^1]));
        // All intervals in shared passes: each year's class and budget rasters are opened once and each of their
        // tiles decoded once per pass, however many intervals the year belongs to.
        var used = pairs.SelectMany(p => new[] { p.Item1, p.Item2 }).Distinct().ToList();
        var classes = new Dictionary<ChangeYear, Raster.IRasterReader>();
        var budgets = new Dictionary<ChangeYear, Raster.IRasterReader>();
        var sinks = new List<ChangeRasterSink>();
        try
        {
            foreach (var y in used)
            {
                classes[y] = open(y.ClassPath);
                budgets[y] = y.Budget.OpenBudget(open);
            }
            var keys = pairs.Select(p => $"{p.Item1.Year}_{p.Item2.Year}").ToList();
            var paths = keys.Select(k => Paths(k, rasterPath)).ToList();
            for (int i = 0; i < pairs.Count; i++) sinks.Add(Sink(pairs[i].Item1, pairs[i].Item2, classes[pairs[i].Item1].Grid, paths[i], options));
            var changes = IntervalChangeAnalyzer.RunAll(
                [.. pairs.Select(p => new IntervalInputs(p.Item1.Year, p.Item2.Year, classes[p.Item1], classes[p.Item2], budgets[p.Item1], budgets[p.Item2]))],
                options, tiles, sinks, areas);
            var intervals = new List<IntervalChange>();
            var rasters = new Dictionary<string, IntervalRasters>();
            Processing.TileProcessor.RunAll(tiles, [.. sinks.Select(s => (Action)s.Commit)]);
            for (int i = 0; i < pairs.Count; i++)
            {
                intervals.Add(Finish(changes[i], pairs[i].Item1, pairs[i].Item2, keys[i], tablePath, className));
                rasters[keys[i]] = paths[i];
            }
            ChangeTables.WriteOffsetRatios(intervals, tablePath(OutputCatalog.OffsetRatio.Name()));
            ChangeTables.WriteBudgetChange(intervals, tablePath(OutputCatalog.BudgetChange.Name()));
            ChangeTables.WriteChecksAndEnsure(intervals, tablePath(OutputCatalog.Checks.Name()));
            return new ChangeAnalysisResult(intervals, rasters, options);
        }
        finally
        {
            foreach (var s in sinks) s.Dispose();
            foreach (var r in classes.Values.Concat(budgets.Values)) r.Dispose();
        }
    }

    /// <summary>
    /// The intervals <paramref name="a"/> → each of <paramref name="targets"/> (a scenario's projected years from its
    /// base year), each with its rasters <c>delta_cbi_&lt;key&gt;</c>, <c>space_grade_&lt;key&gt;</c>,
    /// <c>mechanism_&lt;key&gt;</c>, its tables (suffix its key) and its checks, including the budget identity
    /// Σ ΔCBI + unchanged-class part + nodata part = E(t2) − E(t1). Observed intervals use the key <c>t1_t2</c>; a
    /// scenario's projected interval <c>&lt;scenario&gt;_t1_t2</c>. All intervals share the two passes
    /// (<see cref="IntervalChangeAnalyzer.RunAll"/>): the base year's class and budget rasters are opened once and
    /// each of their tiles decoded once per pass, not once per interval (issue 17); the results are those of one
    /// interval at a time, bit for bit.
    /// </summary>
    public static IReadOnlyList<(IntervalChange Change, IntervalRasters Rasters)> RunIntervals(ChangeYear a, IReadOnlyList<(ChangeYear To, string Key)> targets,
        Func<string, Raster.IRasterReader> open, ChangeAnalysisOptions options, Processing.TileOptions tiles, Func<string, string> rasterPath,
        Func<string, string> tablePath, Func<int, string> className, Processing.PixelAreas? areas = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rasterPath);
        ArgumentNullException.ThrowIfNull(tablePath);
        var readers = new List<Raster.IRasterReader>();
        var sinks = new List<ChangeRasterSink>();
        Raster.IRasterReader Keep(Raster.IRasterReader r)
        {
            readers.Add(r);
            return r;
        }
        try
        {
            var classFrom = Keep(open(a.ClassPath));
            var cbiFrom = Keep(a.Budget.OpenBudget(open));
            var inputs = new List<IntervalInputs>();
            var paths = new List<IntervalRasters>();
            foreach (var (b, key) in targets)
            {
                inputs.Add(new IntervalInputs(a.Year, b.Year, classFrom, Keep(open(b.ClassPath)), cbiFrom, Keep(b.Budget.OpenBudget(open))));
                paths.Add(Paths(key, rasterPath));
                sinks.Add(Sink(a, b, classFrom.Grid, paths[^1], options));
            }
            var changes = IntervalChangeAnalyzer.RunAll(inputs, options, tiles, sinks, areas);
            Processing.TileProcessor.RunAll(tiles, [.. sinks.Select(s => (Action)s.Commit)]);
            return [.. targets.Select((t, i) => (Finish(changes[i], a, t.To, t.Key, tablePath, className), paths[i]))];
        }
        finally
        {
            foreach (var s in sinks) s.Dispose();
            foreach (var r in readers) r.Dispose();
        }
    }

    private static IntervalRasters Paths(string key, Func<string, string> rasterPath) =>
        new(rasterPath(ChangeTables.IntervalName(OutputCatalog.DeltaCbi, OutputCatalog.ScenarioDeltaCbi, key)),
            rasterPath(ChangeTables.IntervalName(OutputCatalog.SpaceGrade, OutputCatalog.ScenarioSpaceGrade, key)),
            rasterPath(ChangeTables.IntervalName(OutputCatalog.Mechanism, OutputCatalog.ScenarioMechanism, key)));

    private static ChangeRasterSink Sink(ChangeYear a, ChangeYear b, Raster.GridSpec grid, IntervalRasters paths, ChangeAnalysisOptions options) =>
        new(grid, paths.DeltaCbiPath, paths.SpaceGradePath, paths.MechanismPath, options.Grading.Grades,
            options.Cumulative ? $"t C over {a.Year}–{b.Year}" : "t C/yr");

    /// <summary>Appends the budget identity check to an analysed interval and writes its tables.</summary>
    private static IntervalChange Finish(IntervalChange change, ChangeYear a, ChangeYear b, string key, Func<string, string> tablePath, Func<int, string> className)
    {
        change = change with { Checks = [.. change.Checks, IntervalChangeBuilder.BudgetCheck(change, a.BudgetTonnesC, b.BudgetTonnesC)] };
        ChangeTables.WriteInterval(change, tablePath, className, key);
        return change;
    }
}
