using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Simulation;

namespace LandCarbon.Core.Study;

/// <summary>A hindcast: calibrate on <paramref name="From"/> → <paramref name="To"/>, simulate <paramref name="Validate"/>.</summary>
public sealed record HindcastYears(int From, int To, int Validate);

/// <summary>A calibration interval.</summary>
public sealed record YearInterval(int From, int To);

/// <summary>The <c>simulation:</c> section: future land use by scenario, validated by a hindcast (docs/methods/simulation.md).</summary>
public sealed record SimulationSection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template =
        "# simulation:    # future land use by scenario (PLUS-class: random-forest suitability + CA allocation), validated by hindcast\n" +
        "#   hindcast: {calibrate: [2000, 2010], validate: 2020}   # optional: simulate 2020 from 2010 with the observed 2020 demand\n" +
        "#   calibrate: null              # [from, to] of the scenarios' Markov chain and suitability; default the last two years\n" +
        "#   horizon: [2030, 2035]        # projected years (after the last observed year)\n" +
        "#   scenarios: [natural, lowCarbon]   # natural | cultivatedProtection | ecologicalProtection | lowCarbon\n" +
        "#   demand: null                 # planner's table year,class,areaKm2[,scenario] instead of the Markov demand\n" +
        "#   restricted: null             # mask raster on the study grid: 0 = no conversion\n" +
        "#   dem: null                    # elevation raster: elevation and Horn slope become drivers\n" +
        "#   drivers: []                  # further driver rasters on the study grid (population, distance to roads, …)\n" +
        "#   forest: {trees: 20, samplesPerLabel: 5000, maxDepth: 16, shareRadius: 2}\n" +
        "#   allocation: {iterations: 20, patchSeedRate: 0.1, inertia: 0.5, change: net}   # change: net | gross (swaps too)\n" +
        "#   cultivatedLossCap: 0.5       # cultivatedProtection: share of the trend cultivated → construction rate kept\n" +
        "#   protectedClasses: [forest, water]   # ecologicalProtection: classes that lose nothing\n" +
        "#   carbonWeight: 2              # lowCarbon: β of the carbon term exp(−β·Δc/max|Δc|)\n" +
        "#   valuation: null              # stock mode: {price: 43, discountRate: 7, priceChange: 0} → tables/scenario_value.csv (InVEST NPV)\n";

    /// <summary>Hindcast calibration interval and validation year, or null.</summary>
    public HindcastYears? Hindcast { get; init; }

    /// <summary>The scenarios' calibration interval, or null for the last two years.</summary>
    public YearInterval? Calibrate { get; init; }

    /// <summary>Projected years.</summary>
    public IReadOnlyList<int> Horizon { get; init; } = [];

    /// <summary>Scenario names.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = ["natural"];

    /// <summary>Planner's demand table, or null.</summary>
    public string? DemandFile { get; init; }

    /// <summary>Restricted-area mask, or null.</summary>
    public string? RestrictedFile { get; init; }

    /// <summary>Elevation raster, or null.</summary>
    public string? DemFile { get; init; }

    /// <summary>Further driver rasters.</summary>
    public IReadOnlyList<string> DriverFiles { get; init; } = [];

    /// <summary>InVEST-style valuation of each scenario's stock change, or null.</summary>
    public ValuationSettings? Valuation { get; init; }

    /// <summary>Model settings (the seed is the study's).</summary>
    public SimulationOptions Options { get; init; } = new();

    /// <inheritdoc />
    public override IEnumerable<string> InputFiles() => new[] { DemandFile, RestrictedFile, DemFile }.OfType<string>().Concat(DriverFiles);

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static SimulationSection Parse(StudySection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        HindcastYears? hindcast = null;
        var h = section.Section("hindcast");
        if (h.Exists)
        {
            var cal = Years(h, "calibrate", 2);
            int validate = h.Int("validate", 0, 1000, 9999);
            if (!h.Has("validate")) h.Problem("validate", "is required: the observed year the hindcast simulates.");
            else if (cal is not null && validate <= cal[1]) h.Problem("validate", $"{validate} must come after the calibration interval {cal[0]}–{cal[1]}.");
            if (cal is not null && validate > cal[1]) hindcast = new HindcastYears(cal[0], cal[1], validate);
            h.Finish();
        }
        YearInterval? calibrate = Years(section, "calibrate", 2) is { } c ? new YearInterval(c[0], c[1]) : null;
        var horizon = Years(section, "horizon", 0) ?? [];
        var scenarios = new List<string>();
        foreach (var s in section.StringList("scenarios") ?? ["natural"])
        {
            var hit = ScenarioTemplates.Names.FirstOrDefault(n => string.Equals(n, s.Trim(), StringComparison.OrdinalIgnoreCase));
            if (hit is null) section.Problem("scenarios", $"'{s}' is not a scenario; the templates are {string.Join(", ", ScenarioTemplates.Names)}.");
            else if (!scenarios.Contains(hit)) scenarios.Add(hit);
        }
        if (horizon.Count > 0 && scenarios.Count == 0) section.Problem("scenarios", "lists no scenario.");
        if (!h.Exists && horizon.Count == 0)
            section.Problem("horizon", "the section asks for nothing: give horizon years, a hindcast, or both.");
        string? demand = section.File("demand");
        string? restricted = section.File("restricted");
        string? dem = section.File("dem");
        var drivers = new List<string>();
        foreach (var d in section.StringList("drivers") ?? [])
        {
            string full = section.ResolvePath(d);
            if (!File.Exists(full)) section.Problem("drivers", $"file not found: {d} (resolved to {full}).");
            drivers.Add(full);
        }
        var f = section.Section("forest");
        var suitability = new SuitabilityOptions
        {
            Forest = new RandomForestOptions { Trees = f.Int("trees", 20, 1, 500), MaxDepth = f.Int("maxDepth", 16, 1, 64), FeaturesPerSplit = f.Int("featuresPerSplit", 0, 0) },
            SamplesPerLabel = f.Int("samplesPerLabel", 5000, 10, 10_000_000),
            ShareRadius = f.Int("shareRadius", 2, 1, 50),
        };
        f.Finish();
        var a = section.Section("allocation");
        var allocation = new AllocationOptions
        {
            Iterations = a.Int("iterations", 20, 1, 10_000),
            PatchSeedRate = a.Double("patchSeedRate", 0.1, 0, 1),
            Inertia = a.Double("inertia", 0.5, 0, 1),
            Gross = a.Choice("change", "net", "net", "gross") == "gross",
        };
        a.Finish();
        var settings = new ScenarioSettings
        {
            CultivatedLossCap = section.Double("cultivatedLossCap", 0.5, 0, 1),
            ProtectedClasses = section.Classes("protectedClasses", [LandClass.Forest, LandClass.Water]),
            CarbonWeight = section.Double("carbonWeight", 2, 0, 50),
        };
        ValuationSettings? valuation = null;
        var v = section.Section("valuation");
        if (v.Exists)
        {
            var price = v.OptionalDouble("price", 0, required: true);
            double discount = v.Double("discountRate", 0, -99, 1000), change = v.Double("priceChange", 0, -99, 1000);
            if (price is double pr) valuation = new ValuationSettings(pr, discount, change);
            v.Finish();
        }
        section.Finish();
        return new SimulationSection
        {
            Valuation = valuation,
            Hindcast = hindcast,
            Calibrate = calibrate,
            Horizon = horizon,
            Scenarios = scenarios,
            DemandFile = demand,
            RestrictedFile = restricted,
            DemFile = dem,
            DriverFiles = drivers,
            Options = new SimulationOptions { Suitability = suitability, Allocation = allocation, Scenarios = settings },
        };
    }

    /// <summary>The scenarios' calibration interval: <see cref="Calibrate"/> or the last two observed years; null without horizon.</summary>
    public YearInterval? ScenarioInterval(IReadOnlyList<int> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        if (Horizon.Count == 0) return null;
        return Calibrate ?? (years.Count >= 2 ? new YearInterval(years[^2], years[^1]) : null);
    }

    /// <summary>Problems of the section against the rest of the study: each year it names must be observed, the
    /// horizon must come after the year the projection starts from, valuation needs the stock mode.</summary>
    public IEnumerable<string> Check(StudyDefinition study)
    {
        ArgumentNullException.ThrowIfNull(study);
        var years = study.YearList;
        if (study.RawCodes)
            yield return "simulation: simulates the six land-use classes (construction, cultivated, …), which stock mode without classes.map does not have; map the codes under classes.map.";
        if (Valuation is not null && study.Accounting.Mode != AccountingMode.Stock)
            yield return "simulation.valuation: values a change of carbon stock as InVEST does, so it needs accounting.mode: stock.";
        string list = string.Join(", ", years);
        if (Hindcast is { } h)
            foreach (var (key, y) in new[] { ("calibrate", h.From), ("calibrate", h.To), ("validate", h.Validate) })
                if (!years.Contains(y)) yield return $"simulation.hindcast.{key}: {y} is not an observed year of the study (years: {list}).";
        if (Horizon.Count == 0) yield break;
        if (Calibrate is { } c)
        {
            foreach (int y in new[] { c.From, c.To })
                if (!years.Contains(y)) yield return $"simulation.calibrate: {y} is not an observed year of the study (years: {list}).";
        }
        else if (years.Count < 2) yield return $"simulation.horizon: projecting needs two observed years to calibrate on; the study has {years.Count}.";
        if (ScenarioInterval(years) is { } s && Horizon[0] <= s.To)
            yield return $"simulation.horizon: {Horizon[0]} is not after {s.To}, the year the projection starts from.";
    }

    /// <summary>A list of increasing four-digit years (exactly <paramref name="count"/> of them unless 0), or null when absent or wrong.</summary>
    private static IReadOnlyList<int>? Years(StudySection s, string key, int count)
    {
        var list = s.DoubleList(key);
        if (list is null) return null;
        if (list.Any(v => v != Math.Floor(v) || v < 1000 || v > 9999))
        {
            s.Problem(key, "expected four-digit years.");
            return null;
        }
        var years = list.Select(v => (int)v).ToList();
        if (count > 0 && years.Count != count)
        {
            s.Problem(key, $"expected {count} years [from, to], got {years.Count}.");
            return null;
        }
        for (int i = 1; i < years.Count; i++)
            if (years[i] <= years[i - 1])
            {
                s.Problem(key, "years must increase.");
                return null;
            }
        return years;
    }
}
