using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Models;
using LandCarbon.Core.Poi;

namespace LandCarbon.Core.Study;

/// <summary>Where the climate factor's reference P and T come from (METHOD-SPEC (b4)).</summary>
public enum ClimateReference
{
    /// <summary>The mean over the class's pixels in the study area (default).</summary>
    Study,
    /// <summary>Configured national means (China: P ≈ 630–650 mm, T ≈ 9–10 °C).</summary>
    National,
}

/// <summary>The construction-land coefficient δ_con (METHOD-SPEC (b2)): a fixed value, or energy statistics per
/// unit and year divided by the construction area of that unit in that year.</summary>
public sealed record ConstructionSettings
{
    /// <summary>A fixed δ_con in t C/ha/yr (wins over energy statistics and the coefficient table).</summary>
    public double? FixedTonnesCPerHa { get; init; }

    /// <summary>Energy statistics CSV (<c>unit,year,fuel,amount[,multiplier][,sector]</c>).</summary>
    public string? EnergyPath { get; init; }

    /// <summary>Energy factor CSV; null = built-in (Liu Xianzhao et al. 2017).</summary>
    public string? FactorsPath { get; init; }

    /// <summary>Zones of the statistical units: an integer zone raster on the study grid (codes = unit names in
    /// the statistics), or a polygon layer (.geojson) in the grid's CRS with <see cref="ZoneField"/>.</summary>
    public string? ZonesPath { get; init; }

    /// <summary>The attribute of the polygon layer holding the unit name (default <c>adcode</c>).</summary>
    public string ZoneField { get; init; } = "adcode";

    /// <summary>CRS of the polygon layer: <c>grid</c>, <c>wgs84</c>, <c>gcj02</c> or <c>bd09</c>; no default for a
    /// polygon layer (stated, or declared by the file); <c>grid</c> for a zone raster.</summary>
    public string ZoneCrs { get; init; } = "grid";

    /// <summary>Sectors left out of the statistics (default agriculture: its energy belongs to cultivated land).</summary>
    public IReadOnlyList<string> ExcludeSectors { get; init; } = ["agriculture"];
}

/// <summary>Vegetation-activity factor F_veg = NDVI (or NPP) / class mean, clamped (METHOD-SPEC (c)1).</summary>
public sealed record VegetationCorrection(string RasterPath, IReadOnlyList<LandClass> Classes, bool Normalize, double Min, double Max);

/// <summary>Climate factor F_clim = w_B·K_B + (1 − w_B)·K_S from precipitation (mm) and temperature (°C) rasters
/// (METHOD-SPEC (b4), (c)2).</summary>
public sealed record ClimateCorrection(
    string PrecipitationPath, string TemperaturePath, ClimateReference Reference,
    double NationalPrecipitationMm, double NationalTemperatureC, double BiomassShare,
    IReadOnlyList<LandClass> Classes, bool Normalize);

/// <summary>Terrain factor F_terrain = 1/cos(slope), Horn slope from a DEM in metres (METHOD-SPEC (c)3).</summary>
public sealed record TerrainCorrection(string DemPath, IReadOnlyList<LandClass> Classes, bool Normalize);

/// <summary>POI functional factor F_POI of construction land (METHOD-SPEC (c)4), from one of two sources:
/// <list type="bullet">
/// <item>a raster of weights w (<see cref="RasterPath"/>): F_POI = w / mean over construction pixels of w (with
/// <see cref="Normalize"/>), pixels with w ≤ 0 get <see cref="MinFactor"/>;</item>
/// <item>the kernel densities of the run's <c>poi:</c> section (<see cref="FromDensities"/>, when no raster is
/// given): <see cref="LandCarbon.Core.Poi.PoiFunctionalFactor"/> with fixed weights or sector shares, computed per
/// year over that year's construction pixels.</item>
/// </list></summary>
public sealed record PoiCorrection(string? RasterPath, double MinFactor, bool Normalize)
{
    /// <summary>The factor's settings when it is computed from the POI densities of the run; null with a raster.</summary>
    public PoiFactorOptions? FromDensities { get; init; }

    /// <summary>Sector-share mode with <c>sectorTotals: energy</c>: each year's sector totals are the construction
    /// energy statistics summed per sector (their <c>sector</c> column) and allocated by
    /// <see cref="SectorFunctions"/>.</summary>
    public bool SectorTotalsFromEnergy { get; init; }

    /// <summary>Sector names added to or replacing the default sector → function table (<c>sectorFunctions:</c>).</summary>
    public IReadOnlyDictionary<string, PoiFunction> SectorNames { get; init; } = new Dictionary<string, PoiFunction>();
}

/// <summary>The optional correction factors of the composite coefficient; null = off.</summary>
public sealed record CorrectionSettings
{
    /// <summary>Vegetation activity (NDVI/NPP).</summary>
    public VegetationCorrection? Vegetation { get; init; }

    /// <summary>Climate (precipitation, temperature).</summary>
    public ClimateCorrection? Climate { get; init; }

    /// <summary>Terrain (DEM slope).</summary>
    public TerrainCorrection? Terrain { get; init; }

    /// <summary>POI functional factor (construction land).</summary>
    public PoiCorrection? Poi { get; init; }
}

/// <summary>The <c>accounting:</c> section (METHOD-SPEC (a)–(d)); owned by the accounting module.</summary>
public sealed record AccountingSection : IStudySection
{
    /// <summary>Flux (default) or stock.</summary>
    public AccountingMode Mode { get; init; } = AccountingMode.Flux;

    /// <summary>Unit of the reported tables (rasters are always t C).</summary>
    public CarbonUnit Units { get; init; } = CarbonUnit.TonnesC;

    /// <summary>Base coefficient CSV; null = built-in METHOD-SPEC (b1) defaults.</summary>
    public string? CoefficientsPath { get; init; }

    /// <summary>The construction-land coefficient.</summary>
    public ConstructionSettings Construction { get; init; } = new();

    /// <summary>Correction factors of the composite coefficient.</summary>
    public CorrectionSettings Corrections { get; init; } = new();

    /// <summary>InVEST pool table for stock mode.</summary>
    public string? PoolsPath { get; init; }

    /// <summary>Write the composite coefficient rasters cc_&lt;year&gt;.tif (default true).</summary>
    public bool WriteCoefficientRasters { get; init; } = true;

    /// <summary>How pixel areas are measured (<c>areaModel: true | nominal</c>, default true): the true ground area
    /// on the CRS's ellipsoid, or the geotransform's nominal area (InVEST's definition). Every area, CBI, stock and
    /// table of the run uses it (docs/methods/raster.md §6).</summary>
    public Processing.AreaModel AreaModel { get; init; } = Processing.AreaModel.True;

    /// <inheritdoc />
    public IEnumerable<string> InputFiles()
    {
        string?[] files =
        [
            CoefficientsPath, Construction.EnergyPath, Construction.FactorsPath, Construction.ZonesPath, PoolsPath,
            Corrections.Vegetation?.RasterPath, Corrections.Climate?.PrecipitationPath, Corrections.Climate?.TemperaturePath,
            Corrections.Terrain?.DemPath, Corrections.Poi?.RasterPath,
        ];
        return files.OfType<string>();
    }

    /// <summary>The coefficient table (file or built-in).</summary>
    public CoefficientTable LoadCoefficients() => CoefficientsPath is null ? CoefficientTable.Default : CoefficientTable.Read(CoefficientsPath);

    /// <summary>The energy factor table (file or built-in).</summary>
    public EnergyFactorTable LoadEnergyFactors() =>
        Construction.FactorsPath is null ? EnergyFactorTable.Default : EnergyFactorTable.Read(Construction.FactorsPath);

    internal static readonly IReadOnlyList<LandClass> VegetatedClasses = [LandClass.Cultivated, LandClass.Forest, LandClass.Grassland];

    private static StudyKey Classes(string help) =>
        StudyKeys.List("classes", "[cultivated, forest, grassland]", help) with { AllowedDoc = "cultivated, forest, grassland, water, construction, unused" };

    private static StudyKey Normalize => StudyKeys.Flag("normalize", true, "divide by the factor's mean within each class (mean 1)");

    /// <summary>The section's keys (defaults, ranges, help): parser, `init` template and docs.</summary>
    public static StudyKey Spec { get; } = StudyKeys.Section("accounting", "carbon accounting (METHOD-SPEC (a)–(d))",
        StudyKeys.Choice("mode", "flux", "flux (coefficients × area, METHOD-SPEC (c)) | stock (InVEST carbon pools, (b3))", "flux", "stock"),
        StudyKeys.Choice("units", "tC", "unit of every table (tCO2e = × 44/12, header suffix TonnesCO2e); rasters are always t C", "tC", "tCO2e"),
        StudyKeys.File("coefficients", "class,value,unit,source in t C/ha/yr, positive = source (METHOD-SPEC (b1)); omit to use the built-in copy")
            with
            {
                DefaultDoc = "built-in", Example = "coefficients.csv",
                Doc = "CSV `class,value,unit,source` (t C/ha/yr), optional `low,high` or `sd` per row: the uncertainty of the value (docs/methods/accounting.md, \"Uncertainty of the totals\")",
            },
        StudyKeys.Flag("writeCoefficientRasters", true, "also write rasters/cc_<year>.tif"),
        StudyKeys.Choice("areaModel", "true", "pixel areas: true = the ground area of every pixel on the CRS's ellipsoid (any CRS), nominal = the geotransform's area, as InVEST (projected CRSs only)", "true", "nominal")
            with { Doc = "`true`: the true ground area of every pixel on the CRS's ellipsoid (any CRS; methods/raster.md §6); `nominal`: the geotransform's area, as InVEST (refused for geographic CRSs). Used by every area, CBI, stock and table; recorded in run.json" },
        StudyKeys.Section("construction", "construction-land coefficient δ_con (METHOD-SPEC (b2)): a fixed value, or energy statistics per statistical unit and year",
            StudyKeys.Number("value", null, "fixed δ_con in t C/ha/yr") with { Example = "50" },
            StudyKeys.File("energy", "CSV unit,year,fuel,amount[,multiplier][,sector]") with { Template = TemplateLine.Commented, Example = "energy.csv" },
            StudyKeys.File("factors", "CSV fuel,physicalUnit,tcePerUnit,tcPerTce,source (Liu Xianzhao et al. 2017)")
                with { Template = TemplateLine.Commented, Example = "energy_factors.csv", DefaultDoc = "built-in", Doc = "CSV `fuel,physicalUnit,tcePerUnit,tcPerTce,source`, optional `tcPerTceLow,tcPerTceHigh` or `tcPerTceSd` (uncertainty of δ)" },
            StudyKeys.File("zones", "zone raster on the study grid (values = unit), or a .geojson/.shp layer") with { Template = TemplateLine.Commented, Example = "counties.tif" },
            StudyKeys.Text("zoneField", "adcode", "polygon attribute holding the unit") with { Template = TemplateLine.Commented },
            StudyKeys.Choice("zoneCrs", null, "polygon layer's CRS, required unless the file declares it", "grid", "wgs84", "gcj02", "bd09")
                with { Template = TemplateLine.Commented, Example = "gcj02", DefaultDoc = "**none** for a polygon layer; grid for a raster", Doc = "CRS of the polygon coordinates; see *Coordinate systems* below" },
            StudyKeys.List("excludeSectors", "[agriculture]", "sectors left out of E_con (their energy belongs to cultivated land)") with { Template = TemplateLine.Commented }),
        StudyKeys.Section("corrections", "each optional; each normalised to mean 1 within its class unless normalize: false",
            StudyKeys.Section("vegetation", "F_veg = NDVI/mean_k(NDVI), clamped (METHOD-SPEC (c)1, INFERRED)",
                StudyKeys.File("raster", "NDVI or NPP raster on the study grid", required: true) with { Example = "ndvi.tif" },
                Classes("classes the factor applies to"),
                Normalize,
                StudyKeys.Number("min", 0.2, "lower clamp", 0),
                StudyKeys.Number("max", 3, "upper clamp", 0)) with { Template = TemplateLine.Commented, DefaultDoc = "off" },
            StudyKeys.Section("climate", "F_clim = w_B·K_B + (1−w_B)·K_S (METHOD-SPEC (b4), (c)2)",
                StudyKeys.File("precipitation", "precipitation raster, mm", required: true) with { Example = "precip_mm.tif" },
                StudyKeys.File("temperature", "temperature raster, °C", required: true) with { Example = "temp_c.tif" },
                StudyKeys.Choice("reference", "study", "study (class mean) | national", "study", "national"),
                StudyKeys.Number("nationalPrecipitationMm", 640, "China, INFERRED (630–650 in most papers)", 0),
                StudyKeys.Number("nationalTemperatureC", 9.5, "China, INFERRED (9–10 in most papers)", -14.2, 100),
                StudyKeys.Number("biomassShare", 0.5, "w_B, INFERRED", 0, 1),
                Classes("classes the factor applies to"),
                Normalize) with { Template = TemplateLine.Commented, DefaultDoc = "off" },
            StudyKeys.Section("terrain", "F_terrain = 1/cos(slope), Horn slope (METHOD-SPEC (c)3); off by default",
                StudyKeys.File("dem", "DEM in metres on the study grid", required: true) with { Example = "dem.tif" },
                Classes("classes the factor applies to"),
                Normalize) with { Template = TemplateLine.Commented, DefaultDoc = "off" },
            StudyKeys.Section("poi", "F_POI for construction land (METHOD-SPEC (c)4), from the poi: section's densities or a weight raster",
                StudyKeys.Choice("mode", "fixed", "fixed weights | sectors (shares of sectorTotals)", "fixed", "sectors"),
                StudyKeys.Map("weights", "{industrial: 1.0, transport: 0.6, commercial-service: 0.4, residential: 0.35, public-service: 0.25}", "weight per POI function (mode: fixed)"),
                StudyKeys.Map("sectorTotals", null, "mode: sectors: a total per function, or 'energy' (the energy statistics per sector)") with { Template = TemplateLine.Omitted },
                StudyKeys.Map("sectorFunctions", null, "sectorTotals: energy: sector name → POI function, added to the defaults") with { Template = TemplateLine.Omitted },
                StudyKeys.Number("minFactor", 0.3, "F_POI of construction pixels without POI within the radius, INFERRED", 0, 1),
                StudyKeys.File("raster", "or a weight raster instead (normalize: true divides by its mean)") with { Template = TemplateLine.Commented, Example = "poi_weights.tif" },
                StudyKeys.Flag("normalize", true, "weight raster only: divide by its mean over construction land") with { Template = TemplateLine.Omitted })
                with { Template = TemplateLine.Commented, DefaultDoc = "off" }),
        StudyKeys.File("pools", "stock mode: InVEST table lucode,c_above,c_below,c_soil,c_dead (t C/ha); climate, vegetation, terrain then correct the pool densities; poi is refused")
            with { Template = TemplateLine.Commented, Example = "carbon_pools.csv" });

    /// <summary>Reads the section and checks the tables it names; problems go to the study's list.</summary>
    public static AccountingSection Parse(StudySection s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var modeText = s.Choice("mode");
        var unitText = s.Choice("units");
        var result = new AccountingSection
        {
            Mode = modeText == "stock" ? AccountingMode.Stock : AccountingMode.Flux,
            Units = unitText == "tCO2e" ? CarbonUnit.TonnesCO2e : CarbonUnit.TonnesC,
            CoefficientsPath = s.File("coefficients"),
            PoolsPath = s.File("pools"),
            WriteCoefficientRasters = s.Bool("writeCoefficientRasters"),
            AreaModel = s.Choice("areaModel") == "nominal" ? Processing.AreaModel.Nominal : Processing.AreaModel.True,
            Construction = ParseConstruction(s.Section("construction")),
            Corrections = ParseCorrections(s.Section("corrections")),
        };
        s.Finish();
        result.CheckTables(s);
        return result;
    }

    private void CheckTables(StudySection s)
    {
        CoefficientTable? coefficients = null;
        Collect(s, () => coefficients = LoadCoefficients());
        if (Mode == AccountingMode.Stock)
        {
            if (Corrections.Poi is not null)
                s.Report(s.PathOf("corrections.poi"), null, "has no meaning for carbon stocks (F_POI weights the construction-land emission flux, METHOD-SPEC (c)4); remove it, or use mode: flux.");
            if (PoolsPath is null) s.Problem("pools", "is required in stock mode: an InVEST carbon pool table (lucode,c_above,c_below,c_soil,c_dead in t C/ha).");
            else if (File.Exists(PoolsPath)) Collect(s, () => CarbonPoolTable.Read(PoolsPath));
            return;
        }
        var c = Construction;
        if (c.EnergyPath is not null)
        {
            EnergyFactorTable? factors = null;
            Collect(s, () => factors = LoadEnergyFactors());
            if (factors is not null && File.Exists(c.EnergyPath)) Collect(s, () => EnergyStatistics.Read(c.EnergyPath, factors, c.ExcludeSectors));
            if (factors is not null && File.Exists(c.EnergyPath) && Corrections.Poi is { SectorTotalsFromEnergy: true } poi)
                Collect(s, () => CheckSectors(c.EnergyPath, EnergyStatistics.ReadByUnitAndSector(c.EnergyPath, factors, c.ExcludeSectors), poi.SectorNames));
            if (c.ZonesPath is null)
                s.Report(s.PathOf("construction.zones"), null, "is required with construction.energy: a zone raster or polygon layer of the statistical units.");
        }
        else if (Corrections.Poi is { SectorTotalsFromEnergy: true })
        {
            s.Report(s.PathOf("corrections.poi.sectorTotals"), null, "'energy' needs construction.energy, the energy statistics with a sector column.");
        }
        if (c.EnergyPath is null && c.FixedTonnesCPerHa is null && coefficients is not null && coefficients[LandClass.Construction] is null)
        {
            s.Report(s.PathOf("construction"), null, $"the construction-land coefficient is missing: set construction.value (t C/ha/yr), or construction.energy with construction.zones, or a value in the construction row of {coefficients.Path}.");
        }
    }

    /// <summary>Every sector of the statistics must map to a POI function.</summary>
    private static void CheckSectors(string path, IReadOnlyDictionary<string, IReadOnlyList<UnitYearEmission>> byUnit, IReadOnlyDictionary<string, PoiFunction> names)
    {
        var unknown = byUnit.Values.SelectMany(rows => rows.Select(x => x.Unit)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(x => SectorFunctions.Find(x, names) is null).ToList();
        if (unknown.Count > 0)
            throw new InputException($"accounting.corrections.poi.sectorFunctions: the sectors {string.Join(", ", unknown.Select(u => $"'{u}'"))} of {path} map to no POI function; add them as sector: function (industrial, transport, residential, commercial-service, public-service), or exclude them with construction.excludeSectors.");
    }

    private static void Collect(StudySection s, Action load)
    {
        try
        {
            load();
        }
        catch (InputException e)
        {
            s.Report(e);
        }
    }

    private static ConstructionSettings ParseConstruction(StudySection s)
    {
        string? zones = s.File("zones");
        var c = new ConstructionSettings
        {
            FixedTonnesCPerHa = s.OptionalDouble("value"),
            EnergyPath = s.File("energy"),
            FactorsPath = s.File("factors"),
            ZonesPath = zones,
            ZoneField = s.String("zoneField")!,
            ZoneCrs = zones is null || StudyRasterCheck.IsRasterPath(zones) ? s.Choice("zoneCrs", "grid", [.. s.Declared("zoneCrs").Choices]) : s.Crs("zoneCrs", zones, "wgs84", "gcj02", "bd09", "grid"),
            ExcludeSectors = s.StringList("excludeSectors") ?? ["agriculture"],
        };
        if (c.FixedTonnesCPerHa is not null && c.EnergyPath is not null)
            s.Problem("value", "give either a fixed value or energy statistics, not both.");
        s.Finish();
        return c;
    }

    private static CorrectionSettings ParseCorrections(StudySection s)
    {
        var veg = s.Section("vegetation");
        var clim = s.Section("climate");
        var ter = s.Section("terrain");
        var poi = s.Section("poi");
        var result = new CorrectionSettings
        {
            Vegetation = veg.Exists ? ParseVegetation(veg) : null,
            Climate = clim.Exists ? ParseClimate(clim) : null,
            Terrain = ter.Exists ? ParseTerrain(ter) : null,
            Poi = poi.Exists ? ParsePoi(poi) : null,
        };
        s.Finish();
        return result;
    }

    private static VegetationCorrection ParseVegetation(StudySection s)
    {
        var v = new VegetationCorrection(s.File("raster") ?? "", s.Classes("classes", VegetatedClasses),
            s.Bool("normalize"), s.Double("min"), s.Double("max"));
        if (v.Min > v.Max) s.Problem("min", $"min {v.Min} is above max {v.Max}.");
        s.Finish();
        return v;
    }

    private static ClimateCorrection ParseClimate(StudySection s)
    {
        var reference = s.Choice("reference");
        var c = new ClimateCorrection(
            s.File("precipitation") ?? "", s.File("temperature") ?? "",
            reference == "national" ? ClimateReference.National : ClimateReference.Study,
            s.Double("nationalPrecipitationMm"), s.Double("nationalTemperatureC"),
            s.Double("biomassShare"), s.Classes("classes", VegetatedClasses), s.Bool("normalize"));
        s.Finish();
        return c;
    }

    private static TerrainCorrection ParseTerrain(StudySection s)
    {
        var t = new TerrainCorrection(s.File("dem") ?? "", s.Classes("classes", VegetatedClasses), s.Bool("normalize"));
        s.Finish();
        return t;
    }

    private static PoiCorrection ParsePoi(StudySection s)
    {
        string? raster = s.File("raster");
        double min = s.Double("minFactor");
        bool normalize = s.Bool("normalize");
        bool sectors = s.Choice("mode") == "sectors";
        var weights = FunctionNumbers(s, "weights");
        bool fromEnergy = false;
        Dictionary<PoiFunction, double>? totals = null;
        if (s.IsScalar("sectorTotals"))
        {
            fromEnergy = s.String("sectorTotals", null) is string text && text.Trim() == "energy";
            if (!fromEnergy) s.Problem("sectorTotals", "expected 'energy' (sum the energy statistics per sector) or a mapping of function: total.");
        }
        else
        {
            totals = FunctionNumbers(s, "sectorTotals");
        }
        var sectorNames = new Dictionary<string, PoiFunction>(StringComparer.Ordinal);
        if (s.Has("sectorFunctions"))
        {
            var m = s.Section("sectorFunctions");
            foreach (var (name, _, line) in m.Entries())
            {
                if (m.String(name, null) is string v && PoiFunctions.TryParse(v, out var f)) sectorNames[name] = f;
                else m.Report(m.PathOf(name), line, $"expected a POI function ({string.Join(", ", PoiFunctions.All.Select(PoiFunctions.Name))}).");
            }
        }
        if (raster is not null)
        {
            foreach (var key in new[] { "mode", "weights", "sectorTotals", "sectorFunctions" })
                if (s.Has(key)) s.Problem(key, "applies to the factor computed from the poi: densities, not to a weight raster (remove raster: or this key).");
            s.Finish();
            return new PoiCorrection(raster, min, normalize);
        }
        if (s.Has("normalize")) s.Problem("normalize", "applies to a weight raster only (the factor from POI densities always has mean 1 over construction land).");
        if (sectors && totals is null && !fromEnergy) s.Problem("mode", "sectors needs sectorTotals: 'energy' (the energy statistics per sector) or a total per function (e.g. industrial: 620, transport: 180, commercial-service: 90, residential: 80, public-service: 30), in any one unit.");
        if (!sectors && (totals is not null || fromEnergy)) s.Problem("sectorTotals", "is used only with mode: sectors.");
        if (sectorNames.Count > 0 && !fromEnergy) s.Problem("sectorFunctions", "is used only with sectorTotals: energy.");
        if (sectors && weights is not null) s.Problem("weights", "is used only with mode: fixed.");
        s.Finish();
        return new PoiCorrection(null, min, false)
        {
            SectorTotalsFromEnergy = fromEnergy,
            SectorNames = sectorNames,
            FromDensities = new PoiFactorOptions
            {
                Mode = sectors ? PoiWeightingMode.SectorShares : PoiWeightingMode.FixedWeights,
                Weights = weights ?? PoiFactorOptions.DefaultWeights,
                SectorTotals = totals ?? new Dictionary<PoiFunction, double>(),
                MinPoiFactor = min,
            },
        };
    }

    /// <summary>A mapping of POI function names to numbers ≥ 0 (weights or sector totals), or null when absent.</summary>
    private static Dictionary<PoiFunction, double>? FunctionNumbers(StudySection parent, string key)
    {
        if (!parent.Has(key)) return null;
        var s = parent.Section(key);
        var map = new Dictionary<PoiFunction, double>();
        foreach (var (name, _, line) in s.Entries())
        {
            if (!PoiFunctions.TryParse(name, out var f))
                s.Report(s.PathOf(name), line, $"'{name}' is not a POI function; expected one of {string.Join(", ", PoiFunctions.All.Select(PoiFunctions.Name))}.");
            else if (s.OptionalDouble(name, 0) is double v && !map.TryAdd(f, v))
                s.Report(s.PathOf(name), line, $"{PoiFunctions.Name(f)} is given twice.");
        }
        return map;
    }
}
