using System.Buffers;
using System.Globalization;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Numerics;
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
        for (int i = 0; i < years.Count; i++)
        {
            int year = years[i];
            var sub = progress is null ? null : new Progress<double>(f => progress.Report((i + f) / years.Count));
            var options = context.Tiles with { Progress = sub, CancellationToken = cancellationToken };
            results.Add(study.Accounting.Mode == AccountingMode.Flux
                ? FluxYear(context, study, year, options, construction, poiFactors)
                : StockYear(context, study, year, options, stocks));
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
    internal static AccountingYear ProjectedFluxYear(RunContext context, ProjectedLandUse projected, TileOptions options) =>
        new AccountingStage { CreateOutput = RasterOutputs.GeoTiff }.FluxYear(context, context.RequireStudy(), projected.Year, options, [], [], projected);

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
        ArgumentNullException.ThrowIfNull(sink);
        new AccountingStage().FluxYear(context, context.RequireStudy(), projected.Year, options, [], [], projected, sink);
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

    private AccountingYear FluxYear(RunContext context, StudyDefinition study, int year, TileOptions options,
        List<ConstructionCoefficient> constructionRows, List<PoiFactorYear> poiFactors, ProjectedLandUse? projected = null,
        ClassCoefficientSink? classSink = null)
    {
        var a = study.Accounting;
        var grid = context.Grid;
        int inputYear = projected?.InputYear ?? year;
        string label = projected is null ? year.ToString(CultureInfo.InvariantCulture) : $"{projected.Scenario} {year}";
        var poiOptions = a.Corrections.Poi?.FromDensities;
        IReadOnlyList<string>? densityPaths = null;
        if (poiOptions is not null)
        {
            var densities = context.Results.TryGet<PoiDensityResult>()
                ?? throw new InvalidOperationException("accounting.corrections.poi without raster needs the POI stage's densities (the study loader requires a poi: section).");
            densityPaths = [.. PoiFunctions.All.Select(densities.RasterPath)];
        }
        using var rasters = projected is null
            ? new YearRasters(context.OpenRaster, study.Years[year], a.Corrections, study.Classes, densityPaths) { Areas = context.Areas }
            : new YearRasters(context.OpenRaster, projected.ClassPath, a.Corrections, ProjectedLandUse.ClassCodes(study.Classes), densityPaths) { Areas = context.Areas };
        var layout = options.LayoutFor(grid.Width, grid.Height, rasters.LandUse.BlockWidth, rasters.LandUse.BlockHeight);
        var coefficientTable = a.LoadCoefficients();
        var coefficients = LandClasses.All.ToDictionary(c => c, c => coefficientTable[c] ?? double.NaN);
        if (a.Construction.FixedTonnesCPerHa is double fixedCon) coefficients[LandClass.Construction] = fixedCon;
        IRasterReader? zoneRaster = null;
        try
        {
            if (a.Construction.EnergyPath is not null)
            {
                zoneRaster = PrepareZones(context, study, year, rasters, layout, options, constructionRows, out var zones, projected);
                rasters.Zones = zones;
            }
            bool needsSums = a.Corrections.Vegetation is not null || a.Corrections.Climate is not null
                || a.Corrections.Terrain is not null || a.Corrections.Poi is { FromDensities: null };
            FactorSums? sums = needsSums
                ? TileProcessor.MapReduce(layout, options with { Progress = null }, w => ReadTile(rasters, w, (buffers, inputs) =>
                {
                    var s = new FactorSums();
                    s.AddTile(inputs);
                    return s;
                }), new FactorSums(), (acc, s) => acc.Add(s))
                : null;
            var areas = context.Areas;
            var parameters = FluxParameters.Create(coefficients, a.Corrections, areas.IsUniform ? areas.UniformAreaM2 / 1e4 : double.NaN, sums);
            if (classSink is not null)
            {
                var marginal = FluxParameters.Create(coefficients, MarginalCorrections(a.Corrections), parameters.PixelAreaHa, sums);
                TileProcessor.ForEach(layout, options with { Progress = null }, w => ReadTile(rasters, w, (buffers, inputs) =>
                {
                    int n = (int)w.PixelCount;
                    var cls = ArrayPool<byte>.Shared.Rent(n);
                    var cc = ArrayPool<float>.Shared.Rent(n);
                    var cbi = ArrayPool<float>.Shared.Rent(n);
                    ReadOnlySpan<int> zones = rasters.Zones is null ? [] : buffers.ZoneIds;
                    foreach (var c in LandClasses.All)
                    {
                        cls.AsSpan(0, n).Fill((byte)c);
                        inputs.Classes = cls.AsSpan(0, n);
                        inputs.PoiWeight = [];
                        if (rasters.Zones is not null)
                        {
                            rasters.Zones.Fill(zones, inputs.Classes, buffers.Construction);
                            inputs.Construction = buffers.Construction;
                        }
                        CompositeCoefficient.Compute(inputs, marginal, cc.AsSpan(0, n), cbi.AsSpan(0, n), new FluxTotals());
                        classSink(w, (int)c, cc.AsSpan(0, n));
                    }
                    ArrayPool<byte>.Shared.Return(cls);
                    ArrayPool<float>.Shared.Return(cc);
                    ArrayPool<float>.Shared.Return(cbi);
                    return 0;
                }));
                return null!;
            }
            // After the sums pass, which does not need F_POI (its normalisation is built in).
            if (poiOptions is not null)
            {
                var byUnit = PoiTotals(rasters, layout, options with { Progress = null });
                var factors = new Dictionary<int, PoiFunctionalFactor>();
                var sectors = a.Corrections.Poi!.SectorTotalsFromEnergy ? new EnergySectors(a, inputYear) : null;
                foreach (var (zone, unitTotals) in byUnit)
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
            string classPath = projected?.ClassPath ?? context.RasterPath($"landuse_{year}");
            string? ccPath = a.WriteCoefficientRasters && projected is null ? context.RasterPath($"cc_{year}") : null;
            string cbiPath = context.RasterPath(projected is null ? $"cbi_{year}" : $"cbi_{projected.Scenario}_{year}");
            string? noPoiPath = projected is null && NeedsCbiWithoutPoi(study, year) ? context.RasterPath($"cbi_without_poi_{year}") : null;
            using var classOut = projected is not null ? null : Output(context, new RasterOutputSpec(classPath, grid, RasterDataType.UInt8, 0, study.Classes.ToColorTable()));
            using var ccOut = ccPath is null ? null : Output(context, new RasterOutputSpec(ccPath, grid, RasterDataType.Float32, AccountingResult.FloatNoData, null));
            using var cbiOut = Output(context, new RasterOutputSpec(cbiPath, grid, RasterDataType.Float32, AccountingResult.FloatNoData, null));
            using var noPoiOut = noPoiPath is null ? null : Output(context, new RasterOutputSpec(noPoiPath, grid, RasterDataType.Float32, AccountingResult.FloatNoData, null));
            var totals = TileProcessor.MapReduce(layout, options, w => ReadTile(rasters, w, (buffers, inputs) =>
            {
                int n = (int)w.PixelCount;
                var t = new FluxTotals();
                var cc = ArrayPool<float>.Shared.Rent(n);
                var cbi = ArrayPool<float>.Shared.Rent(n);
                var noPoi = ArrayPool<float>.Shared.Rent(noPoiPath is null ? 0 : n);
                CompositeCoefficient.Compute(inputs, parameters, ccOut is null ? [] : cc.AsSpan(0, n), cbi.AsSpan(0, n),
                    noPoiPath is null ? [] : noPoi.AsSpan(0, n), t);
                classOut?.Write(w, inputs.Classes);
                ccOut?.Write(w, cc.AsSpan(0, n));
                cbiOut?.Write(w, cbi.AsSpan(0, n));
                noPoiOut?.Write(w, noPoi.AsSpan(0, n));
                ArrayPool<float>.Shared.Return(cc);
                ArrayPool<float>.Shared.Return(cbi);
                ArrayPool<float>.Shared.Return(noPoi);
                return t;
            }), new FluxTotals(), (acc, t) => acc.Add(t));
            classOut?.Commit();
            ccOut?.Commit();
            cbiOut?.Commit();
            noPoiOut?.Commit();

            long excluded = totals.ExcludedPixels.Sum();
            if (excluded > 0)
                context.Warnings.Add($"accounting {label}: {excluded.ToString("N0", CultureInfo.InvariantCulture)} pixels left out because a correction input is nodata where it applies.");
            var classes = LandClasses.All.Select(c => new ClassBudget(c, totals.ClassPixels[(int)c],
                areas.IsUniform ? totals.ClassPixels[(int)c] * (areas.UniformAreaM2 / 1e6) : totals.ClassAreaM2[(int)c].Value / 1e6,
                totals.ClassTonnesC[(int)c].Value)).ToList();
            return new AccountingYear(year, projected?.ClassPath ?? study.Years[year], classPath, ccPath, cbiPath, null,
                totals.SourceTonnesC.Value, totals.SinkTonnesC.Value, totals.NetTonnesC, classes, excluded) { BudgetWithoutPoiPath = noPoiPath };
        }
        finally
        {
            zoneRaster?.Dispose();
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

    private delegate T TileBody<T>(TileBuffers buffers, FluxTileInputs inputs);

    /// <summary>Reads every input of one tile into rented buffers, runs <paramref name="body"/>, returns the buffers.</summary>
    private static T ReadTile<T>(YearRasters r, PixelWindow w, TileBody<T> body)
    {
        using var b = new TileBuffers((int)w.PixelCount);
        r.ReadClasses(w, b.Classes);
        var inputs = ReadCorrectionInputs(r, w, b);
        inputs.Classes = b.Classes;
        if (r.Poi is not null) { YearRasters.ReadFloat(r.Poi, w, b.Poi); inputs.PoiWeight = b.Poi; }
        if (r.Areas is { IsUniform: false } areas) { areas.Fill(w, b.Area); inputs.AreaM2 = b.Area; }
        if (r.Zones is not null) r.Zones.ReadZones(w, b.ZoneIds);
        if (r.PoiFactors is not null)
        {
            r.FillPoiFactor(w, b.Classes, r.Zones is null ? [] : b.ZoneIds, b.Poi);
            inputs.PoiWeight = b.Poi;
        }
        if (r.Zones is not null)
        {
            r.Zones.Fill(b.ZoneIds, b.Classes, b.Construction);
            inputs.Construction = b.Construction;
        }
        return body(b, inputs);
    }

    private sealed class TileBuffers : IDisposable
    {
        private readonly int _n;
        private byte[]? _classes;
        private float[]? _veg, _pr, _t, _ter, _poi, _con;
        private int[]? _zones;
        private double[]? _area;

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

        public void Dispose()
        {
            if (_classes is not null) ArrayPool<byte>.Shared.Return(_classes);
            foreach (var f in new[] { _veg, _pr, _t, _ter, _poi, _con }) if (f is not null) ArrayPool<float>.Shared.Return(f);
            if (_zones is not null) ArrayPool<int>.Shared.Return(_zones);
            if (_area is not null) ArrayPool<double>.Shared.Return(_area);
        }
    }

    /// <summary>Construction area per zone this year → δ_con per zone (written to construction_coefficient.csv).</summary>
    private static IRasterReader? PrepareZones(RunContext context, StudyDefinition study, int year, YearRasters rasters,
        TileLayout layout, TileOptions options, List<ConstructionCoefficient> constructionRows, out ZoneCoefficients zones, ProjectedLandUse? projected = null)
    {
        var c = study.Accounting.Construction;
        IRasterReader? zoneRaster = null;
        ZoneMask? mask = null;
        if (StudyRasterCheck.IsRasterPath(c.ZonesPath!)) zoneRaster = context.OpenRaster(c.ZonesPath!);
        else mask = ZoneRasterizer.Rasterize(ZoneLayer.Read(c.ZonesPath!, c.ZoneCrs, context.Grid, c.ZoneField, null, context.Warnings, "accounting.construction.zoneCrs"), context.Grid);
        zones = new ZoneCoefficients(zoneRaster, mask);
        var z = zones;
        var areas = context.Areas;
        var tally = TileProcessor.Accumulate(layout, options with { Progress = null }, () => new ZoneAreaTally(), (w, acc) =>
        {
            int n = (int)w.PixelCount;
            var cls = ArrayPool<byte>.Shared.Rent(n);
            var ids = ArrayPool<int>.Shared.Rent(n);
            var area = areas.IsUniform ? null : ArrayPool<double>.Shared.Rent(n);
            rasters.ReadClasses(w, cls.AsSpan(0, n));
            z.ReadZones(w, ids.AsSpan(0, n));
            if (area is not null) areas.Fill(w, area.AsSpan(0, n));
            for (int i = 0; i < n; i++)
                if (cls[i] == (byte)LandClass.Construction) acc.Add(ids[i], area is null ? 0 : area[i]);
            ArrayPool<byte>.Shared.Return(cls);
            ArrayPool<int>.Shared.Return(ids);
            if (area is not null) ArrayPool<double>.Shared.Return(area);
        }, (x, y) => x.Merge(y));
        var counts = tally.Pixels;
        var areaByUnit = counts.Where(kv => kv.Key >= 0).ToDictionary(kv => z.UnitOf(kv.Key),
            kv => areas.IsUniform ? kv.Value * (areas.UniformAreaM2 / 1e4) : tally.AreaM2[kv.Key].Value / 1e4, StringComparer.Ordinal);
        var keyOfUnit = counts.Keys.Where(k => k >= 0).ToDictionary(z.UnitOf, k => k, StringComparer.Ordinal);
        if (projected is not null)
        {
            HoldConstruction(context, projected, zones, keyOfUnit);
            return zoneRaster;
        }
        var stats = EnergyStatistics.Read(c.EnergyPath!, study.Accounting.LoadEnergyFactors(), c.ExcludeSectors);
        var coefficients = ConstructionCoefficients.ForYear(stats, year, areaByUnit, c.EnergyPath!);
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
            context.Warnings.Add($"accounting {year}: {outside.ToString("N0", CultureInfo.InvariantCulture)} construction pixels lie outside every zone of {c.ZonesPath}; they get the study-wide coefficient {zones.OutsideTonnesCPerHa:0.####} t C/ha/yr.");
        foreach (var cc in coefficients.Where(x => x.Provenance != EnergyStatistics.Provenance.Statistics))
            context.Warnings.Add($"accounting {year}: unit {cc.Unit} has no energy statistics for {year}; emission {cc.Provenance.Key()} ({cc.EmissionTonnesC:0.###} t C).");
        constructionRows.AddRange(coefficients);
        return zoneRaster;
    }

    /// <summary>δ_con of a projected map: each unit keeps the coefficient of the input (last observed) year; a unit
    /// with construction now but none then, and pixels outside every unit, get that year's study-wide E/A.</summary>
    private static void HoldConstruction(RunContext context, ProjectedLandUse projected, ZoneCoefficients zones, Dictionary<string, int> keyOfUnit)
    {
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
                context.Warnings.Add($"accounting {projected.Scenario} {projected.Year}: unit {unit} had no construction coefficient in {projected.InputYear}; its projected construction gets the study-wide {zones.OutsideTonnesCPerHa:0.####} t C/ha/yr of {projected.InputYear}.");
            }
        }
    }

    /// <summary>Pass 1 of F_POI: per unit (zone key; <see cref="YearRasters.NoZones"/> without zones), the
    /// construction pixels and their density sums this year.</summary>
    private static SortedDictionary<int, PoiConstructionTotals> PoiTotals(YearRasters rasters, TileLayout layout, TileOptions options) =>
        TileProcessor.Accumulate(layout, options, () => new SortedDictionary<int, PoiConstructionTotals>(), (w, byUnit) =>
        {
            int n = (int)w.PixelCount;
            var cls = ArrayPool<byte>.Shared.Rent(n);
            var masked = ArrayPool<byte>.Shared.Rent(n);
            var ids = ArrayPool<int>.Shared.Rent(n);
            var d = rasters.RentDensities(n);
            try
            {
                rasters.ReadClasses(w, cls.AsSpan(0, n));
                Span<int> zones = rasters.Zones is null ? [] : ids.AsSpan(0, n);
                rasters.Zones?.ReadZones(w, zones);
                rasters.ReadPoiDensities(w, d);
                foreach (int zone in YearRasters.ZonesOf(cls.AsSpan(0, n), zones))
                {
                    YearRasters.Mask(cls.AsSpan(0, n), zones, zone, masked.AsSpan(0, n));
                    if (!byUnit.TryGetValue(zone, out var totals)) byUnit[zone] = totals = new PoiConstructionTotals();
                    totals.Add<byte>(masked.AsSpan(0, n), (byte)LandClass.Construction, YearRasters.AsMemory(d, n));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(cls);
                ArrayPool<byte>.Shared.Return(masked);
                ArrayPool<int>.Shared.Return(ids);
                YearRasters.ReturnDensities(d);
            }
        }, (x, y) =>
        {
            foreach (var (zone, totals) in y)
                if (x.TryGetValue(zone, out var t)) t.Merge(totals);
                else x[zone] = totals;
        });

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
        w.Save(context.TablePath("poi_factor"));
    }

    private static void WriteConstructionTable(RunContext context, IReadOnlyList<ConstructionCoefficient> rows)
    {
        var w = new CsvWriter("unit", "year", "emissionTonnesC", "constructionAreaHa", "coefficientTonnesCPerHa", "provenance");
        foreach (var r in rows) w.Row(r.Unit, r.Year, r.EmissionTonnesC, r.ConstructionAreaHa, r.TonnesCPerHa, r.Provenance.Key());
        w.Save(context.TablePath("construction_coefficient"));
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
        string classPath = context.RasterPath(raw ? $"lucode_{year}" : $"landuse_{year}");
        string stockPath = context.RasterPath($"stock_{year}");
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
        string u = r.Units.HeaderSuffix();
        var budget = new CsvWriter("year", "source" + u, "sink" + u, "net" + u, "balanceRatio");
        var byClass = new CsvWriter("year", "class", "areaKm2", "tonnes" + u["Tonnes".Length..]);
        foreach (var y in r.Years)
        {
            budget.Row(y.Year, y.SourceTonnesC * f, y.SinkTonnesC * f, y.NetTonnesC * f, y.BalanceRatio);
            foreach (var c in y.Classes) byClass.Row(y.Year, c.Class.Key(), c.AreaKm2, c.TonnesC * f);
        }
        budget.Save(context.TablePath("budget_by_year"));
        byClass.Save(context.TablePath("class_budget_by_year"));
    }
}
