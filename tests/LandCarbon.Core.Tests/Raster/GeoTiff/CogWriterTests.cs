using System.Text.Json;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Tests.Raster.GeoTiff;

/// <summary>
/// Every tiled raster the writer makes is a Cloud-Optimized GeoTIFF: GDAL's validator passes, and the internal
/// overviews equal numpy's 2 × 2 mode (classes) or mean (continuous) of the level above as GDAL reads it
/// (tests/data/oracles/gdal/cog_check.py).
/// </summary>
public class CogWriterTests
{
    private static GridSpec Grid(int w, int h) => new(w, h, GeoTransform.NorthUp(500000, 3000000, 30), SpatialReferences.FromEpsg(32648));

    private static JsonElement Check(string mode, string path)
    {
        string python = "/usr/bin/python3";
        if (!File.Exists(python)) Assert.Skip("Debian python3 with GDAL is not installed (scripts/install-deps.sh)");
        TestData.RequireTool("gdalinfo");
        string stdout = TestData.Run(python, TestData.Repo("oracles/gdal/cog_check.py"), mode, path);
        return JsonDocument.Parse(stdout.Trim().Replace("Infinity", "1e308", StringComparison.Ordinal)).RootElement.Clone();
    }

    private static void AssertValid(JsonElement r, int levels)
    {
        Assert.True(r.GetProperty("valid").GetBoolean(), r.GetProperty("errors").ToString());
        Assert.Equal(levels, r.GetProperty("levels").GetArrayLength());
        foreach (var m in r.GetProperty("mismatches").EnumerateArray()) Assert.Equal(0, m.GetInt32());
    }

    [Fact]
    public void Float_raster_is_a_valid_COG_with_average_overviews()
    {
        int w = 600, h = 300;
        var rnd = new Random(3);
        var px = new float[w * h];
        for (int i = 0; i < px.Length; i++) px[i] = (i % w) < 37 && (i / w) < 41 ? float.NaN : (float)(rnd.NextDouble() * 100 - 50);
        string path = Path.Combine(TestData.TempDir(), "cont.tif");
        GeoTiffWriter.WriteAll<float>(path, Grid(w, h), RasterDataType.Float32, new GeoTiffWriteOptions { NoData = double.NaN, Predictor = 3, TileSize = 128 }, px);
        var r = Check("average", path);
        AssertValid(r, 3); // halved until the level fits in one 128 px tile
        Assert.Equal("[[300,150],[150,75],[75,38]]", r.GetProperty("levels").GetRawText().Replace(" ", "", StringComparison.Ordinal));
        using var reader = GeoTiffReader.Open(path); // the full resolution still reads back exactly
        var back = new float[w * h];
        reader.Read<float>(reader.Grid.Extent, back);
        Assert.Equal(px, back);
    }

    [Fact]
    public void Class_raster_is_a_valid_COG_with_mode_overviews_and_keeps_its_palette()
    {
        int w = 333, h = 270;
        var rnd = new Random(5);
        var px = new byte[w * h];
        for (int i = 0; i < px.Length; i++) px[i] = (byte)((i % w) > 300 ? 0 : 1 + rnd.Next(3));
        var palette = new ColorTable([.. Enumerable.Range(0, 256).Select(i => new Rgba((byte)i, (byte)(255 - i), 7, 255))]);
        string path = Path.Combine(TestData.TempDir(), "classes.tif");
        GeoTiffWriter.WriteAll<byte>(path, Grid(w, h), RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 0, ColorTable = palette, TileSize = 128 }, px);
        var r = Check("mode", path);
        AssertValid(r, 2);
        Assert.Equal("[[167,135],[84,68]]", r.GetProperty("levels").GetRawText().Replace(" ", "", StringComparison.Ordinal));
        using var reader = GeoTiffReader.Open(path);
        Assert.Equal(palette[2], reader.ColorTable![2]);
    }

    [Fact]
    public void COG_bytes_do_not_depend_on_the_order_pixels_arrive_in()
    {
        int w = 530, h = 290;
        var px = Enumerable.Range(0, w * h).Select(i => (float)Math.Sin(i * 0.001)).ToArray();
        string dir = TestData.TempDir();
        var opts = new GeoTiffWriteOptions { NoData = double.NaN, TileSize = 128 };
        string a = Path.Combine(dir, "a.tif"), b = Path.Combine(dir, "b.tif");
        GeoTiffWriter.WriteAll<float>(a, Grid(w, h), RasterDataType.Float32, opts, px);
        using (var wr = GeoTiffWriter.Create(b, Grid(w, h), RasterDataType.Float32, opts))
        {
            var rows = Enumerable.Range(0, (h + 49) / 50).Reverse().ToList();
            Parallel.ForEach(rows, new ParallelOptions { MaxDegreeOfParallelism = 4 }, k =>
            {
                int r0 = k * 50, n = Math.Min(50, h - r0);
                wr.WriteWindow(new PixelWindow(0, r0, w, n), px.AsSpan(r0 * w, n * w));
            });
            wr.Commit();
        }
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }
}
