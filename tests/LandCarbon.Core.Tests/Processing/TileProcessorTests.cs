using LandCarbon.Core.Numerics;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Tests.Processing;

public class TileProcessorTests
{
    [Theory]
    [InlineData(1, 97, 1)]
    [InlineData(7, 3, 2)]
    [InlineData(64, 64, 4)]
    [InlineData(97, 61, 3)]
    public void Layout_CoversEveryPixelOnce(int tw, int th, int threads)
    {
        var layout = new TileLayout(97, 61, tw, th);
        var seen = new int[97 * 61];
        TileProcessor.ForEach(layout, new TileOptions { MaxDegreeOfParallelism = threads }, w =>
        {
            for (int r = w.Row; r < w.RowEnd; r++)
                for (int c = w.Col; c < w.ColEnd; c++)
                    Interlocked.Increment(ref seen[r * 97 + c]);
        });
        Assert.All(seen, v => Assert.Equal(1, v));
    }

    [Fact]
    public void MapReduce_CombinesInTileOrder_ForAnyThreadCount()
    {
        var layout = new TileLayout(50, 40, 7, 5);
        string Run(int threads) => TileProcessor.MapReduce(layout, new TileOptions { MaxDegreeOfParallelism = threads },
            w => $"{w.Col},{w.Row};", "", (acc, p) => acc + p);
        string expected = string.Concat(Enumerable.Range(0, layout.Count).Select(i => $"{layout[i].Col},{layout[i].Row};"));
        Assert.Equal(expected, Run(1));
        Assert.Equal(expected, Run(8));
    }

    [Fact]
    public void ExactSum_IsIdenticalForAnyTileSizeAndThreadCount()
    {
        var rng = new Random(42);
        var values = Enumerable.Range(0, 100_000).Select(_ => (rng.NextDouble() - 0.3) * Math.Pow(10, rng.Next(-3, 4))).ToArray();
        double Total(int tw, int th, int threads)
        {
            var layout = new TileLayout(400, 250, tw, th);
            var s = TileProcessor.MapReduce(layout, new TileOptions { MaxDegreeOfParallelism = threads }, w =>
            {
                var part = new ExactSum();
                for (int r = w.Row; r < w.RowEnd; r++)
                    for (int c = w.Col; c < w.ColEnd; c++) part.Add(values[r * 400 + c]);
                return part;
            }, new ExactSum(), (acc, p) => { acc.Add(p); return acc; });
            return s.Value;
        }
        double reference = Total(400, 250, 1);
        Assert.Equal(reference, Total(1, 1, 2));
        Assert.Equal(reference, Total(33, 17, 4));
        Assert.Equal(reference, Total(400, 1, 2));
        // And it agrees with a plain sum far below any meaningful digit.
        Assert.Equal(values.Sum(), reference, 1e-6);
    }

    [Fact]
    public void Accumulate_CountsExactly()
    {
        var layout = new TileLayout(300, 200, 16, 16);
        var counts = TileProcessor.Accumulate(layout, new TileOptions { MaxDegreeOfParallelism = 3 },
            () => new long[1], (w, s) => s[0] += w.PixelCount, (a, b) => a[0] += b[0]);
        Assert.Equal(60_000, counts[0]);
    }

    [Fact]
    public void ForBlocks_KeepsWholeBlocks()
    {
        var l = TileLayout.ForBlocks(10000, 10000, 256, 256);
        Assert.Equal(0, l.TileWidth % 256);
        Assert.Equal(0, l.TileHeight % 256);
        var strips = TileLayout.ForBlocks(2931, 2931, 2931, 1);
        Assert.Equal(2931, strips.TileWidth);
    }
}
