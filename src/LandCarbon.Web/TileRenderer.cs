using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Raster;
using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    private const long MaxWindowPixels = 1L << 20;

    /// <summary>A fully transparent tile.</summary>
    public static byte[] Empty { get; } = TilePng.Encode<byte>(new byte[WebMercator.TileSize * WebMercator.TileSize],
        WebMercator.TileSize, WebMercator.TileSize, [LayerLegend.Transparent]);

    /// <summary>PNG bytes of tile (z, x, y) of <paramref name="layer"/>; <paramref name="system"/> is the datum of the
    /// tiling's longitude/latitude (GCJ-02 for base maps that use it).</summary>
    public static byte[] Render(Layer layer, int z, int x, int y, LonLatSystem system = LonLatSystem.Wgs84)
    {
        ArgumentNullException.ThrowIfNull(layer);
        const int N = WebMercator.TileSize;
        var grid = layer.Grid;
        // Full-resolution fractional pixel positions of the mesh nodes.
        Span<double> mc = stackalloc double[(Mesh + 1) * (Mesh + 1)];
        Span<double> mr = stackalloc double[mc.Length];
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
        var chosen = RasterLevels.Choose(layer.Levels, perTilePixel);
        int level = IndexOf(layer.Levels, chosen);
        var lg = chosen.Reader.Grid;
        double f = chosen.Factor;
        // The window of the level that the tile covers.
        int c0 = Math.Clamp((int)Math.Floor(cMin / f) - 1, 0, lg.Width), c1 = Math.Clamp((int)Math.Ceiling(cMax / f) + 1, 0, lg.Width);
        int r0 = Math.Clamp((int)Math.Floor(rMin / f) - 1, 0, lg.Height), r1 = Math.Clamp((int)Math.Ceiling(rMax / f) + 1, 0, lg.Height);
        if (c1 <= c0 || r1 <= r0) return Empty;
        var window = new PixelWindow(c0, r0, c1 - c0, r1 - r0);
        var source = layer.Tiles;
        return source.WideCodes ? Draw<ushort>(source, level, f, window, mc, mr) : Draw<byte>(source, level, f, window, mc, mr);
    }

    private static int IndexOf(IReadOnlyList<RasterLevel> levels, RasterLevel level)
    {
        for (int i = 0; i < levels.Count; i++) if (ReferenceEquals(levels[i], level)) return i;
        throw new InvalidOperationException("the chosen level is not one of the layer's");
    }

    /// <summary>
    /// Codes of the tile pixels (nearest source pixel under each pixel centre, 0 outside the window), then the PNG.
    /// The window is copied from the cached blocks when it is small; a larger one (a raster without overviews seen at
    /// a low zoom) is read a block at a time as the pixels reach it, so memory stays bounded whatever the raster size.
    /// </summary>
    private static byte[] Draw<TCode>(TileSource source, int level, double f, PixelWindow window, ReadOnlySpan<double> mc, ReadOnlySpan<double> mr)
        where TCode : unmanaged, IBinaryInteger<TCode>
    {
        const int N = WebMercator.TileSize;
        TCode[] tile = ArrayPool<TCode>.Shared.Rent(N * N);
        TCode[]? codes = null;
        try
        {
            bool any;
            if (window.PixelCount <= MaxWindowPixels)
            {
                codes = ArrayPool<TCode>.Shared.Rent((int)window.PixelCount);
                source.CopyWindow<TCode>(level, window, codes);
                any = Avx.IsSupported ? SampleWindow<TCode>(codes, f, window, mc, mr, tile)
                    : Sample(new WindowCodes<TCode>(codes, window), f, window, mc, mr, tile);
            }
            else
            {
                any = Sample(new BlockCodes<TCode>(source, level), f, window, mc, mr, tile);
            }
            return any ? TilePng.Encode<TCode>(tile.AsSpan(0, N * N), N, N, source.Palette) : Empty;
        }
        finally
        {
            ArrayPool<TCode>.Shared.Return(tile);
            if (codes is not null) ArrayPool<TCode>.Shared.Return(codes);
        }
    }

    /// <summary>
    /// Fills <paramref name="tile"/> with the code under each pixel centre; true when any is not 0. Within a mesh cell
    /// the bilinear position is, along a row, linear in the pixel's offset u: (1 − u)·left + u·right, with left and
    /// right the cell's edges interpolated at the row.
    /// </summary>
    private static bool Sample<TCode, TSource>(TSource source, double f, PixelWindow window, ReadOnlySpan<double> mc, ReadOnlySpan<double> mr, Span<TCode> tile)
        where TCode : unmanaged, IBinaryInteger<TCode> where TSource : struct, ICodeSource<TCode>
    {
        const int N = WebMercator.TileSize;
        int c0 = window.Col, r0 = window.Row, c1 = window.ColEnd, r1 = window.RowEnd;
        Span<double> us = stackalloc double[Step];
        for (int s = 0; s < Step; s++) us[s] = (s + 0.5) / Step;
        bool any = false;
        for (int py = 0; py < N; py++)
        {
            int j = py / Step;
            double v = (py + 0.5 - j * Step) / Step;
            var row = tile.Slice(py * N, N);
            for (int i = 0; i < Mesh; i++)
            {
                var (cl, cr, rl, rr) = CellEdges(mc, mr, j * (Mesh + 1) + i, v, f);
                double dc = cr - cl, dr = rr - rl;
                var cell = row.Slice(i * Step, Step);
                for (int s = 0; s < Step; s++)
                {
                    double c = cl + dc * us[s], r = rl + dr * us[s];
                    if (!(c >= c0 && r >= r0 && c < c1 && r < r1))
                    {
                        cell[s] = TCode.Zero;
                        continue;
                    }
                    var code = source.At((int)c, (int)r);
                    cell[s] = code;
                    any |= code != TCode.Zero;
                }
            }
        }
        return any;
    }

    /// <summary>Column and row of mesh cell <paramref name="k"/>'s left and right edges at the row fraction <paramref name="v"/>, in pixels of the overview (÷ f).</summary>
    private static (double Cl, double Cr, double Rl, double Rr) CellEdges(ReadOnlySpan<double> mc, ReadOnlySpan<double> mr, int k, double v, double f) =>
        ((mc[k] * (1 - v) + mc[k + Mesh + 1] * v) / f, (mc[k + 1] * (1 - v) + mc[k + Mesh + 2] * v) / f,
         (mr[k] * (1 - v) + mr[k + Mesh + 1] * v) / f, (mr[k + 1] * (1 - v) + mr[k + Mesh + 2] * v) / f);

    /// <summary>
    /// <see cref="Sample"/> over the codes of the whole window, four pixels of a mesh cell's row at a time: the same
    /// double arithmetic lane by lane (products and sums rounded one by one, no fused multiply-add), the same bounds
    /// test, positions truncated as (int) does; only the codes are then picked one by one.
    /// </summary>
    private static bool SampleWindow<TCode>(TCode[] codes, double f, PixelWindow window, ReadOnlySpan<double> mc, ReadOnlySpan<double> mr, Span<TCode> tile)
        where TCode : unmanaged, IBinaryInteger<TCode>
    {
        const int N = WebMercator.TileSize, Lanes = 4;
        int c0 = window.Col, r0 = window.Row, width = window.Width;
        Vector256<double> cMin = Vector256.Create((double)c0), rMin = Vector256.Create((double)r0);
        Vector256<double> cEnd = Vector256.Create((double)window.ColEnd), rEnd = Vector256.Create((double)window.RowEnd);
        var origin = Vector128.Create(c0 + r0 * width);
        var stride = Vector128.Create(width);
        Span<Vector256<double>> us = stackalloc Vector256<double>[Step / Lanes];
        for (int q = 0; q < us.Length; q++)
            us[q] = Vector256.Create((q * Lanes + 0.5) / Step, (q * Lanes + 1.5) / Step, (q * Lanes + 2.5) / Step, (q * Lanes + 3.5) / Step);
        Span<int> index = stackalloc int[Lanes];
        if (codes.Length < window.PixelCount) throw new ArgumentException("fewer codes than window pixels", nameof(codes));
        ref TCode first = ref MemoryMarshal.GetArrayDataReference(codes);
        bool any = false;
        for (int py = 0; py < N; py++)
        {
            int j = py / Step;
            double v = (py + 0.5 - j * Step) / Step;
            var row = tile.Slice(py * N, N);
            for (int i = 0; i < Mesh; i++)
            {
                var (cl, cr, rl, rr) = CellEdges(mc, mr, j * (Mesh + 1) + i, v, f);
                Vector256<double> left = Vector256.Create(cl), dc = Vector256.Create(cr - cl);
                Vector256<double> top = Vector256.Create(rl), dr = Vector256.Create(rr - rl);
                var cell = row.Slice(i * Step, Step);
                for (int q = 0; q < us.Length; q++)
                {
                    var c = left + dc * us[q];
                    var r = top + dr * us[q];
                    var inside = Vector256.GreaterThanOrEqual(c, cMin) & Vector256.GreaterThanOrEqual(r, rMin)
                        & Vector256.LessThan(c, cEnd) & Vector256.LessThan(r, rEnd);
                    uint mask = inside.ExtractMostSignificantBits();
                    var at = Avx.ConvertToVector128Int32WithTruncation(r) * stride + Avx.ConvertToVector128Int32WithTruncation(c) - origin;
                    ref TCode lanes = ref cell[q * Lanes];
                    if (mask == 0b1111)
                    {
                        // Inside the window: every index lies in [0, window pixels).
                        var a = Unsafe.Add(ref first, at.GetElement(0));
                        var b = Unsafe.Add(ref first, at.GetElement(1));
                        var e = Unsafe.Add(ref first, at.GetElement(2));
                        var d = Unsafe.Add(ref first, at.GetElement(3));
                        lanes = a;
                        Unsafe.Add(ref lanes, 1) = b;
                        Unsafe.Add(ref lanes, 2) = e;
                        Unsafe.Add(ref lanes, 3) = d;
                        any |= (a | b | e | d) != TCode.Zero;
                        continue;
                    }
                    at.CopyTo(index);
                    for (int l = 0; l < Lanes; l++)
                    {
                        var code = (mask >> l & 1) != 0 ? codes[index[l]] : TCode.Zero;
                        Unsafe.Add(ref lanes, l) = code;
                        any |= code != TCode.Zero;
                    }
                }
            }
        }
        return any;
    }

    /// <summary>The code of a level pixel inside the tile's window.</summary>
    private interface ICodeSource<TCode>
    {
        TCode At(int col, int row);
    }

    /// <summary>Codes of the whole window, copied at once.</summary>
    private readonly struct WindowCodes<TCode>(TCode[] codes, PixelWindow window) : ICodeSource<TCode>
    {
        public TCode At(int col, int row) => codes[(row - window.Row) * window.Width + (col - window.Col)];
    }

    /// <summary>Codes fetched a block at a time (the last block kept at hand).</summary>
    private struct BlockCodes<TCode>(TileSource source, int level) : ICodeSource<TCode> where TCode : unmanaged, IBinaryInteger<TCode>
    {
        private readonly int _bw = source.BlockWidth(level), _bh = source.BlockHeight(level);
        private int _bc = -1, _br = -1;
        private TCode[] _block = [];

        public TCode At(int col, int row)
        {
            int bc = col / _bw, br = row / _bh;
            if (bc != _bc || br != _br)
            {
                _block = source.Block<TCode>(level, bc, br);
                (_bc, _br) = (bc, br);
            }
            return _block[(row - br * _bh) * _bw + col - bc * _bw];
        }
    }
}
