using LandCarbon.Core.Demo;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Tests.Demo;

/// <summary>The cached and row-at-a-time noise must give the bits of the per-point functions (the demo's files are
/// documented for a given size and seed, so a faster path may not move a single value).</summary>
public class DemoNoiseTests
{
    private const ulong Seed = 0x5DEECE66DUL;

    [Fact]
    public void The_cache_gives_the_per_point_values_bit_for_bit()
    {
        var cache = new DemoNoise.Cache(Seed);
        var rng = new Random(3);
        for (int i = 0; i < 20_000; i++)
        {
            // Walk like pixels do (mostly the same cell), with jumps, negative coordinates and exact lattice points.
            double x = i % 7 == 0 ? Math.Round(rng.NextDouble() * 40 - 20) : rng.NextDouble() * 40 - 20;
            double y = rng.NextDouble() < 0.5 ? -3.25 : rng.NextDouble() * 1e6;
            int channel = rng.Next(0, 40);
            Assert.Equal(DemoNoise.Value(x, y, Seed, channel), cache.Value(x, y, channel));
            Assert.Equal(DemoNoise.Fbm(x * 1000, y, 2_500, 3, Seed, channel), cache.Fbm(x * 1000, y, 2_500, 3, channel));
            Assert.Equal(DemoNoise.Ridged(x * 1000, y, 5_000, 2, Seed, channel), cache.Ridged(x * 1000, y, 5_000, 2, channel));
        }
    }

    [Theory]
    [InlineData(0, 30.0, 2_500, 3)]
    [InlineData(1, 30.0, 2_500, 3)]
    [InlineData(3, 120.0, 1_300, 2)]
    [InlineData(4, 30.0, 70_000, 4)]
    [InlineData(5, 60.0, 4_000, 3)]
    [InlineData(257, 30.0, 1_300, 2)]
    [InlineData(257, 3_750.0, 5_000, 3)]   // a cell per pixel and more
    [InlineData(300, 2.5e5, 1.0, 2)]       // more lattice cells than the row table takes: the per-point fallback
    public void A_row_gives_the_per_point_fbm_bit_for_bit(int length, double step, double scale, int octaves)
    {
        var cache = new DemoNoise.Cache(Seed);
        var xs = new double[length];
        var got = new double[length + 3];
        foreach (double x0 in new[] { 555_015.0, 600_000.0, -1_234.5 })
        {
            for (int i = 0; i < length; i++) xs[i] = x0 + i * step;
            foreach (double y in new[] { 3_099_985.0, 2_900_000.0, 2_860_015.0 })
            {
                for (int channel = 1; channel < 33; channel += 5)
                {
                    cache.FbmRow(xs, y, scale, octaves, channel, got);
                    for (int i = 0; i < length; i++)
                        Assert.Equal(DemoNoise.Fbm(xs[i], y, scale, octaves, Seed, channel), got[i]);
                }
            }
        }
    }

    [Theory]
    [InlineData(8000)]   // 30 m: the terrain shared between neighbouring pixels
    [InlineData(2000)]   // 120 m: three terrain evaluations per pixel
    public void Generated_tiles_hold_the_per_point_terrain_bit_for_bit(int size)
    {
        var land = new DemoLandscape(size, 20260628);
        var w = new PixelWindow(size / 2 - 13, size / 3, 37, 9);
        var tile = new DemoTile((int)w.PixelCount);
        land.Fill(w, tile);
        for (int r = 0; r < w.Height; r++)
            for (int c = 0; c < w.Width; c++)
            {
                var (x, y) = land.Grid.Transform.PixelCenter(w.Col + c, w.Row + r);
                var p = land.Pixel(x, y);
                int i = r * w.Width + c;
                Assert.Equal((float)p.Elevation, tile.DemMeters[i]);
                // At 30 m the slope takes the neighbours' elevations at their pixel centres, which round differently
                // from x + 30 m (DemoSlopeTests); elsewhere it is the per-point slope.
                if (size != 8000) Assert.Equal((float)p.Slope, tile.SlopeDegrees[i]);
            }
    }
}
