using System.Globalization;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Models;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Simulation;

/// <summary>
/// A planner's land demand: a CSV <c>year,class,areaKm2[,scenario]</c>. Rows without a scenario apply to every
/// scenario; rows naming one override them for it. Every horizon year needs rows; a class without a row has
/// no area. The areas of a year must add up to the simulated area within 0.5 % (the nodata footprint of a plan
/// rarely matches the map to the pixel); they are then scaled to it and rounded to whole pixels (largest
/// remainder), so the demand is met exactly.
/// </summary>
public static class PlannedDemand
{
    /// <summary>Relative tolerance between a year's planned area and the simulated area.</summary>
    public const double AreaTolerance = 0.005;

    /// <summary>Reads the table; returns (scenario, year) → pixels per class value.</summary>
    public static Func<string, int, long[]> Read(string path, double pixelAreaKm2, long totalPixels, IReadOnlyList<int> horizon, IReadOnlyList<string> scenarios)
    {
        ArgumentNullException.ThrowIfNull(horizon);
        ArgumentNullException.ThrowIfNull(scenarios);
        var t = CsvTable.Read(path);
        t.RequireColumns("year", "class", "areaKm2");
        bool hasScenario = t.HasColumn("scenario");
        var areas = new Dictionary<(string Scenario, int Year), double[]>();
        foreach (var row in t.Rows)
        {
            int year = t.Int(row, "year");
            string cls = t.Text(row, "class");
            if (!LandClasses.TryParse(cls, out var c))
                throw new InputException($"{path}, line {row.Line}: class '{cls}' is not one of {string.Join(", ", LandClasses.All.Select(x => x.Key()))}.");
            double area = t.Double(row, "areaKm2");
            if (!(area >= 0) || !double.IsFinite(area))
                throw new InputException($"{path}, line {row.Line}: areaKm2 {area.ToString(CultureInfo.InvariantCulture)} is not a finite area ≥ 0.");
            if (!horizon.Contains(year))
                throw new InputException($"{path}, line {row.Line}: year {year} is not a horizon year of simulation.horizon ({string.Join(", ", horizon)}).");
            string scenario = hasScenario ? t.Text(row, "scenario") : "";
            if (scenario.Length > 0 && !scenarios.Contains(scenario))
                throw new InputException($"{path}, line {row.Line}: scenario '{scenario}' is not one of simulation.scenarios ({string.Join(", ", scenarios)}).");
            if (!areas.TryGetValue((scenario, year), out var a)) areas[(scenario, year)] = a = new double[LandClasses.ArraySize];
            a[(int)c] += area;
        }
        var result = new Dictionary<(string, int), long[]>();
        double totalKm2 = totalPixels * pixelAreaKm2;
        foreach (var s in scenarios)
            foreach (int y in horizon)
            {
                if (!areas.TryGetValue((s, y), out var a) && !areas.TryGetValue(("", y), out a))
                    throw new InputException($"{path}: no rows for year {y}{(hasScenario ? $" and scenario {s}" : "")}; every horizon year needs its class areas.");
                double sum = a.Sum();
                if (Math.Abs(sum - totalKm2) > AreaTolerance * totalKm2)
                    throw new InputException($"{path}: the areas of {y}{(hasScenario ? $" ({s})" : "")} add up to {sum.ToString("0.###", CultureInfo.InvariantCulture)} km², but the simulated area is {totalKm2.ToString("0.###", CultureInfo.InvariantCulture)} km² (allowed difference 0.5 %).");
                result[(s, y)] = MarkovDemand.RoundToPixels(a, totalPixels);
            }
        return (s, y) => result[(s, y)];
    }
}
