using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Tests.Accounting;

/// <summary>
/// What the low-carbon term reads (issue 17 item 1): per pixel and class, the coefficient the accounting would give
/// the pixel as that class. On the accounting stage's test rasters (37 × 23, zones 101 / 102 / outside, nominal
/// 0.09 ha pixels): as construction, each pixel gets the δ_con of its zone — E_zone / (construction pixels of the
/// zone in the base map × 0.09 ha), hand-derived from the energy rows and the input raster — and outside every zone
/// the study-wide E/A; the normalised vegetation correction is left out (cultivated is one value everywhere),
/// identical for any tile size and thread count.
/// </summary>
public class ProjectedClassCoefficientsTests
{
    private const int W = 37, H = 23;

    private static float[][] Coefficients(int tile, int threads)
    {
        var (dir, rasters) = AccountingStageTests.Setup(4);
        File.WriteAllText(Path.Combine(dir, "energy.csv"), "unit,year,fuel,amount\n101,2000,raw coal,500\n102,2000,natural gas,40\n");
        var outputs = new AccountingStageTests.MemoryOutputs();
        var r = AccountingStageTests.Run(dir, rasters,
            "years: {2000: lu_2000.tif}\naccounting: {areaModel: nominal, construction: {energy: energy.csv, zones: zones.tif}, corrections: {vegetation: {raster: ndvi.tif}}}\n",
            tile, threads, outputs);
        var acc = r.Context.Results.Get<AccountingResult>();
        string classPath = acc[2000].LandClassPath;
        rasters[classPath] = new ArrayRaster(classPath, ArrayRaster.TestGrid(W, H), RasterDataType.UInt8, outputs.Rasters[Path.GetFileName(classPath)], 0, 8, 8);
        var c = Enumerable.Range(0, LandClasses.ArraySize).Select(_ => new float[W * H]).ToArray();
        AccountingStage.ProjectedClassCoefficients(r.Context, new ProjectedLandUse("lowCarbon", 2000, classPath, 2000, acc.ConstructionCoefficients),
            r.Context.Tiles, (w, k, v) =>
            {
                for (int y = 0; y < w.Height; y++)
                    for (int x = 0; x < w.Width; x++) c[k][(w.Row + y) * W + w.Col + x] = v[y * w.Width + x];
            });
        return c;
    }

    [Fact]
    public void Construction_GetsItsZonesDeltaCon_NormalisedCorrectionsAreLeftOut()
    {
        var c = Coefficients(8, 2);
        // Construction pixels (CLCD 8) of the base map per zone, from the input raster: zones.tif is −1 (outside)
        // for columns 0–4, 101 for 5–19, 102 for 20–36.
        var (_, rasters) = AccountingStageTests.Setup(4);
        var lu = new byte[W * H];
        rasters.Single(kv => kv.Key.EndsWith("lu_2000.tif", StringComparison.Ordinal)).Value.Read<byte>(new PixelWindow(0, 0, W, H), lu);
        int Zone(int i) => i % W < 5 ? -1 : i % W < 20 ? 101 : 102;
        long n101 = Enumerable.Range(0, W * H).Count(i => lu[i] == 8 && Zone(i) == 101);
        long n102 = Enumerable.Range(0, W * H).Count(i => lu[i] == 8 && Zone(i) == 102);
        double e101 = 500 * 0.7143 * 0.7559, e102 = 40 * 13.3 * 0.4483;
        double d101 = e101 / (n101 * 0.09), d102 = e102 / (n102 * 0.09), outside = (e101 + e102) / ((n101 + n102) * 0.09);
        int con = (int)LandClass.Construction;
        for (int i = 0; i < W * H; i++)
        {
            double expected = Zone(i) switch { 101 => d101, 102 => d102, _ => outside };
            Assert.Equal(expected, c[con][i], Math.Abs(expected) * 1e-6);
        }
        // Cultivated: the normalised NDVI correction does not change the class's total, so it is left out.
        var cult = c[(int)LandClass.Cultivated];
        Assert.All(cult, v => Assert.Equal(cult[0], v));
        Assert.True(float.IsFinite(cult[0]));
        // Same values for another tile size and thread count.
        var other = Coefficients(5, 1);
        for (int k = 1; k < LandClasses.ArraySize; k++) Assert.Equal(c[k], other[k]);
    }
}
