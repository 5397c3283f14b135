using System.Buffers;
using System.Globalization;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Poi;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;
using LandCarbon.Core.Zonal;

namespace LandCarbon.Core.Accounting;

/// <summary>
/// The accounting stage of `landcarbon run` (METHOD-SPEC (a)–(d), (b3)). Per year: reclassify to the six classes
/// (<c>rasters/landuse_&lt;year&gt;.tif</c>); in flux mode compute the composite coefficient and the carbon
/// budget index (<c>rasters/cc_&lt;year&gt;.tif</c>, <c>rasters/cbi_&lt;year&gt;.tif</c>) and in stock mode the
/// InVEST stock (<c>rasters/stock_&lt;year&gt;.tif</c>); then the tables <c>budget_by_year</c>,
/// <c>class_budget_by_year</c> (flux) or <c>stock_by_year</c>, <c>stock_by_class_year</c>, <c>stock_change</c>
/// (stock), with <c>construction_coefficient</c> (δ_con per unit and year, from energy statistics) and
/// <c>poi_factor</c> (F_POI computed from the POI densities, per year and unit). Stores an
/// <see cref="AccountingResult"/>.
/// </summary>
public sealed class AccountingStage : IPipelineStage
{
    /// <inheritdoc />
    public string Name => "accounting";

    /// <inheritdoc />
    public IReadOnlyList<Type> Needs { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<Type> Uses { get; } = [typeof(PoiDensityResult)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Produces { get; } = [typeof(AccountingResult)];

    /// <summary>Where output rasters go; null writes none (tests of totals).</summary>
    internal Func<RunContext, RasterOutputSpec, IRasterOutput>? CreateOutput { get; init; } = RasterOutputs.GeoTiff;

    /// <inheritdoc />
    public bool IsEnabled(RunContext context) => context?.Study is not null;

    /// <inheritdoc />
    public void Run(RunContext context, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var study = context.RequireStudy();
        var years = study.YearList;
        var results = new List<AccountingYear>();
        var construction = new List<ConstructionCoefficient>();
        var stocks = new List<(int Year, StockTotals Totals)>();
        var poiFactors = new List<PoiFactorYear>();
        bool flux = study.Accounting.Mode == AccountingMode.Flux;
        using var zoneSource = flux && study.Accounting.Construction.EnergyPath is not null ? ZoneSource.Open(context, study) : null;
        var sources = flux ? ObservedSources(study) : null;
        var firstPasses = flux ? FluxFirstPasses(context, study, sources!, zoneSource, context.Tiles with { Progress = null, CancellationToken = cancellationToken }) : null;
        if (flux)
        {
            results.AddRange(FluxYears(context, study, sources!, context.Tiles with { Progress = progress, CancellationToken = cancellationToken },
                zoneSource, firstPasses!, construction, poiFactors));
        }
        else
        {
            for (int i = 0; i < years.Count; i++)
            {
                int year = years[i];
                var sub = progress is null ? null : new Progress<double>(f => progress.Report((i + f) / years.Count));
                var options = context.Tiles with { Progress = sub, CancellationToken = cancellationToken };
                results.Add(StockYear(context, study, year, options, stocks));
            }
        }
        var result = new AccountingResult(study.Accounting.Mode, study.Accounting.Units, study.Classes, context.Grid, results)
        {
            ConstructionCoefficients = construction,
        };
        if (study.Accounting.Mode == AccountingMode.Flux) WriteFluxTables(context, result);
        else StockAccounting.WriteTables(context, study, stocks);
        if (construction.Count > 0) WriteConstructionTable(context, construction);
        if (poiFactors.Count > 0) WritePoiFactorTable(context, poiFactors);
        context.Results.Set(result);
    }

    /// <summary>
    /// The flux accounting of a projected land-use map (<c>rasters/landuse_&lt;scenario&gt;_&lt;year&gt;.tif</c>, class
    /// codes) through the same per-pixel code as an observed year: composite coefficient with every correction the
    /// study enables, writing <c>rasters/cbi_&lt;scenario&gt;_&lt;year&gt;.tif</c>. What a future year cannot have is
    /// taken from <paramref name="projected"/>'s input year (the last observed year): the correction rasters are the
    /// study's (they carry no year), δ_con per unit is that year's (held, not re-derived from extrapolated energy
    /// statistics), and the POI sector totals are that year's; class means of the corrections and F_POI's per-unit
    /// normalisation are computed on the projected map, as for any year (docs/methods/simulation.md).
    /// </summary>
    internal static AccountingYear ProjectedFluxYear(RunContext context, ProjectedLandUse projected, TileOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(projected);
        var study = context.RequireStudy();
        FluxSource[] sources = [new(projected.Year, projected.ClassPath, ProjectedLandUse.ClassCodes(study.Classes), projected)];
        using var zoneSource = study.Accounting.Construction.EnergyPath is not null ? ZoneSource.Open(context, study) : null;
        var first = FluxFirstPasses(context, study, sources, zoneSource, options with { Progress = null });
        return new AccountingStage { CreateOutput = RasterOutputs.GeoTiff }.FluxYears(context, study, sources, options, zoneSource, first, [], [])[0];
    }

    /// <summary>
    /// The per-pixel carbon budget coefficient (t C/ha/yr) each pixel of <paramref name="projected"/>'s map would
    /// have if it were class k, for every class k, through the accounting's own per-pixel code
    /// (<see cref="CompositeCoefficient"/>): the class coefficient, for construction the pixel's unit's δ_con (held at
    /// the input year, as for a projected year), times each correction that is <b>not</b> normalised. A normalised
    /// correction (the default) divides by the class mean on the map being accounted, so it moves a class's budget
    /// between its pixels but not its total; F_POI is normalised to mean 1 over each unit's construction pixels, so
    /// a construction pixel adds δ_con × area to its unit whatever its POIs: neither changes what a conversion adds
    /// to the budget, and both are left out (factor 1). <paramref name="sink"/> gets each tile once per class
    /// (NaN where a correction input is nodata or the class has no coefficient).
    /// </summary>
    internal static void ProjectedClassCoefficients(RunContext context, ProjectedLandUse projected, TileOptions options, ClassCoefficientSink sink)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(projected);
        ArgumentNullException.ThrowIfNull(sink);
        var study = context.RequireStudy();
        FluxSource[] sources = [new(projected.Year, projected.ClassPath, ProjectedLandUse.ClassCodes(study.Classes), projected)];
        using var zoneSource = study.Accounting.Construction.EnergyPath is not null ? ZoneSource.Open(context, study) : null;
        var first = FluxFirstPasses(context, study, sources, zoneSource, options with { Progress = null });
        // No outputs: the plan only prepares δ_con per unit and the correction sums.
        using var plan = new AccountingStage { CreateOutput = null }.PlanFluxYear(context, study, sources[0], true, zoneSource, first[0], [], []);
        var marginal = FluxParameters.Create(plan.Coefficients, MarginalCorrections(study.Accounting.Corrections), plan.Parameters.PixelAreaHa, first[0].Sums);
        var r = plan.Rasters;
        var grid = context.Grid;
        var layout = options.LayoutFor(grid.Width, grid.Height, r.LandUse.BlockWidth, r.LandUse.BlockHeight);
        TileProcessor.ForEach(layout, options with { Progress = null }, w =>
        {
            int n = (int)w.PixelCount;
            using var b = new TileBuffers(n);
            var inputs = ReadCorrectionInputs(r, w, b);
            if (r.Areas is { IsUniform: false } areas) { areas.Fill(w, b.Area); inputs.AreaM2 = b.Area; }
            if (r.Zones is not null) r.Zones.ReadZones(w, b.ZoneIds);
            var cc = ArrayPool<float>.Shared.Rent(n);
            var cbi = ArrayPool<float>.Shared.Rent(n);
            try
            {
                foreach (var c in LandClasses.All)
                {
                    b.Classes.Fill((byte)c);
                    inputs.Classes = b.Classes;
                    inputs.PoiWeight = [];
                    if (r.Zones is not null)
                    {
                        r.Zones.Fill(b.ZoneIds, b.Classes, b.Construction);
                        inputs.Construction = b.Construction;
                    }
                    CompositeCoefficient.Compute(inputs, marginal, cc.AsSpan(0, n), cbi.AsSpan(0, n), [], new FluxTotals());
                    sink(w, (int)c, cc.AsSpan(0, n));
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(cc);
                ArrayPool<float>.Shared.Return(cbi);
            }
        });
    }

    /// <summary>Receives the per-pixel coefficients of class <c>k</c> over one tile.</summary>
    internal delegate void ClassCoefficientSink(PixelWindow window, int k, ReadOnlySpan<float> coefficient);

    /// <summary>The corrections that change a class's budget total when its pixels move (the non-normalised ones).</summary>
    private static CorrectionSettings MarginalCorrections(CorrectionSettings c) => c with
    {
        Vegetation = c.Vegetation is { Normalize: false } v ? v : null,
        Climate = c.Climate is { Normalize: false } k ? k : null,
        Terrain = c.Terrain is { Normalize: false } t ? t : null,
        Poi = null,
    };

    /// <summary>One land-use map of the flux accounting: an observed year of the study, or a projected map
    /// (<see cref="Projected"/> set) whose classes are already the six class codes.</summary>
    private sealed record FluxSource(int Year, string LandUsePath, ClassScheme Classes, ProjectedLandUse? Projected)
    {
        /// <summary>How warnings name the map: the year, or the scenario and year.</summary>
        public string Label => Projected is null ? Year.ToString(CultureInfo.InvariantCulture) : $"{Projected.Scenario} {Year}";
    }

    private static FluxSource[] ObservedSources(StudyDefinition study) =>
        [.. study.YearList.Select(y => new FluxSource(y, study.Years[y], study.Classes, null))];

    /// <summary>The POI density rasters when F_POI is computed from them (index = (int)PoiFunction), else null.</summary>
    private static IReadOnlyList<string>? DensityPaths(RunContext context, StudyDefinition study)
    {
        if (study.Accounting.Corrections.Poi?.FromDensities is null) return null;
        var densities = context.Results.TryGet<PoiDensityResult>()
            ?? throw new InvalidOperationException("accounting.corrections.poi without raster needs the POI stage's densities (the study loader requires a poi: section).");
        return [.. PoiFunctions.All.Select(densities.RasterPath)];
    }

    /// <summary>One year of flux accounting, ready for the main pass: its land use and class lookup, parameters,
    /// δ_con and F_POI per zone, outputs, and the warnings of its preparation.</summary>
    private sealed class FluxYearPlan : IDisposable
    {
        public required FluxSource Source { get; init; }
        public int Year => Source.Year;
        public required YearRasters Rasters { get; init; }
        public FluxParameters Parameters { get; set; } = null!;
        public Dictionary<LandClass, double> Coefficients { get; set; } = [];
        public List<string> Warnings { get; } = [];
        public string ClassPath { get; set; } = "";
        public string CbiPath { get; set; } = "";
        public string? CcPath { get; set; }
        public string? NoPoiPath { get; set; }
        public IRasterOutput? ClassOut { get; set; }
        public IRasterOutput? CcOut { get; set; }
        public IRasterOutput? CbiOut { get; set; }
        public IRasterOutput? NoPoiOut { get; set; }

        /// <summary>The outputs being written (to commit them).</summary>
        public IEnumerable<IRasterOutput> Outputs => new[] { ClassOut, CcOut, CbiOut, NoPoiOut }.OfType<IRasterOutput>();

        public void Dispose()
        {
            ClassOut?.Dispose();
            CcOut?.Dispose();
            CbiOut?.Dispose();
            NoPoiOut?.Dispose();
            Rasters.Dispose();
        }
    }

    /// <summary>
    /// Flux accounting of every year in one main pass: each tile's static inputs (NDVI, climate, terrain factor,
    /// POI raster or densities, zones, pixel areas) are decoded once for all years, each year's land use once; the
    /// year's kernel then writes its rasters. Totals are reduced per year in tile order (exact sums), and the
    /// warnings come out year by year as before.
    /// </summary>
    private List<AccountingYear> FluxYears(RunContext context, StudyDefinition study, IReadOnlyList<FluxSource> years, TileOptions options,
        ZoneSource? zoneSource, FluxFirstPass[] first, List<ConstructionCoefficient> constructionRows, List<PoiFactorYear> poiFactors)
    {
        var grid = context.Grid;
        var areas = context.Areas;
        var plans = new List<FluxYearPlan>();
        try
        {
            for (int i = 0; i < years.Count; i++) plans.Add(PlanFluxYear(context, study, years[i], i == 0, zoneSource, first[i], constructionRows, poiFactors));
            var statics = plans[0].Rasters;
            var layout = options.LayoutFor(grid.Width, grid.Height, statics.LandUse.BlockWidth, statics.LandUse.BlockHeight);
            FluxTotals[] New() => [.. plans.Select(_ => new FluxTotals())];
            var totals = TileProcessor.MapReduce(layout, options, w => FluxTile(plans, w), New(), (acc, t) =>
            {
                for (int y = 0; y < acc.Length; y++) acc[y].Add(t[y]);
                return acc;
            });
            // Each commit finishes a file's last blocks and overview levels and lays it out as a COG: independent
            // files, finished side by side.
            TileProcessor.RunAll(options, [.. plans.SelectMany(p => p.Outputs).Select(o => (Action)o.Commit)]);
            var results = new List<AccountingYear>();
            for (int y = 0; y < plans.Count; y++)
            {
                var plan = plans[y];
                var t = totals[y];
                context.Warnings.AddRange(plan.Warnings);
                long excluded = t.ExcludedPixels.Sum();
                if (excluded > 0)
                    context.Warnings.Add($"accounting {plan.Source.Label}: {excluded.ToString("N0", CultureInfo.InvariantCulture)} pixels left out because a correction input is nodata where it applies.");
                var classes = LandClasses.All.Select(c => new ClassBudget(c, t.ClassPixels[(int)c],
                    areas.IsUniform ? t.ClassPixels[(int)c] * (areas.UniformAreaM2 / 1e6) : t.ClassAreaM2[(int)c].Value / 1e6,
                    t.ClassTonnesC[(int)c].Value)).ToList();
                results.Add(new AccountingYear(plan.Year, plan.Source.LandUsePath, plan.ClassPath, plan.CcPath, plan.CbiPath, null,
                    t.SourceTonnesC.Value, t.SinkTonnesC.Value, t.NetTonnesC, classes, excluded) { BudgetWithoutPoiPath = plan.NoPoiPath });
            }
            return results;
        }
        finally
        {
            foreach (var plan in plans) plan.Dispose();
        }
    }

    /// <summary>Parameters, δ_con and F_POI of one year from its first pass, and its outputs opened. Only the
    /// first year's <see cref="YearRasters"/> opens the static inputs (the main pass reads them through it).</summary>
    private FluxYearPlan PlanFluxYear(RunContext context, StudyDefinition study, FluxSource source, bool statics, ZoneSource? zoneSource,
        FluxFirstPass first, List<ConstructionCoefficient> constructionRows, List<PoiFactorYear> poiFactors)
    {
        int year = source.Year;
        var projected = source.Projected;
        var a = study.Accounting;
        var grid = context.Grid;
        var poiOptions = a.Corrections.Poi?.FromDensities;
        var plan = new FluxYearPlan
        {
            Source = source,
            Rasters = statics
                ? new YearRasters(context.OpenRaster, source.LandUsePath, a.Corrections, source.Classes, DensityPaths(context, study)) { Areas = context.Areas }
                : new YearRasters(context.OpenRaster, source.LandUsePath, new CorrectionSettings(), source.Classes) { Areas = context.Areas },
        };
        try
        {
            var rasters = plan.Rasters;
            var coefficientTable = a.LoadCoefficients();
            var coefficients = LandClasses.All.ToDictionary(c => c, c => coefficientTable[c] ?? double.NaN);
            if (a.Construction.FixedTonnesCPerHa is double fixedCon) coefficients[LandClass.Construction] = fixedCon;
            plan.Coefficients = coefficients;
            if (zoneSource is not null)
                rasters.Zones = projected is null
                    ? PrepareZones(context, study, year, zoneSource, first.ConstructionByZone!, constructionRows, plan.Warnings)
                    : HoldConstruction(projected, zoneSource, first.ConstructionByZone!, plan.Warnings);
            var areas = context.Areas;
            plan.Parameters = FluxParameters.Create(coefficients, a.Corrections, areas.IsUniform ? areas.UniformAreaM2 / 1e4 : double.NaN, first.Sums);
            // After the sums pass, which does not need F_POI (its normalisation is built in).
            if (poiOptions is not null)
            {
                var factors = new Dictionary<int, PoiFunctionalFactor>();
                var sectors = a.Corrections.Poi!.SectorTotalsFromEnergy ? new EnergySectors(a, projected?.InputYear ?? year) : null;
                foreach (var (zone, unitTotals) in first.PoiByUnit!)
                {
                    string unit = zone == YearRasters.NoZones ? "" : zone < 0 ? "outside" : rasters.Zones!.UnitOf(zone);
                    var unitOptions = sectors is null ? poiOptions : poiOptions with { SectorTotals = sectors.For(zone < 0 ? null : unit) };
                    factors[zone] = new PoiFunctionalFactor(unitOptions, unitTotals);
                    if (projected is null) poiFactors.Add(new PoiFactorYear(year, unit, unitOptions, unitTotals.ConstructionPixels, factors[zone].PixelsWithoutPoi));
                }
                rasters.PoiFactors = factors;
            }
            // A projected year's class raster exists already (the simulation wrote it); its cc and CBI-without-POI
            // rasters serve no later stage and are not written.
            plan.ClassPath = projected?.ClassPath ?? context.PathOf(OutputCatalog.LandUse, Y(year));
            plan.CcPath = a.WriteCoefficientRasters && projected is null ? context.PathOf(OutputCatalog.CompositeCoefficient, Y(year)) : null;
            plan.CbiPath = projected is null ? context.PathOf(OutputCatalog.Cbi, Y(year)) : context.PathOf(OutputCatalog.ScenarioCbi, projected.Scenario, Y(year));
            plan.NoPoiPath = projected is null && NeedsCbiWithoutPoi(study, year) ? context.PathOf(OutputCatalog.CbiWithoutPoi, Y(year)) : null;
            plan.ClassOut = projected is not null ? null : Output(context, new RasterOutputSpec(plan.ClassPath, grid, RasterDataType.UInt8, 0, study.Classes.ToColorTable()));
            plan.CcOut = plan.CcPath is null ? null : Output(context, new RasterOutputSpec(plan.CcPath, grid, RasterDataType.Float32, AccountingResult.FloatNoData, null));
            plan.CbiOut = Output(context, new RasterOutputSpec(plan.CbiPath, grid, RasterDataType.Float32, AccountingResult.FloatNoData, null));
            plan.NoPoiOut = plan.NoPoiPath is null ? null : Output(context, new RasterOutputSpec(plan.NoPoiPath, grid, RasterDataType.Float32, AccountingResult.FloatNoData, null));
            return plan;
        }
        catch
        {
            plan.Dispose();
            throw;
        }
    }

    /// <summary>The main pass on one tile for every year (see <see cref="FluxYears"/>).</summary>
    private static FluxTotals[] FluxTile(List<FluxYearPlan> plans, PixelWindow w)
    {
        int n = (int)w.PixelCount;
        var statics = plans[0].Rasters;
        var totals = new FluxTotals[plans.Count];
        using var b = new TileBuffers(n);
        var inputs = ReadCorrectionInputs(statics, w, b);
        if (!inputs.Precipitation.IsEmpty)
        {
            FluxTileInputs.FillBiomassFromPrecipitation(inputs.Precipitation, b.BiomassFromPrecipitation);
            inputs.BiomassFromPrecipitation = b.BiomassFromPrecipitation;
        }
        if (statics.Poi is not null) { YearRasters.ReadFloat(statics.Poi, w, b.Poi); inputs.PoiWeight = b.Poi; }
        if (statics.Areas is { IsUniform: false } areas) { areas.Fill(w, b.Area); inputs.AreaM2 = b.Area; }
        var zones = statics.Zones;
        if (zones is not null) zones.ReadZones(w, b.ZoneIds);
        double[][]? d = statics.PoiFactors is not null ? statics.RentDensities(n) : null;
        var cc = ArrayPool<float>.Shared.Rent(n);
        var cbi = ArrayPool<float>.Shared.Rent(n);
        var noPoi = ArrayPool<float>.Shared.Rent(n);
        try
        {
            if (d is not null) statics.ReadPoiDensities(w, d);
            for (int y = 0; y < plans.Count; y++)
            {
                var plan = plans[y];
                var r = plan.Rasters;
                r.ReadClasses(w, b.Classes);
                inputs.Classes = b.Classes;
                if (r.PoiFactors is not null)
                {
                    r.FillPoiFactor(d!, n, b.Classes, zones is null ? [] : b.ZoneIds, b.Poi);
                    inputs.PoiWeight = b.Poi;
                }
                if (r.Zones is not null)
                {
                    r.Zones.Fill(b.ZoneIds, b.Classes, b.Construction);
                    inputs.Construction = b.Construction;
                }
                var t = totals[y] = new FluxTotals();
                CompositeCoefficient.Compute(inputs, plan.Parameters, plan.CcOut is null ? [] : cc.AsSpan(0, n), cbi.AsSpan(0, n),
                    plan.NoPoiOut is null ? [] : noPoi.AsSpan(0, n), t);
                plan.ClassOut?.Write(w, inputs.Classes);
                plan.CcOut?.Write(w, cc.AsSpan(0, n));
                plan.CbiOut?.Write(w, cbi.AsSpan(0, n));
                plan.NoPoiOut?.Write(w, noPoi.AsSpan(0, n));
            }
        }
        finally
        {
            if (d is not null) YearRasters.ReturnDensities(d);
            ArrayPool<float>.Shared.Return(cc);
            ArrayPool<float>.Shared.Return(cbi);
            ArrayPool<float>.Shared.Return(noPoi);
        }
        return totals;
    }

    /// <summary>The construction coefficient's zones, opened (raster) or rasterised (polygons) once for all years;
    /// the warnings of reading a polygon layer are repeated for every year, as when each year read it.</summary>
    private sealed class ZoneSource : IDisposable
    {
        public IRasterReader? Raster { get; private init; }
        public ZoneMask? Mask { get; private init; }
        public IReadOnlyList<string> Warnings { get; private init; } = [];

        public static ZoneSource Open(RunContext context, StudyDefinition study)
        {
            var c = study.Accounting.Construction;
            if (StudyRasterCheck.IsRasterPath(c.ZonesPath!)) return new ZoneSource { Raster = context.OpenRaster(c.ZonesPath!) };
            var warnings = new List<string>();
            var mask = ZoneRasterizer.Rasterize(ZoneLayer.Read(c.ZonesPath!, c.ZoneCrs, context.Grid, c.ZoneField, null, warnings, "accounting.construction.zoneCrs"), context.Grid);
            return new ZoneSource { Mask = mask, Warnings = warnings };
        }

        /// <summary>A reader of the zone keys of pixels (coefficients still empty).</summary>
        public ZoneCoefficients Keys() => new(Raster, Mask);

        public void Dispose() => Raster?.Dispose();
    }

    /// <summary>What the first pass gives one year of flux accounting: construction pixels (and ground area) per
    /// zone for δ_con, the class sums for the normalised corrections, and the F_POI pass-1 totals per unit.</summary>
    private sealed class FluxFirstPass
    {
        public ZoneAreaTally? ConstructionByZone { get; init; }
        public FactorSums? Sums { get; init; }
        public SortedDictionary<int, PoiConstructionTotals>? PoiByUnit { get; init; }

        public FluxFirstPass Merge(FluxFirstPass o)
        {
            ConstructionByZone?.Merge(o.ConstructionByZone!);
            Sums?.Add(o.Sums!);
            if (PoiByUnit is not null)
                foreach (var (zone, totals) in o.PoiByUnit!)
                    if (PoiByUnit.TryGetValue(zone, out var t)) t.Merge(totals);
                    else PoiByUnit[zone] = totals;
            return this;
        }
    }

    /// <summary>
    /// The first pass of every year at once, in one read of each input: the static inputs (NDVI, climate, DEM, POI
    /// raster or densities, zones, pixel areas) are decoded once per tile and each year's land use once. Every
    /// total is an exact sum or a count, so the results are those of one pass per year and per purpose, bit for
    /// bit, for any tile size and thread count.
    /// </summary>
    private static FluxFirstPass[] FluxFirstPasses(RunContext context, StudyDefinition study, IReadOnlyList<FluxSource> years,
        ZoneSource? zoneSource, TileOptions options)
    {
        var a = study.Accounting;
        bool needsSums = a.Corrections.Vegetation is not null || a.Corrections.Climate is not null
            || a.Corrections.Terrain is not null || a.Corrections.Poi is { FromDensities: null };
        bool poi = a.Corrections.Poi?.FromDensities is not null;
        if (!needsSums && !poi && zoneSource is null) return [.. years.Select(_ => new FluxFirstPass())];
        var densityPaths = DensityPaths(context, study);
        var rasters = new List<YearRasters>();
        try
        {
            // The statics are read through the first year's readers; the other years only read their land use.
            foreach (var y in years)
                rasters.Add(rasters.Count == 0
                    ? new YearRasters(context.OpenRaster, y.LandUsePath, a.Corrections, y.Classes, densityPaths) { Areas = context.Areas }
                    : new YearRasters(context.OpenRaster, y.LandUsePath, new CorrectionSettings(), y.Classes));
            var statics = rasters[0];
            var zones = zoneSource?.Keys();
            var areas = context.Areas;
            var grid = context.Grid;
            var layout = options.LayoutFor(grid.Width, grid.Height, statics.LandUse.BlockWidth, statics.LandUse.BlockHeight);
            FluxFirstPass[] New() => [.. years.Select(_ => new FluxFirstPass
            {
                ConstructionByZone = zones is null ? null : new ZoneAreaTally(),
                Sums = needsSums ? new FactorSums() : null,
                PoiByUnit = poi ? new SortedDictionary<int, PoiConstructionTotals>() : null,
            })];
            return TileProcessor.MapReduce(layout, options, w =>
            {
                int n = (int)w.PixelCount;
                var parts = New();
                using var b = new TileBuffers(n);
                var inputs = needsSums ? ReadCorrectionInputs(statics, w, b) : new FluxTileInputs();
                if (needsSums && statics.Poi is not null) { YearRasters.ReadFloat(statics.Poi, w, b.Poi); inputs.PoiWeight = b.Poi; }
                Span<double> area = areas.IsUniform || zones is null ? [] : b.Area;
                if (!area.IsEmpty) areas.Fill(w, area);
                Span<int> ids = zones is null ? [] : b.ZoneIds;
                zones?.ReadZones(w, ids);
                double[][]? d = poi ? statics.RentDensities(n) : null;
                var masked = poi ? ArrayPool<byte>.Shared.Rent(n) : null;
                // The static inputs' terms of the class sums, once for every year (null: out of the fast range).
                var terms = needsSums && years.Count > 1 ? FactorTerms.TryCreate(inputs, n) : null;
                PoiDensityTerms? poiTerms = null;
                var allClasses = ArrayPool<byte>.Shared.Rent(n * years.Count);
                try
                {
                    for (int y = 0; y < years.Count; y++) rasters[y].ReadClasses(w, allClasses.AsSpan(y * n, n));
                    if (d is not null)
                    {
                        statics.ReadPoiDensities(w, d);
                        // The densities' terms where some year has construction land (the only pixels they serve).
                        poiTerms = PoiDensityTerms.TryCreate(d, n, allClasses.AsSpan(0, n * years.Count));
                    }
                    for (int y = 0; y < years.Count; y++)
                    {
                        var cls = allClasses.AsSpan(y * n, n);
                        var part = parts[y];
                        if (part.Sums is not null)
                        {
                            if (terms is not null) part.Sums.AddTile(cls, terms);
                            else
                            {
                                inputs.Classes = cls;
                                part.Sums.AddTile(inputs);
                            }
                        }
                        part.ConstructionByZone?.AddConstruction(cls, ids, area);
                        if (part.PoiByUnit is { } byUnit)
                        {
                            if (poiTerms is not null)
                            {
                                YearRasters.AddPoiTotals(cls, ids, poiTerms, byUnit);
                                continue;
                            }
                            foreach (int zone in YearRasters.ZonesOf(cls, ids))
                            {
                                YearRasters.Mask(cls, ids, zone, masked.AsSpan(0, n));
                                if (!byUnit.TryGetValue(zone, out var totals)) byUnit[zone] = totals = new PoiConstructionTotals();
                                totals.Add<byte>(masked.AsSpan(0, n), (byte)LandClass.Construction, YearRasters.AsMemory(d!, n));
                            }
                        }
                    }
                }
                finally
                {
                    terms?.Dispose();
                    poiTerms?.Dispose();
                    ArrayPool<byte>.Shared.Return(allClasses);
                    if (d is not null) YearRasters.ReturnDensities(d);
                    if (masked is not null) ArrayPool<byte>.Shared.Return(masked);
                }
                return parts;
            }, New(), (acc, parts) =>
            {
                for (int y = 0; y < acc.Length; y++) acc[y].Merge(parts[y]);
                return acc;
            });
        }
        finally
        {
            foreach (var r in rasters) r.Dispose();
        }
    }

    /// <summary>The regression's default response needs the CBI before POI weighting at the end of its interval.</summary>
    private static bool NeedsCbiWithoutPoi(StudyDefinition study, int year) =>
        study.Accounting.Corrections.Poi is not null && study.Regression is { Response: RegressionResponse.Unweighted } r
        && year == (r.Interval?.To ?? study.YearList[^1]);

    private IRasterOutput? Output(RunContext context, RasterOutputSpec spec) => CreateOutput?.Invoke(context, spec);

    /// <summary>Pixels and Σ ground area (m², per-pixel area models only) per key (zone or land-use code).</summary>
    private sealed class ZoneAreaTally
    {
        public Dictionary<int, long> Pixels { get; } = [];
        public Dictionary<int, ExactSum> AreaM2 { get; } = [];

        public void Add(int key, double areaM2)
        {
            Pixels[key] = Pixels.GetValueOrDefault(key) + 1;
            if (areaM2 == 0) return;
            var s = AreaM2.GetValueOrDefault(key);
            s.Add(areaM2);
            AreaM2[key] = s;
        }

        /// <summary>Adds the construction pixels of a tile, per zone (<see cref="Add"/> per pixel, the pixels of a
        /// run in one zone added at once: the same counts and exact sums).</summary>
        public void AddConstruction(ReadOnlySpan<byte> classes, ReadOnlySpan<int> zones, ReadOnlySpan<double> areaM2)
        {
            var run = new ZoneRun();
            for (int i = 0; i < classes.Length; i++)
            {
                if (classes[i] != (byte)LandClass.Construction) continue;
                if (run.Pixels > 0 && zones[i] != run.Zone) run.FlushInto(this);
                run.Zone = zones[i];
                run.Pixels++;
                if (!areaM2.IsEmpty && areaM2[i] != 0)
                {
                    run.Buffer.Add(areaM2[i], ref run.Area);
                    run.HasArea = true;
                }
            }
            if (run.Pixels > 0) run.FlushInto(this);
        }

        /// <summary>Consecutive construction pixels of one zone.</summary>
        private struct ZoneRun
        {
            public int Zone;
            public long Pixels;
            public bool HasArea;
            public ExactSum Area;
            public ExactSumBuffer Buffer;

            public void FlushInto(ZoneAreaTally t)
            {
                t.Pixels[Zone] = t.Pixels.GetValueOrDefault(Zone) + Pixels;
                if (HasArea)
                {
                    Buffer.Flush(ref Area);
                    var s = t.AreaM2.GetValueOrDefault(Zone);
                    s.Add(Area);
                    t.AreaM2[Zone] = s;
                }
                this = default;
            }
        }

        public void Merge(ZoneAreaTally o)
        {
            foreach (var (k, v) in o.Pixels) Pixels[k] = Pixels.GetValueOrDefault(k) + v;
            foreach (var (k, v) in o.AreaM2)
            {
                var s = AreaM2.GetValueOrDefault(k);
                s.Add(v);
                AreaM2[k] = s;
            }
        }
    }

    private sealed class TileBuffers : IDisposable
    {
        private readonly int _n;
        private byte[]? _classes;
        private float[]? _veg, _pr, _t, _ter, _poi, _con;
        private int[]? _zones;
        private double[]? _area, _biomass;

        public TileBuffers(int n) => _n = n;

        public Span<byte> Classes => (_classes ??= ArrayPool<byte>.Shared.Rent(_n)).AsSpan(0, _n);
        public Span<float> Vegetation => (_veg ??= ArrayPool<float>.Shared.Rent(_n)).AsSpan(0, _n);
        public Span<float> Precipitation => (_pr ??= ArrayPool<float>.Shared.Rent(_n)).AsSpan(0, _n);
        public Span<float> Temperature => (_t ??= ArrayPool<float>.Shared.Rent(_n)).AsSpan(0, _n);
        public Span<float> Terrain => (_ter ??= ArrayPool<float>.Shared.Rent(_n)).AsSpan(0, _n);
        public bool HasVegetation => _veg is not null;
        public bool HasClimate => _pr is not null;
        public bool HasTerrain => _ter is not null;
        public Span<float> Poi => (_poi ??= ArrayPool<float>.Shared.Rent(_n)).AsSpan(0, _n);
        public Span<float> Construction => (_con ??= ArrayPool<float>.Shared.Rent(_n)).AsSpan(0, _n);
        public Span<int> ZoneIds => (_zones ??= ArrayPool<int>.Shared.Rent(_n)).AsSpan(0, _n);
        public Span<double> Area => (_area ??= ArrayPool<double>.Shared.Rent(_n)).AsSpan(0, _n);
        public Span<double> BiomassFromPrecipitation => (_biomass ??= ArrayPool<double>.Shared.Rent(_n)).AsSpan(0, _n);

        public void Dispose()
        {
            if (_classes is not null) ArrayPool<byte>.Shared.Return(_classes);
            foreach (var f in new[] { _veg, _pr, _t, _ter, _poi, _con }) if (f is not null) ArrayPool<float>.Shared.Return(f);
            if (_zones is not null) ArrayPool<int>.Shared.Return(_zones);
            if (_area is not null) ArrayPool<double>.Shared.Return(_area);
            if (_biomass is not null) ArrayPool<double>.Shared.Return(_biomass);
        }
    }

    /// <summary>Construction area per zone this year (from the first pass) → δ_con per zone (written to
    /// construction_coefficient.csv).</summary>
    private static ZoneCoefficients PrepareZones(RunContext context, StudyDefinition study, int year, ZoneSource source,
        ZoneAreaTally tally, List<ConstructionCoefficient> constructionRows, List<string> warnings)
    {
        var c = study.Accounting.Construction;
        warnings.AddRange(source.Warnings);
        var zones = source.Keys();
        var z = zones;
        var areas = context.Areas;
        var counts = tally.Pixels;
        var areaByUnit = counts.Where(kv => kv.Key >= 0).ToDictionary(kv => z.UnitOf(kv.Key),
            kv => areas.IsUniform ? kv.Value * (areas.UniformAreaM2 / 1e4) : tally.AreaM2[kv.Key].Value / 1e4, StringComparer.Ordinal);
        var stats = EnergyStatistics.Read(c.EnergyPath!, study.Accounting.LoadEnergyFactors(), c.ExcludeSectors);
        var coefficients = ConstructionCoefficients.ForYear(stats, year, areaByUnit, c.EnergyPath!);
        var keyOfUnit = counts.Keys.Where(k => k >= 0).ToDictionary(z.UnitOf, k => k, StringComparer.Ordinal);
        ExactSum e = default, area = default;
        foreach (var cc in coefficients)
        {
            zones.ByCode[keyOfUnit[cc.Unit]] = (float)cc.TonnesCPerHa;
            e.Add(cc.EmissionTonnesC);
            area.Add(cc.ConstructionAreaHa);
        }
        zones.OutsideTonnesCPerHa = area.Value > 0 ? (float)(e.Value / area.Value) : float.NaN;
        long outside = counts.GetValueOrDefault(-1);
        if (outside > 0)
            warnings.Add($"accounting {year}: {outside.ToString("N0", CultureInfo.InvariantCulture)} construction pixels lie outside every zone of {c.ZonesPath}; they get the study-wide coefficient {zones.OutsideTonnesCPerHa:0.####} t C/ha/yr.");
        foreach (var cc in coefficients.Where(x => x.Provenance != EnergyStatistics.Provenance.Statistics))
            warnings.Add($"accounting {year}: unit {cc.Unit} has no energy statistics for {year}; emission {cc.Provenance.Key()} ({cc.EmissionTonnesC:0.###} t C).");
        constructionRows.AddRange(coefficients);
        return zones;
    }

    /// <summary>δ_con of a projected map: each unit keeps the coefficient of the input (last observed) year; a unit
    /// with construction now but none then, and pixels outside every unit, get that year's study-wide E/A.</summary>
    private static ZoneCoefficients HoldConstruction(ProjectedLandUse projected, ZoneSource source, ZoneAreaTally tally, List<string> warnings)
    {
        warnings.AddRange(source.Warnings);
        var zones = source.Keys();
        var keyOfUnit = tally.Pixels.Keys.Where(k => k >= 0).ToDictionary(zones.UnitOf, k => k, StringComparer.Ordinal);
        var rows = projected.Construction.Where(r => r.Year == projected.InputYear).ToList();
        ExactSum e = default, area = default;
        foreach (var r in rows)
        {
            e.Add(r.EmissionTonnesC);
            area.Add(r.ConstructionAreaHa);
        }
        zones.OutsideTonnesCPerHa = area.Value > 0 ? (float)(e.Value / area.Value) : float.NaN;
        var byUnit = rows.ToDictionary(r => r.Unit, r => r.TonnesCPerHa, StringComparer.Ordinal);
        foreach (var (unit, key) in keyOfUnit.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (byUnit.TryGetValue(unit, out double v) && double.IsFinite(v)) zones.ByCode[key] = (float)v;
            else
            {
                zones.ByCode[key] = zones.OutsideTonnesCPerHa;
                warnings.Add($"accounting {projected.Scenario} {projected.Year}: unit {unit} had no construction coefficient in {projected.InputYear}; its projected construction gets the study-wide {zones.OutsideTonnesCPerHa:0.####} t C/ha/yr of {projected.InputYear}.");
            }
        }
        return zones;
    }

    /// <summary>Sector totals (t C) of one year from the energy statistics per unit and sector: stated,
    /// interpolated or extrapolated per sector as the unit emissions are, then gathered per POI function.</summary>
    private sealed class EnergySectors(AccountingSection a, int year)
    {
        private readonly IReadOnlyDictionary<string, IReadOnlyList<UnitYearEmission>> _byUnit =
            EnergyStatistics.ReadByUnitAndSector(a.Construction.EnergyPath!, a.LoadEnergyFactors(), a.Construction.ExcludeSectors);

        /// <summary>The unit's own sector totals; the sum over all units for pixels outside every unit or a unit
        /// without statistics.</summary>
        public Dictionary<PoiFunction, double> For(string? unit)
        {
            var sums = new ExactSum[PoiFunctions.Count];
            var units = unit is not null && _byUnit.TryGetValue(unit, out var own) ? [own] : _byUnit.Values;
            foreach (var rows in units)
            {
                foreach (var sector in rows.Select(x => x.Unit).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    var f = SectorFunctions.Find(sector, a.Corrections.Poi!.SectorNames)
                        ?? throw new InvalidOperationException($"sector '{sector}' has no function (the study check should have caught it)");
                    sums[(int)f].Add(EnergyStatistics.EmissionFor(rows, sector, year)!.Value.TonnesC);
                }
            }
            return PoiFunctions.All.ToDictionary(f => f, f => sums[(int)f].Value);
        }
    }

    private sealed record PoiFactorYear(int Year, string Unit, PoiFactorOptions Options, long ConstructionPixels, long PixelsWithoutPoi);

    private static void WritePoiFactorTable(RunContext context, IReadOnlyList<PoiFactorYear> rows)
    {
        var sectors = PoiFunctions.All.Where(f => f != PoiFunction.Other).ToList();
        var w = new CsvWriter(["year", "unit", "mode", "constructionPixels", "pixelsWithoutPoi", "minPoiFactor",
            .. sectors.Select(f => "sectorTotal_" + PoiFunctions.Name(f))]);
        foreach (var r in rows)
        {
            bool shares = r.Options.Mode == PoiWeightingMode.SectorShares;
            w.Row([r.Year, r.Unit, shares ? "sectors" : "fixed", r.ConstructionPixels, r.PixelsWithoutPoi, r.Options.MinPoiFactor,
                .. sectors.Select(f => shares ? (object)r.Options.SectorTotal(f) : "")]);
        }
        w.Save(context.PathOf(OutputCatalog.PoiFactor));
    }

    private static void WriteConstructionTable(RunContext context, IReadOnlyList<ConstructionCoefficient> rows)
    {
        var w = new CsvWriter(OutputCatalog.ConstructionCoefficient.Header());
        foreach (var r in rows) w.Row(r.Unit, r.Year, r.EmissionTonnesC, r.ConstructionAreaHa, r.TonnesCPerHa, r.Provenance.Key());
        w.Save(context.PathOf(OutputCatalog.ConstructionCoefficient));
    }

    private AccountingYear StockYear(RunContext context, StudyDefinition study, int year, TileOptions options, List<(int Year, StockTotals Totals)> stocks)
    {
        var grid = context.Grid;
        var a = study.Accounting;
        var pools = CarbonPoolTable.Read(a.PoolsPath!);
        using var rasters = new YearRasters(context.OpenRaster, study.Years[year], a.Corrections, study.Classes);
        var lu = rasters.LandUse;
        var lookup = rasters.Lookup;
        var layout = options.LayoutFor(grid.Width, grid.Height, lu.BlockWidth, lu.BlockHeight);
        // Stock per code in t C per pixel: C_tot (t C/ha) × pixel area (ha), the InVEST definition; with per-pixel
        // areas C_tot × a_p.
        var areas = context.Areas;
        double uniformHa = areas.IsUniform ? areas.UniformAreaM2 / 1e4 : double.NaN;
        var densityOfCode = new Dictionary<int, double>();
        var stockOfCode = new Dictionary<int, float>();
        foreach (var p in pools.Rows)
        {
            densityOfCode[p.Lucode] = p.TotalTonnesCPerHa;
            stockOfCode[p.Lucode] = (float)(p.TotalTonnesCPerHa * uniformHa);
        }
        StockCorrection? correction = StockCorrection.IsOn(a.Corrections) ? PrepareStockCorrection(rasters, pools, layout, options, a.Corrections, study.RawCodes) : null;
        bool raw = study.RawCodes;
        // Without classes.map the categories are the raw codes: rasters/lucode_<year>.tif (uint16, 65535 = nodata).
        string classPath = context.PathOf(raw ? OutputCatalog.LandUseCodes : OutputCatalog.LandUse, Y(year));
        string stockPath = context.PathOf(OutputCatalog.Stock, Y(year));
        using var classOut = Output(context, raw
            ? new RasterOutputSpec(classPath, grid, RasterDataType.UInt16, RawCodeNoData, null)
            : new RasterOutputSpec(classPath, grid, RasterDataType.UInt8, 0, study.Classes.ToColorTable()));
        using var stockOut = Output(context, new RasterOutputSpec(stockPath, grid, RasterDataType.Float32, AccountingResult.FloatNoData, null));
        var groupOf = GroupsOf(pools);
        var tally = TileProcessor.Accumulate(layout, options, () => new StockYearTally(pools.Rows.Count + 1), (w, acc) =>
        {
            int n = (int)w.PixelCount;
            var codes = ArrayPool<int>.Shared.Rent(n);
            var cls = ArrayPool<byte>.Shared.Rent(n);
            var stock = ArrayPool<float>.Shared.Rent(n);
            var rawCodes = raw ? ArrayPool<ushort>.Shared.Rent(n) : null;
            var area = areas.IsUniform ? null : ArrayPool<double>.Shared.Rent(n);
            using var b = new TileBuffers(n);
            lu.Read<int>(w, codes.AsSpan(0, n));
            lookup.Apply(codes.AsSpan(0, n), cls.AsSpan(0, n));
            if (area is not null) areas.Fill(w, area.AsSpan(0, n));
            if (correction is not null) ReadCorrectionInputs(rasters, w, b);
            int last = int.MinValue;
            float lastStock = float.NaN;
            double lastDensity = double.NaN;
            for (int i = 0; i < n; i++)
            {
                int code = codes[i];
                if (cls[i] == 0 || (!raw && cls[i] == ClassLookup.Unknown))
                {
                    cls[i] = 0;
                    if (rawCodes is not null) rawCodes[i] = RawCodeNoData;
                    stock[i] = float.NaN;
                    continue;
                }
                if (rawCodes is not null) rawCodes[i] = (ushort)code;
                if (correction is not null)
                {
                    stock[i] = CorrectedPixel(correction, pools, groupOf, code, b, i, area is null ? uniformHa : area[i] / 1e4, acc.Corrected);
                    continue;
                }
                if (code != last)
                {
                    last = code;
                    lastStock = stockOfCode.TryGetValue(code, out float st) ? st : float.NaN;
                    lastDensity = densityOfCode.TryGetValue(code, out double d) ? d : double.NaN;
                }
                if (area is null)
                {
                    stock[i] = lastStock;
                    acc.Areas.Add(code, 0);
                }
                else
                {
                    stock[i] = (float)(lastDensity * (area[i] / 1e4));
                    acc.Areas.Add(code, area[i]);
                }
            }
            if (rawCodes is not null)
            {
                classOut?.Write<ushort>(w, rawCodes.AsSpan(0, n));
                ArrayPool<ushort>.Shared.Return(rawCodes);
            }
            else
            {
                classOut?.Write<byte>(w, cls.AsSpan(0, n));
            }
            stockOut?.Write(w, stock.AsSpan(0, n));
            ArrayPool<int>.Shared.Return(codes);
            ArrayPool<byte>.Shared.Return(cls);
            ArrayPool<float>.Shared.Return(stock);
            if (area is not null) ArrayPool<double>.Shared.Return(area);
        }, (x, y) =>
        {
            x.Areas.Merge(y.Areas);
            x.Corrected.Merge(y.Corrected);
        });
        classOut?.Commit();
        stockOut?.Commit();
        long excluded = tally.Corrected.Excluded.Sum();
        if (excluded > 0)
            context.Warnings.Add($"accounting {year}: {excluded.ToString("N0", CultureInfo.InvariantCulture)} pixels left out because a correction input is nodata where it applies.");
        var counts = tally.Areas.Pixels;
        var stock = correction is null
            ? StockAccounting.Totals(pools, counts, lookup, uniformHa,
                areas.IsUniform ? null : counts.Keys.ToDictionary(k => k, k => tally.Areas.AreaM2.GetValueOrDefault(k).Value / 1e4))
            : StockAccounting.Totals(pools, tally.Corrected, lookup);
        stocks.Add((year, stock));
        var classes = LandClasses.All.Select(c =>
        {
            var rows = stock.Codes.Where(x => x.Class == c).ToList();
            long px = rows.Sum(x => x.Pixels);
            return new ClassBudget(c, px, StockAccounting.Sum(rows.Select(x => x.AreaHa)) / 100, StockAccounting.Sum(rows.Select(x => x.TotalTonnesC)));
        }).ToList();
        return new AccountingYear(year, study.Years[year], classPath, null, null, stockPath, stock.TotalTonnesC, 0, stock.TotalTonnesC, classes, excluded);
    }

    /// <summary>Nodata of <c>rasters/lucode_&lt;year&gt;.tif</c> (stock mode without classes.map).</summary>
    public const ushort RawCodeNoData = ushort.MaxValue;

    /// <summary>Largest raw code stock mode without classes.map accepts (the change analysis tallies codes 0…1022).</summary>
    public const int MaxRawCode = 1022;

    private sealed class StockYearTally(int groups)
    {
        public ZoneAreaTally Areas { get; } = new();
        public StockTally Corrected { get; } = new(groups);
    }

    /// <summary>Group of each pool-table code: its row index + 1 (0 = nodata).</summary>
    private static Dictionary<int, byte> GroupsOf(CarbonPoolTable pools)
    {
        var g = new Dictionary<int, byte>();
        for (int i = 0; i < pools.Rows.Count && i < byte.MaxValue; i++) g[pools.Rows[i].Lucode] = (byte)(i + 1);
        return g;
    }

    /// <summary>Pass 1 of corrected stock accounting: per pool row, the sums of the correction inputs (class
    /// means for normalisation and the climate reference).</summary>
    private static StockCorrection PrepareStockCorrection(YearRasters rasters, CarbonPoolTable pools, TileLayout layout, TileOptions options,
        CorrectionSettings corrections, bool raw)
    {
        if (pools.Rows.Count >= byte.MaxValue)
            throw new Models.InputException($"{pools.Path}: {pools.Rows.Count} rows; density corrections in stock mode support at most {byte.MaxValue - 1} land-use codes.");
        var groupOf = GroupsOf(pools);
        int groups = pools.Rows.Count + 1;
        var sums = TileProcessor.MapReduce(layout, options with { Progress = null }, w =>
        {
            int n = (int)w.PixelCount;
            using var b = new TileBuffers(n);
            var codes = ArrayPool<int>.Shared.Rent(n);
            rasters.LandUse.Read<int>(w, codes.AsSpan(0, n));
            rasters.Lookup.Apply(codes.AsSpan(0, n), b.Classes);
            var g = b.Classes;
            for (int i = 0; i < n; i++)
                g[i] = g[i] == 0 || (!raw && g[i] == ClassLookup.Unknown) ? (byte)0 : groupOf.GetValueOrDefault(codes[i]);
            ArrayPool<int>.Shared.Return(codes);
            var inputs = ReadCorrectionInputs(rasters, w, b);
            inputs.Classes = b.Classes;
            var s = new FactorSums(groups);
            s.AddTile(inputs);
            return s;
        }, new FactorSums(groups), (x, y) => x.Add(y));
        return StockCorrection.Create(corrections, sums, groups, (g, classes) =>
        {
            if (raw) return true; // no classes: every code of the pool table
            byte cls = rasters.Lookup[pools.Rows[g - 1].Lucode];
            return cls != 0 && cls != ClassLookup.Unknown && classes.Contains((LandClass)cls);
        });
    }

    private static FluxTileInputs ReadCorrectionInputs(YearRasters r, PixelWindow w, TileBuffers b)
    {
        var inputs = new FluxTileInputs();
        if (r.Vegetation is not null) { YearRasters.ReadFloat(r.Vegetation, w, b.Vegetation); inputs.Vegetation = b.Vegetation; }
        if (r.Precipitation is not null)
        {
            YearRasters.ReadFloat(r.Precipitation, w, b.Precipitation);
            YearRasters.ReadFloat(r.Temperature!, w, b.Temperature);
            inputs.Precipitation = b.Precipitation;
            inputs.Temperature = b.Temperature;
        }
        if (r.Dem is not null) { r.ReadTerrain(w, b.Terrain); inputs.Terrain = b.Terrain; }
        return inputs;
    }

    private static float CorrectedPixel(StockCorrection correction, CarbonPoolTable pools, Dictionary<int, byte> groupOf, int code,
        TileBuffers b, int i, double pixelAreaHa, StockTally tally)
    {
        if (!groupOf.TryGetValue(code, out byte g)) return float.NaN;
        var p = pools.Rows[g - 1];
        float Of(Span<float> s, bool used) => used ? s[i] : float.NaN;
        var r = correction;
        if (!r.TryCorrect(g, p, Of(b.Vegetation, b.HasVegetation), Of(b.Precipitation, b.HasClimate), Of(b.Temperature, b.HasClimate), Of(b.Terrain, b.HasTerrain),
            out double above, out double below, out double soil, out double dead))
        {
            tally.Excluded[g]++;
            return float.NaN;
        }
        tally.Pixels[g]++;
        tally.AreaHa[g].Add(pixelAreaHa);
        tally.Above[g].Add(above * pixelAreaHa);
        tally.Below[g].Add(below * pixelAreaHa);
        tally.Soil[g].Add(soil * pixelAreaHa);
        tally.Dead[g].Add(dead * pixelAreaHa);
        return (float)((above + below + soil + dead) * pixelAreaHa);
    }

    private static void WriteFluxTables(RunContext context, AccountingResult r)
    {
        double f = r.Units.FromTonnesC();
        bool co2e = r.Units == CarbonUnit.TonnesCO2e;
        var budget = new CsvWriter(OutputCatalog.BudgetByYear.Header(co2e));
        var byClass = new CsvWriter(OutputCatalog.ClassBudgetByYear.Header(co2e));
        foreach (var y in r.Years)
        {
            budget.Row(y.Year, y.SourceTonnesC * f, y.SinkTonnesC * f, y.NetTonnesC * f, y.BalanceRatio);
            foreach (var c in y.Classes) byClass.Row(y.Year, c.Class.Key(), c.AreaKm2, c.TonnesC * f);
        }
        budget.Save(context.PathOf(OutputCatalog.BudgetByYear));
        byClass.Save(context.PathOf(OutputCatalog.ClassBudgetByYear));
    }

    private static string Y(int year) => year.ToString(CultureInfo.InvariantCulture);
}
