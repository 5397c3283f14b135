using LandCarbon.Core.Demo;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Tests.Demo;

public class DemoLandscapeTests
{
    private static (DemoTile Tile, PixelWindow Window) Generate(int size, long seed, PixelWindow? window = null)
    {
        var land = new DemoLandscape(size, seed);
        var w = window ?? land.Grid.Extent;
        var tile = new DemoTile((int)w.PixelCount);
        land.Fill(w, tile);
        return (tile, w);
    }

    [Fact]
    public void Same_seed_gives_identical_layers_and_other_seeds_differ()
    {
        var a = Generate(64, 7).Tile;
        var b = Generate(64, 7).Tile;
        var c = Generate(64, 8).Tile;
        Assert.Equal(a.DemMeters, b.DemMeters);
        for (int k = 0; k < a.LandUse.Count; k++) Assert.Equal(a.LandUse[k], b.LandUse[k]);
        Assert.NotEqual(a.DemMeters, c.DemMeters);
    }

    [Fact]
    public void A_tile_equals_the_same_window_of_the_whole_grid()
    {
        var whole = Generate(96, 3).Tile;
        var win = new PixelWindow(17, 40, 30, 21);
        var part = Generate(96, 3, win).Tile;
        for (int r = 0; r < win.Height; r++)
            for (int c = 0; c < win.Width; c++)
            {
                int i = r * win.Width + c, j = (win.Row + r) * 96 + win.Col + c;
                Assert.Equal(whole.DemMeters[j], part.DemMeters[i]);
                Assert.Equal(whole.LandUse[5][j], part.LandUse[5][i]);
            }
    }

    [Fact]
    public void Construction_grows_faster_in_later_periods_mostly_onto_valley_cultivated_land()
    {
        var (t, _) = Generate(300, 42);
        int years = DemoRegion.Years.Count;
        var built = new long[years];
        long newBuilt = 0, fromCropland = 0, reverted = 0, steepCropToEco = 0, reduction = 0;
        double slopeNew = 0;
        int n = t.LandUse[0].Length;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < years; k++) if (t.LandUse[k][i] == 8) built[k]++;
            for (int k = 1; k < years; k++)
            {
                byte a = t.LandUse[k - 1][i], b = t.LandUse[k][i];
                if (a == 8 && b != 8) reverted++;
                if (a != 8 && b == 8)
                {
                    newBuilt++;
                    slopeNew += t.SlopeDegrees[i];
                    if (a == 1) fromCropland++;
                }
                if (a == 1 && b is 2 or 4) { reduction++; if (t.SlopeDegrees[i] >= 12) steepCropToEco++; }
            }
        }
        Assert.Equal(0, reverted);
        // Per-year growth rate of construction area rises from the first to the later periods.
        var rate = new double[years - 1];
        for (int k = 1; k < years; k++)
            rate[k - 1] = (built[k] - built[k - 1]) / (double)(DemoRegion.Years[k] - DemoRegion.Years[k - 1]);
        Assert.True(rate[^1] > rate[0] * 2, $"construction growth per year: {string.Join(", ", rate)}");
        Assert.True(rate[^2] > rate[1], $"construction growth per year: {string.Join(", ", rate)}");
        Assert.True(fromCropland > 0.6 * newBuilt, $"{fromCropland} of {newBuilt} new construction pixels were cultivated");
        Assert.True(slopeNew / newBuilt < 8, $"mean slope of new construction {slopeNew / newBuilt:F1}°");
        Assert.True(reduction > 0 && steepCropToEco == reduction, "cultivated → forest/grassland only on steep land");
    }
}
