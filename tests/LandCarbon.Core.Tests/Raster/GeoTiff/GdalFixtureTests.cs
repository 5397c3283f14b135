using System.Numerics;
using System.Text.Json;
using LandCarbon.Core.Models;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Tests.Raster.GeoTiff;

/// <summary>GDAL-written fixtures (tests/data/rasters/make_rasters.py) read exactly as GDAL reads them
/// (EXPECTED.jsonl, written by the same script through the GDAL oracle).</summary>
public class GdalFixtureTests
{
    private static Dictionary<string, JsonElement> Expected()
    {
        var d = new Dictionary<string, JsonElement>();
        foreach (var line in File.ReadAllLines(TestData.Repo("rasters/EXPECTED.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            var e = JsonDocument.Parse(line.Replace("NaN", "\"NaN\"", StringComparison.Ordinal)).RootElement.Clone();
            d[e.GetProperty("file").GetString()!] = e;
        }
        return d;
    }

    public static TheoryData<string> GoodFiles => new(Expected().Keys.Order());

    private static string Sha<T>(GeoTiffReader r) where T : unmanaged
    {
        var a = new T[r.Grid.PixelCount];
        r.Read<T>(r.Grid.Extent, a);
        return GdalOracle.Sha256<T>(a);
    }

    internal static string PixelSha(GeoTiffReader r) => r.DataType switch
    {
        RasterDataType.UInt8 => Sha<byte>(r),
        RasterDataType.Int8 => Sha<sbyte>(r),
        RasterDataType.UInt16 => Sha<ushort>(r),
        RasterDataType.Int16 => Sha<short>(r),
        RasterDataType.UInt32 => Sha<uint>(r),
        RasterDataType.Int32 => Sha<int>(r),
        RasterDataType.Float32 => Sha<float>(r),
        _ => Sha<double>(r),
    };

    [Theory]
    [MemberData(nameof(GoodFiles))]
    public void ReadsWhatGdalReads(string file)
    {
        var e = Expected()[file];
        using var r = GeoTiffReader.Open(TestData.Repo("rasters/" + file));
        Assert.Equal(e.GetProperty("width").GetInt32(), r.Grid.Width);
        Assert.Equal(e.GetProperty("height").GetInt32(), r.Grid.Height);
        Assert.Equal(e.GetProperty("dataType").GetString(), r.DataType.GdalName());
        Assert.Equal(e.GetProperty("geoTransform").EnumerateArray().Select(x => x.GetDouble()), r.Grid.Transform.ToArray());
        var nd = e.GetProperty("nodata");
        Assert.Equal(nd.ValueKind == JsonValueKind.Null ? null : nd.GetDouble(), r.NoData);
        var epsg = e.GetProperty("epsg");
        Assert.Equal(epsg.ValueKind == JsonValueKind.Null ? null : epsg.GetInt32(), r.Grid.Crs.Epsg);
        Assert.Equal(e.GetProperty("sha256").GetString(), PixelSha(r));
        var colors = e.GetProperty("colors");
        if (colors.ValueKind == JsonValueKind.Array)
        {
            var ct = r.ColorTable!;
            var want = colors.EnumerateArray().Select(c => c.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToList();
            Assert.Equal(want.Count, ct.Count);
            for (int i = 0; i < want.Count; i++)
                Assert.Equal(new Rgba((byte)want[i][0], (byte)want[i][1], (byte)want[i][2], (byte)want[i][3]), ct[i]);
        }
        else
        {
            Assert.Null(r.ColorTable);
        }
    }

    [Fact]
    public void AlbersCrsAreRecognised()
    {
        var e = Expected();
        Assert.Contains("+ellps=krass", e["albers_krassowsky.tif"].GetProperty("proj4").GetString(), StringComparison.Ordinal);
        Assert.Contains("+datum=WGS84", e["albers_clcd_wgs84.tif"].GetProperty("proj4").GetString(), StringComparison.Ordinal);
        using var k = GeoTiffReader.Open(TestData.Repo("rasters/albers_krassowsky.tif"));
        Assert.Equal(SpatialReferences.KrassowskyAlbers, k.Grid.Crs);
        using var c = GeoTiffReader.Open(TestData.Repo("rasters/albers_clcd_wgs84.tif"));
        Assert.Equal(SpatialReferences.ClcdAlbers, c.Grid.Crs);
    }

    [Fact]
    public void LayoutFacts()
    {
        using (var r = GeoTiffReader.Open(TestData.Repo("rasters/bigtiff_tiled_deflate.tif")))
        {
            Assert.True(r.IsBigTiff);
            Assert.True(r.IsTiled);
            Assert.Equal((64, 64), (r.BlockWidth, r.BlockHeight));
        }
        using (var r = GeoTiffReader.Open(TestData.Repo("rasters/uint16_strip_lzw_pred2.tif")))
        {
            Assert.False(r.IsTiled);
            Assert.Equal((66, 4), (r.BlockWidth, r.BlockHeight));
            Assert.Equal(4547, r.Grid.Crs.Epsg);
        }
        using (var r = GeoTiffReader.Open(TestData.Repo("rasters/cog_deflate.tif")))
        {
            Assert.Equal(300, r.Grid.Width);
            Assert.NotEmpty(r.Warnings);
        }
    }

    [Fact]
    public void SparseTilesReadAsNoData()
    {
        using var r = GeoTiffReader.Open(TestData.Repo("rasters/sparse_tiled.tif"));
        var px = new byte[32 * 32];
        r.Read<byte>(new PixelWindow(0, 0, 32, 32), px);
        Assert.All(px, v => Assert.Equal(255, v));
        var part = new float[10 * 16];
        r.Read<float>(new PixelWindow(80, 0, 16, 10), part);
        Assert.All(part, v => Assert.Equal(3f, v));
    }

    [Fact]
    public void LiveGdalAgreesWithTheFixtures()
    {
        var expected = Expected();
        var live = GdalOracle.Read(expected.Keys.Select(f => TestData.Repo("rasters/" + f)));
        foreach (var (file, e) in expected)
        {
            var l = live[TestData.Repo("rasters/" + file)];
            Assert.Equal(e.GetProperty("sha256").GetString(), l.GetProperty("sha256").GetString());
            Assert.Equal(e.GetProperty("checksum").GetInt32(), l.GetProperty("checksum").GetInt32());
        }
    }

    public static TheoryData<string, string> BrokenFiles => new()
    {
        { "broken_jpeg.tif", "JPEG compression is not supported" },
        { "broken_lerc.tif", "LERC compression is not supported" },
        { "broken_truncated.tif", "past the end of the file" },
        { "broken_header_only.tif", "not a TIFF file" },
        { "broken_magic.tif", "not a TIFF file" },
        { "broken_tile_offset.tif", "points past the end of the file" },
        { "broken_multiband.tif", "only single-band rasters" },
        { "broken_deflate_data.tif", "does not decompress" },
        { "broken_zstd_data.tif", "its ZSTD data does not decompress" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void BrokenFilesGiveAnInputErrorNamingFileAndProblem(string file, string problem)
    {
        string path = TestData.Repo("rasters/" + file);
        var ex = Assert.Throws<InputException>(() =>
        {
            using var r = GeoTiffReader.Open(path);
            RasterHistogram.Compute(r);
        });
        Assert.StartsWith(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        if (problem.Contains("compression", StringComparison.Ordinal))
            Assert.Contains("LZW, Deflate, ZSTD, LZMA, PackBits or uncompressed", ex.Message, StringComparison.Ordinal);
    }
}
