using LandCarbon.Core.Models;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Tests.Raster.GeoTiff;

/// <summary>
/// ZSTD- and LZMA-compressed GeoTIFFs written by gdal_translate at test time (skips without GDAL), with and without
/// predictors, tiled and striped: LandCarbon reads exactly the pixels GDAL reads from the same file, and exactly the
/// pixels of the uncompressed source. The committed fixtures zstd_*.tif / lzma_*.tif are checked by
/// <see cref="GdalFixtureTests"/> against EXPECTED.jsonl.
/// </summary>
public class ZstdLzmaGdalTests
{
    public static TheoryData<string, string, string, string> Cases => new()
    {
        // source fixture, compression, predictor, layout
        { "clcd_small.tif", "ZSTD", "1", "TILED=YES" },
        { "uint16_strip_lzw_pred2.tif", "ZSTD", "2", "BLOCKYSIZE=3" },
        { "int16_bigendian_tiled_deflate_pred2.tif", "ZSTD", "2", "TILED=YES" },
        { "float32_pred3_tiled_lzw.tif", "ZSTD", "3", "TILED=YES" },
        { "float64_strip_deflate_pred3.tif", "ZSTD", "3", "BLOCKYSIZE=9" },
        { "int8_nodata_strip_deflate.tif", "LZMA", "2", "BLOCKYSIZE=11" },
        { "int32_packbits_strip.tif", "LZMA", "1", "TILED=YES" },
        { "uint32_uncompressed_tiled.tif", "LZMA", "2", "TILED=YES" },
        { "float32_pred3_tiled_lzw.tif", "LZMA", "3", "BLOCKYSIZE=13" },
        { "float64_strip_deflate_pred3.tif", "LZMA", "3", "TILED=YES" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReadsGdalWrittenFilesAsGdalDoes(string source, string compression, string predictor, string layout)
    {
        string translate = TestData.RequireTool("gdal_translate");
        string dir = TestData.TempDir();
        string src = TestData.Repo("rasters/" + source);
        string compressed = Path.Combine(dir, "c.tif");
        string plain = Path.Combine(dir, "plain.tif");
        var args = new List<string> { "-q", "-co", "COMPRESS=" + compression, "-co", "PREDICTOR=" + predictor, "-co", layout };
        if (layout == "TILED=YES") args.AddRange(["-co", "BLOCKXSIZE=16", "-co", "BLOCKYSIZE=16"]);
        TestData.Run(translate, [.. args, src, compressed]);
        TestData.Run(translate, "-q", "-co", "COMPRESS=NONE", src, plain);

        var gdal = GdalOracle.Read([compressed]);
        using var c = GeoTiffReader.Open(compressed);
        using var p = GeoTiffReader.Open(plain);
        Assert.Equal(compression, c.CompressionName);
        Assert.Equal(gdal[compressed].GetProperty("sha256").GetString(), GdalFixtureTests.PixelSha(c));
        Assert.Equal(GdalFixtureTests.PixelSha(p), GdalFixtureTests.PixelSha(c));
        Assert.Equal(p.NoData, c.NoData);
        Assert.Equal(p.Grid.Transform.ToArray(), c.Grid.Transform.ToArray());
    }

    /// <summary>A real 30 m land-use raster (Wuhan 2013, signed Int8, 2931² px) recompressed with ZSTD and LZMA:
    /// the class histogram is the one of the LZW original.</summary>
    [Theory]
    [InlineData("ZSTD")]
    [InlineData("LZMA")]
    public void RealLandUseRasterRecompressed(string compression)
    {
        string translate = TestData.RequireTool("gdal_translate");
        string src = TestData.Shared("lulc-wuhan-30m/wh2013_refy.tif");
        string dst = Path.Combine(TestData.TempDir(), "wh.tif");
        TestData.Run(translate, "-q", "-co", "COMPRESS=" + compression, "-co", "PREDICTOR=2", "-co", "TILED=YES", src, dst);
        using var a = GeoTiffReader.Open(src);
        using var b = GeoTiffReader.Open(dst);
        Assert.Equal(GdalFixtureTests.PixelSha(a), GdalFixtureTests.PixelSha(b));
    }

    [Fact]
    public void DamagedZstdBlockIsAnInputErrorNamingTheTile()
    {
        string path = TestData.Repo("rasters/broken_zstd_data.tif");
        using var r = GeoTiffReader.Open(path);
        var ex = Assert.Throws<InputException>(() => GdalFixtureTests.PixelSha(r));
        Assert.Contains("tile 0 is damaged: its ZSTD data does not decompress", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DamagedLzmaBlockIsInvalidData()
    {
        // The .xz and zstd magic numbers followed by zeros: headers that fail their checks.
        byte[] data = [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0, .. new byte[58]];
        byte[] zstd = [0x28, 0xB5, 0x2F, 0xFD, .. Enumerable.Repeat((byte)0xEE, 60)];
        Assert.Throws<InvalidDataException>(() => TiffCodecs.XzDecode(data, new byte[256]));
        Assert.Throws<InvalidDataException>(() => TiffCodecs.ZstdDecode(zstd, new byte[256]));
    }

    /// <summary>Random byte flips anywhere in a ZSTD or LZMA file (header, directory, compressed blocks) either read
    /// or raise an <see cref="InputException"/>; the codecs never crash with another exception type.</summary>
    [Theory]
    [InlineData("zstd_tiled.tif")]
    [InlineData("lzma_tiled.tif")]
    [InlineData("zstd_tiled_pred2_int16.tif")]
    [InlineData("lzma_strip_pred2_uint16.tif")]
    public void MutatedFilesReadOrGiveAnInputError(string file)
    {
        var original = File.ReadAllBytes(TestData.Repo("rasters/" + file));
        var rng = new Random(20261202);
        string path = Path.Combine(TestData.TempDir(), file);
        for (int k = 0; k < 150; k++)
        {
            var data = (byte[])original.Clone();
            int flips = 1 + rng.Next(4);
            // Most flips land in the compressed blocks (after the first 10 % of the file, where GDAL puts the IFD).
            for (int j = 0; j < flips; j++) data[rng.Next(data.Length / 10, data.Length)] ^= (byte)(1 + rng.Next(255));
            File.WriteAllBytes(path, data);
            try
            {
                using var r = GeoTiffReader.Open(path);
                GdalFixtureTests.PixelSha(r);
            }
            catch (InputException)
            {
            }
        }
    }

    [Fact]
    public void WriterRefusesReadOnlyCodecs()
    {
        var grid = new LandCarbon.Core.Raster.GridSpec(4, 4, new LandCarbon.Core.Raster.GeoTransform(0, 30, 0, 120, 0, -30),
            LandCarbon.Core.Raster.SpatialReference.None);
        Assert.Throws<ArgumentException>(() => GeoTiffWriter.WriteAll<byte>(Path.Combine(TestData.TempDir(), "x.tif"), grid,
            LandCarbon.Core.Raster.RasterDataType.UInt8, new GeoTiffWriteOptions { Compression = TiffCompression.Zstd }, new byte[16]));
    }
}
