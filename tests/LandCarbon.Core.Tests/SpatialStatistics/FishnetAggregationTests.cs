using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.SpatialStatistics;

namespace LandCarbon.Core.Tests.SpatialStatistics;

public class FishnetAggregationTests
{
    private sealed class ArrayReader(int width, int height, double[] values, double? nodata) : IRasterReader
    {
        public string Path => "memory";
        public GridSpec Grid { get; } = new(width, height, GeoTransform.NorthUp(1000, 5000, 30), SpatialReference.None);
        public RasterDataType DataType => RasterDataType.Float64;
        public double? NoData => nodata;
        public int BlockWidth => 7;
        public int BlockHeight => 5;
        public ColorTable? ColorTable => null;
        public void Dispose() { }

        public void Read<T>(PixelWindow window, Span<T> destination) where T : unmanaged
        {
            var d = System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(destination);
            for (int r = 0; r < window.Height; r++)
                for (int c = 0; c < window.Width; c++)
                    d[r * window.Width + c] = values[(window.Row + r) * width + window.Col + c];
        }
    }

    [Fact]
    public void SumMeanShare_AreCorrect_AndIndependentOfTiling()
    {
        // 10×7 raster, factor 3 → 4×3 fishnet with partial last column and row; −1 is nodata.
        int w = 10, h = 7;
        var v = new double[w * h];
        for (int i = 0; i < v.Length; i++) v[i] = i % 5 == 0 ? -1 : i % 3;
        using var reader = new ArrayReader(w, h, v, -1);
        var sum = FishnetAggregation.Aggregate(reader, 3, FishnetStatistic.Sum);
        Assert.Equal(4, sum.Grid.Width);
        Assert.Equal(3, sum.Grid.Height);
        Assert.Equal(90, sum.Grid.Transform.PixelWidth);
        for (int cr = 0; cr < 3; cr++)
            for (int cc = 0; cc < 4; cc++)
            {
                double s = 0, n = 0, ones = 0;
                for (int r = cr * 3; r < Math.Min(h, cr * 3 + 3); r++)
                    for (int c = cc * 3; c < Math.Min(w, cc * 3 + 3); c++)
                    {
                        double x = v[r * w + c];
                        if (x == -1) continue;
                        s += x; n++; if (x == 1) ones++;
                    }
                Assert.Equal(s, sum.Values[cr * 4 + cc], 12);
                Assert.Equal(n, sum.ValidPixels[cr * 4 + cc]);
                var mean = FishnetAggregation.Aggregate(reader, 3, FishnetStatistic.Mean, tiles: new TileOptions { TileWidth = 2, TileHeight = 3, MaxDegreeOfParallelism = 3 });
                Assert.Equal(s / n, mean.Values[cr * 4 + cc], 12);
                var share = FishnetAggregation.Aggregate(reader, 3, FishnetStatistic.ClassShare, 1, new TileOptions { TileWidth = 4, TileHeight = 1 });
                Assert.Equal(ones / n, share.Values[cr * 4 + cc], 12);
            }
        var other = FishnetAggregation.Aggregate(reader, 3, FishnetStatistic.Sum, tiles: new TileOptions { TileWidth = 1, TileHeight = 1, MaxDegreeOfParallelism = 4 });
        Assert.Equal(sum.Values, other.Values);
    }

    [Fact]
    public void FactorFor_RejectsCellsThatAreNotWholePixels()
    {
        var g = new GridSpec(100, 100, GeoTransform.NorthUp(0, 0, 30), SpatialReference.None);
        Assert.Equal(33, FishnetAggregation.FactorFor(g, 990));
        Assert.Throws<LandCarbon.Core.Models.InputException>(() => FishnetAggregation.FactorFor(g, 1000));
    }

    [Fact]
    public void FactorFor_NamesTheKeyAndTheTwoNearestValidSizes()
    {
        var g = new GridSpec(100, 100, GeoTransform.NorthUp(0, 0, 30), SpatialReference.None);
        var e = Assert.Throws<LandCarbon.Core.Models.InputException>(() => FishnetAggregation.FactorFor(g, 1000, "risk.fishnetMeters"));
        Assert.Equal("risk.fishnetMeters: 1000 m is not a whole number of 30 m pixels; the nearest valid sizes are 990 m and 1020 m.", e.Message);
        e = Assert.Throws<LandCarbon.Core.Models.InputException>(() => FishnetAggregation.FactorFor(g, 20, "k"));
        Assert.Contains("smaller than one 30 m pixel; the smallest valid size is 30 m", e.Message, StringComparison.Ordinal);
        var rect = new GridSpec(10, 10, new GeoTransform(0, 30, 0, 0, 0, -20), SpatialReference.None);
        e = Assert.Throws<LandCarbon.Core.Models.InputException>(() => FishnetAggregation.FactorFor(rect, 90, "k"));
        Assert.Contains("square pixels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FactorFor_RefusesMetresOnAGeographicGrid()
    {
        using var r = LandCarbon.Core.Raster.GeoTiff.GeoTiffReader.Open(TestData.Repo("rasters/zstd_strip_pred3_float32.tif"));
        Assert.Equal(4326, r.Grid.Crs.Epsg);
        Assert.True(FishnetAggregation.IsGeographic(r.Grid));
        var e = Assert.Throws<LandCarbon.Core.Models.InputException>(() => FishnetAggregation.FactorFor(r.Grid, 1000, "spatial.fishnetMeters"));
        Assert.StartsWith("spatial.fishnetMeters: a fishnet cell in metres needs a grid in metres", e.Message, StringComparison.Ordinal);
        Assert.Contains("is in degrees", e.Message, StringComparison.Ordinal);
        Assert.Throws<LandCarbon.Core.Models.InputException>(() => FishnetAggregation.DefaultFactor(r.Grid, "spatial.fishnetMeters"));
        var utm = new GridSpec(10, 10, GeoTransform.NorthUp(0, 0, 30), LandCarbon.Core.Raster.SpatialReferences.FromEpsg(32649));
        Assert.False(FishnetAggregation.IsGeographic(utm));
    }

    [Theory]
    [InlineData(30, 33)]
    [InlineData(100, 10)]
    [InlineData(250, 4)]
    [InlineData(5000, 1)]
    public void DefaultFactor_IsTheWholeNumberOfPixelsNearestOneKilometre(double pixel, int factor)
    {
        var g = new GridSpec(10, 10, GeoTransform.NorthUp(0, 0, pixel), SpatialReference.None);
        Assert.Equal(factor, FishnetAggregation.DefaultFactor(g));
    }

    [Fact]
    public void Cache_GivesTheAggregateOfAFreshPass_AsACopy()
    {
        string dir = Path.Combine(Path.GetTempPath(), "lc-fishnet-cache-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "x.tif");
            var grid = new GridSpec(23, 17, GeoTransform.NorthUp(1000, 5000, 30), SpatialReference.None);
            var values = Enumerable.Range(0, 23 * 17).Select(i => i % 13 == 0 ? float.NaN : (float)Math.Sin(i * 0.37) * 500).ToArray();
            Core.Raster.GeoTiff.GeoTiffWriter.WriteAll<float>(path, grid, RasterDataType.Float32, new Core.Raster.GeoTiff.GeoTiffWriteOptions { NoData = double.NaN }, values);
            var cache = new FishnetCache();
            using var reader = Core.Raster.GeoTiff.GeoTiffReader.Open(path);
            var fresh = FishnetAggregation.Aggregate(reader, 4, FishnetStatistic.Sum);
            var first = FishnetAggregation.Aggregate(reader, 4, FishnetStatistic.Sum, cache: cache);
            first.Values[0] = 12345;   // a caller's change stays its own
            var second = FishnetAggregation.Aggregate(reader, 4, FishnetStatistic.Sum, tiles: new TileOptions { TileWidth = 5, TileHeight = 3 }, cache: cache);
            Assert.Equal(fresh.Values, second.Values);
            Assert.Equal(fresh.ValidPixels, second.ValidPixels);
            Assert.Equal(fresh.Grid, second.Grid);
            Assert.Equal(FishnetAggregation.Aggregate(reader, 4, FishnetStatistic.Mean).Values, FishnetAggregation.Aggregate(reader, 4, FishnetStatistic.Mean, cache: cache).Values);
        }
        finally { Directory.Delete(dir, true); }
    }
}
