using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Accounting;

/// <summary>
/// The CBI before POI weighting (the regression's response) uses each pixel's own ground area. A merge once let it
/// take the previous pixel's area on grids with per-pixel areas, so the value depended on where a tile started (the
/// demo's determinism test caught it); here the expectation is derived by hand.
/// </summary>
public class CbiWithoutPoiAreaTests
{
    [Fact]
    public void EachPixelUsesItsOwnArea_WhateverTheTileSplit()
    {
        // Two construction pixels with δ_con 50 t C/ha/yr and areas 900 m² and 800 m²: 4.5 and 4.0 t C/yr before
        // POI weighting; a cultivated pixel (0.422) of 1000 m² first, so a carried-over area would show.
        byte[] cls = [(byte)LandClass.Cultivated, (byte)LandClass.Construction, (byte)LandClass.Construction];
        double[] area = [1000, 900, 800];
        float[] construction = [float.NaN, 50, 50];
        float[] poi = [0, 1, 3];
        var coef = LandClasses.All.ToDictionary(x => x, x => CoefficientTable.Default[x] ?? 50);
        var sums = new FactorSums();
        var settings = new CorrectionSettings { Poi = new PoiCorrection("w.tif", 0.3, true) };
        sums.AddTile(new FluxTileInputs { Classes = cls, PoiWeight = poi, Construction = construction, AreaM2 = area });
        var p = FluxParameters.Create(coef, settings, 0.09, sums);
        float[] Whole()
        {
            var without = new float[3];
            CompositeCoefficient.Compute(new FluxTileInputs { Classes = cls, PoiWeight = poi, Construction = construction, AreaM2 = area },
                p, new float[3], new float[3], without, new FluxTotals());
            return without;
        }
        float[] Split()
        {
            var without = new float[3];
            for (int i = 0; i < 3; i++)
                CompositeCoefficient.Compute(new FluxTileInputs { Classes = cls.AsSpan(i, 1), PoiWeight = poi.AsSpan(i, 1), Construction = construction.AsSpan(i, 1), AreaM2 = area.AsSpan(i, 1) },
                    p, new float[1], new float[1], without.AsSpan(i, 1), new FluxTotals());
            return without;
        }
        float[] expected = [(float)(0.422 * 0.1), (float)(50 * 0.09), (float)(50 * 0.08)];
        Assert.Equal(expected, Whole());
        Assert.Equal(expected, Split());
    }
}
