using LandCarbon.Core.LandUse;

namespace LandCarbon.Core.Accounting;

/// <summary>
/// A projected land-use map to account like an observed year (<see cref="AccountingStage.ProjectedFluxYear"/>).
/// </summary>
/// <param name="Scenario">Scenario name; every output of the year carries it (<c>cbi_&lt;scenario&gt;_&lt;year&gt;</c>).</param>
/// <param name="Year">The projected year.</param>
/// <param name="ClassPath">The projected class raster (uint8 class codes 1–6, 0 = nodata).</param>
/// <param name="InputYear">The observed year whose year-bound inputs stand in for the future ones (δ_con per unit,
/// POI sector totals): the last observed year, where the projection starts.</param>
/// <param name="Construction">δ_con per unit and year of the observed accounting (rows of <see cref="InputYear"/> are used).</param>
internal sealed record ProjectedLandUse(string Scenario, int Year, string ClassPath, int InputYear, IReadOnlyList<ConstructionCoefficient> Construction)
{
    /// <summary>The scheme of a reclassified raster: class code k is class k, 0 is nodata.</summary>
    public static ClassScheme ClassCodes(ClassScheme scheme) =>
        scheme with { Map = LandClasses.All.ToDictionary(c => (int)c, c => c), NoDataCodes = [0] };
}
