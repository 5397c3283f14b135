using System.Globalization;
using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Poi;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Regression;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Regression;

/// <summary>
/// The regression's response does not contain F_POI (issue 14 item 5): with the POI factor on, the default response
/// of the construction-expansion pixels is independent of the POI densities (moving the POIs leaves it
/// byte-identical), while the poiWeighted response changes with them.
/// </summary>
public class RegressionResponseTests
{
    private const int N = 24;
    private static readonly GridSpec Grid = new(N, N, GeoTransform.NorthUp(500000, 3000000, 30), SpatialReferences.FromEpsg(32648));

    [Fact]
    public void DefaultResponse_IsIndependentOfThePoiDensities()
    {
        var a = Run("unweighted", shift: 0);
        var b = Run("unweighted", shift: 7);
        Assert.True(a.Y.Count > 100);
        Assert.Equal(a.Y, b.Y);
        Assert.NotEqual(a.Factor, b.Factor); // the densities and F_POI did change
        // Hand check: δ_con 50 t C/ha/yr before POI weighting, 0.09 ha: y = 4.5 − CBI(t1), CBI(t1) = C_k × 0.09 with
        // cropland 0.422, forest −0.644, grassland −0.021 by column (float32 rasters, as written).
        foreach (var (index, y) in a.Y)
        {
            double ck = (index % N % 3) switch { 0 => 0.422, 1 => -0.644, _ => -0.021 };
            Assert.Equal((double)(float)4.5 - (float)(ck * 0.09), y, 12);
        }
        var header = File.ReadAllLines(a.Table)[0];
        Assert.EndsWith(",response", header, StringComparison.Ordinal);
        Assert.EndsWith("," + QuantileRegressionInputs.ResponseWithoutPoi, File.ReadAllLines(a.Table)[1], StringComparison.Ordinal);
    }

    [Fact]
    public void PoiWeightedResponse_FollowsTheDensities_AndWarns()
    {
        var a = Run("poiWeighted", shift: 0);
        var b = Run("poiWeighted", shift: 7);
        Assert.NotEqual(a.Y, b.Y);
        Assert.Contains(a.Warnings, w => w.Contains("response poiWeighted", StringComparison.Ordinal));
        Assert.EndsWith("," + QuantileRegressionInputs.ResponsePoiWeighted, File.ReadAllLines(a.Table)[1], StringComparison.Ordinal);
    }

    /// <summary>Cropland in 2000, construction in 2020 on every pixel with (r + c) % 4 != 0; industrial and transport
    /// POIs at pixel centres shifted by <paramref name="shift"/> pixels.</summary>
    private static (IReadOnlyList<(long, double)> Y, float[] Factor, string Table, IReadOnlyList<string> Warnings) Run(string response, int shift)
    {
        string dir = TestData.TempDir();
        var lu2000 = new byte[N * N];
        var lu2020 = new byte[N * N];
        for (int r = 0; r < N; r++)
            for (int c = 0; c < N; c++)
            {
                lu2000[r * N + c] = (byte)(c % 3 == 0 ? 1 : c % 3 == 1 ? 2 : 4); // CLCD cropland, forest, grassland
                lu2020[r * N + c] = (r + c) % 4 != 0 ? (byte)8 : (byte)1;
            }
        var options = new GeoTiffWriteOptions { NoData = 0, TileSize = 16 };
        GeoTiffWriter.WriteAll<byte>(Path.Combine(dir, "lu_2000.tif"), Grid, RasterDataType.UInt8, options, lu2000);
        GeoTiffWriter.WriteAll<byte>(Path.Combine(dir, "lu_2020.tif"), Grid, RasterDataType.UInt8, options, lu2020);
        var lines = new List<string> { "x,y,typecode" };
        foreach (var (c, r, code) in new[] { (3, 4, "170300"), (15, 6, "170300"), (8, 18, "150500"), (20, 20, "150500"), (5, 12, "120302") })
        {
            var (px, py) = Grid.Transform.PixelCenter((c + shift) % N, r);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{px},{py},{code}"));
        }
        File.WriteAllLines(Path.Combine(dir, "pois.csv"), lines);
        File.WriteAllText(Path.Combine(dir, "study.yaml"), $"""
            years: {"{"}2000: lu_2000.tif, 2020: lu_2020.tif{"}"}
            accounting:
              construction: {"{"}value: 50{"}"}
              areaModel: nominal     # the hand-derived response uses the geotransform's 0.09 ha pixels
              corrections:
                poi: {"{"}minFactor: 0.3{"}"}
            poi: {"{"}file: pois.csv, crs: grid, radiusM: 300{"}"}
            change:
            regression:
              taus: [0.5]
              se: iid
              response: {response}
            """);
        var run = PipelineRunner.Run(StudyLoader.Load(Path.Combine(dir, "study.yaml")), Path.Combine(dir, "out"), new PipelineRunOptions
        {
            Tiles = new TileSettings(16, 16, 2),
            Stages = [new PoiDensityStage(), new AccountingStage(), new ChangeAnalysisStage(), new QuantileRegressionStage()],
        });
        var ctx = run.Context;
        var stage = ctx.Results.Get<QuantileRegressionStageResult>();
        var y = QuantileRegressionStage.Responses(ctx, ctx.Study!.Regression!, stage.Inputs!, ctx.Tiles);
        using var cc = GeoTiffReader.Open(ctx.RasterPath("cc_2020"));
        var factor = new float[N * N];
        cc.Read<float>(Grid.Extent, factor);
        return (y, factor, ctx.TablePath("quantile_regression"), [.. ctx.Warnings]);
    }
}
