using LandCarbon.Core.Models;

namespace LandCarbon.Core.Accounting;

/// <summary>δ_con of one statistical unit in one year, with how its emission was obtained.</summary>
public sealed record ConstructionCoefficient(
    string Unit, int Year, double EmissionTonnesC, double ConstructionAreaHa, double TonnesCPerHa, EnergyStatistics.Provenance Provenance);

/// <summary>
/// The construction-land coefficient per statistical unit and year (METHOD-SPEC (b2)):
/// δ_con(unit, year) = E_con(unit, year) / A_con(unit, year), in t C/ha/yr, where E_con comes from the energy
/// statistics (interpolated or extrapolated for years without statistics, see
/// <see cref="EnergyStatistics.EmissionFor"/>) and A_con is the construction-land area of the unit in that year's
/// land-use raster.
/// </summary>
public static class ConstructionCoefficients
{
    /// <summary>
    /// Computes δ_con for every unit with construction land in <paramref name="areaHaByUnit"/> for one year.
    /// Throws an <see cref="InputException"/> listing the units that have construction land but no statistics.
    /// A unit with statistics but no construction land gets no coefficient (its emission cannot be placed).
    /// </summary>
    public static IReadOnlyList<ConstructionCoefficient> ForYear(
        IReadOnlyList<UnitYearEmission> statistics, int year, IReadOnlyDictionary<string, double> areaHaByUnit, string statisticsPath)
    {
        ArgumentNullException.ThrowIfNull(areaHaByUnit);
        var result = new List<ConstructionCoefficient>();
        var missing = new List<string>();
        foreach (var (unit, area) in areaHaByUnit.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (area <= 0) continue;
            var e = EnergyStatistics.EmissionFor(statistics, unit, year);
            if (e is null)
            {
                missing.Add($"unit '{unit}' ({area:0.##} ha of construction land in {year})");
                continue;
            }
            result.Add(new ConstructionCoefficient(unit, year, e.Value.TonnesC, area, e.Value.TonnesC / area, e.Value.How));
        }
        if (missing.Count > 0)
            throw new InputException($"{statisticsPath}: no energy statistics for zones that have construction land (zone codes must equal the 'unit' column):", missing);
        return result;
    }
}
