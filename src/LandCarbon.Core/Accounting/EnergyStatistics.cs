using System.Globalization;
using LandCarbon.Core.Models;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Accounting;

/// <summary>Carbon emission of one statistical unit in one year, from the energy statistics.</summary>
public sealed record UnitYearEmission(string Unit, int Year, double TonnesC);

/// <summary>
/// Energy consumption statistics by statistical unit (prefecture or county), year and fuel, converted to carbon
/// emissions with an <see cref="EnergyFactorTable"/>: E_con(unit, year) = Σ_fuel amount × multiplier × θ × δ
/// (METHOD-SPEC (b2)). CSV columns <c>unit,year,fuel,amount</c>, optional <c>multiplier</c> (e.g. 10000 when the
/// yearbook gives 10⁴ t; default 1) and <c>sector</c> (rows whose sector is excluded, such as agriculture, are
/// left out because that energy belongs to cultivated land).
/// </summary>
public static class EnergyStatistics
{
    /// <summary>
    /// Reads the statistics and sums emissions per unit and year (in t C, with an order-independent sum).
    /// Every bad row (unknown fuel, non-numeric amount, negative amount) is reported at once.
    /// </summary>
    public static IReadOnlyList<UnitYearEmission> Read(string path, EnergyFactorTable factors, IReadOnlyCollection<string>? excludeSectors = null)
    {
        var byUnit = new SortedDictionary<(string Unit, int Year), ExactSum>();
        foreach (var ((unit, _, year), sum) in Sum(path, factors, excludeSectors, needSector: false))
        {
            var s = byUnit.GetValueOrDefault((unit, year));
            s.Add(sum);
            byUnit[(unit, year)] = s;
        }
        return [.. byUnit.Select(kv => new UnitYearEmission(kv.Key.Unit, kv.Key.Year, kv.Value.Value))];
    }

    /// <summary>
    /// The statistics summed per unit, sector and year: unit → its rows, with the sector name (as written, trimmed)
    /// in <see cref="UnitYearEmission.Unit"/>. The POI factor's sector-share mode (METHOD-SPEC (c)4 i) allocates
    /// each unit's own sector emissions within the unit. Needs a <c>sector</c> column; excluded sectors are left out
    /// as in <see cref="Read"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<UnitYearEmission>> ReadByUnitAndSector(string path, EnergyFactorTable factors,
        IReadOnlyCollection<string>? excludeSectors = null) =>
        Sum(path, factors, excludeSectors, needSector: true)
            .GroupBy(kv => kv.Key.Unit, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<UnitYearEmission>)[.. g.Select(kv => new UnitYearEmission(kv.Key.Sector, kv.Key.Year, kv.Value.Value))],
                StringComparer.Ordinal);

    /// <summary>
    /// The statistics split by fuel: normalised fuel name → emission per unit and year of that fuel alone (t C, at the
    /// table's point factors), with a row (0 where the fuel is absent) for every (unit, year) that <see cref="Read"/>
    /// returns, so that interpolation per fuel (<see cref="EmissionFor"/>) sums exactly to the interpolation of the
    /// total: both are linear in the stated values. The Monte Carlo of the totals scales each fuel by its drawn δ.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<UnitYearEmission>> ReadByFuel(string path, EnergyFactorTable factors,
        IReadOnlyCollection<string>? excludeSectors = null)
    {
        var sums = Sum(path, factors, excludeSectors, needSector: false, byFuel: true);
        var keys = sums.Keys.Select(k => (k.Unit, k.Year)).Distinct().ToList();
        return sums.Keys.Select(k => k.Sector).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToDictionary(f => f,
            f => (IReadOnlyList<UnitYearEmission>)[.. keys.Select(k => new UnitYearEmission(k.Unit, k.Year,
                sums.TryGetValue((k.Unit, f, k.Year), out var s) ? s.Value : 0))], StringComparer.Ordinal);
    }

    /// <summary>Emission per unit, sector ("" without a sector column; the normalised fuel name with
    /// <paramref name="byFuel"/>) and year; every bad row reported at once.</summary>
    private static SortedDictionary<(string Unit, string Sector, int Year), ExactSum> Sum(string path, EnergyFactorTable factors,
        IReadOnlyCollection<string>? excludeSectors, bool needSector, bool byFuel = false)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var t = CsvTable.Read(path);
        t.RequireColumns(needSector ? ["unit", "year", "fuel", "amount", "sector"] : ["unit", "year", "fuel", "amount"]);
        var excluded = new HashSet<string>((excludeSectors ?? []).Select(EnergyFactorTable.Normalize), StringComparer.Ordinal);
        var sums = new SortedDictionary<(string Unit, string Sector, int Year), ExactSum>();
        var problems = new List<string>();
        foreach (var r in t.Rows)
        {
            try
            {
                if (t.HasColumn("sector") && excluded.Contains(EnergyFactorTable.Normalize(t.Text(r, "sector")))) continue;
                string unit = t.Text(r, "unit");
                if (unit.Length == 0) throw new InputException($"{path}, line {r.Line}: the unit (statistical area) is empty.");
                int year = t.Int(r, "year");
                string fuel = t.Text(r, "fuel");
                var f = factors.Find(fuel)
                    ?? throw new InputException($"{path}, line {r.Line}: fuel '{fuel}' is not in the factor table {factors.Path} (it has: {string.Join(", ", factors.Factors.Select(x => x.Fuel))}).");
                double amount = t.Double(r, "amount");
                double mult = t.OptionalDouble(r, "multiplier") ?? 1.0;
                if (amount < 0 || mult <= 0) throw new InputException($"{path}, line {r.Line}: amount must be ≥ 0 and multiplier > 0.");
                var key = (unit, byFuel ? EnergyFactorTable.Normalize(f.Fuel) : t.HasColumn("sector") ? t.Text(r, "sector").Trim() : "", year);
                var s = sums.GetValueOrDefault(key);
                s.Add(amount * mult * f.TonnesCPerUnit);
                sums[key] = s;
            }
            catch (InputException e)
            {
                problems.Add(e.Message);
            }
        }
        if (problems.Count > 0) throw new InputException($"{path}: the energy statistics have problems:", problems);
        if (sums.Count == 0) throw new InputException($"{path}: no usable rows (after excluding sectors {string.Join(", ", excluded)}).");
        return sums;
    }

    /// <summary>How an emission value for a study year was obtained.</summary>
    public enum Provenance
    {
        /// <summary>Stated in the statistics.</summary>
        Statistics,
        /// <summary>Linear interpolation between the nearest earlier and later years with statistics.</summary>
        Interpolated,
        /// <summary>Outside the years with statistics: the nearest year's value (constant extrapolation).</summary>
        Extrapolated,
    }

    /// <summary>
    /// The emission of <paramref name="unit"/> in <paramref name="year"/>: the stated value, or linear interpolation
    /// between the nearest stated years, or the nearest stated value outside their range. Null when the unit has
    /// no statistics at all.
    /// </summary>
    public static (double TonnesC, Provenance How)? EmissionFor(IReadOnlyList<UnitYearEmission> stats, string unit, int year)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var rows = stats.Where(s => s.Unit == unit).OrderBy(s => s.Year).ToList();
        if (rows.Count == 0) return null;
        var exact = rows.FirstOrDefault(s => s.Year == year);
        if (exact is not null) return (exact.TonnesC, Provenance.Statistics);
        var before = rows.LastOrDefault(s => s.Year < year);
        var after = rows.FirstOrDefault(s => s.Year > year);
        if (before is null) return (after!.TonnesC, Provenance.Extrapolated);
        if (after is null) return (before.TonnesC, Provenance.Extrapolated);
        double w = (year - before.Year) / (double)(after.Year - before.Year);
        return (before.TonnesC + w * (after.TonnesC - before.TonnesC), Provenance.Interpolated);
    }

    /// <summary>Formats a provenance for tables ("statistics", "interpolated", "extrapolated").</summary>
    public static string Key(this Provenance p) => p.ToString().ToLower(CultureInfo.InvariantCulture);
}
