using LandCarbon.Core.Models;

namespace LandCarbon.Core.Risk;

/// <summary>How the risk index of a future interval is forecast from what is known at its start (study key
/// <c>risk.forecast</c>; docs/methods/risk.md §5).</summary>
public enum RiskForecast
{
    /// <summary>The last observed interval's index (per year), as it is.</summary>
    Persistence,

    /// <summary>Per unit, the least-squares line through the past intervals' index per year at the interval
    /// midpoints, extrapolated to the target's midpoint.</summary>
    Trend,

    /// <summary>The index per year regressed on the driver factors measured at each interval's start, fitted on the past
    /// intervals (upper-quantile regression by default), applied to the factors at the forecast origin.</summary>
    Drivers,

    /// <summary>ΔCBI of the land use projected by the scenario simulation (<see cref="ISimulatedIndex"/>); only when a
    /// simulation stage provides it.</summary>
    Simulation,
}

/// <summary>Names of <see cref="RiskForecast"/> as written in the study and the tables.</summary>
public static class RiskForecasts
{
    /// <summary>The forecasters run by default (every one that needs nothing beyond the change analysis).</summary>
    public static IReadOnlyList<RiskForecast> Default { get; } = [RiskForecast.Persistence, RiskForecast.Trend, RiskForecast.Drivers];

    /// <summary>All names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["persistence", "trend", "drivers", "simulation"];

    /// <summary>The name of <paramref name="f"/>.</summary>
    public static string Name(RiskForecast f) => Names[(int)f];

    /// <summary>Parses a name; an <see cref="InputException"/> naming <paramref name="key"/> otherwise.</summary>
    public static RiskForecast Parse(string name, string key = "risk.forecast")
    {
        int i = Names.ToList().IndexOf(name?.Trim() ?? "");
        return i >= 0 ? (RiskForecast)i : throw new InputException($"{key}: '{name}'; expected {string.Join(", ", Names)}.");
    }
}

/// <summary>
/// The extension point of the <see cref="RiskForecast.Simulation"/> forecaster: a scenario simulation that can
/// project land use from a node year with data up to that year only, and return the index of the projected interval
/// on the risk units (ΔCBI summed per cell, or per km² with <c>index: deltaCbiPerKm2</c>; the forecaster divides it
/// by the interval's years). A simulation stage stores an implementation with
/// <c>context.Results.Set&lt;ISimulatedIndex&gt;(…)</c> and runs before the risk stage; the risk stage looks it up and
/// refuses <c>forecast: simulation</c> (exit code 2) when none is there.
/// </summary>
public interface ISimulatedIndex
{
    /// <summary>The index of the interval <paramref name="fromYear"/> → <paramref name="toYear"/> on
    /// <paramref name="units"/> (NaN = nodata), simulated from data up to <paramref name="fromYear"/> only.</summary>
    double[] Project(Raster.GridSpec units, int fromYear, int toYear);
}
