using System.Globalization;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Regression;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Regression;

public class QuantileRegressionStageTests
{
    private const int W = 60, H = 50;
    private static readonly GridSpec Grid = new(W, H, GeoTransform.NorthUp(500000, 3400000, 30), SpatialReference.None);

    /// <summary>Writes a synthetic interval: cultivated (1) at t1 except a construction block (5) and a nodata row;
    /// construction at t2 on every pixel with (r + c) % 3 != 0; densities from an integer hash; ΔCBI = y(x).</summary>
    private static QuantileRegressionInputs Write(string dir, Func<double, double, double, int, double> y, bool fewUnits = false)
    {
        var from = new byte[W * H];
        var to = new byte[W * H];
        var dcbi = new float[W * H];
        var ind = new float[W * H];
        var tra = new float[W * H];
        var res = new float[W * H];
        var com = new float[W * H];
        for (int r = 0; r < H; r++)
            for (int c = 0; c < W; c++)
            {
                int i = r * W + c;
                from[i] = r == 0 ? (byte)0 : r < 5 && c < 5 ? (byte)5 : (byte)1;
                bool expands = fewUnits ? r == 10 && c < 3 : (r + c) % 3 != 0;
                to[i] = expands ? (byte)5 : from[i];
                ind[i] = (i * 37 % 101) / 10f;
                tra[i] = (i * 53 % 89) / 8f;
                com[i] = (i * 71 % 97) / 4f;
                dcbi[i] = (float)y(ind[i], tra[i], com[i], i);
            }
        void Put<T>(string name, RasterDataType type, T[] px, double? nodata) where T : unmanaged =>
            GeoTiffWriter.WriteAll<T>(Path.Combine(dir, name + ".tif"), Grid, type, new GeoTiffWriteOptions { NoData = nodata, TileSize = 16 }, px);
        Put("from", RasterDataType.UInt8, from, 0);
        Put("to", RasterDataType.UInt8, to, 0);
        Put("dcbi", RasterDataType.Float32, dcbi, double.NaN);
        Put("industrial", RasterDataType.Float32, ind, -9999);
        Put("transport", RasterDataType.Float32, tra, -9999);
        Put("residential", RasterDataType.Float32, res, -9999);
        Put("commercial-service", RasterDataType.Float32, com, -9999);
        return new QuantileRegressionInputs(2000, 2020, Path.Combine(dir, "from.tif"), Path.Combine(dir, "to.tif"), Path.Combine(dir, "dcbi.tif"),
            [.. new[] { "industrial", "transport", "residential", "commercial-service" }.Select(n => (n, Path.Combine(dir, n + ".tif")))]);
    }

    private static RunContext Context(string dir, string name, int tile, int threads) =>
        new(Path.Combine(dir, name), Grid, new TileOptions { TileWidth = tile, TileHeight = tile, MaxDegreeOfParallelism = threads }, 11);

    [Fact]
    public void Run_NoiseFreeLinearY_RecoversTheCoefficientsAtEveryTau()
    {
        string dir = TestData.TempDir();
        // y = 2 + 3·x_ind + 0·x_tra − 1·x_com exactly (float32 rounding of y is far below the tolerance used).
        var inputs = Write(dir, (ind, tra, com, i) => 2 + 3 * ind - com);
        var ctx = Context(dir, "out", 16, 2);
        var result = QuantileRegressionStage.Run(ctx, new RegressionSection { Standardize = false }, inputs, ctx.Tiles);

        Assert.True(result.Fit is not null, string.Join(" | ", ctx.Warnings));
        Assert.Equal(["industrial", "transport", "commercial-service"], result.Functions);
        Assert.Contains(ctx.Warnings, w => w.Contains("residential", StringComparison.Ordinal) && w.Contains("no density", StringComparison.Ordinal));
        // Expansion: rows 1..49 (row 0 nodata at t1), (r + c) % 3 != 0, minus the construction block at t1.
        long expected = 0;
        for (int r = 1; r < H; r++) for (int c = 0; c < W; c++) if ((r + c) % 3 != 0 && !(r < 5 && c < 5)) expected++;
        Assert.Equal(expected, result.CandidateUnits);
        Assert.Equal((int)expected, result.Units);

        var rows = ReadTable(Path.Combine(dir, "out", "tables", "quantile_regression.csv"));
        Assert.Equal(5 * 4, rows.Count);
        var truth = new Dictionary<string, double> { ["(Intercept)"] = 2, ["industrial"] = 3, ["transport"] = 0, ["commercial-service"] = -1 };
        foreach (var row in rows) Assert.Equal(truth[row["term"]], double.Parse(row["estimate"], CultureInfo.InvariantCulture), 4);
        Assert.Equal([0.1, 0.25, 0.5, 0.75, 0.9], rows.Select(r => double.Parse(r["tau"], CultureInfo.InvariantCulture)).Distinct());

        var tests = ReadTable(Path.Combine(dir, "out", "tables", "quantile_regression_tests.csv"));
        Assert.Equal(QuantileRegressionStage.TestColumns, tests[0].Keys);
        foreach (var ols in tests.Where(r => r["kind"] == "ols"))
            Assert.Equal(truth[ols["term"]], double.Parse(ols["estimate"], CultureInfo.InvariantCulture), 4);
        // An exact fit has zero residuals, so no nid sparsity: the estimates are kept without inference.
        Assert.Contains(ctx.Warnings, w => w.Contains("coefficients only", StringComparison.Ordinal));
        Assert.Same(result, ctx.Results.Get<QuantileRegressionStageResult>());
    }

    [Fact]
    public void Run_Standardized_GivesSlopesInStandardDeviationUnits()
    {
        string dir = TestData.TempDir();
        var inputs = Write(dir, (ind, tra, com, i) => 2 + 3 * ind - com);
        var ctx = Context(dir, "out", 16, 1);
        var result = QuantileRegressionStage.Run(ctx, new RegressionSection { Taus = [0.5] }, inputs, ctx.Tiles);
        var fit = Assert.Single(result.Fit!.Fits);
        // β_z = β·sd(x); intercept = 2 + 3·mean(ind) − mean(com).
        Assert.Equal(3 * result.StdDevs[0], fit.Coefficients[1].Estimate, 3);
        Assert.Equal(0, fit.Coefficients[2].Estimate, 3);
        Assert.Equal(-result.StdDevs[2], fit.Coefficients[3].Estimate, 3);
        Assert.Equal(2 + 3 * result.Means[0] - result.Means[2], fit.Coefficients[0].Estimate, 3);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_Subsampled_IsIdenticalForAnyTileSizeAndThreadCount(bool fishnet)
    {
        string dir = TestData.TempDir();
        // Noisy y so that the fit depends on exactly which units were sampled.
        var inputs = Write(dir, (ind, tra, com, i) => 1 + 2 * ind + 0.5 * tra - com + ((i * 7919 % 1000) / 100.0 - 5) * (1 + ind / 5));
        var section = new RegressionSection { Fishnet = fishnet, FishnetMeters = 90, MaxUnits = fishnet ? 200 : 500, Inference = QuantileInference.Iid };
        string? first = null;
        foreach (var (tile, threads) in new[] { (7, 1), (16, 2), (64, 2) })
        {
            var ctx = Context(dir, $"out_{tile}_{threads}", tile, threads);
            var result = QuantileRegressionStage.Run(ctx, section, inputs, ctx.Tiles);
            Assert.Equal(section.MaxUnits, result.Units);
            Assert.True(result.CandidateUnits > result.Units);
            string text = File.ReadAllText(result.TablePath!) + File.ReadAllText(result.TestsTablePath!);
            Assert.Contains("slope_equality", text, StringComparison.Ordinal);
            first ??= text;
            Assert.Equal(first, text);
        }
    }

    [Fact]
    public void Run_TooFewUnits_SkipsWithAWarning()
    {
        string dir = TestData.TempDir();
        var inputs = Write(dir, (ind, tra, com, i) => ind, fewUnits: true);
        var ctx = Context(dir, "out", 16, 1);
        var result = QuantileRegressionStage.Run(ctx, new RegressionSection(), inputs, ctx.Tiles);
        Assert.Null(result.Fit);
        Assert.Equal(3, result.Units);
        Assert.Contains(ctx.Warnings, w => w.Contains("no quantile regression", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(dir, "out", "tables", "quantile_regression.csv")));
    }

    [Fact]
    public void Stage_RunsRightAfterTheChangeAnalysis_WhenTheStudyHasARegressionSection()
    {
        var stages = PipelineStages.All();
        int change = stages.ToList().FindIndex(s => s is Core.LandUseChange.ChangeAnalysisStage);
        Assert.IsType<QuantileRegressionStage>(stages[change + 1]);
        Assert.False(new QuantileRegressionStage().IsEnabled(Context(TestData.TempDir(), "out", 16, 1)));
    }

    private static List<Dictionary<string, string>> ReadTable(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}
