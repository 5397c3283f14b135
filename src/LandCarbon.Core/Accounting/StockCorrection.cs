using LandCarbon.Core.Numerics;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Accounting;

/// <summary>
/// The corrections of carbon densities in stock mode (METHOD-SPEC (b4), (c)1, (c)3), per group g (a row of the
/// carbon pool table; 0 = nodata):
/// <list type="bullet">
/// <item>climate (b4): C_above, C_below × K_B and C_soil × K_S, with K_B = K_BP·K_BT and K_S = C′_SP/C″_SP from the
/// pixel's P and T (′) and the reference (″): the mean P and T over the group's pixels (<c>reference: study</c>) or
/// the national means (<c>reference: national</c>); C_dead is left uncorrected (METHOD-SPEC (b4));</item>
/// <item>vegetation ((c)1, the NPP/NDVI-ratio correction of class densities of Chinese InVEST studies): the biomass
/// pools C_above, C_below × NDVI/mean_g(NDVI), clamped to [min, max] (which pools is INFERRED: vegetation activity
/// says nothing about soil or dead matter);</item>
/// <item>terrain ((c)3, the surface-area correction of mountain carbon storage): every pool × 1/cos(slope).</item>
/// </list>
/// With <c>normalize: true</c> (each correction's default, as in flux mode) each factor is divided by its mean over
/// the group's valid pixels, so K_B, K_S, F_veg and F_terrain each have mean 1 per group: the correction moves carbon
/// between pixels of one land-use code without changing that code's total. A correction applies only to the groups
/// whose class is in its <c>classes</c> list. A pixel where an input of a correction that applies is nodata is left
/// out of every total and counted.
/// </summary>
public sealed class StockCorrection
{
    private readonly bool[] _veg, _clim, _ter;
    private readonly double[] _vegScale, _refP, _refT, _scaleB, _scaleS, _terScale;
    private readonly double _vegMin, _vegMax;

    private StockCorrection(int groups, double vegMin, double vegMax)
    {
        _veg = new bool[groups]; _clim = new bool[groups]; _ter = new bool[groups];
        _vegScale = new double[groups]; _refP = new double[groups]; _refT = new double[groups];
        _scaleB = new double[groups]; _scaleS = new double[groups]; _terScale = new double[groups];
        _vegMin = vegMin;
        _vegMax = vegMax;
    }

    /// <summary>True when any correction is configured.</summary>
    public static bool IsOn(CorrectionSettings c) => c is not null && (c.Vegetation is not null || c.Climate is not null || c.Terrain is not null);

    /// <summary>Builds the factors of one year from the first pass's per-group sums. <paramref name="applies"/>
    /// tells whether a correction's class list covers a group.</summary>
    public static StockCorrection Create(CorrectionSettings corrections, FactorSums sums, int groups,
        Func<int, IReadOnlyList<LandUse.LandClass>, bool> applies)
    {
        ArgumentNullException.ThrowIfNull(corrections);
        ArgumentNullException.ThrowIfNull(sums);
        ArgumentNullException.ThrowIfNull(applies);
        var s = new StockCorrection(groups, corrections.Vegetation?.Min ?? 0, corrections.Vegetation?.Max ?? double.PositiveInfinity);
        static double Scale(bool normalize, double mean) => normalize && double.IsFinite(mean) && mean != 0 ? 1 / mean : 1;
        for (int g = 1; g < groups; g++)
        {
            if (corrections.Vegetation is { } veg && applies(g, veg.Classes))
            {
                s._veg[g] = true;
                s._vegScale[g] = Scale(veg.Normalize, FactorSums.Mean(sums.Vegetation[g], sums.VegetationCount[g]));
            }
            if (corrections.Climate is { } clim && applies(g, clim.Classes))
            {
                long n = sums.ClimateCount[g];
                bool national = clim.Reference == ClimateReference.National;
                double pr = national ? clim.NationalPrecipitationMm : FactorSums.Mean(sums.Precipitation[g], n);
                double tr = national ? clim.NationalTemperatureC : FactorSums.Mean(sums.Temperature[g], n);
                if (!double.IsFinite(pr) || !double.IsFinite(tr)) { pr = clim.NationalPrecipitationMm; tr = clim.NationalTemperatureC; }
                s._clim[g] = true;
                s._refP[g] = pr;
                s._refT[g] = tr;
                // Group means of K_B and K_S from the sums of their terms (as FluxParameters does for the classes).
                s._scaleB[g] = Scale(clim.Normalize, FactorSums.Mean(sums.BiomassProduct[g], n) / (Math.Exp(0.0054 * pr) * ClimateFactor.BiomassFromTemperature(tr)));
                s._scaleS[g] = Scale(clim.Normalize, FactorSums.Mean(sums.Soil[g], n) / ClimateFactor.SoilFromPrecipitation(pr));
            }
            if (corrections.Terrain is { } ter && applies(g, ter.Classes))
            {
                s._ter[g] = true;
                s._terScale[g] = Scale(ter.Normalize, FactorSums.Mean(sums.Terrain[g], sums.TerrainCount[g]));
            }
        }
        return s;
    }

    /// <summary>The corrected densities (t C/ha) of one pixel of group <paramref name="g"/>; false when an input of a
    /// correction that applies is nodata (NaN).</summary>
    public bool TryCorrect(int g, CarbonPools p, float vegetation, float precipitation, float temperature, float terrain,
        out double above, out double below, out double soil, out double dead)
    {
        ArgumentNullException.ThrowIfNull(p);
        double b = 1, sf = 1, t = 1;
        if (_veg[g]) b *= Math.Clamp(vegetation * _vegScale[g], _vegMin, _vegMax);
        if (_clim[g])
        {
            b *= ClimateFactor.BiomassFactor(precipitation, temperature, _refP[g], _refT[g]) * _scaleB[g];
            sf = ClimateFactor.SoilFactor(precipitation, _refP[g]) * _scaleS[g];
        }
        if (_ter[g]) t = terrain * _terScale[g];
        above = p.AboveTonnesCPerHa * b * t;
        below = p.BelowTonnesCPerHa * b * t;
        soil = p.SoilTonnesCPerHa * sf * t;
        dead = p.DeadTonnesCPerHa * t;
        return double.IsFinite(b) && double.IsFinite(sf) && double.IsFinite(t);
    }
}

/// <summary>Per-group pixel counts and pool sums (t C) of corrected stock accounting; order-free merges.</summary>
internal sealed class StockTally(int groups)
{
    public long[] Pixels { get; } = new long[groups];
    public long[] Excluded { get; } = new long[groups];
    public ExactSum[] AreaHa { get; } = new ExactSum[groups];
    public ExactSum[] Above { get; } = new ExactSum[groups];
    public ExactSum[] Below { get; } = new ExactSum[groups];
    public ExactSum[] Soil { get; } = new ExactSum[groups];
    public ExactSum[] Dead { get; } = new ExactSum[groups];

    public StockTally Merge(StockTally o)
    {
        for (int g = 0; g < Pixels.Length; g++)
        {
            Pixels[g] += o.Pixels[g];
            Excluded[g] += o.Excluded[g];
            AreaHa[g].Add(o.AreaHa[g]);
            Above[g].Add(o.Above[g]);
            Below[g].Add(o.Below[g]);
            Soil[g].Add(o.Soil[g]);
            Dead[g].Add(o.Dead[g]);
        }
        return this;
    }
}
