using LandCarbon.Core.Models;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Accounting;

/// <summary>
/// Conversion of one fuel: θ, tonnes of standard coal equivalent (tce) per physical unit, and δ, tonnes of carbon
/// per tce (METHOD-SPEC (b2)).
/// </summary>
public sealed record EnergyFactor(string Fuel, string PhysicalUnit, double TcePerUnit, double TonnesCPerTce, string Source)
{
    /// <summary>t C per physical unit: θ × δ.</summary>
    public double TonnesCPerUnit => TcePerUnit * TonnesCPerTce;

    /// <summary>The uncertainty of δ (optional columns <c>tcPerTceLow,tcPerTceHigh</c> or <c>tcPerTceSd</c>).</summary>
    public ValueUncertainty Uncertainty { get; init; } = ValueUncertainty.None;
}

/// <summary>
/// Standard-coal and carbon-emission factors per fuel (CSV <c>fuel,physicalUnit,tcePerUnit,tcPerTce,source</c>,
/// optionally <c>tcPerTceLow,tcPerTceHigh</c> or <c>tcPerTceSd</c>: the uncertainty of δ for the Monte Carlo of
/// the totals; fuel names match case-insensitively). The built-in defaults are the table of Liu Xianzhao et al. 2017.
/// </summary>
public sealed class EnergyFactorTable
{
    private readonly Dictionary<string, EnergyFactor> _byFuel;

    private EnergyFactorTable(string path, IReadOnlyList<EnergyFactor> factors)
    {
        Path = path;
        Factors = factors;
        _byFuel = factors.ToDictionary(f => Normalize(f.Fuel), StringComparer.Ordinal);
    }

    /// <summary>The file the table came from.</summary>
    public string Path { get; }

    /// <summary>Rows in file order.</summary>
    public IReadOnlyList<EnergyFactor> Factors { get; }

    /// <summary>True when some fuel gives an uncertainty of δ.</summary>
    public bool HasUncertainty => Factors.Any(f => f.Uncertainty.IsUncertain);

    /// <summary>The built-in factors of METHOD-SPEC (b2).</summary>
    public static EnergyFactorTable Default { get; } = Parse(DefaultTables.BuiltInName("energy_factors.csv"), DefaultTables.Bytes("energy_factors.csv"));

    /// <summary>Reads a factor CSV, reporting every bad row at once.</summary>
    public static EnergyFactorTable Read(string path) =>
        Parse(path, File.Exists(path) ? File.ReadAllBytes(path) : throw new InputException($"{path}: file not found."));

    /// <summary>Parses a factor CSV.</summary>
    public static EnergyFactorTable Parse(string path, byte[] bytes)
    {
        var t = CsvTable.Parse(path, bytes);
        t.RequireColumns("fuel", "tcePerUnit", "tcPerTce");
        var problems = new List<string>();
        var rows = new List<EnergyFactor>();
        foreach (var r in t.Rows)
        {
            try
            {
                string fuel = t.Text(r, "fuel");
                if (fuel.Length == 0) throw new InputException($"{path}, line {r.Line}: the fuel name is empty.");
                if (rows.Any(f => Normalize(f.Fuel) == Normalize(fuel)))
                    throw new InputException($"{path}, line {r.Line}: fuel '{fuel}' appears twice.");
                double theta = t.Double(r, "tcePerUnit"), delta = t.Double(r, "tcPerTce");
                if (theta < 0 || delta < 0) throw new InputException($"{path}, line {r.Line}: factors must not be negative.");
                var uncertainty = ValueUncertainty.Parse(t, r, delta, "tcPerTceLow", "tcPerTceHigh", "tcPerTceSd", problems);
                rows.Add(new EnergyFactor(fuel, t.HasColumn("physicalUnit") ? t.Text(r, "physicalUnit") : "", theta, delta,
                    t.HasColumn("source") ? t.Text(r, "source") : "") { Uncertainty = uncertainty });
            }
            catch (InputException e)
            {
                problems.Add(e.Message);
            }
        }
        if (problems.Count > 0) throw new InputException($"{path}: the energy factor table has problems:", problems);
        return new EnergyFactorTable(path, rows);
    }

    /// <summary>The factor of a fuel (case- and space-insensitive), or null.</summary>
    public EnergyFactor? Find(string fuel) => _byFuel.GetValueOrDefault(Normalize(fuel));

    /// <summary>Carbon emission of an amount of fuel, in t C: E = amount × θ × δ (amount in the physical unit).</summary>
    public double TonnesC(string fuel, double amount) =>
        amount * (Find(fuel) ?? throw new InputException($"{Path}: no factor for fuel '{fuel}'.")).TonnesCPerUnit;

    internal static string Normalize(string fuel) =>
        string.Join(' ', fuel.Trim().ToLowerInvariant().Split([' ', '_', '-'], StringSplitOptions.RemoveEmptyEntries));
}
