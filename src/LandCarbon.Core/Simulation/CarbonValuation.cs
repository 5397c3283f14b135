namespace LandCarbon.Core.Simulation;

/// <summary>Price settings of the carbon valuation (InVEST carbon model's inputs).</summary>
/// <param name="PricePerTonneC">Price of one tonne of carbon (any currency).</param>
/// <param name="DiscountRatePercent">Annual market discount rate r, percent.</param>
/// <param name="PriceChangePercent">Annual change in the price of carbon c, percent.</param>
public sealed record ValuationSettings(double PricePerTonneC, double DiscountRatePercent, double PriceChangePercent);

/// <summary>
/// The net present value of a carbon stock change as the InVEST carbon model computes it (InVEST user's guide,
/// "Carbon storage and sequestration", valuation): the change is spread evenly over the n = T − t years from the
/// base year t to the scenario year T, and each year's share is discounted:
/// NPV = Δstock · V, V = (price / n) · Σ_{k=0}^{n−1} 1 / ((1 + r/100)^k (1 + c/100)^k)
/// = (price / n) · (1 − q^n)/(1 − q) with q = 1/((1 + r/100)(1 + c/100)) (n when q = 1).
/// Tested against InVEST's own test values (tests/LandCarbon.Core.Tests/Simulation/CarbonValuationTests.cs).
/// </summary>
public static class CarbonValuation
{
    /// <summary>The valuation constant V (currency per tonne C of change) from <paramref name="baseYear"/> to <paramref name="year"/>.</summary>
    public static double Constant(int baseYear, int year, ValuationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        int n = year - baseYear;
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(year), "The scenario year must come after the base year.");
        double q = 1 / ((1 + settings.DiscountRatePercent / 100) * (1 + settings.PriceChangePercent / 100));
        double v = settings.PricePerTonneC / n;
        return q == 1 ? v * n : v * (1 - Math.Pow(q, n)) / (1 - q);
    }

    /// <summary>The net present value of a stock change of <paramref name="deltaTonnesC"/> (t C; negative = loss).</summary>
    public static double NetPresentValue(double deltaTonnesC, int baseYear, int year, ValuationSettings settings) =>
        deltaTonnesC * Constant(baseYear, year, settings);
}
