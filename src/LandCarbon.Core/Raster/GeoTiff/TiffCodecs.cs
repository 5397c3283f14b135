using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    /// <summary>LZMA (34925): libtiff writes an .xz stream (liblzma, LZMA2 filter); read only.</summary>
    Lzma = 34925,
    /// <summary>Zstandard (50000): one or more zstd frames; read only.</summary>
    Zstd = 50000,
}

/// <summary>
/// Block codecs on spans, independent of LibTiff.NET so that blocks can be decoded on many threads at once:
/// Deflate through <see cref="ZLibStream"/> (native zlib), TIFF LZW (MSB-first, early change), PackBits, Zstandard
/// (ZstdSharp, a managed port of the reference zstd library) and LZMA (.xz streams with SharpCompress's LZMA2 decoder), and
/// the horizontal (2) and floating-point (3) predictors.
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
        TiffCompression.Zstd => ZstdDecode(src, dst),
        TiffCompression.Lzma => XzDecode(src, dst),
        _ => throw new InvalidDataException($"compression {compression} is not supported"),
    };

    /// <summary>
    /// One zstd decompression context per thread: blocks are decoded on many threads at once, and a context is
    /// large (about 100 KB of tables) and reusable.
    /// </summary>
    [ThreadStatic]
    private static ZstdSharp.Decompressor? t_zstd;

    /// <summary>
    /// Zstandard decoder (libtiff's tif_zstd.c writes one frame per block; concatenated frames are read too). Damaged
    /// data, or data that would decompress to more than <paramref name="dst"/> holds, is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static int ZstdDecode(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        var z = t_zstd ??= new ZstdSharp.Decompressor();
        try
        {
            return z.Unwrap(src, dst);
        }
        catch (ZstdSharp.ZstdException e)
        {
            // The context may be left mid-frame; a fresh one is cheaper than reasoning about its state.
            t_zstd = null;
            z.Dispose();
            throw new InvalidDataException(e.Message, e);
        }
    }

    /// <summary>
    /// LZMA decoder. libtiff's tif_lzma.c writes each block as a complete .xz stream (lzma_stream_encoder) whose one
    /// .xz block carries the filter chain delta (byte distance 1 by default) + LZMA2, and by default no integrity
    /// check. SharpCompress's own .xz reader has no delta filter, so the container is parsed here (stream header, block
    /// headers with their CRC32, the delta filter) and only the LZMA2 data goes to SharpCompress's LZMA2 decoder.
    /// Reads at most dst.Length bytes; anything it cannot interpret for sure is an <see cref="InvalidDataException"/>.
    /// </summary>
    public static unsafe int XzDecode(ReadOnlySpan<byte> src, Span<byte> dst)
    {
        ReadOnlySpan<byte> magic = [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00];
        if (src.Length < 12 || !src[..6].SequenceEqual(magic))
            throw new InvalidDataException("not an .xz stream (the block does not start with the .xz magic bytes)");
        if (Crc32(src.Slice(6, 2)) != BinaryPrimitives.ReadUInt32LittleEndian(src.Slice(8, 4)) || src[6] != 0 || src[7] > 0x0F)
            throw new InvalidDataException(".xz stream header is damaged");
        int check = src[7];
        int checkSize = check == 0 ? 0 : 4 << ((check - 1) / 3);
        int pos = 12, produced = 0;
        while (produced < dst.Length)
        {
            if (pos >= src.Length) throw new InvalidDataException(".xz stream ends before its index");
            if (src[pos] == 0) break;   // the index: no more blocks
            int headerSize = (src[pos] + 1) * 4;
            if (pos + headerSize > src.Length) throw new InvalidDataException(".xz block header runs past the data");
            var header = src.Slice(pos, headerSize);
            if (Crc32(header[..^4]) != BinaryPrimitives.ReadUInt32LittleEndian(header[^4..]))
                throw new InvalidDataException(".xz block header is damaged (CRC32 mismatch)");
            int flags = header[1];
            if ((flags & 0x3C) != 0) throw new InvalidDataException(".xz block header uses reserved flags");
            int h = 2;
            long compressedSize = (flags & 0x40) != 0 ? ReadVli(header, ref h) : -1;
            if ((flags & 0x80) != 0) ReadVli(header, ref h);
            int deltaDistance = 0;
            byte dictionary = 0;
            int filters = (flags & 3) + 1;
            for (int f = 0; f < filters; f++)
            {
                long id = ReadVli(header, ref h);
                long propsSize = ReadVli(header, ref h);
                if (h + propsSize > headerSize - 4) throw new InvalidDataException(".xz filter properties run past the block header");
                bool last = f == filters - 1;
                if (id == 0x03 && !last && propsSize == 1 && deltaDistance == 0)
                    deltaDistance = header[h] + 1;
                else if (id == 0x21 && last && propsSize == 1 && header[h] <= 40)
                    dictionary = header[h];
                else
                    throw new InvalidDataException($".xz filter 0x{id:X2} in this position is not supported (LandCarbon reads delta + LZMA2 and LZMA2, as libtiff writes)");
                h += (int)propsSize;
            }
            int dataStart = pos + headerSize;
            int dataLength = compressedSize >= 0 ? (int)Math.Min(compressedSize, src.Length - dataStart) : src.Length - dataStart;
            int blockStart = produced;
            fixed (byte* p = src)
            {
                using var ms = new UnmanagedMemoryStream(p + dataStart, dataLength);
                try
                {
                    using var lzma2 = SharpCompress.Compressors.LZMA.LzmaStream.Create([dictionary], ms, dataLength, -1, null, true, false);
                    produced += lzma2.ReadAtLeast(dst[produced..], dst.Length - produced, throwOnEndOfStream: false);
                }
                catch (Exception e) when (e is not (InvalidDataException or OutOfMemoryException))
                {
                    // SharpCompress reports damaged data with several exception types of its own (format, end of
                    // stream, index); all of them mean the block's data is unusable.
                    throw new InvalidDataException(e.Message, e);
                }
            }
            if (deltaDistance > 0)
            {
                // Delta filter: out[i] = in[i] + out[i − distance], the history starting at zero in every block.
                var block = dst[blockStart..produced];
                for (int i = deltaDistance; i < block.Length; i++) block[i] += block[i - deltaDistance];
            }
            // Another block follows only where this one's compressed size is stated (libtiff writes one block).
            if (compressedSize < 0) break;
            pos = dataStart + (int)((compressedSize + 3) & ~3L) + checkSize;
        }
        return produced;
    }

    private static long ReadVli(ReadOnlySpan<byte> s, ref int i)
    {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7)
        {
            if (i >= s.Length) throw new InvalidDataException(".xz header integer runs past its header");
            byte b = s[i++];
            value |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException(".xz header integer is too long");
    }

    private static uint Crc32(ReadOnlySpan<byte> data) => Numerics.Crc32.Compute(data);

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
                    RunningByteSum(row);
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

    /// <summary>
    /// The running byte sum (mod 256) of a row, vectorised where SSE2 is: the inverse of byte differencing, shared by
    /// 8-bit horizontal prediction and the floating-point predictor (whose byte planes were differenced as one row).
    /// </summary>
    private static void RunningByteSum(Span<byte> row)
    {
        if (Sse2.IsSupported) PrefixSumBytes(row);
        else PrefixSum(row);
    }

    /// <summary>
    /// The running byte sum (mod 256) of a row, 16 bytes per step: within a vector by four shift-and-add steps
    /// (1, 2, 4, 8 bytes), then plus the last sum of the previous vector. Byte additions wrap as the scalar loop's,
    /// so the result is identical.
    /// </summary>
    private static void PrefixSumBytes(Span<byte> row)
    {
        int i = 0;
        var carry = Vector128<byte>.Zero;
        var last = Vector128.Create((byte)15);
        for (; i + 16 <= row.Length; i += 16)
        {
            var v = Vector128.Create<byte>(row.Slice(i, 16));
            v = Sse2.Add(v, Sse2.ShiftLeftLogical128BitLane(v, 1));
            v = Sse2.Add(v, Sse2.ShiftLeftLogical128BitLane(v, 2));
            v = Sse2.Add(v, Sse2.ShiftLeftLogical128BitLane(v, 4));
            v = Sse2.Add(v, Sse2.ShiftLeftLogical128BitLane(v, 8));
            v = Sse2.Add(v, carry);
            v.CopyTo(row.Slice(i, 16));
            carry = Vector128.Shuffle(v, last);
        }
        if (i == row.Length) return;
        byte acc = i == 0 ? row[0] : row[i - 1];
        if (i == 0) i = 1;
        for (; i < row.Length; i++)
        {
            acc += row[i];
            row[i] = acc;
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
                    Difference(row);
                    break;
                case 2:
                    Difference(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(row));
                    break;
                case 4:
                    Difference(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(row));
                    break;
                case 8:
                    Difference(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(row));
                    break;
            }
        }
    }

    /// <summary>
    /// values[i] −= values[i − 1] for i from the end down to 1 (wrapping), a vector of values at a time: each chunk
    /// reads only elements at or below its own, which no later (lower) chunk has changed yet.
    /// </summary>
    private static void Difference<T>(Span<T> values) where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        int v = System.Numerics.Vector<T>.Count;
        int i = values.Length - 1;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            for (; i >= v; i -= v)
            {
                var cur = new System.Numerics.Vector<T>(values.Slice(i - v + 1, v));
                var prev = new System.Numerics.Vector<T>(values.Slice(i - v, v));
                (cur - prev).CopyTo(values.Slice(i - v + 1, v));
            }
        }
        for (; i > 0; i--) values[i] -= values[i - 1];
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
            RunningByteSum(row);
            row.CopyTo(tmp);
            if (sampleSize == 4 && BitConverter.IsLittleEndian)
            {
                // The four planes (most significant first) back into 32-bit samples, a sample at a time.
                var u = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(row);
                ReadOnlySpan<byte> p3 = tmp[..rowPixels], p2 = tmp.Slice(rowPixels, rowPixels);
                ReadOnlySpan<byte> p1 = tmp.Slice(2 * rowPixels, rowPixels), p0 = tmp.Slice(3 * rowPixels, rowPixels);
                int i = Sse2.IsSupported ? InterleavePlanes(p3, p2, p1, p0, row) : 0;
                for (; i < u.Length; i++) u[i] = (uint)p3[i] << 24 | (uint)p2[i] << 16 | (uint)p1[i] << 8 | p0[i];
                continue;
            }
            for (int b = 0; b < sampleSize; b++)
            {
                var plane = tmp.Slice((sampleSize - 1 - b) * rowPixels, rowPixels);
                for (int i = 0; i < rowPixels; i++) row[i * sampleSize + b] = plane[i];
            }
        }
    }

    /// <summary>
    /// 32-bit little-endian samples from their four byte planes (p3 the most significant), 16 samples at a time:
    /// bytes interleaved into (p1, p0) and (p3, p2) pairs, then the pairs into samples. Returns the samples written.
    /// </summary>
    private static int InterleavePlanes(ReadOnlySpan<byte> p3, ReadOnlySpan<byte> p2, ReadOnlySpan<byte> p1, ReadOnlySpan<byte> p0, Span<byte> row)
    {
        int n = p0.Length - p0.Length % 16;
        for (int i = 0; i < n; i += 16)
        {
            var b0 = Vector128.Create(p0.Slice(i, 16));
            var b1 = Vector128.Create(p1.Slice(i, 16));
            var b2 = Vector128.Create(p2.Slice(i, 16));
            var b3 = Vector128.Create(p3.Slice(i, 16));
            var low01 = Sse2.UnpackLow(b0, b1).AsUInt16();
            var high01 = Sse2.UnpackHigh(b0, b1).AsUInt16();
            var low23 = Sse2.UnpackLow(b2, b3).AsUInt16();
            var high23 = Sse2.UnpackHigh(b2, b3).AsUInt16();
            var o = row.Slice(4 * i, 64);
            Sse2.UnpackLow(low01, low23).AsByte().CopyTo(o);
            Sse2.UnpackHigh(low01, low23).AsByte().CopyTo(o[16..]);
            Sse2.UnpackLow(high01, high23).AsByte().CopyTo(o[32..]);
            Sse2.UnpackHigh(high01, high23).AsByte().CopyTo(o[48..]);
        }
        return n;
    }

    /// <summary>
    /// The inverse of <see cref="InterleavePlanes"/>: 32-bit little-endian samples into their four byte planes (p3 the
    /// most significant), 16 samples at a time. Each 4-sample vector has its bytes grouped by plane (one shuffle),
    /// then the four vectors' 4-byte groups are transposed, so each plane gets 16 consecutive bytes. The writer runs
    /// this on every floating-point block (with the scalar split, the predictor cost about a tenth of the Deflate
    /// after it). Returns the samples split.
    /// </summary>
    private static int SplitPlanes(ReadOnlySpan<byte> row, Span<byte> p3, Span<byte> p2, Span<byte> p1, Span<byte> p0)
    {
        var byPlane = Vector128.Create((byte)3, 7, 11, 15, 2, 6, 10, 14, 1, 5, 9, 13, 0, 4, 8, 12);
        int n = p0.Length - p0.Length % 16;
        for (int i = 0; i < n; i += 16)
        {
            var s = row.Slice(4 * i, 64);
            var a = Ssse3.Shuffle(Vector128.Create<byte>(s), byPlane).AsUInt32();          // samples 0–3: planes 3, 2, 1, 0
            var b = Ssse3.Shuffle(Vector128.Create<byte>(s[16..]), byPlane).AsUInt32();
            var c = Ssse3.Shuffle(Vector128.Create<byte>(s[32..]), byPlane).AsUInt32();
            var d = Ssse3.Shuffle(Vector128.Create<byte>(s[48..]), byPlane).AsUInt32();
            var highAB = Sse2.UnpackLow(a, b).AsUInt64();                                   // planes 3, 3, 2, 2
            var lowAB = Sse2.UnpackHigh(a, b).AsUInt64();                                   // planes 1, 1, 0, 0
            var highCD = Sse2.UnpackLow(c, d).AsUInt64();
            var lowCD = Sse2.UnpackHigh(c, d).AsUInt64();
            Sse2.UnpackLow(highAB, highCD).AsByte().CopyTo(p3.Slice(i, 16));
            Sse2.UnpackHigh(highAB, highCD).AsByte().CopyTo(p2.Slice(i, 16));
            Sse2.UnpackLow(lowAB, lowCD).AsByte().CopyTo(p1.Slice(i, 16));
            Sse2.UnpackHigh(lowAB, lowCD).AsByte().CopyTo(p0.Slice(i, 16));
        }
        return n;
    }

    /// <summary>Applies the floating-point predictor (3) to native (little-endian) samples.</summary>
    public static void ApplyFloatingPoint(Span<byte> data, int rowPixels, int rows, int sampleSize, Span<byte> scratch)
    {
        int rowBytes = rowPixels * sampleSize;
        var tmp = scratch[..rowBytes];
        for (int r = 0; r < rows; r++)
        {
            var row = data.Slice(r * rowBytes, rowBytes);
            if (sampleSize == 4 && BitConverter.IsLittleEndian)
            {
                // 32-bit samples into four planes (most significant first), 16 samples at a time, then one by one.
                ReadOnlySpan<uint> u = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(row);
                Span<byte> p3 = tmp[..rowPixels], p2 = tmp.Slice(rowPixels, rowPixels);
                Span<byte> p1 = tmp.Slice(2 * rowPixels, rowPixels), p0 = tmp.Slice(3 * rowPixels, rowPixels);
                for (int i = Ssse3.IsSupported ? SplitPlanes(row, p3, p2, p1, p0) : 0; i < u.Length; i++)
                {
                    uint x = u[i];
                    p3[i] = (byte)(x >> 24);
                    p2[i] = (byte)(x >> 16);
                    p1[i] = (byte)(x >> 8);
                    p0[i] = (byte)x;
                }
            }
            else
            {
                for (int b = 0; b < sampleSize; b++)
                {
                    var plane = tmp.Slice((sampleSize - 1 - b) * rowPixels, rowPixels);
                    for (int i = 0; i < rowPixels; i++) plane[i] = row[i * sampleSize + b];
                }
            }
            Difference(tmp);
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

    /// <summary>
    /// As <see cref="Compress"/>, Deflate into a buffer rented from <see cref="ArrayPool{T}.Shared"/> (the caller
    /// returns it when <c>Pooled</c>): the same bytes without a large-object allocation per block, whose gen-2
    /// collections cost more than the copy. Other compressions are not pooled.
    /// </summary>
    public static (byte[] Data, int Length, bool Pooled) CompressPooled(TiffCompression compression, ReadOnlySpan<byte> src, int rowBytes, CompressionLevel level)
    {
        if (compression != TiffCompression.Deflate)
        {
            var bytes = Compress(compression, src, rowBytes, level);
            return (bytes, bytes.Length, false);
        }
        // Above zlib's deflateBound (stored blocks: n + n/8 + n/64 + 11 with the zlib wrapper), so a fixed-size
        // stream never runs out of room.
        var buffer = ArrayPool<byte>.Shared.Rent(src.Length + src.Length / 4 + 1024);
        try
        {
            using var ms = new MemoryStream(buffer, 0, buffer.Length, writable: true);
            using (var z = new ZLibStream(ms, level, leaveOpen: true)) z.Write(src);
            return (buffer, (int)ms.Position, true);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

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
