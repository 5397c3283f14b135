using LandCarbon.Core.Models;

namespace LandCarbon.Core.Simulation;

/// <summary>Settings of a simulation (suitability, allocation, scenario knobs).</summary>
public sealed record SimulationOptions
{
    /// <summary>The suitability model.</summary>
    public SuitabilityOptions Suitability { get; init; } = new();

    /// <summary>The allocation.</summary>
    public AllocationOptions Allocation { get; init; } = new();

    /// <summary>The scenario templates' knobs.</summary>
    public ScenarioSettings Scenarios { get; init; } = new();

    /// <summary>The run's seed.</summary>
    public ulong Seed { get; init; } = Models.Seeds.Default;
}

/// <summary>
/// The maps and drivers a simulation works on: class maps per year (class values, 0 = nodata, all on one grid),
/// the static drivers and the restricted-area mask (false = no conversion; null = none).
/// </summary>
public sealed record SimulationInputs(
    SimulationGrid Grid,
    IReadOnlyDictionary<int, byte[]> Maps,
    IReadOnlyList<int> ClassValues,
    Func<int, string> ClassName,
    IReadOnlyList<StaticDriver> Drivers,
    bool[]? Convertible)
{
    /// <summary>True when pixel <paramref name="i"/> may convert.</summary>
    public bool IsConvertible(long i) => Convertible is null || Convertible[i];

    /// <summary>Number of per-class array slots (largest class value + 1).</summary>
    public int ClassCount => ClassValues.Max() + 1;
}

/// <summary>The hindcast: calibrated on (From, To), simulated to Validate with the observed demand.</summary>
public sealed record HindcastResult(int From, int To, int Validate, byte[] Simulated, HindcastAccuracy Model,
    HindcastAccuracy Persistence, long[] Demand, SuitabilityModel Suitability, AllocationResult Allocation);

/// <summary>One projected map of a scenario.</summary>
public sealed record ScenarioYear(string Scenario, int Year, byte[] Map, long[] Demand);

/// <summary>The scenarios: calibrated on (From, To), projected from To to each horizon year.</summary>
public sealed record ScenarioResult(int From, int To, bool ExactGenerator, SuitabilityModel Suitability, IReadOnlyList<ScenarioYear> Years);

/// <summary>
/// The land-use simulation: suitability (<see cref="SuitabilityModel"/>), demand (<see cref="MarkovDemand"/> or
/// the observed map) and allocation (<see cref="Allocation"/>), for a hindcast and for scenarios.
/// </summary>
public static class SimulationModel
{
    /// <summary>
    /// Calibrates on <paramref name="from"/> → <paramref name="to"/> and simulates <paramref name="validate"/>
    /// from the map of <paramref name="to"/> with the demand observed in <paramref name="validate"/>, over the
    /// pixels valid in both maps (others are nodata in the simulated map).
    /// </summary>
    public static HindcastResult Hindcast(SimulationInputs inputs, int from, int to, int validate, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        var model = SuitabilityModel.Train(inputs.Grid, inputs.Maps[from], inputs.Maps[to], inputs.ClassValues, inputs.ClassName,
            inputs.Drivers, options.Suitability, options.Seed);
        ReleaseDrivers();
        cancellationToken.ThrowIfCancellationRequested();
        var observed = inputs.Maps[validate];
        var start = (byte[])inputs.Maps[to].Clone();
        for (long i = 0; i < start.Length; i++)
            if (observed[i] == 0) start[i] = 0;
        var demand = Count(observed, start, inputs.ClassCount);
        var current = Count(start, null, inputs.ClassCount);
        // Classes that gain: net gainers, or every class when swaps are simulated (gross).
        var growing = options.Allocation.Gross ? [.. inputs.ClassValues] : inputs.ClassValues.Where(k => demand[k] > current[k]).ToList();
        // Only pixels of classes that lose may convert (Allocation), so only they need P_k.
        var donors = options.Allocation.Gross ? inputs.ClassValues : inputs.ClassValues.Where(k => demand[k] < current[k]).ToList();
        var p = model.Predict(inputs.Grid, start, inputs.ClassValues, inputs.ClassName, inputs.Drivers, growing, inputs.IsConvertible, donors);
        ReleaseDrivers();
        var simulated = (byte[])start.Clone();
        var permitted = ScenarioTemplates.For("natural", options.Scenarios, inputs.ClassCount).Permitted;
        var gross = options.Allocation.Gross ? GrossLoss(TransitionCounts(inputs, from, to), to - from, inputs.ClassValues, current, validate - to) : null;
        using var allocating = PhaseProfile.Measure("allocation");
        var allocation = Allocation.Run(inputs.Grid, simulated, demand, p, inputs.IsConvertible, permitted, null,
            options.Allocation with { Seed = CounterRandom.Hash(options.Seed, 0x48494E44UL, (ulong)validate) }, gross);
        return new HindcastResult(from, to, validate, simulated,
            HindcastAccuracy.Compare(start, observed, simulated, inputs.ClassCount),
            HindcastAccuracy.Compare(start, observed, start, inputs.ClassCount), demand, model, allocation);
    }

    /// <summary>
    /// Projects every scenario from the map of <paramref name="to"/> to each year of <paramref name="horizon"/>
    /// (in order, each year starting from the previous one), with the Markov generator and the suitability of
    /// <paramref name="from"/> → <paramref name="to"/>. <paramref name="coefficients"/> (class carbon budget
    /// coefficients, t C/ha/yr) feed the low-carbon term. <paramref name="plannedDemand"/>, when given, replaces the
    /// Markov demand: (scenario or "", year) → pixels per class. <paramref name="pixelCoefficients"/>, when given,
    /// makes the low-carbon term per pixel (<see cref="ScenarioRules.CarbonTerm"/>).
    /// </summary>
    public static ScenarioResult Scenarios(SimulationInputs inputs, int from, int to, IReadOnlyList<int> horizon, IReadOnlyList<string> scenarios,
        IReadOnlyList<double>? coefficients, SimulationOptions options, Func<string, int, long[]?>? plannedDemand = null,
        Action<ScenarioYear>? yearDone = null, CancellationToken cancellationToken = default, IPixelClassCoefficients? pixelCoefficients = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(horizon);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(options);
        int nc = inputs.ClassCount;
        var a = inputs.Maps[from];
        var b = inputs.Maps[to];
        var counts = TransitionCounts(inputs, from, to);
        var generator = MarkovDemand.FromCounts(counts, to - from, inputs.ClassValues);
        var model = SuitabilityModel.Train(inputs.Grid, a, b, inputs.ClassValues, inputs.ClassName, inputs.Drivers, options.Suitability, options.Seed);
        ReleaseDrivers();
        cancellationToken.ThrowIfCancellationRequested();
        // Every year's demand first: a net allocation reads P_k only for the classes that gain in some year and only
        // on pixels of the classes that lose in some year (a pixel of a class that never loses keeps it), so only
        // those are predicted (memory and time at 64 Mpx, issue 17); the gross one may move every class.
        var demands = new Dictionary<(string Scenario, int Year), long[]>();
        var start = Count(b, null, nc);
        long total = start.Sum();
        var gains = new SortedSet<int>();
        var loses = new SortedSet<int>();
        foreach (var name in scenarios)
        {
            var rates = ScenarioTemplates.For(name, options.Scenarios, nc).Apply(generator.Rates);
            var before = start;
            foreach (int year in horizon.Order())
            {
                var demand = plannedDemand?.Invoke(name, year)
                    ?? MarkovDemand.RoundToPixels(MarkovDemand.Project(start, rates, year - to), total);
                demands[(name, year)] = demand;
                foreach (int k in inputs.ClassValues)
                {
                    if (k >= demand.Length || k >= before.Length) continue;
                    if (demand[k] > before[k]) gains.Add(k);
                    if (demand[k] < before[k]) loses.Add(k);
                }
                before = demand;
            }
        }
        var p = options.Allocation.Gross
            ? model.Predict(inputs.Grid, b, inputs.ClassValues, inputs.ClassName, inputs.Drivers, inputs.ClassValues, inputs.IsConvertible)
            : model.Predict(inputs.Grid, b, inputs.ClassValues, inputs.ClassName, inputs.Drivers, gains, inputs.IsConvertible, loses);
        ReleaseDrivers();
        var years = new List<ScenarioYear>();
        foreach (var name in scenarios)
        {
            var rules = ScenarioTemplates.For(name, options.Scenarios, nc);
            var rates = rules.Apply(generator.Rates);
            var carbon = rules.CarbonTerm(coefficients, pixelCoefficients);
            var map = (byte[])b.Clone();
            // One allocation session per scenario: its tile bounds carry over from year to year (issue 17).
            using var session = new Allocation.Session(inputs.Grid, map, p, inputs.IsConvertible, rules.Permitted, carbon, options.Allocation);
            int previous = to;
            foreach (int year in horizon.Order())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var demand = demands[(name, year)];
                long[]? gross = null;
                if (options.Allocation.Gross)
                {
                    var now = Count(map, null, nc);
                    var stay = MarkovDemand.Exp(Scale(rates, year - previous));
                    gross = [.. Enumerable.Range(0, nc).Select(k => k == 0 ? 0 : (long)Math.Round(now[k] * (1 - stay[k, k])))];
                }
                using (PhaseProfile.Measure("allocation"))
                    session.Run(demand, CounterRandom.Hash(options.Seed, (ulong)ScenarioTemplates.Names.ToList().IndexOf(name) + 1, (ulong)year), gross);
                previous = year;
                var y = new ScenarioYear(name, year, (byte[])map.Clone(), demand);
                yearDone?.Invoke(y);
                years.Add(y with { Map = [] });
            }
        }
        return new ScenarioResult(from, to, generator.Exact, model, years);
    }

    /// <summary>
    /// Returns the driver stack that training or prediction just dropped (2 bytes per pixel and class, 768 MB at
    /// 64 Mpx) to the system before the next big allocation, instead of when the collector next decides to: the peak
    /// memory of a large run is the live arrays plus this garbage (issue 17). A blocking full collection costs little
    /// here: the heap is a few large arrays without references.
    /// </summary>
    private static void ReleaseDrivers() => GC.Collect(2, GCCollectionMode.Forced, blocking: true);

    private static long[,] TransitionCounts(SimulationInputs inputs, int from, int to)
    {
        var a = inputs.Maps[from];
        var b = inputs.Maps[to];
        var counts = new long[inputs.ClassCount, inputs.ClassCount];
        for (long i = 0; i < a.Length; i++)
            if (a[i] != 0 && b[i] != 0) counts[a[i], b[i]]++;
        return counts;
    }

    private static double[,] Scale(double[,] q, double years)
    {
        var s = (double[,])q.Clone();
        for (int i = 0; i < s.GetLength(0); i++)
            for (int j = 0; j < s.GetLength(1); j++) s[i, j] *= years;
        return s;
    }

    /// <summary>Gross losses over <paramref name="years"/>: each class's pixels × (1 − its persistence under the
    /// per-year generator of the calibration counts).</summary>
    private static long[] GrossLoss(long[,] counts, int interval, IReadOnlyList<int> classes, long[] current, int years)
    {
        var g = MarkovDemand.FromCounts(counts, interval, classes);
        var stay = MarkovDemand.Exp(Scale(g.Rates, years));
        return [.. Enumerable.Range(0, current.Length).Select(k => k == 0 ? 0 : (long)Math.Round(current[k] * (1 - stay[k, k])))];
    }

    /// <summary>Pixels per class value of <paramref name="map"/>, counting only where <paramref name="mask"/> (when given) is valid.</summary>
    public static long[] Count(byte[] map, byte[]? mask, int classCount)
    {
        ArgumentNullException.ThrowIfNull(map);
        var n = new long[classCount];
        for (long i = 0; i < map.Length; i++)
            if (map[i] != 0 && (mask is null || mask[i] != 0)) n[map[i]]++;
        return n;
    }
}
