using System.Buffers.Binary;
using System.IO.Compression;

namespace LandCarbon.Core.Raster.GeoTiff;

/// <summary>TIFF compression codes LandCarbon reads and writes.</summary>
public enum TiffCompression
{
    /// <summary>No compression (1).</summary>
    None = 1,
    /// <summary>LZW (5).</summary>
    Lzw = 5,
    /// <summary>Deflate / zlib (8; 32946 is read as the same).</summary>
    Deflate = 8,
    /// <summary>PackBits run-length (32773).</summary>
    PackBits = 32773,
}

/// <summary>
/// Block codecs on spans, independent of LibTiff.NET so that blocks can be decoded on many threads at once:
/// Deflate through <see cref="ZLibStream"/> (native zlib), TIFF LZW (MSB-first, early change) and PackBits, and the
/// horizontal (2) and floating-point (3) predictors.
/// </summary>
internal static class TiffCodecs
{
    /// <summary>The name of a TIFF compression code for messages.</summary>
    public static string CompressionName(int code) => code switch
    {
        1 => "none",
        2 => "CCITT RLE",
        3 => "CCITT Group 3",
        4 => "CCITT Group 4",
        5 => "LZW",
        6 => "old-style JPEG",
        7 => "JPEG",
        8 or 32946 => "Deflate",
        32773 => "PackBits",
        34676 or 34677 => "SGI LogLuv",
        34712 => "JPEG 2000",
        34887 => "LERC",
        34925 => "LZMA",
        50000 => "ZSTD",
        50001 => "WebP",
        50002 or 52546 => "JPEG-XL",
        _ => $"code {code}",
    };

    /// <summary>
    /// Decompresses <paramref name="src"/> into <paramref name="dst"/>; returns the number of bytes produced (at most
    /// dst.Length). Throws <see cref="InvalidDataException"/> on damaged data.
    /// </summary>
    public static int Decompress(TiffCompression compression, ReadOnlySpan<byte> src, Span<byte> dst) => compression switch
    {
        TiffCompression.None => CopyRaw(src, dst),
        TiffCompression.Deflate => Inflate(src, dst),
        TiffCompression.Lzw => LzwDecode(src, dst),
        TiffCompression.PackBits => PackBitsDecode(src, dst),
        _ => throw new InvalidDataException($"compression {compression} is not supported"),
    };

    private static int CopyRaw(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int n = Math.Min(src.Length, dst.Length);
        src[..n].CopyTo(dst);
        return n;
    }

    private static unsafe int Inflate(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        fixed (byte* p = src)
        {
            using var ms = new UnmanagedMemoryStream(p, src.Length);
            using var z = new ZLibStream(ms, CompressionMode.Decompress);
            return z.ReadAtLeast(dst, dst.Length, throwOnEndOfStream: false);
        }
    }

    /// <summary>TIFF LZW decoder (codes of 9–12 bits, MSB first, table growth one code early).</summary>
    public static int LzwDecode(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        if (src.Length >= 2 && src[0] == 0 && (src[1] & 1) != 0)
            throw new InvalidDataException("old-style (pre-TIFF 6.0) LZW is not supported");
        const int Clear = 256, Eoi = 257;
        Span<int> start = stackalloc int[4096];
        Span<short> length = stackalloc short[4096];
        int pos = 0, next = 258, width = 9;
        int prevStart = -1, prevLen = 0;
        ulong bits = 0;
        int nbits = 0, inPos = 0;
        int cap = dst.Length;
        while (true)
        {
            while (nbits < width)
            {
                if (inPos >= src.Length) return pos;   // ran out without EOI: libtiff tolerates it too
                bits = (bits << 8) | src[inPos++];
                nbits += 8;
            }
            int code = (int)(bits >> (nbits - width)) & ((1 << width) - 1);
            nbits -= width;
            if (code == Eoi) return pos;
            if (code == Clear)
            {
                next = 258;
                width = 9;
                prevStart = -1;
                continue;
            }
            int curStart = pos, curLen;
            if (code < 256)
            {
                if (pos >= cap) return pos;
                dst[pos++] = (byte)code;
                curLen = 1;
            }
            else if (code < next && prevStart >= 0)
            {
                curLen = length[code];
                int s = start[code];
                int n = Math.Min(curLen, cap - pos);
                dst.Slice(s, n).CopyTo(dst.Slice(pos, n));
                pos += n;
                if (n < curLen) return pos;
            }
            else if (code == next && prevStart >= 0)
            {
                curLen = prevLen + 1;
                int n = Math.Min(prevLen, cap - pos);
                dst.Slice(prevStart, n).CopyTo(dst.Slice(pos, n));
                pos += n;
                if (n < prevLen || pos >= cap) return pos;
                dst[pos++] = dst[prevStart];
            }
            else
            {
                throw new InvalidDataException($"LZW code {code} is out of sequence (next free code {next})");
            }
            if (prevStart >= 0 && next < 4096)
            {
                start[next] = prevStart;
                length[next] = (short)(prevLen + 1);
                next++;
                if (next >= (1 << width) - 1 && width < 12) width++;
            }
            prevStart = curStart;
            prevLen = curLen;
        }
    }

    /// <summary>PackBits decoder.</summary>
    public static int PackBitsDecode(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        int i = 0, o = 0;
        while (i < src.Length && o < dst.Length)
        {
            int n = (sbyte)src[i++];
            if (n >= 0)
            {
                int c = Math.Min(Math.Min(n + 1, src.Length - i), dst.Length - o);
                src.Slice(i, c).CopyTo(dst[o..]);
                i += n + 1;
                o += c;
            }
            else if (n != -128)
            {
                if (i >= src.Length) break;
                int c = Math.Min(1 - n, dst.Length - o);
                dst.Slice(o, c).Fill(src[i++]);
                o += c;
            }
        }
        return o;
    }

    /// <summary>Reverses the byte order of each <paramref name="size"/>-byte sample in place.</summary>
    public static void SwapBytes(Span<byte> data, int size)
    {
        switch (size)
        {
            case 2:
                var s = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(data);
                BinaryPrimitives.ReverseEndianness(s, s);
                break;
            case 4:
                var u = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(data);
                BinaryPrimitives.ReverseEndianness(u, u);
                break;
            case 8:
                var l = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(data);
                BinaryPrimitives.ReverseEndianness(l, l);
                break;
        }
    }

    /// <summary>Undoes horizontal differencing (predictor 2) on native-order samples, row by row.</summary>
    public static void UndoHorizontal(Span<byte> data, int rowPixels, int rows, int sampleSize)
    {
        int rowBytes = rowPixels * sampleSize;
        for (int r = 0; r < rows; r++)
        {
            var row = data.Slice(r * rowBytes, rowBytes);
            // The running sum stays in a register (a load of the previous element would wait on store forwarding).
            switch (sampleSize)
            {
                case 1:
                    PrefixSum(row);
                    break;
                case 2:
                    PrefixSum(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(row));
                    break;
                case 4:
                    PrefixSum(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(row));
                    break;
                case 8:
                    PrefixSum(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(row));
                    break;
            }
        }
    }

    private static void PrefixSum<T>(Span<T> values) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        if (values.IsEmpty) return;
        T acc = values[0];
        for (int i = 1; i < values.Length; i++)
        {
            acc += values[i];
            values[i] = acc;
        }
    }

    /// <summary>Applies horizontal differencing (predictor 2) to native-order samples, row by row.</summary>
    public static void ApplyHorizontal(Span<byte> data, int rowPixels, int rows, int sampleSize)
    {
        int rowBytes = rowPixels * sampleSize;
        for (int r = 0; r < rows; r++)
        {
            var row = data.Slice(r * rowBytes, rowBytes);
            switch (sampleSize)
            {
                case 1:
                    for (int i = row.Length - 1; i > 0; i--) row[i] -= row[i - 1];
                    break;
                case 2:
                    var s = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(row);
                    for (int i = s.Length - 1; i > 0; i--) s[i] -= s[i - 1];
                    break;
                case 4:
                    var u = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(row);
                    for (int i = u.Length - 1; i > 0; i--) u[i] -= u[i - 1];
                    break;
                case 8:
                    var l = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(row);
                    for (int i = l.Length - 1; i > 0; i--) l[i] -= l[i - 1];
                    break;
            }
        }
    }

    /// <summary>
    /// Undoes the floating-point predictor (3): bytes of each row are stored as planes, most significant byte first,
    /// then byte-differenced. Produces native (little-endian) samples.
    /// </summary>
    public static void UndoFloatingPoint(Span<byte> data, int rowPixels, int rows, int sampleSize, Span<byte> scratch)
    {
        int rowBytes = rowPixels * sampleSize;
        var tmp = scratch[..rowBytes];
        for (int r = 0; r < rows; r++)
        {
            var row = data.Slice(r * rowBytes, rowBytes);
            PrefixSum(row);
            row.CopyTo(tmp);
            for (int b = 0; b < sampleSize; b++)
            {
                var plane = tmp.Slice((sampleSize - 1 - b) * rowPixels, rowPixels);
                for (int i = 0; i < rowPixels; i++) row[i * sampleSize + b] = plane[i];
            }
        }
    }

    /// <summary>Applies the floating-point predictor (3) to native (little-endian) samples.</summary>
    public static void ApplyFloatingPoint(Span<byte> data, int rowPixels, int rows, int sampleSize, Span<byte> scratch)
    {
        int rowBytes = rowPixels * sampleSize;
        var tmp = scratch[..rowBytes];
        for (int r = 0; r < rows; r++)
        {
            var row = data.Slice(r * rowBytes, rowBytes);
            for (int b = 0; b < sampleSize; b++)
            {
                var plane = tmp.Slice((sampleSize - 1 - b) * rowPixels, rowPixels);
                for (int i = 0; i < rowPixels; i++) plane[i] = row[i * sampleSize + b];
            }
            for (int i = rowBytes - 1; i > 0; i--) tmp[i] -= tmp[i - 1];
            tmp.CopyTo(row);
        }
    }
}

/// <summary>Encoders for the writer: Deflate via <see cref="ZLibStream"/>, TIFF LZW and PackBits.</summary>
internal static class TiffEncoders
{
    /// <summary>Compresses <paramref name="src"/>; <paramref name="rowBytes"/> bounds PackBits runs to rows.</summary>
    public static byte[] Compress(TiffCompression compression, ReadOnlySpan<byte> src, int rowBytes, CompressionLevel level) =>
        compression switch
        {
            TiffCompression.None => src.ToArray(),
            TiffCompression.Deflate => Deflate(src, level),
            TiffCompression.Lzw => LzwEncode(src),
            TiffCompression.PackBits => PackBitsEncode(src, rowBytes),
            _ => throw new ArgumentOutOfRangeException(nameof(compression)),
        };

    private static byte[] Deflate(ReadOnlySpan<byte> src, CompressionLevel level)
    {
        using var ms = new MemoryStream(src.Length / 4 + 64);
        using (var z = new ZLibStream(ms, level, leaveOpen: true)) z.Write(src);
        return ms.ToArray();
    }

    /// <summary>TIFF LZW encoder (libtiff-compatible: 9–12 bit codes, MSB first, early change, clear at 4094).</summary>
    public static byte[] LzwEncode(ReadOnlySpan<byte> src)
    {
        const int Clear = 256, Eoi = 257, HashSize = 1 << 14;
        var output = new MemoryStream(src.Length / 2 + 64);
        var keys = new int[HashSize];
        var codes = new short[HashSize];
        ulong acc = 0;
        int accBits = 0, width = 9, free = 258;

        void Put(int code)
        {
            acc = (acc << width) | (uint)code;
            accBits += width;
            while (accBits >= 8)
            {
                output.WriteByte((byte)(acc >> (accBits - 8)));
                accBits -= 8;
            }
        }

        void Reset()
        {
            Array.Fill(keys, -1);
            free = 258;
            width = 9;
        }

        // Width grows once the next free code no longer fits (the decoder, one entry behind, grows one code early).
        void Added()
        {
            free++;
            if (free == 4094)
            {
                Put(Clear);
                Reset();
            }
            else if (free > (1 << width) - 1 && width < 12)
            {
                width++;
            }
        }

        Reset();
        Put(Clear);
        if (src.Length == 0)
        {
            Put(Eoi);
        }
        else
        {
            int w = src[0];
            for (int i = 1; i < src.Length; i++)
            {
                int c = src[i];
                int key = (w << 8) | c;
                int h = (key * 40503) & (HashSize - 1);
                while (keys[h] != -1 && keys[h] != key) h = (h + 1) & (HashSize - 1);
                if (keys[h] == key)
                {
                    w = codes[h];
                    continue;
                }
                Put(w);
                keys[h] = key;
                codes[h] = (short)free;
                Added();
                w = c;
            }
            Put(w);
            free++;
            if (free > (1 << width) - 1 && width < 12) width++;
            Put(Eoi);
        }
        if (accBits > 0) output.WriteByte((byte)(acc << (8 - accBits)));
        return output.ToArray();
    }

    /// <summary>PackBits encoder, row by row (the TIFF specification forbids runs across rows).</summary>
    public static byte[] PackBitsEncode(ReadOnlySpan<byte> src, int rowBytes)
    {
        var o = new MemoryStream(src.Length + src.Length / 64 + 16);
        for (int start = 0; start < src.Length; start += rowBytes)
        {
            var row = src.Slice(start, Math.Min(rowBytes, src.Length - start));
            int i = 0;
            while (i < row.Length)
            {
                int run = 1;
                while (i + run < row.Length && run < 128 && row[i + run] == row[i]) run++;
                if (run >= 3)
                {
                    o.WriteByte((byte)(1 - run));
                    o.WriteByte(row[i]);
                    i += run;
                    continue;
                }
                int lit = i;
                while (lit < row.Length && lit - i < 128)
                {
                    if (lit + 2 < row.Length && row[lit] == row[lit + 1] && row[lit] == row[lit + 2]) break;
                    lit++;
                }
                o.WriteByte((byte)(lit - i - 1));
                o.Write(row[i..lit]);
                i = lit;
            }
        }
        return o.ToArray();
    }
}
