using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using LandCarbon.Core.Numerics;

namespace LandCarbon.Web;

/// <summary>
/// PNG encoding of a tile given as palette codes: an indexed (colour type 3) image with only the colours the tile
/// uses, in code order, their alpha in a tRNS chunk when one is not opaque, at the smallest bit depth that holds them
/// (1, 2, 4 or 8 bits, rows packed most significant bits first); a tile that uses more than 256 colours (a ramp layer
/// with transparency) becomes 8-bit RGBA (colour type 6). Every row has filter type 0 (none, the PNG book's advice for
/// palette images) and the image data is one zlib stream at the fastest level. Same codes and palette, same bytes.
/// </summary>
public static class TilePng
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// PNG bytes of a <paramref name="width"/> × <paramref name="height"/> image whose pixel i (row-major) has the
    /// colour <paramref name="palette"/>[<paramref name="codes"/>[i]] (RGBA, R in the low byte).
    /// </summary>
    public static byte[] Encode<TCode>(ReadOnlySpan<TCode> codes, int width, int height, ReadOnlySpan<uint> palette)
        where TCode : unmanaged, IBinaryInteger<TCode>
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (codes.Length < width * height) throw new ArgumentException($"{codes.Length} codes for {width} × {height} pixels.", nameof(codes));
        if (palette.IsEmpty || palette.Length > 65536) throw new ArgumentException("The palette holds 1 to 65536 colours.", nameof(palette));
        int n = width * height;
        var used = palette.Length <= 1024 ? stackalloc bool[palette.Length] : new bool[palette.Length];
        for (int i = 0; i < n; i++)
        {
            int c = int.CreateTruncating(codes[i]);
            if ((uint)c >= (uint)palette.Length) throw new ArgumentException($"code {c} at pixel {i} is outside the palette of {palette.Length} colours.", nameof(codes));
            used[c] = true;
        }
        int colours = 0;
        foreach (bool u in used) if (u) colours++;
        return colours <= 256 ? Indexed(codes, width, height, palette, used, colours) : Rgba(codes, width, height, palette);
    }

    private static byte[] Indexed<TCode>(ReadOnlySpan<TCode> codes, int width, int height, ReadOnlySpan<uint> palette, ReadOnlySpan<bool> used, int colours)
        where TCode : unmanaged, IBinaryInteger<TCode>
    {
        int depth = colours <= 2 ? 1 : colours <= 4 ? 2 : colours <= 16 ? 4 : 8;
        var index = palette.Length <= 1024 ? stackalloc byte[palette.Length] : new byte[palette.Length];
        Span<byte> plte = stackalloc byte[3 * colours];
        Span<byte> trns = stackalloc byte[colours];
        int k = 0, alphaEnd = 0;
        for (int c = 0; c < palette.Length; c++)
        {
            if (!used[c]) continue;
            uint rgba = palette[c];
            index[c] = (byte)k;
            plte[3 * k] = (byte)rgba;
            plte[3 * k + 1] = (byte)(rgba >> 8);
            plte[3 * k + 2] = (byte)(rgba >> 16);
            trns[k] = (byte)(rgba >> 24);
            if (trns[k] != 255) alphaEnd = k + 1;
            k++;
        }
        int perByte = 8 / depth, rowBytes = (width * depth + 7) / 8, stride = rowBytes + 1;
        byte[] raw = ArrayPool<byte>.Shared.Rent(stride * height);
        try
        {
            for (int y = 0; y < height; y++)
            {
                var row = raw.AsSpan(y * stride, stride);
                row[0] = 0;   // filter type 0
                var src = codes.Slice(y * width, width);
                if (depth == 8)
                {
                    for (int x = 0; x < width; x++) row[1 + x] = index[int.CreateTruncating(src[x])];
                    continue;
                }
                for (int x = 0, o = 1; x < width; o++)
                {
                    int b = 0;
                    for (int p = 0; p < perByte; p++, x++) b = (b << depth) | (x < width ? index[int.CreateTruncating(src[x])] : 0);
                    row[o] = (byte)b;
                }
            }
            return Write(width, height, depth, 3, plte, trns[..alphaEnd], raw.AsSpan(0, stride * height));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    private static byte[] Rgba<TCode>(ReadOnlySpan<TCode> codes, int width, int height, ReadOnlySpan<uint> palette)
        where TCode : unmanaged, IBinaryInteger<TCode>
    {
        int stride = 1 + 4 * width;
        byte[] raw = ArrayPool<byte>.Shared.Rent(stride * height);
        try
        {
            for (int y = 0; y < height; y++)
            {
                var row = raw.AsSpan(y * stride, stride);
                row[0] = 0;
                for (int x = 0; x < width; x++)
                    BinaryPrimitives.WriteUInt32LittleEndian(row.Slice(1 + 4 * x, 4), palette[int.CreateTruncating(codes[y * width + x])]);
            }
            return Write(width, height, 8, 6, [], [], raw.AsSpan(0, stride * height));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    private static byte[] Write(int width, int height, int depth, int colourType, ReadOnlySpan<byte> plte, ReadOnlySpan<byte> trns, ReadOnlySpan<byte> raw)
    {
        var ms = new MemoryStream(1024 + raw.Length / 8);
        ms.Write(Signature);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = (byte)depth;
        ihdr[9] = (byte)colourType;
        ihdr[10] = ihdr[11] = ihdr[12] = 0;   // deflate, adaptive filtering, no interlace
        Chunk(ms, "IHDR"u8, ihdr);
        if (!plte.IsEmpty) Chunk(ms, "PLTE"u8, plte);
        if (!trns.IsEmpty) Chunk(ms, "tRNS"u8, trns);
        long start = ms.Position;
        ms.Write([0, 0, 0, 0, (byte)'I', (byte)'D', (byte)'A', (byte)'T']);
        using (var z = new ZLibStream(ms, CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw);
        int length = checked((int)(ms.Position - start - 8));
        var buffer = ms.GetBuffer();
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan((int)start, 4), length);
        WriteUInt32(ms, Crc32.Compute(buffer.AsSpan((int)start + 4, length + 4)));
        Chunk(ms, "IEND"u8, []);
        return ms.ToArray();
    }

    private static void Chunk(MemoryStream ms, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        WriteUInt32(ms, (uint)data.Length);
        ms.Write(type);
        ms.Write(data);
        WriteUInt32(ms, Crc32.Compute(data, Crc32.Compute(type)));
    }

    private static void WriteUInt32(MemoryStream ms, uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        ms.Write(b);
    }
}
