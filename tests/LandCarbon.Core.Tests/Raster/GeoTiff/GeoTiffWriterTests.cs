using System.Text.Json;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Tests.Raster.GeoTiff;

public class GeoTiffWriterTests
{
    private static GridSpec Grid(SpatialReference crs, int w = 70, int h = 50) => new(w, h, GeoTransform.NorthUp(-1500000, 4000000, 30), crs);

    private static byte[] Classes(int n) => Enumerable.Range(0, n).Select(i => (byte)(1 + (i / 7 + i / 300) % 6)).ToArray();

    [Fact]
    public void AlbersCrsRoundTripThroughOurReaderAndGdal()
    {
        string dir = TestData.TempDir();
        var files = new Dictionary<string, SpatialReference>
        {
            [Path.Combine(dir, "krass.tif")] = SpatialReferences.KrassowskyAlbers,
            [Path.Combine(dir, "clcd.tif")] = SpatialReferences.ClcdAlbers,
        };
        foreach (var (path, crs) in files)
        {
            GeoTiffWriter.WriteAll<byte>(path, Grid(crs), RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 0 }, Classes(70 * 50));
            using var r = GeoTiffReader.Open(path);
            Assert.Equal(crs, r.Grid.Crs);
        }
        // GDAL sees the same CRS as in its own files (fixtures made by make_rasters.py with PROJ strings).
        var expected = File.ReadAllLines(TestData.Repo("rasters/EXPECTED.jsonl"))
            .Select(l => JsonDocument.Parse(l.Replace("NaN", "\"NaN\"", StringComparison.Ordinal)).RootElement.Clone())
            .ToDictionary(e => e.GetProperty("file").GetString()!, e => e.GetProperty("proj4").GetString());
        var gdal = GdalOracle.Read(files.Keys);
        Assert.Equal(expected["albers_krassowsky.tif"], gdal[Path.Combine(dir, "krass.tif")].GetProperty("proj4").GetString());
        Assert.Equal(expected["albers_clcd_wgs84.tif"], gdal[Path.Combine(dir, "clcd.tif")].GetProperty("proj4").GetString());
    }

    [Theory]
    [InlineData(4326)]
    [InlineData(4490)]
    [InlineData(3857)]
    [InlineData(32601)]
    [InlineData(32649)]
    [InlineData(32760)]
    [InlineData(4534)]
    [InlineData(4554)]
    public void EpsgCodesAreWrittenAsCodes(int code)
    {
        string path = Path.Combine(TestData.TempDir(), $"e{code}.tif");
        var grid = new GridSpec(20, 10, GeoTransform.NorthUp(code is 4326 or 4490 ? 100 : 500000, 30, code is 4326 or 4490 ? 0.001 : 30), SpatialReferences.FromEpsg(code));
        GeoTiffWriter.WriteAll<byte>(path, grid, RasterDataType.UInt8, null, new byte[200]);
        using (var r = GeoTiffReader.Open(path)) Assert.Equal(code, r.Grid.Crs.Epsg);
        Assert.Equal(code, GdalOracle.Read([path])[path].GetProperty("epsg").GetInt32());
    }

    [Fact]
    public void ColorTableAndDescriptionReachGdal()
    {
        string path = Path.Combine(TestData.TempDir(), "pal.tif");
        var ct = ColorTable.FromValues(new Dictionary<int, Rgba> { [1] = Rgba.FromHex("#FAE39C"), [2] = Rgba.FromHex("#446F33"), [6] = Rgba.FromHex("#4970F0") });
        GeoTiffWriter.WriteAll<byte>(path, Grid(SpatialReferences.FromEpsg(32648)), RasterDataType.UInt8,
            new GeoTiffWriteOptions { ColorTable = ct, NoData = 0, Description = "CLCD classes" }, Classes(70 * 50));
        using (var r = GeoTiffReader.Open(path))
        {
            Assert.Equal(Rgba.FromHex("#446F33"), r.ColorTable![2]);
            Assert.Equal(256, r.ColorTable.Count);
        }
        var colors = GdalOracle.Read([path])[path].GetProperty("colors").EnumerateArray().ToList();
        Assert.Equal([0x49, 0x70, 0xF0, 255], colors[6].EnumerateArray().Select(v => v.GetInt32()));
    }

    [Fact]
    public void DisposeWithoutCommitLeavesNoFile()
    {
        string dir = TestData.TempDir();
        string path = Path.Combine(dir, "never.tif");
        using (var w = GeoTiffWriter.Create(path, Grid(SpatialReference.None), RasterDataType.Int16, null))
        {
            w.WriteWindow<short>(new PixelWindow(0, 0, 70, 10), new short[700]);
        }
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void UnalignedWindowsFromManyThreads_GiveTheSameFileContentAsOneWrite()
    {
        string dir = TestData.TempDir();
        const int W = 333, H = 257;
        var grid = new GridSpec(W, H, GeoTransform.NorthUp(0, 0, 30), SpatialReferences.FromEpsg(32648));
        var px = Enumerable.Range(0, W * H).Select(i => (float)Math.Sin(i * 0.001) * 100).ToArray();
        var opts = new GeoTiffWriteOptions { TileSize = 64, Predictor = 3, NoData = -1 };
        string a = Path.Combine(dir, "a.tif"), b = Path.Combine(dir, "b.tif");
        GeoTiffWriter.WriteAll<float>(a, grid, RasterDataType.Float32, opts, px);
        using (var w = GeoTiffWriter.Create(b, grid, RasterDataType.Float32, opts))
        {
            var layout = new TileLayout(W, H, 50, 37);
            TileProcessor.ForEach(layout, new TileOptions { MaxDegreeOfParallelism = 4 }, win =>
            {
                var buf = new double[win.PixelCount];
                for (int y = 0; y < win.Height; y++)
                    for (int x = 0; x < win.Width; x++)
                        buf[y * win.Width + x] = px[(win.Row + y) * W + win.Col + x];
                w.WriteWindow<double>(win, buf);
            });
            w.Commit();
        }
        using var ra = GeoTiffReader.Open(a);
        using var rb = GeoTiffReader.Open(b);
        var va = new float[W * H];
        var vb = new float[W * H];
        ra.Read<float>(grid.Extent, va);
        rb.Read<float>(grid.Extent, vb);
        Assert.Equal(px, va);
        Assert.Equal(px, vb);
    }

    [Fact]
    public void UnwrittenBlocksHoldNoData_AndBigTiffCanBeForced()
    {
        string path = Path.Combine(TestData.TempDir(), "partial.tif");
        var grid = new GridSpec(100, 100, GeoTransform.NorthUp(0, 0, 30), SpatialReferences.FromEpsg(32648));
        using (var w = GeoTiffWriter.Create(path, grid, RasterDataType.Int8, new GeoTiffWriteOptions { NoData = -128, TileSize = 32, BigTiff = true, Compression = TiffCompression.Lzw }))
        {
            w.WriteWindow<sbyte>(new PixelWindow(10, 10, 5, 5), Enumerable.Repeat((sbyte)7, 25).ToArray());
            w.Commit();
        }
        using var r = GeoTiffReader.Open(path);
        Assert.True(r.IsBigTiff);
        var h = RasterHistogram.Compute(r);
        Assert.Equal(25, h.ValidCount);
        Assert.Equal(10000 - 25, h.NoDataCount);
        Assert.Equal([(7L, 25L)], h.Counts);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        var grid = Grid(SpatialReference.None);
        string path = Path.Combine(TestData.TempDir(), "x.tif");
        Assert.Throws<ArgumentException>(() => GeoTiffWriter.Create(path, grid, RasterDataType.UInt8, new GeoTiffWriteOptions { Predictor = 3 }));
        Assert.Throws<ArgumentException>(() => GeoTiffWriter.Create(path, grid, RasterDataType.UInt8, new GeoTiffWriteOptions { TileSize = 100 }));
        Assert.Throws<ArgumentException>(() => GeoTiffWriter.Create(path, grid, RasterDataType.Float32, new GeoTiffWriteOptions { ColorTable = new ColorTable([]) }));
        Assert.Throws<ArgumentException>(() => GeoTiffWriter.Create(path, grid, RasterDataType.Int16, new GeoTiffWriteOptions { Compression = TiffCompression.PackBits, Predictor = 2 }));
    }
}
