using System.Globalization;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Models;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Poi;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Poi;

public sealed class PoiDensityStageTests
{
    [Fact]
    public void StageWritesDensitiesOnTheStudyGridAndStoresItsResult()
    {
        var grid = KernelDensityTests.Grid(20, 20);
        var (x, y) = grid.Transform.PixelCenter(5, 5);
        string d = Study.PoiSectionTests.StudyDir(string.Create(CultureInfo.InvariantCulture, $"x,y,category\n{x},{y},公司企业;工厂\n{x},{y},商务住宅;住宅区\n"));
        var study = StudyLoader.Parse(Path.Combine(d, "s.yaml"),
            "years: {2000: lu_2000.tif}\naccounting: {construction: {value: 50}}\npoi: {file: poi.csv, crs: grid, radiusM: 200}\n");
        var stage = new PoiDensityStage();
        Assert.False(stage.IsEnabled(new RunContext(Path.Combine(d, "none"), grid, TileOptions.Default, 1)));
        var ctx = new RunContext(Path.Combine(d, "out"), grid, new TileOptions { TileWidth = 7, TileHeight = 7 }, 1) { Study = study };
        Assert.True(stage.IsEnabled(ctx));
        stage.Run(ctx, null, TestContext.Current.CancellationToken);
        var result = ctx.Results.Get<PoiDensityResult>();
        Assert.Equal(1, result.Functions[(int)PoiFunction.Industrial].Points);
        using var r = GeoTiffReader.Open(ctx.RasterPath("poi_density_residential"));
        var px = new float[400];
        r.Read<float>(grid.Extent, px);
        Assert.Equal(3 / (Math.PI * 200 * 200) * 1e6, px[5 * 20 + 5], 1e-4);
        Assert.True(File.Exists(ctx.TablePath("poi_summary")));
        Assert.Empty(ctx.Warnings);
    }
}
