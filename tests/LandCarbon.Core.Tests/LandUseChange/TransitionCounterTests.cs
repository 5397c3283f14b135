using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Models;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Tests.LandUseChange;

public class TransitionCounterTests
{
    [Fact]
    public void Count_TinyGrid_MatchesHandCount()
    {
        // 3×2 grid; 0 is nodata in the first year, 255 in the second.
        var g = ArrayRaster.TestGrid(3, 2);
        using var a = new ArrayRaster("a.tif", g, RasterDataType.UInt8, [1, 1, 2, 0, 3, 3], noData: 0);
        using var b = new ArrayRaster("b.tif", g, RasterDataType.UInt8, [1, 8, 2, 8, 255, 1], noData: 255);
        var m = TransitionCounter.Count(a, b, TileOptions.Default, PixelAreas.For(g, AreaModel.Nominal, "a.tif"));
        Assert.Equal([1, 2, 3, 8], m.Classes);
        Assert.Equal(1, m.Count(1, 1));
        Assert.Equal(1, m.Count(1, 8));
        Assert.Equal(1, m.Count(2, 2));
        Assert.Equal(1, m.Count(3, 1));
        Assert.Equal(4, m.PixelsCounted);
        Assert.Equal(2, m.PixelsExcluded);
        Assert.Equal(0.0009, m.AreaKm2[0][0], 12);
    }

    [Fact]
    public void Count_SignedEightBit_KeepsNegativeCodesAndNoData()
    {
        var g = ArrayRaster.TestGrid(2, 2);
        using var a = new ArrayRaster("a.tif", g, RasterDataType.Int8, [-3, 2, -128, 2], noData: -128);
        using var b = new ArrayRaster("b.tif", g, RasterDataType.Int8, [-3, -3, 1, 2], noData: -128);
        var m = TransitionCounter.Count(a, b, TileOptions.Default);
        Assert.Equal([-3, 2], m.Classes);
        Assert.Equal(1, m.Count(-3, -3));
        Assert.Equal(1, m.Count(2, -3));
        Assert.Equal(1, m.Count(2, 2));
        Assert.Equal(1, m.PixelsExcluded);
    }

    [Fact]
    public void Count_IsIdenticalForAnyTileSizeAndThreadCount()
    {
        const int w = 123, h = 77;
        var rng = new Random(7);
        var g = ArrayRaster.TestGrid(w, h);
        var va = Enumerable.Range(0, w * h).Select(_ => (double)rng.Next(0, 10)).ToArray();
        var vb = va.Select(v => rng.NextDouble() < 0.2 ? rng.Next(0, 10) : v).ToArray();
        foreach (var type in new[] { RasterDataType.UInt8, RasterDataType.Int16 })
        {
            using var a = new ArrayRaster("a.tif", g, type, va, noData: 0);
            using var b = new ArrayRaster("b.tif", g, type, vb, noData: 9);
            var reference = TransitionCounter.Count(a, b, new TileOptions { TileWidth = w, TileHeight = h, MaxDegreeOfParallelism = 1 });
            // Brute force count straight from the arrays.
            long expected11 = Enumerable.Range(0, w * h).Count(i => va[i] == 1 && vb[i] == 1);
            Assert.Equal(expected11, reference.Count(1, 1));
            Assert.Equal(Enumerable.Range(0, w * h).Count(i => va[i] == 0 || vb[i] == 9), reference.PixelsExcluded);
            // True areas (UTM pixels): Σ of each pixel's area, from the area model pixel by pixel.
            var areas = PixelAreas.For(g, AreaModel.True, "a.tif");
            double expectedKm2 = Enumerable.Range(0, w * h).Where(i => va[i] == 1 && vb[i] == 1).Sum(i => areas.AreaM2(i / w, i % w)) / 1e6;
            Assert.Equal(expectedKm2, reference.Area(1, 1), expectedKm2 * 1e-12);
            // Bit for bit: the exact sum of every pixel's area, added one by one.
            ExactSum exact = default;
            foreach (int i in Enumerable.Range(0, w * h).Where(i => va[i] == 1 && vb[i] == 1)) exact.Add(areas.AreaM2(i / w, i % w));
            Assert.Equal(exact.Value / 1e6, reference.Area(1, 1));
            foreach (var (tw, th, threads) in new[] { (w, 1, 2), (1, 1, 4), (16, 16, 2), (50, 7, 8), (w, h, 4) })
            {
                var m = TransitionCounter.Count(a, b, new TileOptions { TileWidth = tw, TileHeight = th, MaxDegreeOfParallelism = threads });
                Assert.Equal(reference.Classes, m.Classes);
                Assert.Equal(reference.Counts, m.Counts);
                Assert.Equal(reference.AreaKm2, m.AreaKm2);
                Assert.Equal(reference.PixelsExcluded, m.PixelsExcluded);
            }
        }
    }

    [Fact]
    public void Count_DifferentGrids_NamesBothFiles()
    {
        using var a = new ArrayRaster("lu2000.tif", ArrayRaster.TestGrid(3, 3), RasterDataType.UInt8, new double[9]);
        using var b = new ArrayRaster("lu2020.tif", ArrayRaster.TestGrid(4, 3), RasterDataType.UInt8, new double[12]);
        var e = Assert.Throws<InputException>(() => TransitionCounter.Count(a, b, TileOptions.Default));
        Assert.Contains("lu2020.tif is not on the grid of lu2000.tif", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_FloatRaster_IsRejected()
    {
        var g = ArrayRaster.TestGrid(2, 1);
        using var a = new ArrayRaster("ndvi.tif", g, RasterDataType.Float32, [0.5, 0.2]);
        using var b = new ArrayRaster("b.tif", g, RasterDataType.UInt8, [1, 1]);
        var e = Assert.Throws<InputException>(() => TransitionCounter.Count(a, b, TileOptions.Default));
        Assert.Contains("ndvi.tif", e.Message, StringComparison.Ordinal);
    }
}

public class TransitionCounterRealDataTests
{
    [Fact]
    public void Wuhan_TilesNotAlignedToBlocks_EqualWholeRasterTile()
    {
        string dir = TestData.Shared("lulc-wuhan-30m");
        using var a = LandCarbon.Core.Raster.GeoTiff.GeoTiffReader.Open(Path.Combine(dir, "wh2003_refy.tif"));
        using var b = LandCarbon.Core.Raster.GeoTiff.GeoTiffReader.Open(Path.Combine(dir, "wh2013_refy.tif"));
        var whole = TransitionCounter.Count(a, b, new TileOptions { TileWidth = 2931, TileHeight = 2931, MaxDegreeOfParallelism = 1 });
        var rows = TransitionCounter.Count(a, b, new TileOptions { TileWidth = 300, TileHeight = 7, MaxDegreeOfParallelism = 2 });
        Assert.Equal(whole.Classes, rows.Classes);
        Assert.Equal(whole.Counts, rows.Counts);
        Assert.Equal(whole.PixelsExcluded, rows.PixelsExcluded);
        Assert.Equal(416473, whole.Count(3, 4)); // cropland → urban, REFERENCE_transition_counts_2003_2013.csv
    }

    [Fact]
    public void ByteRuns_EndWhereACodeChanges()
    {
        var rng = new Random(4);
        foreach (int len in new[] { 1, 2, 31, 32, 33, 64, 65, 300 })
        {
            var a = Enumerable.Range(0, len).Select(_ => (byte)(rng.NextDouble() < 0.1 ? rng.Next(3) : 1)).ToArray();
            var b = Enumerable.Range(0, len).Select(_ => (byte)(rng.NextDouble() < 0.1 ? rng.Next(3) : 2)).ToArray();
            var expected = Enumerable.Range(1, len - 1).Where(i => a[i] != a[i - 1] || b[i] != b[i - 1]).Append(len).ToArray();
            var ends = new int[len + 1];
            int n = ByteRuns.Ends(a, b, ends);
            Assert.Equal(expected, ends[..n]);
            var expectedA = Enumerable.Range(1, len - 1).Where(i => a[i] != a[i - 1]).Append(len).ToArray();
            n = ByteRuns.Ends(a, ends);
            Assert.Equal(expectedA, ends[..n]);
            n = ByteRuns.Ends(a, b, ends);
            Assert.Equal(expected, ends[..n]);
        }
    }
}
