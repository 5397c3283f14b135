using System.Globalization;
using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Models;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Risk;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Simulation;

/// <summary>One projected year of one scenario, with its carbon budget from the base year's class coefficients.</summary>
public sealed record ScenarioBudget(string Scenario, int Year, string? RasterPath, double SourceTonnesC, double SinkTonnesC, double NetTonnesC);

/// <summary>What the simulation stage hands on: hindcast accuracy, scenario maps and budgets.</summary>
public sealed record SimulationResult(HindcastResult? Hindcast, string? HindcastPath, ScenarioResult? Scenarios, IReadOnlyList<ScenarioBudget> Budgets)
{
    /// <summary>The projected years through accounting, change analysis and risk (flux mode), or null.</summary>
    public ScenarioChainResult? Chain { get; init; }
}

/// <summary>
/// The simulation stage of `landcarbon run` and `landcarbon simulate`, enabled by the study's <c>simulation:</c>
/// section (docs/methods/simulation.md). Reads the class maps of the years it needs (the accounting's
/// <c>rasters/landuse_&lt;year&gt;.tif</c> when the accounting ran, else the study's rasters through the class
/// scheme), the drivers and the restricted mask; runs the hindcast and the scenarios (<see cref="SimulationModel"/>);
/// writes <c>rasters/landuse_hindcast_&lt;year&gt;.tif</c>, <c>rasters/landuse_&lt;scenario&gt;_&lt;year&gt;.tif</c>
/// and the tables simulation_accuracy, simulation_accuracy_by_class, simulation_demand, simulation_drivers and
/// scenario_budget. In flux mode the projected maps then go through <see cref="ScenarioChain"/> (accounting, change
/// analysis and risk grading of each projected year; scenario_budget holds their real sums). Holds the class maps in memory (1 byte per pixel and year used), the drivers as 16-bit floats
/// and the development probabilities as 16-bit integers.
/// </summary>
public sealed partial class SimulationStage : IPipelineStage
{
    /// <inheritdoc />
    public string Name => "simulation";

    /// <inheritdoc />
    public IReadOnlyList<Type> Needs { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<Type> Uses { get; } = [typeof(AccountingResult), typeof(Poi.PoiDensityResult), typeof(ChangeAnalysisResult), typeof(RiskAnalysisResult)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Produces { get; } = [typeof(SimulationResult)];

    /// <inheritdoc />
    public bool IsEnabled(RunContext context) => context?.Study?.Simulation is not null;

    /// <inheritdoc />
    public void Run(RunContext context, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var study = context.RequireStudy();
        var section = study.Simulation!;
        var years = study.YearList;
        var hind = section.Hindcast;
        var cal = section.ScenarioInterval(years);
        var grid = context.Grid;
        var simGrid = new SimulationGrid(grid.Width, grid.Height, Math.Abs(grid.Transform.PixelWidth), Math.Abs(grid.Transform.PixelHeight));
        var accounting = context.Results.TryGet<AccountingResult>();
        var needed = new SortedSet<int>();
        if (hind is { } h2) { needed.Add(h2.From); needed.Add(h2.To); needed.Add(h2.Validate); }
        if (cal is { } c2) { needed.Add(c2.From); needed.Add(c2.To); }
        var reading = PhaseProfile.Measure("read");
        var maps = needed.ToDictionary(y => y, y => ReadClasses(context, study, accounting, y));
        var drivers = ReadDrivers(context, section);
        var convertible = section.RestrictedFile is null ? null : ReadRestricted(context, section.RestrictedFile, maps.Values.First());
        reading.Dispose();
        var inputs = new SimulationInputs(simGrid, maps, [.. LandClasses.All.Select(c => (int)c)], k => ((LandClass)k).Key(), drivers, convertible);
        var options = section.Options with
        {
            Seed = (ulong)(uint)context.Seed,
            Suitability = section.Options.Suitability with { Threads = context.Tiles.Threads },
            Allocation = section.Options.Allocation with { Threads = context.Tiles.Threads },
        };
        var colors = study.Classes.ToColorTable();
        var importance = new CsvWriter(OutputCatalog.SimulationDrivers.Header());
        var demandTable = new CsvWriter(OutputCatalog.SimulationDemand.Header());

        HindcastResult? hindcast = null;
        string? hindcastPath = null;
        if (hind is { } hh)
        {
            hindcast = SimulationModel.Hindcast(inputs, hh.From, hh.To, hh.Validate, options, cancellationToken);
            hindcastPath = context.PathOf(OutputCatalog.LandUseHindcast, hh.Validate.ToString(System.Globalization.CultureInfo.InvariantCulture));
            GeoTiffWriter.WriteAll<byte>(hindcastPath, grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 0, ColorTable = colors, Predictor = 2 }, hindcast.Simulated);
            WriteAccuracy(context, hindcast);
            AddImportance(importance, "hindcast", hh.From, hh.To, hindcast.Suitability);
            foreach (var c in LandClasses.All)
                demandTable.Row("hindcast", hh.Validate, c.Key(), hindcast.Demand[(int)c], hindcast.Demand[(int)c] * grid.PixelAreaKm2);
            progress?.Report(0.5);
        }

        ScenarioResult? scenarios = null;
        ScenarioChainResult? chain = null;
        var budgets = new List<ScenarioBudget>();
        if (cal is { } cc)
        {
            var coefficients = ClassCoefficients(accounting, cc.To, grid);
            if (section.Scenarios.Contains("lowCarbon") && coefficients is null)
                throw new InputException("simulation.scenarios: lowCarbon needs the accounting of the year the projection starts from (class carbon coefficients).");
            var planned = section.DemandFile is null ? null : PlannedDemand.Read(section.DemandFile, grid.PixelAreaKm2, SimulationModel.Count(maps[cc.To], null, inputs.ClassCount).Sum(), section.Horizon, section.Scenarios);
            var startCounts = SimulationModel.Count(maps[cc.To], null, inputs.ClassCount);
            // Flux mode: every projected map is accounted per pixel like an observed year (ScenarioChain) and the
            // budget is its real Σ CBI; the base year's row is the accounting's own. Stock mode keeps the class-mean
            // stock (the pool table is per raw code, a projected map holds classes).
            bool chained = accounting is { Mode: AccountingMode.Flux } && accounting.Years.Any(y => y.Year == cc.To);
            var projected = new List<ProjectedMap>();
            foreach (var name in section.Scenarios)
            {
                budgets.Add(chained
                    ? new ScenarioBudget(name, cc.To, null, accounting![cc.To].SourceTonnesC, accounting[cc.To].SinkTonnesC, accounting[cc.To].NetTonnesC)
                    : Budget(name, cc.To, null, startCounts, coefficients, accounting?.Mode, grid));
                foreach (var c in LandClasses.All)
                    demandTable.Row(name, cc.To, c.Key(), startCounts[(int)c], startCounts[(int)c] * grid.PixelAreaKm2);
            }
            // Flux mode: the low-carbon term is per pixel, from what the accounting would give each pixel as each class.
            var pixelCoefficients = chained && section.Scenarios.Contains("lowCarbon") ? PixelCoefficients(context, accounting!, cc.To, cancellationToken) : null;
            scenarios = SimulationModel.Scenarios(inputs, cc.From, cc.To, section.Horizon, section.Scenarios, coefficients, options,
                planned is null ? null : (s, y) => planned(s, y),
                y =>
                {
                    using var writing = PhaseProfile.Measure("write");
                    string path = context.PathOf(OutputCatalog.LandUseScenario, y.Scenario, y.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    GeoTiffWriter.WriteAll<byte>(path, grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 0, ColorTable = colors, Predictor = 2 }, y.Map);
                    if (section.Valuation is { } v && accounting?.Mode == AccountingMode.Stock && coefficients is not null)
                        WriteValueRaster(context, y.Scenario, cc.To, y.Year, maps[cc.To], y.Map, coefficients, v);
                    if (chained) projected.Add(new ProjectedMap(y.Scenario, y.Year, path));
                    else budgets.Add(Budget(y.Scenario, y.Year, path, y.Demand, coefficients, accounting?.Mode, grid));
                    foreach (var c in LandClasses.All)
                        demandTable.Row(y.Scenario, y.Year, c.Key(), y.Demand[(int)c], y.Demand[(int)c] * grid.PixelAreaKm2);
                }, cancellationToken, pixelCoefficients);
            if (!scenarios.ExactGenerator)
                context.Warnings.Add($"simulation: the transition matrix {cc.From}→{cc.To} has no real logarithm; the per-year rates are the first-order (P − I)/Δt.");
            AddImportance(importance, "scenarios", cc.From, cc.To, scenarios.Suitability);
            if (chained)
            {
                using (PhaseProfile.Measure("chain"))
                    chain = ScenarioChain.Run(context, accounting!, cc.To, projected, cancellationToken);
                foreach (var p in chain.Years)
                    budgets.Add(new ScenarioBudget(p.Map.Scenario, p.Map.Year, p.Map.ClassPath, p.Accounting.SourceTonnesC, p.Accounting.SinkTonnesC, p.Accounting.NetTonnesC));
                budgets.Sort((a, b) => a.Scenario == b.Scenario ? a.Year.CompareTo(b.Year)
                    : section.Scenarios.ToList().IndexOf(a.Scenario).CompareTo(section.Scenarios.ToList().IndexOf(b.Scenario)));
                ScenarioChain.Difference(chain)?.Save(context.PathOf(OutputCatalog.ScenarioDifference));
            }
            var budget = new CsvWriter(OutputCatalog.ScenarioBudget.Header());
            foreach (var b in budgets) budget.Row(b.Scenario, b.Year, b.SourceTonnesC, b.SinkTonnesC, b.NetTonnesC);
            if (coefficients is not null) budget.Save(context.PathOf(OutputCatalog.ScenarioBudget));
            if (section.Valuation is { } valuation && accounting?.Mode == AccountingMode.Stock)
            {
                var value = new CsvWriter(OutputCatalog.ScenarioValue.Header());
                foreach (var b in budgets.Where(b => b.Year > cc.To))
                {
                    double baseStock = budgets.First(x => x.Scenario == b.Scenario && x.Year == cc.To).NetTonnesC;
                    double constant = CarbonValuation.Constant(cc.To, b.Year, valuation);
                    value.Row(b.Scenario, cc.To, b.Year, b.NetTonnesC - baseStock, constant, (b.NetTonnesC - baseStock) * constant);
                }
                value.Save(context.PathOf(OutputCatalog.ScenarioValue));
            }
        }
        importance.Save(context.PathOf(OutputCatalog.SimulationDrivers));
        demandTable.Save(context.PathOf(OutputCatalog.SimulationDemand));
        context.Results.Set(new SimulationResult(hindcast, hindcastPath, scenarios, budgets) { Chain = chain });
        progress?.Report(1);
    }

    /// <summary>
    /// rasters/npv_&lt;scenario&gt;_&lt;year&gt;.tif (stock mode with <c>valuation:</c>): per pixel the net present value
    /// of its stock change from the base year, (d_k − d_j) × pixel area (ha) × V, with d the base year's class-mean
    /// stock density of the pixel's class j at the base year and k in the projected year (the densities of the
    /// scenario budget, so the raster sums to <c>scenario_value.csv</c>'s netPresentValue up to float32 rounding) and
    /// V the InVEST valuation constant; nodata where either year has no class or the class no density.
    /// </summary>
    private static void WriteValueRaster(RunContext context, string scenario, int baseYear, int year, byte[] from, byte[] to, double[] coefficients, ValuationSettings valuation)
    {
        var grid = context.Grid;
        double v = CarbonValuation.Constant(baseYear, year, valuation), ha = grid.PixelAreaHa;
        var npv = new float[from.Length];
        for (long i = 0; i < npv.LongLength; i++)
        {
            // The coefficient of a class is minus its mean stock density in stock mode.
            double dj = from[i] == 0 ? double.NaN : -coefficients[from[i]], dk = to[i] == 0 ? double.NaN : -coefficients[to[i]];
            npv[i] = (float)((dk - dj) * ha * v);
        }
        GeoTiffWriter.WriteAll<float>(context.PathOf(OutputCatalog.ScenarioNpv, scenario, year.ToString(CultureInfo.InvariantCulture)), grid, RasterDataType.Float32,
            new GeoTiffWriteOptions { NoData = float.NaN, Predictor = 3 }, npv);
    }

    private static void WriteAccuracy(RunContext context, HindcastResult h)
    {
        var overall = new CsvWriter(OutputCatalog.SimulationAccuracy.Header());
        var byClass = new CsvWriter(OutputCatalog.SimulationAccuracyByClass.Header());
        foreach (var (name, acc) in new[] { ("landcarbon", h.Model), ("persistence", h.Persistence) })
        {
            var o = acc.Overall();
            overall.Row(name, h.From, h.To, h.Validate, o.Fom, o.ProducersAccuracy, o.UsersAccuracy, o.OverallAccuracy, o.Kappa, o.KappaSimulation);
            foreach (var c in LandClasses.All)
            {
                var f = acc.ForClass((int)c);
                byClass.Row(name, c.Key(), h.From, h.To, h.Validate, f.Fom, f.ProducersAccuracy, f.UsersAccuracy, f.OverallAccuracy, f.Kappa, f.KappaSimulation);
            }
        }
        overall.Save(context.PathOf(OutputCatalog.SimulationAccuracy));
        byClass.Save(context.PathOf(OutputCatalog.SimulationAccuracyByClass));
    }

    private static void AddImportance(CsvWriter w, string purpose, int from, int to, SuitabilityModel model)
    {
        foreach (var c in model.Classes)
            for (int f = 0; f < model.DriverNames.Count; f++)
                w.Row(purpose, from, to, ((LandClass)c.Class).Key(), model.DriverNames[f], c.Forest.Importance[f], c.ExpansionPixels, c.PositiveSamples, c.NegativeSamples);
    }

    /// <summary>
    /// Per pixel and class, the carbon budget coefficient the base year's flux accounting would give the pixel as
    /// that class (<see cref="AccountingStage.ProjectedClassCoefficients"/>: δ_con of its unit held at the base year,
    /// non-normalised corrections), one float per pixel and class.
    /// </summary>
    private static PixelClassCoefficients PixelCoefficients(RunContext context, AccountingResult accounting, int baseYear, CancellationToken cancellationToken)
    {
        var grid = context.Grid;
        var store = new PixelClassCoefficients(LandClasses.ArraySize, grid.PixelCount, LandClasses.All.Select(c => (int)c));
        var projected = new ProjectedLandUse("lowCarbon", baseYear, accounting[baseYear].LandClassPath, baseYear, accounting.ConstructionCoefficients);
        int width = grid.Width;
        AccountingStage.ProjectedClassCoefficients(context, projected, context.Tiles with { Progress = null, CancellationToken = cancellationToken }, (w, k, c) =>
        {
            for (int r = 0; r < w.Height; r++)
                for (int x = 0; x < w.Width; x++)
                    store.Set((long)(w.Row + r) * width + w.Col + x, k, c[r * w.Width + x]);
        });
        return store;
    }

    /// <summary>Per class value, the base year's mean carbon budget coefficient (t C/ha/yr; in stock mode minus the mean stock density, t C/ha), or null without accounting.</summary>
    private static double[]? ClassCoefficients(AccountingResult? accounting, int year, GridSpec grid)
    {
        if (accounting is null || accounting.Years.All(y => y.Year != year)) return null;
        var c = new double[LandClasses.ArraySize];
        Array.Fill(c, double.NaN);
        foreach (var b in accounting[year].Classes)
            if (b.Pixels > 0)
                c[(int)b.Class] = (accounting.Mode == AccountingMode.Flux ? 1 : -1) * b.TonnesC / (b.Pixels * grid.PixelAreaHa);
        return c;
    }

    private static ScenarioBudget Budget(string scenario, int year, string? path, long[] pixels, double[]? coefficients, AccountingMode? mode, GridSpec grid)
    {
        if (coefficients is null) return new ScenarioBudget(scenario, year, path, double.NaN, double.NaN, double.NaN);
        double source = 0, sink = 0;
        for (int k = 1; k < pixels.Length; k++)
        {
            if (pixels[k] == 0 || double.IsNaN(coefficients[k])) continue;
            double t = coefficients[k] * pixels[k] * grid.PixelAreaHa;
            if (t > 0) source += t; else sink -= t;
        }
        // Stock mode: the coefficient is minus the stock density, so "sink" holds the total stock; report it as
        // the accounting does (source = total stock, sink 0).
        if (mode == AccountingMode.Stock) return new ScenarioBudget(scenario, year, path, sink - source, 0, sink - source);
        return new ScenarioBudget(scenario, year, path, source, sink, source - sink);
    }

    private static byte[] ReadClasses(RunContext context, StudyDefinition study, AccountingResult? accounting, int year)
    {
        var grid = context.Grid;
        var map = new byte[grid.PixelCount];
        bool reclassified = accounting is not null && accounting.Years.Any(y => y.Year == year);
        string path = reclassified ? accounting![year].LandClassPath : study.Years[year];
        using var reader = context.OpenRaster(path);
        grid.EnsureAlignedWith(reader.Grid, "the study grid", path);
        var lookup = study.Classes.CreateLookup(reader.NoData);
        const int strip = 256;
        var buffer = new int[(long)grid.Width * Math.Min(strip, grid.Height)];
        for (int r = 0; r < grid.Height; r += strip)
        {
            int rows = Math.Min(strip, grid.Height - r);
            var window = new PixelWindow(0, r, grid.Width, rows);
            var span = buffer.AsSpan(0, grid.Width * rows);
            reader.Read(window, span);
            var dest = map.AsSpan((int)((long)r * grid.Width), grid.Width * rows);
            if (reclassified)
            {
                for (int i = 0; i < span.Length; i++) dest[i] = (byte)span[i];
            }
            else
            {
                lookup.Apply(span, dest);
                if (dest.Contains(ClassLookup.Unknown))
                    throw new InputException($"{path}: a code the class scheme does not map (see classes.map).");
            }
        }
        return map;
    }

    private static float[] ReadFloat(RunContext context, string path)
    {
        var grid = context.Grid;
        using var reader = context.OpenRaster(path);
        grid.EnsureAlignedWith(reader.Grid, "the study grid", path);
        var values = new float[grid.PixelCount];
        const int strip = 256;
        for (int r = 0; r < grid.Height; r += strip)
        {
            int rows = Math.Min(strip, grid.Height - r);
            reader.Read(new PixelWindow(0, r, grid.Width, rows), values.AsSpan((int)((long)r * grid.Width), grid.Width * rows));
        }
        if (reader.NoData is double nd)
        {
            float f = (float)nd;
            for (long i = 0; i < values.Length; i++)
                if (values[i] == f || (double)values[i] == nd) values[i] = float.NaN;
        }
        return values;
    }

    private static List<StaticDriver> ReadDrivers(RunContext context, SimulationSection section)
    {
        var list = new List<StaticDriver>();
        var grid = context.Grid;
        if (section.DemFile is { } demPath)
        {
            var dem = ReadFloat(context, demPath);
            list.Add(StaticDriver.Round("elevation", dem));
            var factor = new float[dem.Length];
            TerrainFactor.Compute(dem, grid.Width, grid.Height, 0, 0, grid.Width, grid.Height,
                Math.Abs(grid.Transform.PixelWidth), Math.Abs(grid.Transform.PixelHeight), null, factor);
            for (long i = 0; i < factor.Length; i++)
                factor[i] = float.IsNaN(factor[i]) ? float.NaN : (float)(Math.Atan(Math.Sqrt(Math.Max(0, (double)factor[i] * factor[i] - 1))) * 180 / Math.PI);
            list.Add(StaticDriver.Round("slope", factor));
        }
        foreach (var d in section.DriverFiles)
        {
            string name = Path.GetFileNameWithoutExtension(d);
            if (list.Any(x => x.Name == name)) name += "_" + list.Count.ToString(CultureInfo.InvariantCulture);
            list.Add(StaticDriver.Round(name, ReadFloat(context, d)));
        }
        return list;
    }

    private static bool[] ReadRestricted(RunContext context, string path, byte[] landUse)
    {
        var values = ReadFloat(context, path);
        var convertible = new bool[values.Length];
        long unknown = 0;
        for (long i = 0; i < values.Length; i++)
        {
            convertible[i] = values[i] != 0;
            if (float.IsNaN(values[i]) && landUse[i] != 0) unknown++;
        }
        if (unknown > 0)
            context.Warnings.Add($"simulation.restricted: {unknown.ToString("N0", CultureInfo.InvariantCulture)} land-use pixels are nodata in {Path.GetFileName(path)}; they are treated as convertible (only 0 forbids conversion).");
        return convertible;
    }
}
