using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Raster;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace LandCarbon.Web;

/// <summary>
/// Draws 256 px EPSG:3857 tiles of a layer. Every tile pixel takes the value of the source pixel under its centre
/// (nearest neighbour, so class codes are never blended), read from the coarsest stored level that is still at least
/// as fine as the tile (<see cref="RasterLevels.Choose"/>), coloured by the layer's legend; nodata and pixels
/// outside the grid are transparent. Pixel centres are projected exactly (ProjNET) on a 17 × 17 mesh and
/// interpolated bilinearly in between (as GDAL's approximate transformer does), which is well under a pixel at
/// the zooms the layer is shown at.
/// </summary>
public static class TileRenderer
{
    private const int Mesh = 16, Step = WebMercator.TileSize / Mesh;

    /// <summary>A fully transparent tile.</summary>
    public static byte[] Empty { get; } = Encode(new uint[WebMercator.TileSize * WebMercator.TileSize]);

    /// <summary>PNG bytes of tile (z, x, y) of <paramref name="layer"/>; <paramref name="system"/> is the datum of the
    /// tiling's longitude/latitude (GCJ-02 for base maps that use it).</summary>
    public static byte[] Render(Layer layer, int z, int x, int y, LonLatSystem system = LonLatSystem.Wgs84)
    {
        ArgumentNullException.ThrowIfNull(layer);
        const int N = WebMercator.TileSize;
        var grid = layer.Grid;
        // Full-resolution fractional pixel positions of the mesh nodes.
        var mc = new double[(Mesh + 1) * (Mesh + 1)];
        var mr = new double[mc.Length];
        double cMin = double.PositiveInfinity, cMax = double.NegativeInfinity, rMin = double.PositiveInfinity, rMax = double.NegativeInfinity;
        for (int j = 0; j <= Mesh; j++)
        {
            for (int i = 0; i <= Mesh; i++)
            {
                var (mx, my) = WebMercator.PixelToMeters(z, x, y, i * Step, j * Step);
                var (lon, lat) = WebMercator.ToLonLat(mx, my);
                var (gx, gy) = layer.Transformer.FromLonLat(system, lon, lat);
                var (c, r) = grid.Transform.MapToPixel(gx, gy);
                int k = j * (Mesh + 1) + i;
                mc[k] = c;
                mr[k] = r;
                if (double.IsFinite(c) && double.IsFinite(r))
                {
                    cMin = Math.Min(cMin, c); cMax = Math.Max(cMax, c); rMin = Math.Min(rMin, r); rMax = Math.Max(rMax, r);
                }
            }
        }
        if (!(cMax >= 0 && rMax >= 0 && cMin <= grid.Width && rMin <= grid.Height)) return Empty;
        double perTilePixel = Math.Max(cMax - cMin, rMax - rMin) / N;
        var level = RasterLevels.Choose(layer.Levels, perTilePixel);
        var lg = level.Reader.Grid;
        double f = level.Factor;
        // The window of the level that the tile covers.
        int c0 = Math.Clamp((int)Math.Floor(cMin / f) - 1, 0, lg.Width), c1 = Math.Clamp((int)Math.Ceiling(cMax / f) + 1, 0, lg.Width);
        int r0 = Math.Clamp((int)Math.Floor(rMin / f) - 1, 0, lg.Height), r1 = Math.Clamp((int)Math.Ceiling(rMax / f) + 1, 0, lg.Height);
        if (c1 <= c0 || r1 <= r0) return Empty;
        var window = new PixelWindow(c0, r0, c1 - c0, r1 - r0);
        var source = new WindowValues(level.Reader, window);
        var legend = layer.Legend;
        var rgba = new uint[N * N];
        bool any = false;
        for (int py = 0; py < N; py++)
        {
            int j = Math.Min(py / Step, Mesh - 1);
            double v = (py + 0.5 - j * Step) / Step;
            for (int px = 0; px < N; px++)
            {
                int i = Math.Min(px / Step, Mesh - 1);
                double u = (px + 0.5 - i * Step) / Step;
                int k = j * (Mesh + 1) + i;
                double c = Bilinear(mc[k], mc[k + 1], mc[k + Mesh + 1], mc[k + Mesh + 2], u, v) / f;
                double r = Bilinear(mr[k], mr[k + 1], mr[k + Mesh + 1], mr[k + Mesh + 2], u, v) / f;
                if (!(c >= c0 && r >= r0 && c < c1 && r < r1)) continue;
                double val = source.At((int)c, (int)r);
                if (layer.IsNoData(val)) continue;
                rgba[py * N + px] = legend.ColorOf(val);
                any = true;
            }
        }
        return any ? Encode(rgba) : Empty;
    }

    private static double Bilinear(double a, double b, double c, double d, double u, double v) =>
        (a * (1 - u) + b * u) * (1 - v) + (c * (1 - u) + d * u) * v;

    private static byte[] Encode(uint[] rgba)
    {
        const int N = WebMercator.TileSize;
        using var bmp = new SKBitmap(new SKImageInfo(N, N, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        unsafe
        {
            MemoryMarshal.AsBytes(rgba.AsSpan()).CopyTo(new Span<byte>((void*)bmp.GetPixels(), rgba.Length * sizeof(uint)));
        }
        using var data = bmp.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// The pixels of a window: read at once when small, else row by row on demand (a raster without overviews seen
    /// at a low zoom), so memory stays bounded whatever the raster size.
    /// </summary>
    private sealed class WindowValues
    {
        private const long MaxWindowPixels = 4L << 20;
        private readonly IRasterReader _reader;
        private readonly PixelWindow _window;
        private readonly double[]? _all;
        private readonly Dictionary<int, double[]> _rows = [];

        public WindowValues(IRasterReader reader, PixelWindow window)
        {
            _reader = reader;
            _window = window;
            if (window.PixelCount <= MaxWindowPixels)
            {
                _all = new double[window.PixelCount];
                reader.Read<double>(window, _all);
            }
        }

        public double At(int col, int row)
        {
            if (_all is not null) return _all[(row - _window.Row) * _window.Width + (col - _window.Col)];
            if (!_rows.TryGetValue(row, out var line))
            {
                line = new double[_window.Width];
                _reader.Read<double>(new PixelWindow(_window.Col, row, _window.Width, 1), line);
                _rows[row] = line;
            }
            return line[col - _window.Col];
        }
    }
}
