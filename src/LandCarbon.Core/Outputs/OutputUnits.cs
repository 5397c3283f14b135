namespace LandCarbon.Core.Outputs;

/// <summary>The facts of a run that a declared unit depends on (from run.json).</summary>
/// <param name="Stock">Stock mode (budgets are stocks in t C, their changes t C) rather than flux mode (t C/yr).</param>
/// <param name="Co2e">Carbon reported as t CO2e (× 44/12) rather than t C.</param>
public sealed record RunUnitFacts(bool Stock = false, bool Co2e = false);

/// <summary>
/// Resolves the unit tokens of <see cref="OutputCatalog"/> for a run. <c>{carbon}</c>: a budget or a change of a
/// budget, t C/yr in flux mode, t C in stock mode; <c>{carbonPixel}</c>: the same per pixel. A column whose header
/// ends in <c>Cumulative</c> (the cumulative option, docs/methods/change-analysis.md) is t C over the interval.
/// </summary>
public static class OutputUnits
{
    /// <summary>The unit of <paramref name="declared"/> for the run, for column <paramref name="header"/>
    /// (null for a raster).</summary>
    public static string Resolve(string declared, RunUnitFacts facts, string? header = null)
    {
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(facts);
        string mass = facts.Co2e ? "t CO2e" : "t C";
        bool cumulative = header is not null && header.EndsWith("Cumulative", StringComparison.Ordinal);
        string carbon = cumulative ? mass + " over the interval" : facts.Stock ? mass : mass + "/yr";
        return declared
            .Replace("{carbonPixel}", cumulative ? mass + " per pixel over the interval" : facts.Stock ? mass + " per pixel" : mass + "/yr per pixel", StringComparison.Ordinal)
            .Replace("{carbon}", carbon, StringComparison.Ordinal)
            .Replace("{mass}", mass, StringComparison.Ordinal);
    }
}
