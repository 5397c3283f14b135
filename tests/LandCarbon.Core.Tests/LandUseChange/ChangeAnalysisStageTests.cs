using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.LandUseChange;

/// <summary>`landcarbon run` with accounting then change analysis on small CLCD GeoTIFFs.</summary>
public class ChangeAnalysisStageTests
{
    private const int W = 41, H = 29;

    // CLCD code → class coefficient (t C/ha/yr) with the default table and construction fixed at 50 (METHOD-SPEC (a), (b1)).
    private static readonly Dictionary<int, double> Coef = new()
    {
        [1] = 0.422, [2] = -0.644, [3] = -0.644, [4] = -0.021, [5] = -0.253, [6] = -0.005, [7] = -0.005, [8] = 50, [9] = -0.253,
    };
    private static readonly Dictionary<int, int> ClassOf = new() { [1] = 1, [2] = 2, [3] = 2, [4] = 3, [5] = 4, [6] = 6, [7] = 6, [8] = 5, [9] = 4 };

    private static (string Dir, Dictionary<int, byte[]> Codes) Inputs()
    {
        string dir = TestData.TempDir();
        var grid = ArrayRaster.TestGrid(W, H);
        var rng = new Random(17);
        var codes = new byte[W * H];
        for (int i = 0; i < codes.Length; i++) codes[i] = (byte)rng.Next(0, 10);
        var all = new Dictionary<int, byte[]>();
        foreach (int year in new[] { 2000, 2005, 2010 })
        {
            for (int i = 0; i < codes.Length; i++) if (rng.NextDouble() < 0.25) codes[i] = (byte)rng.Next(0, 10);
            all[year] = [.. codes];
            GeoTiffWriter.WriteAll<byte>(Path.Combine(dir, $"lu_{year}.tif"), grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 0 }, codes);
        }
        File.WriteAllText(Path.Combine(dir, "study.yaml"),
            "years: {2000: lu_2000.tif, 2005: lu_2005.tif, 2010: lu_2010.tif}\naccounting: {construction: {value: 50}, areaModel: nominal}\nchange: {}\n");
        return (dir, all);
    }

    [Fact]
    public void Stage_RunsAfterAccounting_NetMatchesHandSum_AndIsTileIndependent()
    {
        var (dir, codes) = Inputs();
        ChangeAnalysisResult Run(int tile, int threads) => PipelineRunner.Run(Path.Combine(dir, "study.yaml"), Path.Combine(dir, $"out_{tile}_{threads}"),
            new PipelineRunOptions { Tiles = new TileSettings(tile, tile, threads) }).Context.Results.Get<ChangeAnalysisResult>();
        var a = Run(16, 2);
        var b = Run(7, 1);
        Assert.Equal(["2000_2005", "2005_2010", "2000_2010"], a.Intervals.Select(i => i.Key));
        foreach (var (x, y) in a.Intervals.Zip(b.Intervals))
        {
            Assert.Equal(x.Transitions, y.Transitions);
            Assert.Equal(x.Contributions, y.Contributions);
            Assert.Equal(x.SpaceGrades, y.SpaceGrades);
            Assert.Equal(x.NetTonnesC, y.NetTonnesC);
        }
        // Hand sum over pixels whose six-class value changed: (float)(C2 × 0.09) − (float)(C1 × 0.09).
        double net = 0;
        for (int i = 0; i < W * H; i++)
        {
            int c1 = codes[2000][i], c2 = codes[2010][i];
            if (c1 == 0 || c2 == 0 || ClassOf[c1] == ClassOf[c2]) continue;
            net += (double)(float)(Coef[c2] * 0.09) - (float)(Coef[c1] * 0.09);
        }
        Assert.Equal(net, a.WholePeriod.NetTonnesC, 1e-9);
        Assert.Equal("cultivated", File.ReadAllLines(Path.Combine(dir, "out_16_2", "tables", "transitions_2000_2010.csv"))[1].Split(',')[5]);
        Assert.True(File.Exists(Path.Combine(dir, "out_16_2", "rasters", "delta_cbi_2005_2010.tif")));
        Assert.True(File.Exists(Path.Combine(dir, "out_16_2", "tables", "offset_ratio.csv")));
    }
}
