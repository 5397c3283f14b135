using System.Buffers;
using System.Numerics;
using LandCarbon.Core.Raster;

namespace LandCarbon.Web;

/// <summary>A block of one level of one layer in the shared <see cref="TileSource"/> cache.</summary>
public readonly record struct BlockKey(TileSource Source, int Level, int Block);

/// <summary>
/// A layer's pixels as the tiles draw them: palette codes (<see cref="LayerLegend.Palette"/>; 0 = nodata, drawn
/// transparent), a stored block at a time. A block of a level is read once in its stored type, turned into codes and
/// kept in a cache shared by all layers and bounded in bytes, so a later tile over the same block only copies codes.
/// Values of 8- and 16-bit integer rasters are coded through a table over every possible value; other values one by
/// one. Codes are bytes when the palette has at most 256 colours (legend classes), else 16-bit (the viridis ramp).
/// </summary>
public sealed class TileSource
{
    private readonly Layer _layer;
    private readonly BoundedCache<BlockKey, Array> _cache;
    private readonly uint[] _palette;
    private readonly ushort[]? _table;   // code of value v at [v − _tableMin] for 8- and 16-bit integer rasters
    private readonly int _tableMin;

    internal TileSource(Layer layer, BoundedCache<BlockKey, Array> cache)
    {
        _layer = layer;
        _cache = cache;
        var legend = layer.Legend;
        _palette = legend.Palette.ToArray();
        (int min, int max)? range = layer.Reader.DataType switch
        {
            RasterDataType.UInt8 => (byte.MinValue, byte.MaxValue),
            RasterDataType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
            RasterDataType.UInt16 => (ushort.MinValue, ushort.MaxValue),
            RasterDataType.Int16 => (short.MinValue, short.MaxValue),
            _ => null,
        };
        if (range is var (lo, hi))
        {
            _tableMin = lo;
            _table = new ushort[hi - lo + 1];
            for (int v = lo; v <= hi; v++) _table[v - lo] = (ushort)CodeOf(v);
        }
    }

    /// <summary>Code 0 (nodata, transparent) or the legend's code of <paramref name="v"/>.</summary>
    private int CodeOf(double v) => _layer.IsNoData(v) ? 0 : _layer.Legend.CodeOf(v);

    /// <summary>RGBA colours by code (code 0 transparent).</summary>
    public ReadOnlySpan<uint> Palette => _palette;

    /// <summary>True when codes need 16 bits (more than 256 colours).</summary>
    public bool WideCodes => _palette.Length > 256;

    /// <summary>Block width of level <paramref name="level"/>.</summary>
    public int BlockWidth(int level) => _layer.Levels[level].Reader.BlockWidth;

    /// <summary>Block height of level <paramref name="level"/>.</summary>
    public int BlockHeight(int level) => _layer.Levels[level].Reader.BlockHeight;

    /// <summary>
    /// Copies the codes of <paramref name="window"/> of level <paramref name="level"/> (an index into
    /// <see cref="Layer.Levels"/>) row-major into <paramref name="destination"/>.
    /// </summary>
    public void CopyWindow<TCode>(int level, PixelWindow window, Span<TCode> destination) where TCode : unmanaged, IBinaryInteger<TCode>
    {
        var reader = _layer.Levels[level].Reader;
        int bw = reader.BlockWidth, bh = reader.BlockHeight;
        for (int br = window.Row / bh; br <= (window.RowEnd - 1) / bh; br++)
        {
            for (int bc = window.Col / bw; bc <= (window.ColEnd - 1) / bw; bc++)
            {
                var part = new PixelWindow(bc * bw, br * bh, bw, bh).Intersect(window);
                if (part.Width == 0 || part.Height == 0) continue;
                var block = Block<TCode>(level, bc, br, part.RowEnd - br * bh);
                for (int r = part.Row; r < part.RowEnd; r++)
                {
                    block.AsSpan((r - br * bh) * bw + part.Col - bc * bw, part.Width)
                        .CopyTo(destination.Slice((r - window.Row) * window.Width + part.Col - window.Col, part.Width));
                }
            }
        }
    }

    /// <summary>Codes of an 8- or 16-bit integer window through the table over every value (rows of
    /// <paramref name="stride"/> codes).</summary>
    private void CodeIntegers<TValue, TCode>(IRasterReader reader, PixelWindow window, TCode[] codes, int stride)
        where TValue : unmanaged, IBinaryInteger<TValue> where TCode : unmanaged, IBinaryInteger<TCode>
    {
        var table = _table!;
        TValue[] values = ArrayPool<TValue>.Shared.Rent((int)window.PixelCount);
        reader.Read<TValue>(window, values);
        for (int r = 0; r < window.Height; r++)
        {
            var src = values.AsSpan(r * window.Width, window.Width);
            var dst = codes.AsSpan(r * stride, window.Width);
            for (int i = 0; i < src.Length; i++) dst[i] = TCode.CreateTruncating(table[int.CreateTruncating(src[i]) - _tableMin]);
        }
        ArrayPool<TValue>.Shared.Return(values);
    }

    /// <summary>Codes of a floating-point window, read in its stored precision and classified by the legend.</summary>
    private void CodeValues<TValue, TCode>(IRasterReader reader, PixelWindow window, TCode[] codes, int stride)
        where TValue : unmanaged, IFloatingPointIeee754<TValue> where TCode : unmanaged, IBinaryInteger<TCode>
    {
        TValue[] values = ArrayPool<TValue>.Shared.Rent((int)window.PixelCount);
        reader.Read<TValue>(window, values);
        var legend = _layer.Legend;
        double? noData = _layer.Reader.NoData;
        for (int r = 0; r < window.Height; r++)
        {
            var src = values.AsSpan(r * window.Width, window.Width);
            var dst = codes.AsSpan(r * stride, window.Width);
            if (typeof(TValue) == typeof(float)) legend.CodesOf(System.Runtime.InteropServices.MemoryMarshal.Cast<TValue, float>(src), noData, dst);
            else legend.CodesOf(System.Runtime.InteropServices.MemoryMarshal.Cast<TValue, double>(src), noData, dst);
        }
        ArrayPool<TValue>.Shared.Return(values);
    }

    /// <summary>
    /// The codes of the first <paramref name="rows"/> rows (all by default; at most the block's rows inside the raster)
    /// of block (<paramref name="bc"/>, <paramref name="br"/>) of level <paramref name="level"/>, block width wide,
    /// row-major (columns beyond the raster's edge hold 0): from the cache when an earlier tile decoded at least those
    /// rows, else decoded (the codecs stop after the last row asked for) and cached in place of a shorter one.
    /// </summary>
    public TCode[] Block<TCode>(int level, int bc, int br, int rows = int.MaxValue) where TCode : unmanaged, IBinaryInteger<TCode>
    {
        var reader = _layer.Levels[level].Reader;
        int bw = reader.BlockWidth, bh = reader.BlockHeight;
        rows = Math.Clamp(rows, 1, Math.Min(bh, reader.Grid.Height - br * bh));
        var key = new BlockKey(this, level, br * ((reader.Grid.Width + bw - 1) / bw) + bc);
        if (_cache.TryGet(key, out var cached) && cached.Length >= bw * rows) return (TCode[])cached;
        var window = new PixelWindow(bc * bw, br * bh, Math.Min(bw, reader.Grid.Width - bc * bw), rows);
        // On the pinned-object heap: cached blocks live long, and there the GC never copies them.
        var codes = GC.AllocateArray<TCode>(bw * rows, pinned: true);
        switch (reader.DataType)
        {
            case RasterDataType.UInt8: CodeIntegers<byte, TCode>(reader, window, codes, bw); break;
            case RasterDataType.Int8: CodeIntegers<sbyte, TCode>(reader, window, codes, bw); break;
            case RasterDataType.UInt16: CodeIntegers<ushort, TCode>(reader, window, codes, bw); break;
            case RasterDataType.Int16: CodeIntegers<short, TCode>(reader, window, codes, bw); break;
            case RasterDataType.Float32: CodeValues<float, TCode>(reader, window, codes, bw); break;
            default: CodeValues<double, TCode>(reader, window, codes, bw); break;
        }
        return (TCode[])_cache.Add(key, codes, (long)codes.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<TCode>() + 64,
            replace: shorter => shorter.Length < codes.Length);
    }
}
