using LandCarbon.Core.Demo;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Tests.Demo;

public class DemoSlopeTests
{
    [Fact]
    public void At_30_m_the_shared_terrain_pass_gives_the_same_slopes_as_three_evaluations()
    {
        var land = new DemoLandscape(8000, 42);
        var w = new PixelWindow(3000, 4000, 40, 30);
        var tile = new DemoTile((int)w.PixelCount);
        land.Fill(w, tile);
        for (int r = 0; r < w.Height; r++)
            for (int c = 0; c < w.Width; c++)
            {
                var (x, y) = land.Grid.Transform.PixelCenter(w.Col + c, w.Row + r);
                Assert.Equal(land.Pixel(x, y).Slope, tile.SlopeDegrees[r * w.Width + c], 1e-3);
            }
    }
}
