using System.Text.Json;
using LandCarbon.Core.Tables;

namespace LandCarbon.Cli.Tests.Raster;

public class RasterInfoCommandTests
{
    [Theory]
    [InlineData("wh2003_refy.tif", "Byte", 15)]
    [InlineData("wh2005_refy.tif", "Int8", -128)]
    [InlineData("wh2010_refy.tif", "Int8", -128)]
    [InlineData("wh2013_refy.tif", "Int8", -128)]
    public void Json_HistogramEqualsReferenceCounts(string file, string dataType, double nodata)
    {
        var table = CsvTable.Read(TestData.Shared("lulc-wuhan-30m/REFERENCE_class_pixel_counts.csv"));
        var rows = table.Rows.Where(r => table.Text(r, "file") == file).ToList();
        var expected = rows.Where(r => table.Text(r, "flag") != "nodata")
            .Select(r => (table.Int(r, "value"), (long)table.Int(r, "pixel_count"))).ToList();
        long expectedNoData = rows.Where(r => table.Text(r, "flag") == "nodata").Sum(r => (long)table.Int(r, "pixel_count"));

        var (code, stdout, stderr) = CliRunner.Run("raster", "info", TestData.Shared("lulc-wuhan-30m/" + file), "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(2931, root.GetProperty("width").GetInt32());
        Assert.Equal(2931, root.GetProperty("height").GetInt32());
        Assert.Equal(1, root.GetProperty("bandCount").GetInt32());
        Assert.Equal(dataType, root.GetProperty("dataType").GetString());
        Assert.Equal(nodata, root.GetProperty("nodata").GetDouble());
        Assert.Equal(32649, root.GetProperty("crs").GetProperty("epsg").GetInt32());
        Assert.Contains("UTM zone 49N", root.GetProperty("crs").GetProperty("wkt").GetString(), StringComparison.Ordinal);
        Assert.Equal([759105.274, 30, 0, 3410337.41, 0, -30],
            root.GetProperty("geoTransform").EnumerateArray().Select(e => e.GetDouble()).ToArray());
        Assert.Equal(900, root.GetProperty("pixelAreaM2").GetDouble());
        Assert.Equal(expectedNoData, root.GetProperty("nodataCount").GetInt64());
        Assert.Equal(expected.Sum(e => e.Item2), root.GetProperty("validCount").GetInt64());
        var hist = root.GetProperty("histogram").EnumerateArray()
            .Select(e => (e.GetProperty("value").GetInt32(), e.GetProperty("count").GetInt64())).ToList();
        Assert.Equal(expected, hist);
    }

    [Fact]
    public void MissingFile_ExitsWithCode2AndNamesTheFile()
    {
        var (code, stdout, stderr) = CliRunner.Run("raster", "info", "no/such/file.tif", "--json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("no/such/file.tif", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("broken_zstd_data.tif", "ZSTD data does not decompress")]
    [InlineData("broken_jpeg.tif", "JPEG")]
    [InlineData("broken_truncated.tif", "past the end of the file")]
    [InlineData("broken_magic.tif", "not a TIFF file")]
    [InlineData("broken_tile_offset.tif", "past the end of the file")]
    [InlineData("broken_deflate_data.tif", "does not decompress")]
    public void BrokenFile_ExitsWithCode2AndSaysWhy(string file, string problem)
    {
        string path = TestData.Repo("rasters/" + file);
        var (code, stdout, stderr) = CliRunner.Run("raster", "info", path, "--json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(path, stderr, StringComparison.Ordinal);
        Assert.Contains(problem, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadmeCommand_SmallClcdTile()
    {
        var (code, stdout, stderr) = CliRunner.Run("raster", "info", TestData.Repo("rasters/clcd_small.tif"));
        Assert.True(code == 0, stderr);
        Assert.Contains("64 × 64 px", stdout, StringComparison.Ordinal);
        Assert.Contains("EPSG:32648", stdout, StringComparison.Ordinal);
        var (jcode, json, _) = CliRunner.Run("raster", "info", TestData.Repo("rasters/clcd_small.tif"), "--json");
        Assert.Equal(0, jcode);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        long valid = root.GetProperty("validCount").GetInt64(), nodata = root.GetProperty("nodataCount").GetInt64();
        Assert.Equal(64 * 64, valid + nodata);
        Assert.Equal(35, nodata);
        Assert.Equal(valid, root.GetProperty("histogram").EnumerateArray().Sum(e => e.GetProperty("count").GetInt64()));
        Assert.All(root.GetProperty("histogram").EnumerateArray(), e => Assert.InRange(e.GetProperty("value").GetInt32(), 1, 9));
    }

    [Theory]
    [InlineData("small_4326", "true: ellipsoidal longitude/latitude cells on WGS 84")]
    [InlineData("small_3857", "true: Web Mercator")]
    [InlineData("small_utm49n", "true: transverse Mercator areal scale")]
    public void AreaModelAndTotalArea_EqualTheOracle(string name, string model)
    {
        // Total true area of the valid pixels against the GDAL/numpy oracle (tests/data/oracles/area/<name>.csv).
        string path = TestData.Repo($"oracles/area/{name}.tif");
        double oracleM2 = double.Parse(File.ReadAllLines(TestData.Repo($"oracles/area/{name}.csv"))[^1].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture);
        var (code, stdout, stderr) = CliRunner.Run("raster", "info", path);
        Assert.True(code == 0, stderr);
        Assert.Contains("Area model:    " + model, stdout, StringComparison.Ordinal);
        Assert.Contains("Valid area:", stdout, StringComparison.Ordinal);
        var (jcode, json, _) = CliRunner.Run("raster", "info", path, "--json");
        Assert.Equal(0, jcode);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.StartsWith(model, root.GetProperty("areaModel").GetString(), StringComparison.Ordinal);
        Assert.Equal(oracleM2, root.GetProperty("validAreaM2").GetDouble(), oracleM2 * 1e-6);
        if (name == "small_4326") Assert.Equal(JsonValueKind.Null, root.GetProperty("pixelAreaM2").ValueKind);
    }
}
