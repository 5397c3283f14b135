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
}
