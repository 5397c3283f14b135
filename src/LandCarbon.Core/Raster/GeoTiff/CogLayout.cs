using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;

namespace LandCarbon.Core.Raster.GeoTiff;

/// <summary>
/// Merges a tiled little-endian TIFF and its overview files (<see cref="OverviewBuilder"/>) into one file with the
/// Cloud-Optimized GeoTIFF layout: the header, then every image file directory (full resolution first, then the
/// overviews from finest to coarsest, each followed by its tag values), then the tile data from the coarsest
/// overview to the full resolution, each level's tiles in row-major order. Overview directories are marked as
/// reduced-resolution images (NewSubfileType = 1). Tags are copied byte for byte; only tile offsets and byte counts
/// are rewritten. The output is a pure function of the inputs (deterministic).
/// </summary>
public static class CogLayout
{
    private const ushort NewSubfileType = 254, TileOffsets = 324, TileByteCounts = 325, StripOffsets = 273, StripByteCounts = 279;
    private const ushort TypeLong = 4, TypeLong8 = 16;

    private sealed record Entry(ushort Tag, ushort Type, long Count, byte[] Value);

    private sealed class Image
    {
        public required string Path;
        public required List<Entry> Entries;
        public required long[] Offsets;
        public required long[] Counts;
    }

    /// <summary>Writes <paramref name="output"/> from <paramref name="images"/> (full resolution first).</summary>
    public static void Assemble(IReadOnlyList<string> images, string output, bool bigTiff)
    {
        ArgumentNullException.ThrowIfNull(images);
        var parsed = images.Select(Read).ToList();
        for (int i = 1; i < parsed.Count; i++)
        {
            parsed[i].Entries.RemoveAll(e => e.Tag == NewSubfileType);
            parsed[i].Entries.Add(new Entry(NewSubfileType, TypeLong, 1, [1, 0, 0, 0]));
        }
        parsed[0].Entries.RemoveAll(e => e.Tag == NewSubfileType);
        int entrySize = bigTiff ? 20 : 12, inline = bigTiff ? 8 : 4, countSize = bigTiff ? 8 : 2, offSize = bigTiff ? 8 : 4;
        ushort offType = bigTiff ? TypeLong8 : TypeLong;
        foreach (var im in parsed)
        {
            im.Entries.RemoveAll(e => e.Tag is TileOffsets or TileByteCounts);
            im.Entries.Add(new Entry(TileOffsets, offType, im.Offsets.Length, new byte[im.Offsets.Length * offSize]));
            im.Entries.Add(new Entry(TileByteCounts, offType, im.Counts.Length, new byte[im.Counts.Length * offSize]));
            im.Entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        }
        // Directory positions: header, then each directory with its out-of-line values (word-aligned).
        long pos = bigTiff ? 16 : 8;
        var ifdPos = new long[parsed.Count];
        for (int i = 0; i < parsed.Count; i++)
        {
            ifdPos[i] = pos;
            pos += countSize + parsed[i].Entries.Count * entrySize + offSize;
            foreach (var e in parsed[i].Entries)
                if (e.Value.Length > inline) pos += Align(e.Value.Length);
        }
        // Tile data: coarsest level first, full resolution last.
        for (int i = parsed.Count - 1; i >= 0; i--)
        {
            var im = parsed[i];
            var offsets = im.Entries.Single(e => e.Tag == TileOffsets).Value;
            var counts = im.Entries.Single(e => e.Tag == TileByteCounts).Value;
            for (int k = 0; k < im.Offsets.Length; k++)
            {
                long n = im.Counts[k];
                if (!bigTiff && pos + n > uint.MaxValue) throw new IOException($"{output}: more than 4 GB of tiles in a classic TIFF; write it as BigTIFF.");
                Put(offsets.AsSpan(k * offSize), n == 0 ? 0 : pos, offSize);
                Put(counts.AsSpan(k * offSize), n, offSize);
                pos += n;
            }
        }
        using var fs = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var head = new byte[bigTiff ? 16 : 8];
        head[0] = head[1] = (byte)'I';
        if (bigTiff)
        {
            head[2] = 43; head[4] = 8;
            BinaryPrimitives.WriteInt64LittleEndian(head.AsSpan(8), ifdPos[0]);
        }
        else
        {
            head[2] = 42;
            BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(4), (uint)ifdPos[0]);
        }
        fs.Write(head);
        for (int i = 0; i < parsed.Count; i++)
        {
            var entries = parsed[i].Entries;
            long valuePos = ifdPos[i] + countSize + entries.Count * entrySize + offSize;
            var dir = new byte[countSize + entries.Count * entrySize + offSize];
            Put(dir, entries.Count, countSize);
            var values = new MemoryStream();
            for (int k = 0; k < entries.Count; k++)
            {
                var e = entries[k];
                var s = dir.AsSpan(countSize + k * entrySize, entrySize);
                BinaryPrimitives.WriteUInt16LittleEndian(s, e.Tag);
                BinaryPrimitives.WriteUInt16LittleEndian(s[2..], e.Type);
                Put(s[4..], e.Count, offSize);
                if (e.Value.Length <= inline)
                {
                    e.Value.CopyTo(s[(4 + offSize)..]);
                }
                else
                {
                    Put(s[(4 + offSize)..], valuePos + values.Length, offSize);
                    values.Write(e.Value);
                    values.Write(new byte[Align(e.Value.Length) - e.Value.Length]);
                }
            }
            Put(dir.AsSpan(countSize + entries.Count * entrySize), i + 1 < parsed.Count ? ifdPos[i + 1] : 0, offSize);
            fs.Write(dir);
            values.Position = 0;
            values.CopyTo(fs);
        }
        var buffer = new byte[1 << 16];
        for (int i = parsed.Count - 1; i >= 0; i--)
        {
            var im = parsed[i];
            using var src = File.OpenHandle(im.Path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
            for (int k = 0; k < im.Offsets.Length; k++)
            {
                if (im.Counts[k] > buffer.Length) buffer = new byte[im.Counts[k]];
                var chunk = buffer.AsSpan(0, (int)im.Counts[k]);
                ReadExactly(src, chunk, im.Offsets[k], im.Path);
                fs.Write(chunk);
            }
        }
    }

    private static long Align(long n) => (n + 1) & ~1L;

    private static void Put(Span<byte> s, long v, int size)
    {
        switch (size)
        {
            case 2: BinaryPrimitives.WriteUInt16LittleEndian(s, checked((ushort)v)); break;
            case 4: BinaryPrimitives.WriteUInt32LittleEndian(s, checked((uint)v)); break;
            default: BinaryPrimitives.WriteInt64LittleEndian(s, v); break;
        }
    }

    private static void ReadExactly(SafeFileHandle h, Span<byte> dst, long offset, string path)
    {
        int done = 0;
        while (done < dst.Length)
        {
            int n = RandomAccess.Read(h, dst[done..], offset + done);
            if (n <= 0) throw new IOException($"{path}: unexpected end of file at {offset + done}.");
            done += n;
        }
    }

    private static int TypeSize(ushort type) => type switch
    {
        1 or 2 or 6 or 7 => 1,
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 or 16 or 17 or 18 => 8,
        _ => throw new InvalidDataException($"TIFF field type {type} is not known."),
    };

    /// <summary>The first directory of a little-endian TIFF written by <see cref="GeoTiffWriter"/>.</summary>
    private static Image Read(string path)
    {
        using var h = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        var head = new byte[16];
        ReadExactly(h, head.AsSpan(0, 8), 0, path);
        if (head[0] != 'I' || head[1] != 'I') throw new InvalidDataException($"{path}: not a little-endian TIFF.");
        bool big = head[2] == 43;
        if (big) ReadExactly(h, head.AsSpan(8, 8), 8, path);
        long ifd = big ? BinaryPrimitives.ReadInt64LittleEndian(head.AsSpan(8)) : BinaryPrimitives.ReadUInt32LittleEndian(head.AsSpan(4));
        int countSize = big ? 8 : 2, entrySize = big ? 20 : 12, inline = big ? 8 : 4;
        var cnt = new byte[8];
        ReadExactly(h, cnt.AsSpan(0, countSize), ifd, path);
        long n = big ? BinaryPrimitives.ReadInt64LittleEndian(cnt) : BinaryPrimitives.ReadUInt16LittleEndian(cnt);
        var raw = new byte[n * entrySize];
        ReadExactly(h, raw, ifd + countSize, path);
        var entries = new List<Entry>();
        long[]? offsets = null, counts = null;
        for (int k = 0; k < n; k++)
        {
            var s = raw.AsSpan(k * entrySize, entrySize);
            ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(s), type = BinaryPrimitives.ReadUInt16LittleEndian(s[2..]);
            long count = big ? BinaryPrimitives.ReadInt64LittleEndian(s[4..]) : BinaryPrimitives.ReadUInt32LittleEndian(s[4..]);
            int size = TypeSize(type);
            var value = new byte[count * size];
            if (value.Length <= inline) s.Slice(big ? 12 : 8, value.Length).CopyTo(value);
            else ReadExactly(h, value, big ? BinaryPrimitives.ReadInt64LittleEndian(s[12..]) : BinaryPrimitives.ReadUInt32LittleEndian(s[8..]), path);
            if (tag is StripOffsets or StripByteCounts) throw new InvalidDataException($"{path}: a stripped TIFF cannot be cloud-optimised.");
            if (tag == TileOffsets) offsets = Longs(value, type, count);
            else if (tag == TileByteCounts) counts = Longs(value, type, count);
            entries.Add(new Entry(tag, type, count, value));
        }
        if (offsets is null || counts is null || offsets.Length != counts.Length) throw new InvalidDataException($"{path}: tile offsets or byte counts missing.");
        return new Image { Path = path, Entries = entries, Offsets = offsets, Counts = counts };
    }

    private static long[] Longs(byte[] v, ushort type, long count)
    {
        var r = new long[count];
        for (int i = 0; i < count; i++)
        {
            r[i] = type switch
            {
                3 => BinaryPrimitives.ReadUInt16LittleEndian(v.AsSpan(i * 2)),
                4 => BinaryPrimitives.ReadUInt32LittleEndian(v.AsSpan(i * 4)),
                16 => BinaryPrimitives.ReadInt64LittleEndian(v.AsSpan(i * 8)),
                _ => throw new InvalidDataException($"TIFF offsets of type {type}."),
            };
        }
        return r;
    }
}
