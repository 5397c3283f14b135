using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Poi;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Spaces;
using LandCarbon.Core.SpatialStatistics;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.SpatialStatistics;

public class SpatialStatisticsStageTests
{
    private static IntervalChange Interval(int from, int to) => new()
    {
        FromYear = from, ToYear = to, Transitions = [], Classes = [],
        IncrementBreaks = GradeBreaks.Empty(default), ReductionBreaks = GradeBreaks.Empty(default),
        SpaceGrades = [], Contributions = [], Mechanisms = [], IncrementTonnesC = 0, ReductionTonnesC = 0,
        StableTonnesC = 0, NetTonnesC = 0, NoDataPixels = 0, Checks = [],
    };

    [Fact]
    public void Run_OnAHotSpot_FindsItAndWritesEveryOutput()
    {
        var (dir, ctx) = HotSpotRun(withPoi: false);
        var result = ctx.Results.Get<SpatialStatisticsResult>();
        Assert.Equal(900, result.FishnetCellMeters);
        Assert.Equal(3, result.Intervals.Count);
        var first = result.Intervals[0];
        Assert.Equal(10, first.Fishnet.Width);
        Assert.True(first.Moran.I > 0.3, $"I = {first.Moran.I}");
        Assert.True(first.LisaCells["HH"] >= 4);
        Assert.True(first.GiStarCells[3] >= 4);
        var move = Assert.Single(result.Migrations);
        Assert.Equal(90, move.BearingDegrees, 6);
        // The hot mass (9 cells × 4500) moves 4500 m; the unchanged background (≈ 45 per cell) damps the centre's move.
        Assert.InRange(move.DistanceMeters, 3500, 4500);
        foreach (var f in new[] { "rasters/fishnet_dcbi_2000_2010.tif", "rasters/lisa_cluster_2010_2020.tif", "rasters/gistar_bin_2000_2020.tif",
                     "tables/spatial_moran.csv", "tables/spatial_clusters.csv", "tables/spatial_ellipse.csv", "tables/spatial_centre_migration.csv" })
            Assert.True(File.Exists(Path.Combine(dir, "out", f)), f);
        Assert.False(File.Exists(Path.Combine(dir, "out", "tables/spatial_bivariate.csv")));
        using var fish = GeoTiffReader.Open(Path.Combine(dir, "out", "rasters/fishnet_dcbi_2000_2010.tif"));
        var cells = new float[80];
        fish.Read<float>(fish.Grid.Extent, cells);
        Assert.True(cells[0] > 900 * 5 - 1, $"cell (0,0) = {cells[0]}");
    }

    /// <summary>Industrial POIs dense where the whole-period ΔCBI hot spot is: the bivariate Moran's I of density
    /// against the ΔCBI lag is positive and the bivariate LISA finds HH cells there; functions without points are
    /// left out.</summary>
    [Fact]
    public void Run_WithPoiDensities_SetsThemAgainstTheWholePeriodDeltaCbi()
    {
        var (dir, ctx) = HotSpotRun(withPoi: true);
        var t = CsvTable.Read(Path.Combine(dir, "out", "tables", "spatial_bivariate.csv"));
        var row = Assert.Single(t.Rows);
        Assert.Equal("2000_2020", t.Text(row, "interval"));
        Assert.Equal("industrial", t.Text(row, "function"));
        Assert.True(t.Double(row, "I") > 0.3, $"I = {t.Double(row, "I")}");
        Assert.True(t.Int(row, "HH") >= 4);
        using var clusters = GeoTiffReader.Open(Path.Combine(dir, "out", "rasters", "bilisa_cluster_industrial_2000_2020.tif"));
        var codes = new byte[80];
        clusters.Read<byte>(clusters.Grid.Extent, codes);
        Assert.Equal((byte)LisaCluster.HighHigh, codes[1 * 10 + 1]); // inside the hot corner
        Assert.Contains("BiLISA industrial", File.ReadAllText(Path.Combine(dir, "out", "tables", "spatial_clusters.csv")), StringComparison.Ordinal);
    }

    private static (string Dir, RunContext Context) HotSpotRun(bool withPoi)
    {
        string dir = TestData.TempDir();
        // 30 m ΔCBI rasters of 300×240 px → 10×8 fishnet cells of 900 m; a hot spot in the upper-left corner that
        // moves right in the second interval.
        var grid = new GridSpec(300, 240, GeoTransform.NorthUp(500000, 3400000, 30), SpatialReference.None);
        var intervals = new[] { Interval(2000, 2010), Interval(2010, 2020), Interval(2000, 2020) };
        var rasters = new Dictionary<string, IntervalRasters>();
        foreach (var iv in intervals)
        {
            var px = new float[grid.PixelCount];
            int shift = iv.FromYear == 2010 ? 150 : 0;
            for (int r = 0; r < 240; r++)
                for (int c = 0; c < 300; c++)
                    px[r * 300 + c] = (r < 90 && c >= shift && c < shift + 90 ? 5f : 0f) + ((r * 7 + c * 13) % 11) * 0.01f;
            string path = Path.Combine(dir, $"dcbi_{iv.Key}.tif");
            GeoTiffWriter.WriteAll<float>(path, grid, RasterDataType.Float32, new GeoTiffWriteOptions { NoData = double.NaN }, px);
            rasters[iv.Key] = new IntervalRasters(path, path, path);
        }
        var ctx = new RunContext(Path.Combine(dir, "out"), grid, new TileOptions { TileWidth = 64, TileHeight = 64 }, 7);
        ctx.Results.Set(new ChangeAnalysisResult(intervals, rasters, new ChangeAnalysisOptions()));
        if (withPoi)
        {
            // Industrial density: a plateau over the 2000–2020 hot corner plus a gentle gradient; other functions empty.
            var functions = PoiFunctions.All.Select(f =>
            {
                string path = Path.Combine(dir, $"density_{PoiFunctions.Name(f)}.tif");
                var d = new float[grid.PixelCount];
                if (f == PoiFunction.Industrial)
                    for (int r = 0; r < 240; r++)
                        for (int c = 0; c < 300; c++)
                            d[r * 300 + c] = (r < 90 && c < 90 ? 40f : 2f) + c * 0.001f;
                GeoTiffWriter.WriteAll<float>(path, grid, RasterDataType.Float32, new GeoTiffWriteOptions { NoData = -9999 }, d);
                return new PoiFunctionDensity(f, f == PoiFunction.Industrial ? 50 : 0, 0, 1000, 40, path);
            }).ToList();
            ctx.Results.Set(new PoiDensityResult(functions, new PoiDropReport(), new Dictionary<string, int>(), KernelShape.Quartic));
        }
        new SpatialStatisticsStage { FishnetCellMeters = 900, Permutations = 99 }.Run(ctx, null, CancellationToken.None);
        return (dir, ctx);
    }
}
