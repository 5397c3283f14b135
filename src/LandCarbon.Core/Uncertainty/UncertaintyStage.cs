using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Uncertainty;

/// <summary>What the uncertainty stage found: the rows of tables/budget_uncertainty.csv and the inputs drawn.</summary>
public sealed record UncertaintyResult(IReadOnlyList<UncertaintyRow> Rows, IReadOnlyList<UncertainInput> Inputs, int Draws, double Level);

/// <summary>
/// The Monte Carlo of the totals (flux mode): enabled when the coefficient table or, with energy statistics, the
/// energy-factor table gives an uncertainty on some row, or when the study has an <c>uncertainty:</c> section.
/// Builds the uncertain inputs and the class scalings from the tables, the <see cref="AccountingResult"/> (class
/// totals per year, δ_con units per year) and the <see cref="ChangeAnalysisResult"/> when present (group sums per
/// interval), runs <see cref="BudgetMonteCarlo"/> with the run's seed and writes tables/budget_uncertainty.csv.
/// Costs milliseconds: no raster is read.
/// </summary>
public sealed class UncertaintyStage : IPipelineStage
{
    /// <inheritdoc />
    public string Name => "uncertainty";

    /// <inheritdoc />
    public IReadOnlyList<Type> Needs { get; } = [typeof(AccountingResult)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Uses { get; } = [typeof(ChangeAnalysisResult)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Produces { get; } = [typeof(UncertaintyResult)];

    /// <inheritdoc />
    public bool IsEnabled(RunContext context)
    {
        var study = context?.Study;
        if (study is null || study.Accounting.Mode != AccountingMode.Flux) return false;
        if (study.Uncertainty is not null) return true;
        var a = study.Accounting;
        return a.LoadCoefficients().HasUncertainty || (a.Construction.EnergyPath is not null && a.LoadEnergyFactors().HasUncertainty);
    }

    /// <inheritdoc />
    public void Run(RunContext context, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var study = context.RequireStudy();
        var a = study.Accounting;
        var accounting = context.Results.Get<AccountingResult>();
        var inputs = new List<UncertainInput>();
        var scalings = new Dictionary<(int Class, int Year), ClassScaling>();
        var years = accounting.Years.Select(y => y.Year).ToList();

        bool constructionFromTable = a.Construction.EnergyPath is null && a.Construction.FixedTonnesCPerHa is null;
        var coefficients = a.LoadCoefficients();
        foreach (var row in coefficients.Rows.Where(r => r.Uncertainty.IsUncertain))
        {
            if (row.Class == LandClass.Construction && !constructionFromTable)
            {
                context.Warnings.Add($"uncertainty: the construction row of {coefficients.Path} gives an uncertainty, but δ_con comes from " +
                    $"{(a.Construction.EnergyPath is not null ? "energy statistics (give tcPerTceLow/High or tcPerTceSd in the factor table)" : "accounting.construction.value")}; it is not used.");
                continue;
            }
            int j = inputs.Count;
            inputs.Add(new UncertainInput($"coefficient {row.Class.Key()}", row.TonnesCPerHaPerYear!.Value, row.Uncertainty));
            foreach (int y in years) scalings[((int)row.Class, y)] = new ClassScaling([(j, 1.0)]);
        }

        if (a.Construction.EnergyPath is not null)
        {
            var factors = a.LoadEnergyFactors();
            if (factors.HasUncertainty)
            {
                var byFuel = EnergyStatistics.ReadByFuel(a.Construction.EnergyPath, factors, a.Construction.ExcludeSectors);
                var inputOfFuel = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var f in factors.Factors.Where(f => f.Uncertainty.IsUncertain))
                {
                    inputOfFuel[EnergyFactorTable.Normalize(f.Fuel)] = inputs.Count;
                    inputs.Add(new UncertainInput($"tcPerTce {f.Fuel}", f.TonnesCPerTce, f.Uncertainty));
                }
                foreach (int y in years)
                {
                    var units = accounting.ConstructionCoefficients.Where(c => c.Year == y).Select(c => c.Unit).ToList();
                    var terms = new List<(int, double)>();
                    double fixedPart = 0;
                    foreach (var (fuel, fuelRows) in byFuel)
                    {
                        // E^f_t: this fuel's emission in the year over the units that hold construction land.
                        double e = units.Sum(u => EnergyStatistics.EmissionFor(fuelRows, u, y)?.TonnesC ?? 0);
                        if (inputOfFuel.TryGetValue(fuel, out int j)) terms.Add((j, e));
                        else fixedPart += e;
                    }
                    scalings[((int)LandClass.Construction, y)] = new ClassScaling(terms, fixedPart);
                }
            }
        }
        if (inputs.Count == 0)
            context.Warnings.Add("uncertainty: no row of the coefficient or energy-factor table gives an uncertainty; every interval equals its point value.");

        var totals = accounting.Years.Select(y => new YearTotals(y.Year, y.NetTonnesC,
            y.Classes.ToDictionary(c => (int)c.Class, c => c.TonnesC))).ToList();
        var intervals = context.Results.TryGet<ChangeAnalysisResult>()?.Intervals ?? [];
        int draws = study.Uncertainty?.Draws ?? 1000;
        double level = study.Uncertainty?.Level ?? 0.9;
        string unit = accounting.Units == CarbonUnit.TonnesCO2e ? "t CO2e/yr" : "t C/yr";
        var rows = BudgetMonteCarlo.Run(inputs, scalings, totals, intervals, draws, context.Seed, level, accounting.Units.FromTonnesC(), unit);
        Write(rows, context.Seed, context.PathOf(OutputCatalog.BudgetUncertainty));
        context.Results.Set(new UncertaintyResult(rows, inputs, draws, level));
        progress?.Report(1);
    }

    /// <summary>Writes tables/budget_uncertainty.csv.</summary>
    public static void Write(IReadOnlyList<UncertaintyRow> rows, long seed, string path)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var w = new CsvWriter(OutputCatalog.BudgetUncertainty.Header());
        foreach (var r in rows) w.Row(r.Quantity, r.Period, r.Unit, r.Point, r.Lower, r.Upper, r.Mean, r.Sd, r.Draws, seed);
        w.Save(path);
    }
}
