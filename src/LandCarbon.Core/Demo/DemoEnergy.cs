using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Demo;

/// <summary>
/// Energy statistics of the demo by county, year and fuel, built backwards from a designed construction-land
/// coefficient: δ_con(county, year) = base(profile) × (1 + 0.5 × (year − 2000)/24) t C/ha/yr, with base 25 for old
/// service cores, 140 for industrial counties, 70 for mixed and 45 for rural ones. The emission E = δ_con × the
/// county's construction area (from the generated land use) is split over fuels by profile and converted to
/// physical amounts with the standard-coal and carbon factors of METHOD-SPEC (b2), so that the accounting stage,
/// reading the CSV, recovers δ_con exactly. A small agriculture row per county and year (diesel) is included and
/// is excluded by the default <c>excludeSectors: [agriculture]</c>.
/// </summary>
public static class DemoEnergy
{
    /// <summary>t C per physical unit (θ × δ) of the fuels used, METHOD-SPEC (b2); amounts in 10⁴ t, 10⁴ m³ or 10⁴ kWh.</summary>
    private static readonly (string Fuel, double TonnesCPerUnit, double Multiplier)[] Fuels =
    [
        ("raw coal", 0.7143 * 0.7559, 10_000),
        ("coke", 0.9714 * 0.8550, 10_000),
        ("gasoline", 1.4714 * 0.5538, 10_000),
        ("diesel", 1.4571 * 0.5921, 10_000),
        ("natural gas", 13.300 * 0.4483, 1),
        ("electricity", 1.229 * 0.7935, 1),
    ];

    /// <summary>The designed δ_con (t C/ha/yr) of a county profile in a year.</summary>
    public static double DesignedTonnesCPerHa(DemoCountyProfile profile, int year)
    {
        double b = profile switch
        {
            DemoCountyProfile.CoreService => 25,
            DemoCountyProfile.Industrial => 140,
            DemoCountyProfile.Mixed => 70,
            _ => 45,
        };
        return b * (1 + 0.5 * (year - 2000) / 24.0);
    }

    private static double[] Shares(DemoCountyProfile p) => p switch
    {
        DemoCountyProfile.Industrial => [0.62, 0.12, 0.06, 0.08, 0.04, 0.08],
        DemoCountyProfile.CoreService => [0.20, 0.00, 0.25, 0.15, 0.25, 0.15],
        _ => [0.45, 0.05, 0.15, 0.12, 0.10, 0.13],
    };

    /// <summary>
    /// Writes <c>unit,name,year,fuel,amount,multiplier,sector</c> (unit = county adcode, as in the county raster).
    /// <paramref name="constructionPixels"/>[county, yearIndex] counts construction pixels of area
    /// <paramref name="pixelAreaHa"/>.
    /// </summary>
    public static void WriteCsv(string path, long[,] constructionPixels, double pixelAreaHa)
    {
        ArgumentNullException.ThrowIfNull(constructionPixels);
        var csv = new CsvWriter("unit", "name", "year", "fuel", "amount", "multiplier", "sector");
        var counties = DemoRegion.CountyArray;
        for (int c = 0; c < counties.Length; c++)
        {
            var shares = Shares(counties[c].Profile);
            for (int k = 0; k < DemoRegion.Years.Count; k++)
            {
                int year = DemoRegion.Years[k];
                double tonnesC = DesignedTonnesCPerHa(counties[c].Profile, year) * constructionPixels[c, k] * pixelAreaHa;
                for (int f = 0; f < Fuels.Length; f++)
                {
                    if (shares[f] == 0) continue;
                    double amount = tonnesC * shares[f] / Fuels[f].TonnesCPerUnit / Fuels[f].Multiplier;
                    csv.Row(counties[c].Adcode, counties[c].NameZh, year, Fuels[f].Fuel, amount, Fuels[f].Multiplier, "all");
                }
                // Farm machinery diesel: belongs to cultivated land, excluded by the accounting default.
                csv.Row(counties[c].Adcode, counties[c].NameZh, year, "diesel", 0.3 + 0.01 * c, 10_000, "agriculture");
            }
        }
        csv.Save(path);
    }
}
