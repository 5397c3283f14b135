using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Risk;

namespace LandCarbon.Core.Simulation;

/// <summary>One projected map of a scenario, as the simulation wrote it.</summary>
public sealed record ProjectedMap(string Scenario, int Year, string ClassPath);

/// <summary>The accounting and change analysis of one projected year: base year → <see cref="ProjectedMap.Year"/>.</summary>
/// <param name="Map">The projected map.</param>
/// <param name="Accounting">Its accounting (<c>rasters/cbi_&lt;scenario&gt;_&lt;year&gt;.tif</c> and the sums).</param>
/// <param name="Change">The change analysis of the projected interval (key <c>&lt;scenario&gt;_&lt;base&gt;_&lt;year&gt;</c>).</param>
/// <param name="Rasters">Its ΔCBI, space-grade and mechanism rasters.</param>
public sealed record ProjectedYear(ProjectedMap Map, AccountingYear Accounting, IntervalChange Change, IntervalRasters Rasters)
{
    /// <summary>The output key of the projected interval, e.g. <c>natural_2024_2035</c>.</summary>
    public string Key => $"{Map.Scenario}_{Change.FromYear}_{Change.ToYear}";
}

/// <summary>The future risk level of one scenario's projected interval.</summary>
/// <param name="Scenario">Scenario.</param>
/// <param name="Interval">Base year → projected year, e.g. "2024_2035".</param>
/// <param name="Method">Threshold method.</param>
/// <param name="Grading">Thresholds (learned on the observed intervals) and level counts of the projected index.</param>
/// <param name="RasterPath">rasters/risk_&lt;scenario&gt;_&lt;interval&gt;.tif.</param>
/// <param name="KeyAreas">Zonal summary and key monitoring areas, or null without zones.</param>
public sealed record ScenarioRisk(string Scenario, string Interval, string Method, RiskMethodResult Grading, string RasterPath, ZonalSummary? KeyAreas);

/// <summary>What the scenario chain produced.</summary>
public sealed record ScenarioChainResult(int BaseYear, IReadOnlyList<ProjectedYear> Years, IReadOnlyList<ScenarioRisk> Risk);
