using LandCarbon.Core.Simulation;

namespace LandCarbon.Core.Tests.Simulation;

/// <summary>The valuation against the values of InVEST's own carbon tests (natcap/invest, tests/test_carbon.py).</summary>
public class CarbonValuationTests
{
    [Fact]
    public void Constant_EqualsInvestTestValue()
    {
        // InVEST test of the valuation constant: 2010 → 2012, discount 50 %, price change 5 %, price 50 → 40.87302.
        Assert.Equal(40.87302, CarbonValuation.Constant(2010, 2012, new ValuationSettings(50, 50, 5)), 5);
    }

    [Fact]
    public void PixelValue_EqualsInvestTestValue()
    {
        // InVEST test: a −58 t C/ha change on 1 m² pixels (−0.0058 t per pixel), 2016 → 2030, price 43 per t C,
        // discount −7.1 %, price change 2.8 % → −0.3422078 per pixel. InVEST computes on float32 rasters, so the
        // value agrees to float32 precision (relative 3e-7).
        double v = CarbonValuation.NetPresentValue(-58 * 1e-4, 2016, 2030, new ValuationSettings(43, -7.1, 2.8));
        Assert.Equal(-0.3422078, v, 1e-6);
    }

    [Fact]
    public void NoDiscount_IsThePrice()
    {
        // q = 1: the whole change is valued at the price.
        Assert.Equal(20.0, CarbonValuation.Constant(2000, 2007, new ValuationSettings(20, 0, 0)), 12);
    }
}
