using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Models;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Poi;
using LandCarbon.Core.Processing;
using LandCarbon.Core.SpatialStatistics;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Regression;

/// <summary>The rasters of one regression: reclassified classes at t1 and t2, ΔCBI of t1 → t2 and one density
/// raster per POI function (all on the study grid).</summary>
public sealed record QuantileRegressionInputs(int FromYear, int ToYear, string ClassFromPath, string ClassToPath,
    string DeltaCbiPath, IReadOnlyList<(string Name, string Path)> Densities)
{
    /// <summary>With F_POI on and the unweighted response: CBI(t1) and the CBI(t2) before POI weighting; y is then
    /// their difference instead of the ΔCBI raster (which contains F_POI).</summary>
    public (string CbiFromPath, string CbiToWithoutPoiPath)? Unweighted { get; init; }

    /// <summary>How y is named in tables/quantile_regression.csv (column <c>response</c>).</summary>
    public string Response { get; init; } = ResponseDeltaCbi;

    /// <summary>y = ΔCBI and the run has no POI factor, so y holds no POI weight.</summary>
    public const string ResponseDeltaCbi = "deltaCbi";

    /// <summary>y = CBI(t2) before POI weighting − CBI(t1).</summary>
    public const string ResponseWithoutPoi = "deltaCbiWithoutPoiFactor";

    /// <summary>y = ΔCBI with F_POI (circular).</summary>
    public const string ResponsePoiWeighted = "deltaCbiPoiWeighted";
}

/// <summary>What the quantile-regression stage hands on: the interval, the unit, how many expansion units there
/// were and how many were fitted, the regressors kept (with their mean and standard deviation before
/// standardisation) and the fit (null when the stage skipped with a warning).</summary>
public sealed record QuantileRegressionStageResult(int FromYear, int ToYear, string Unit, long CandidateUnits, int Units,
    IReadOnlyList<string> Functions, IReadOnlyList<double> Means, IReadOnlyList<double> StdDevs,
    QuantileRegressionResult? Fit, string? TablePath, string? TestsTablePath)
{
    /// <summary>The rasters the units came from (and so what the response y is).</summary>
    public QuantileRegressionInputs? Inputs { get; init; }
}

/// <summary>
/// The quantile-regression stage of `landcarbon run` (METHOD-SPEC (h)), enabled by the study's <c>regression:</c>
/// section. Units are pixels (or fishnet cells) with construction-land expansion over the interval
/// (class(t1) ∉ {construction, nodata}, class(t2) = construction); y = ΔCBI of the interval (per pixel, or summed
/// over the expansion pixels of a cell); x = the POI density of each function (per pixel, or averaged over the
/// expansion pixels of a cell), z-standardised by default. Units with a missing y or x are left out. More than
/// <c>maxUnits</c> units are subsampled: the units with the smallest <see cref="SampleKey"/>(run seed, unit index),
/// so the sample and every output are identical for any tile size and thread count. Functions with no variation
/// over the units (e.g. all zero) are dropped with a warning; fewer units than parameters + 1 skips the fit with a
/// warning. Writes tables/quantile_regression.csv (<see cref="QuantileRegressionTable"/>) and
/// tables/quantile_regression_tests.csv (<see cref="WriteTests"/>).
/// </summary>
public sealed class QuantileRegressionStage : IPipelineStage
{
    /// <summary>Up to this many units the exact Barrodale–Roberts simplex is used; above, Frisch–Newton.</summary>
    public const int SimplexMaxUnits = 5000;

    /// <summary>The header of tables/quantile_regression_tests.csv. Rows: <c>ols</c> (one per term, tau empty),
    /// <c>ols_r_squared</c> and <c>ols_residual_std_error</c> (value in <c>statistic</c>), <c>pseudo_r1</c> (one per τ),
    /// <c>slope_equality</c> (F in <c>statistic</c>, df1, df2, pValue) and <c>units</c> (n fitted in
    /// <c>statistic</c>).</summary>
    public static readonly string[] TestColumns =
        OutputCatalog.QuantileRegressionTests.Header();

    /// <inheritdoc />
    public string Name => "regression";

    /// <inheritdoc />
    public IReadOnlyList<Type> Needs { get; } = [typeof(AccountingResult)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Uses { get; } = [typeof(PoiDensityResult), typeof(ChangeAnalysisResult)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Produces { get; } = [typeof(QuantileRegressionStageResult)];

    /// <inheritdoc />
    public bool IsEnabled(RunContext context) => context?.Study?.Regression is not null && context.Study.YearList.Count >= 2;

    /// <inheritdoc />
    public void Run(RunContext context, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var study = context.RequireStudy();
        var section = study.Regression ?? throw new InvalidOperationException("The regression stage runs only with a regression: section.");
        var poi = context.Results.TryGet<PoiDensityResult>();
        var change = context.Results.TryGet<ChangeAnalysisResult>();
        if (poi is null || change is null)
        {
            context.Warnings.Add($"regression: skipped, it needs the {(poi is null ? "poi:" : "change:")} section (POI densities and ΔCBI).");
            return;
        }
        var accounting = context.Results.Get<AccountingResult>();
        var (from, to) = section.Interval ?? (study.YearList[0], study.YearList[^1]);
        var interval = change.Intervals.FirstOrDefault(i => i.FromYear == from && i.ToYear == to)
            ?? throw new InputException($"regression.interval: {from}→{to} is not an interval of the change analysis ({string.Join(", ", change.Intervals.Select(i => i.Key))}).");
        var functions = PoiFunctions.All.Where(f => f != PoiFunction.Other)
            .Select(f => (PoiFunctions.Name(f), poi.RasterPath(f))).ToList();
        var inputs = new QuantileRegressionInputs(from, to, accounting[from].LandClassPath, accounting[to].LandClassPath,
            change.DeltaCbiPath(interval), functions);
        if (study.Accounting.Corrections.Poi is not null && accounting.Mode == AccountingMode.Flux)
        {
            if (section.Response == RegressionResponse.PoiWeighted)
            {
                context.Warnings.Add($"regression {from}_{to}: response poiWeighted: ΔCBI contains F_POI, built from the POI densities that are the regressors, so the slopes partly echo the POI weights (within a unit every slope is non-negative by construction).");
                inputs = inputs with { Response = QuantileRegressionInputs.ResponsePoiWeighted };
            }
            else
            {
                inputs = inputs with
                {
                    Unweighted = (accounting[from].BudgetPath!, accounting[to].BudgetWithoutPoiPath
                        ?? throw new InvalidOperationException($"The accounting of {to} wrote no CBI before POI weighting.")),
                    Response = QuantileRegressionInputs.ResponseWithoutPoi,
                };
            }
        }
        Run(context, section, inputs, context.Tiles with { Progress = progress, CancellationToken = cancellationToken });
    }

    /// <summary>Samples the units, fits every τ, writes both tables, adds warnings and stores the result.</summary>
    public static QuantileRegressionStageResult Run(RunContext context, RegressionSection section, QuantileRegressionInputs inputs, TileOptions tiles)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(tiles);
        string key = $"{inputs.FromYear}_{inputs.ToYear}";
        var (candidates, units) = Sample(context, section, inputs, tiles);
        string unit = section.Fishnet ? "fishnet" : "pixel";
        int n = units.Count;
        var names = new List<string>();
        var columns = new List<double[]>();
        var means = new List<double>();
        var sds = new List<double>();
        for (int j = 0; j < inputs.Densities.Count; j++)
        {
            var col = new double[n];
            for (int i = 0; i < n; i++) col[i] = units[i].Item[j + 1];
            var mean = new ExactSum();
            foreach (double v in col) mean.Add(v);
            double m = n > 0 ? mean.Value / n : 0;
            var ss = new ExactSum();
            foreach (double v in col) ss.Add((v - m) * (v - m));
            double sd = n > 1 ? Math.Sqrt(ss.Value / (n - 1)) : 0;
            if (!(sd > 0))
            {
                string name = inputs.Densities[j].Name;
                context.Warnings.Add(col.All(v => v == 0)
                    ? $"regression {key}: POI function {name} has no density on the expansion {unit}s; dropped."
                    : $"regression {key}: POI function {name} is constant on the expansion {unit}s; dropped.");
                continue;
            }
            if (section.Standardize) for (int i = 0; i < n; i++) col[i] = (col[i] - m) / sd;
            names.Add(inputs.Densities[j].Name);
            columns.Add(col);
            means.Add(m);
            sds.Add(sd);
        }
        QuantileRegressionResult? fit = null;
        string? table = null, tests = null;
        if (n < names.Count + 2)
            context.Warnings.Add($"regression {key}: {n} expansion {unit}s for {names.Count + 1} parameters; no quantile regression.");
        else
        {
            var y = units.Select(u => u.Item[0]).ToArray();
            var options = new QuantileRegressionOptions
            {
                Method = n <= SimplexMaxUnits ? QuantileRegressionMethod.BarrodaleRoberts : QuantileRegressionMethod.FrischNewton,
                Inference = section.Inference,
                Seed = context.Seed,
                MaxThreads = tiles.MaxDegreeOfParallelism,
            };
            QuantileRegressionResult? TryFit(QuantileRegressionOptions o, out string? message)
            {
                message = null;
                try { return QuantileRegression.Fit(columns, names, y, section.Taus, o); }
                catch (InputException e) { message = e.Message; return null; }
            }
            fit = TryFit(options, out string? error);
            if (fit is null && options.Inference != QuantileInference.None)
            {
                // E.g. an exact fit (zero residuals) has no sparsity estimate: keep the estimates without inference.
                fit = TryFit(options with { Inference = QuantileInference.None }, out _);
                if (fit is not null) context.Warnings.Add($"regression {key}: {section.Inference} inference failed ({error}); coefficients only.");
            }
            if (fit is null) context.Warnings.Add($"regression {key}: no quantile regression: {error}");
            if (fit is not null)
            {
                table = context.PathOf(OutputCatalog.QuantileRegression);
                QuantileRegressionTable.Write(fit, table, inputs.Response);
                tests = context.PathOf(OutputCatalog.QuantileRegressionTests);
                WriteTests(fit, tests);
            }
        }
        if (candidates > n)
            context.Warnings.Add($"regression {key}: {candidates} expansion {unit}s, a seeded sample of {n} fitted (regression.maxUnits).");
        var result = new QuantileRegressionStageResult(inputs.FromYear, inputs.ToYear, unit, candidates, n, names, means, sds, fit, table, tests) { Inputs = inputs };
        context.Results.Set(result);
        return result;
    }

    /// <summary>Writes the OLS fit, pseudo-R¹ per τ and the slope-equality test (see <see cref="TestColumns"/>).</summary>
    public static void WriteTests(QuantileRegressionResult fit, string path)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var w = new CsvWriter(TestColumns);
        foreach (var c in fit.Ols.Coefficients)
            w.Row("ols", "", c.Term, c.Estimate, c.StdError, c.TValue, c.PValue, c.CiLower, c.CiUpper, "", "", "");
        w.Row("ols_r_squared", "", "", "", "", "", "", "", "", fit.Ols.RSquared, "", "");
        w.Row("ols_residual_std_error", "", "", "", "", "", "", "", "", fit.Ols.ResidualStdError, "", "");
        foreach (var f in fit.Fits)
            w.Row("pseudo_r1", f.Tau, "", "", "", "", "", "", "", f.PseudoR1, "", "");
        if (fit.SlopeEquality is { } s)
            w.Row("slope_equality", "", "", "", "", "", s.PValue, "", "", s.Statistic, s.Df1, s.Df2);
        w.Row("units", "", "", "", "", "", "", "", "", fit.N, "", "");
        w.Save(path);
    }

    /// <summary>The response y of every sampled unit, by unit index (what the fit explains).</summary>
    internal static IReadOnlyList<(long Index, double Y)> Responses(RunContext context, RegressionSection section, QuantileRegressionInputs inputs, TileOptions tiles) =>
        [.. Sample(context, section, inputs, tiles).Units.Select(u => (u.Index, u.Item[0]))];

    /// <summary>Per unit: [y, x_1, …, x_k], ordered by unit index; and the number of candidate units.</summary>
    private static (long Candidates, IReadOnlyList<(long Index, double[] Item)> Units) Sample(
        RunContext context, RegressionSection section, QuantileRegressionInputs inputs, TileOptions tiles)
    {
        using var classFrom = context.OpenRaster(inputs.ClassFromPath);
        using var classTo = context.OpenRaster(inputs.ClassToPath);
        using var dcbi = context.OpenRaster(inputs.Unweighted?.CbiToWithoutPoiPath ?? inputs.DeltaCbiPath);
        using var cbiFrom = inputs.Unweighted is { } u ? context.OpenRaster(u.CbiFromPath) : null;
        var dens = inputs.Densities.Select(d => context.OpenRaster(d.Path)).ToArray();
        try
        {
            var grid = classFrom.Grid;
            classTo.Grid.EnsureAlignedWith(grid, inputs.ClassToPath, inputs.ClassFromPath);
            dcbi.Grid.EnsureAlignedWith(grid, dcbi.Path, inputs.ClassFromPath);
            cbiFrom?.Grid.EnsureAlignedWith(grid, cbiFrom.Path, inputs.ClassFromPath);
            foreach (var d in dens) d.Grid.EnsureAlignedWith(grid, d.Path, inputs.ClassFromPath);
            int k = inputs.Densities.Count;
            var layout = tiles.LayoutFor(grid.Width, grid.Height, classFrom.BlockWidth, classFrom.BlockHeight);
            int factor = section.Fishnet ? FishnetAggregation.FactorFor(grid, section.FishnetMeters ?? 0, "regression.fishnetMeters") : 1;
            long cellsAcross = (grid.Width + factor - 1) / factor;
            double dNoData = dcbi.NoData ?? double.NaN;
            double fromNoData = cbiFrom?.NoData ?? double.NaN;
            var xNoData = dens.Select(d => d.NoData ?? double.NaN).ToArray();

            // Map: the expansion pixels of a tile as (unit index, [y, x...]); pixel units are sampled per tile.
            var merged = TileProcessor.MapReduce(layout, tiles, window =>
            {
                int len = window.Width * window.Height;
                var pixels = new Partial(section.MaxUnits);
                // Buffers per thread, reused from tile to tile; the response and the densities are read only for
                // tiles that hold an expansion pixel (the others contribute nothing).
                var buf = t_buffers is { } tb && tb.K == k && tb.Length >= len ? tb : t_buffers = new TileBuffers(k, len);
                var a = buf.ClassFrom.AsSpan(0, len);
                var b = buf.ClassTo.AsSpan(0, len);
                classFrom.Read<byte>(window, a);
                classTo.Read<byte>(window, b);
                bool any = false;
                for (int i = 0; i < len && !any; i++)
                    any = b[i] == (byte)LandClass.Construction && a[i] != (byte)LandClass.Construction && a[i] != (byte)LandClass.None;
                if (!any) return pixels;
                var yv = buf.Response;
                var xs = buf.Densities;
                dcbi.Read<float>(window, yv.AsSpan(0, len));
                var y1 = cbiFrom is null ? null : buf.ResponseFrom;
                if (y1 is not null) cbiFrom!.Read<float>(window, y1.AsSpan(0, len));
                for (int j = 0; j < k; j++) dens[j].Read<float>(window, xs[j].AsSpan(0, len));
                for (int r = 0; r < window.Height; r++)
                    for (int c = 0; c < window.Width; c++)
                    {
                        int i = r * window.Width + c;
                        if (b[i] != (byte)LandClass.Construction || a[i] == (byte)LandClass.Construction || a[i] == (byte)LandClass.None) continue;
                        double y = yv[i];
                        if (!double.IsFinite(y) || y == dNoData) continue;
                        if (y1 is not null)
                        {
                            // The same difference ChangeKernels.DeltaCbi forms, with CBI(t2) before POI weighting.
                            if (!float.IsFinite(y1[i]) || y1[i] == fromNoData) continue;
                            y = y - y1[i];
                        }
                        // A fishnet cell adds the item to its sums; only a pixel sample keeps it.
                        var item = section.Fishnet ? buf.Item : new double[k + 1];
                        item[0] = y;
                        bool ok = true;
                        for (int j = 0; j < k && ok; j++)
                        {
                            double x = xs[j][i];
                            ok = double.IsFinite(x) && x != xNoData[j];
                            item[j + 1] = x;
                        }
                        if (!ok) continue;
                        long row = window.Row + r, col = window.Col + c;
                        if (section.Fishnet) pixels.AddToCell(row / factor * cellsAcross + col / factor, item);
                        else
                        {
                            long index = row * grid.Width + col;
                            pixels.Candidates++;
                            pixels.Sample.Offer(SampleKey.Of(context.Seed, index), index, item);
                        }
                    }
                return pixels;
            }, new Partial(section.MaxUnits), (acc, p) => acc.Merge(p));
            if (!section.Fishnet) return (merged.Candidates, merged.Sample.Items());
            var cells = new KeyedSample<double[]>(section.MaxUnits);
            foreach (var (index, cell) in merged.Cells)
            {
                var item = new double[k + 1];
                item[0] = cell.Sums[0].Value;
                for (int j = 1; j <= k; j++) item[j] = cell.Sums[j].Value / cell.Pixels;
                cells.Offer(SampleKey.Of(context.Seed, index), index, item);
            }
            return (merged.Cells.Count, cells.Items());
        }
        finally
        {
            foreach (var d in dens) d.Dispose();
        }
    }

    [ThreadStatic] private static TileBuffers? t_buffers;

    /// <summary>The tile buffers of one thread in <see cref="Sample"/>.</summary>
    private sealed class TileBuffers(int k, int length)
    {
        public int K { get; } = k;
        public int Length { get; } = length;
        public byte[] ClassFrom { get; } = new byte[length];
        public byte[] ClassTo { get; } = new byte[length];
        public float[] Response { get; } = new float[length];
        public float[] ResponseFrom { get; } = new float[length];
        public float[][] Densities { get; } = [.. Enumerable.Range(0, k).Select(_ => new float[length])];
        public double[] Item { get; } = new double[k + 1];
    }

    private sealed class Cell(int width)
    {
        public ExactSum[] Sums { get; } = new ExactSum[width];
        public long Pixels { get; set; }
    }

    /// <summary>A tile's (or the running) pixel sample or per-cell exact sums; merging is order-free.</summary>
    private sealed class Partial(int capacity)
    {
        public KeyedSample<double[]> Sample { get; } = new(capacity);
        public long Candidates { get; set; }
        public Dictionary<long, Cell> Cells { get; } = [];

        public void AddToCell(long index, double[] item)
        {
            if (!Cells.TryGetValue(index, out var cell)) Cells[index] = cell = new Cell(item.Length);
            for (int j = 0; j < item.Length; j++) cell.Sums[j].Add(item[j]);
            cell.Pixels++;
        }

        public Partial Merge(Partial other)
        {
            Sample.Merge(other.Sample);
            Candidates += other.Candidates;
            foreach (var (index, c) in other.Cells)
            {
                if (!Cells.TryGetValue(index, out var cell)) Cells[index] = cell = new Cell(c.Sums.Length);
                for (int j = 0; j < c.Sums.Length; j++) cell.Sums[j].Add(in c.Sums[j]);
                cell.Pixels += c.Pixels;
            }
            return this;
        }
    }
}
