namespace LandCarbon.Core.Accounting;

/// <summary>Flux (coefficients, t C/ha/yr) or stock (InVEST carbon pools, t C/ha) accounting (METHOD-SPEC (c), (b3)).</summary>
public enum AccountingMode
{
    /// <summary>Composite carbon coefficient × pixel area = carbon budget index (t C/yr). Default.</summary>
    Flux,
    /// <summary>InVEST Carbon: stock = Σ pools × pixel area (t C), and stock change between years.</summary>
    Stock,
}

/// <summary>The unit of the reported tables: tonnes of carbon, or tonnes of CO2 equivalent (× 44/12).</summary>
public enum CarbonUnit
{
    /// <summary>t C (default).</summary>
    TonnesC,
    /// <summary>t CO2e = t C × 44/12.</summary>
    TonnesCO2e,
}

/// <summary>Facts about <see cref="CarbonUnit"/>.</summary>
public static class CarbonUnits
{
    /// <summary>Mass of CO2 per mass of C: 44/12 (molar masses).</summary>
    public const double CarbonToCo2 = 44.0 / 12.0;

    /// <summary>The factor from t C to this unit.</summary>
    public static double FromTonnesC(this CarbonUnit u) => u == CarbonUnit.TonnesCO2e ? CarbonToCo2 : 1.0;

    /// <summary>The suffix of table headers: "TonnesC" or "TonnesCO2e" (e.g. <c>netTonnesCO2e</c>).</summary>
    public static string HeaderSuffix(this CarbonUnit u) => u == CarbonUnit.TonnesCO2e ? "TonnesCO2e" : "TonnesC";

    /// <summary>The study-file spelling: "tC" or "tCO2e".</summary>
    public static string Key(this CarbonUnit u) => u == CarbonUnit.TonnesCO2e ? "tCO2e" : "tC";
}
