namespace LandCarbon.Core.Accounting;

/// <summary>
/// The climate correction of carbon density (METHOD-SPEC (b4)): regressions of density on annual precipitation P
/// (mm) and mean temperature T (°C), and the correction factors as ratios of the pixel (′) to the reference (″)
/// value. Units cancel in the ratios.
/// <list type="bullet">
/// <item>C_SP = 3.3968·P + 3996.1 (soil, Alam et al. 2013)</item>
/// <item>C_BP = 6.798·exp(0.0054·P) (biomass, Alam et al. 2013)</item>
/// <item>C_BT = 28·T + 398 (biomass, Chen Guangshui 2007 / Giardina &amp; Ryan 2000)</item>
/// <item>K_BP = C′_BP/C″_BP, K_BT = C′_BT/C″_BT, K_B = K_BP·K_BT, K_S = C′_SP/C″_SP</item>
/// </list>
/// With fluxes the blended factor is F_clim = w_B·K_B + (1 − w_B)·K_S (METHOD-SPEC (c)2).
/// </summary>
public static class ClimateFactor
{
    /// <summary>Soil carbon density from precipitation: 3.3968·P + 3996.1.</summary>
    public static double SoilFromPrecipitation(double precipitationMm) => 3.3968 * precipitationMm + 3996.1;

    /// <summary>Biomass carbon density from precipitation: 6.798·exp(0.0054·P).</summary>
    public static double BiomassFromPrecipitation(double precipitationMm) => 6.798 * Math.Exp(0.0054 * precipitationMm);

    /// <summary>Biomass carbon density from temperature: 28·T + 398.</summary>
    public static double BiomassFromTemperature(double temperatureC) => 28 * temperatureC + 398;

    /// <summary>K_B = K_BP · K_BT.</summary>
    public static double BiomassFactor(double precipitationMm, double temperatureC, double referencePrecipitationMm, double referenceTemperatureC) =>
        BiomassFromPrecipitation(precipitationMm) / BiomassFromPrecipitation(referencePrecipitationMm)
        * (BiomassFromTemperature(temperatureC) / BiomassFromTemperature(referenceTemperatureC));

    /// <summary>K_S = C′_SP / C″_SP.</summary>
    public static double SoilFactor(double precipitationMm, double referencePrecipitationMm) =>
        SoilFromPrecipitation(precipitationMm) / SoilFromPrecipitation(referencePrecipitationMm);

    /// <summary>F_clim = w_B·K_B + (1 − w_B)·K_S.</summary>
    public static double Blended(double precipitationMm, double temperatureC, double referencePrecipitationMm, double referenceTemperatureC, double biomassShare) =>
        biomassShare * BiomassFactor(precipitationMm, temperatureC, referencePrecipitationMm, referenceTemperatureC)
        + (1 - biomassShare) * SoilFactor(precipitationMm, referencePrecipitationMm);
}
