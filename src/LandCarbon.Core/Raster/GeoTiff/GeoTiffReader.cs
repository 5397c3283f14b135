using System.Buffers;
using System.Globalization;
using System.Numerics;
using BitMiracle.LibTiff.Classic;
using LandCarbon.Core.Models;
using Microsoft.Win32.SafeHandles;


namespace LandCarbon.Core.Raster.GeoTiff;

/// <summary>
/// Reads band 1 of a single-band GeoTIFF (classic or BigTIFF, stripped or tiled, COG inputs through their first IFD).
/// LibTiff.NET parses the directory once at <see cref="Open(string)"/>; <see cref="Read{T}"/> then fetches the compressed
/// blocks with positional reads and decodes them itself (Deflate via native zlib, LZW, PackBits, predictors 2 and 3),
/// so any number of threads can read at once without locks. Damaged or unsupported files raise
/// <see cref="InputException"/> whose message starts with the file path; multi-band files are rejected.
/// </summary>
public sealed class GeoTiffReader : IRasterReader
{
    private const long MaxBlockBytes = 1L << 30;

    private readonly SafeFileHandle _handle;
    private readonly long[] _offsets;
    private readonly long[] _byteCounts;
    private readonly long _fileLength;
    private readonly bool _tiled;
    private readonly int _blocksAcross;
    private readonly int _bitsPerSample;
    private readonly int _sampleSize;
    private readonly TiffCompression _compression;
    private readonly int _predictor;
    private readonly bool _byteSwapped;
    private readonly List<string> _warnings = [];
    private int _disposed;

    private GeoTiffReader(string path, SafeFileHandle handle, long fileLength, Directory d)
    {
        Path = path;
        _handle = handle;
        _fileLength = fileLength;
        _offsets = d.Offsets;
        _byteCounts = d.ByteCounts;
        _tiled = d.Tiled;
        BlockWidth = d.BlockWidth;
        BlockHeight = d.BlockHeight;
        _blocksAcross = (d.Width + d.BlockWidth - 1) / d.BlockWidth;
        _bitsPerSample = d.BitsPerSample;
        DataType = d.DataType;
        _sampleSize = d.DataType.SizeInBytes();
        _compression = d.Compression;
        _predictor = d.Predictor;
        _byteSwapped = d.ByteSwapped;
        NoData = d.NoData;
        ColorTable = d.ColorTable;
        Grid = new GridSpec(d.Width, d.Height, d.Transform, d.Crs);
        _warnings.AddRange(d.Warnings);
        IsBigTiff = d.BigTiff;
        ImageCount = d.ImageCount;
        IsReducedResolution = (d.SubfileType & 1) != 0 && (d.SubfileType & 4) == 0;
        CompressionName = TiffCodecs.CompressionName((int)d.Compression);
    }

    /// <inheritdoc />
    public string Path { get; }

    /// <inheritdoc />
    public GridSpec Grid { get; }

    /// <inheritdoc />
    public RasterDataType DataType { get; }

    /// <inheritdoc />
    public double? NoData { get; }

    /// <inheritdoc />
    public int BlockWidth { get; }

    /// <inheritdoc />
    public int BlockHeight { get; }

    /// <inheritdoc />
    public ColorTable? ColorTable { get; }

    /// <summary>True for tiled files, false for stripped ones.</summary>
    public bool IsTiled => _tiled;

    /// <summary>Images (directories) in the file: 1 + internal overviews and masks.</summary>
    public int ImageCount { get; }

    /// <summary>True when this image is a reduced-resolution version (an overview, NewSubfileType bit 0) and not a mask.</summary>
    public bool IsReducedResolution { get; }

    /// <summary>True for BigTIFF files.</summary>
    public bool IsBigTiff { get; }

    /// <summary>"none", "LZW", "Deflate" or "PackBits".</summary>
    public string CompressionName { get; }

    /// <summary>Things that were read with an assumption (an unknown CRS detail, extra IFDs ignored), for logs.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>
    /// Opens <paramref name="path"/> and reads its first directory. Throws <see cref="InputException"/> (message
    /// starting with the path) when the file is missing, not a TIFF, truncated, multi-band, or uses a compression,
    /// sample format or bit depth LandCarbon does not read.
    /// </summary>
    public static GeoTiffReader Open(string path) => Open(path, 0);

    /// <summary>
    /// Opens image <paramref name="image"/> (0 = the first directory, 1… = the internal overviews of a
    /// cloud-optimised file, see <see cref="ImageCount"/>). An overview without georeferencing tags has an empty CRS
    /// and an identity geotransform; its scale is the ratio of its size to the first image's.
    /// </summary>
    public static GeoTiffReader Open(string path, int image)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new InputException($"{path}: file not found.");
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot open the file ({e.Message}).", e);
        }
        try
        {
            long length = RandomAccess.GetLength(handle);
            bool big = CheckHeader(path, handle, length);
            CheckFirstDirectoryBounds(path, handle, length, big);
            var dir = ReadDirectory(path, image);
            dir.BigTiff = big;
            CheckBlocks(path, dir, length);
            return new GeoTiffReader(path, handle, length, dir);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static bool CheckHeader(string path, SafeFileHandle handle, long length)
    {
        Span<byte> h = stackalloc byte[8];
        int n = RandomAccess.Read(handle, h, 0);
        if (n < 8)
            throw new InputException($"{path}: not a TIFF file (only {length} bytes long).");
        bool ii = h[0] == 'I' && h[1] == 'I' && h[2] is 42 or 43 && h[3] == 0;
        bool mm = h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] is 42 or 43;
        if (!ii && !mm)
            throw new InputException(
                $"{path}: not a TIFF file (it starts with bytes {Convert.ToHexString(h[..4])}, a TIFF starts with 49492A00 or 4D4D002A, a BigTIFF with 49492B00 or 4D4D002B).");
        return h[2] == 43 || h[3] == 43;
    }

    /// <summary>
    /// Checks, before LibTiff reads it, that the first directory and the values of every tag lie inside the file.
    /// LibTiff.NET allocates what a tag's count claims, so a damaged count (found by fuzzing: an ASCII tag of 10⁹
    /// characters in a 656-byte file) would otherwise exhaust memory instead of being reported.
    /// </summary>
    private static void CheckFirstDirectoryBounds(string path, SafeFileHandle handle, long length, bool big)
    {
        Span<byte> head = stackalloc byte[16];
        RandomAccess.Read(handle, head, 0);
        bool le = head[0] == 'I';
        ulong U(ReadOnlySpan<byte> b, int n)
        {
            ulong v = 0;
            for (int i = 0; i < n; i++) v |= (ulong)b[le ? i : n - 1 - i] << (8 * i);
            return v;
        }
        ulong ifd = big ? U(head[8..], 8) : U(head[4..], 4);
        int countSize = big ? 8 : 2, entrySize = big ? 20 : 12, inline = big ? 8 : 4;
        if (ifd > (ulong)length - (ulong)countSize)
            throw new InputException($"{path}: the first TIFF directory (offset {ifd}) lies past the end of the file ({length} bytes); the file is truncated or damaged.");
        Span<byte> cnt = stackalloc byte[8];
        RandomAccess.Read(handle, cnt[..countSize], (long)ifd);
        ulong entries = U(cnt, countSize);
        if (entries > 4096 || entries * (ulong)entrySize > (ulong)length - ifd - (ulong)countSize)
            throw new InputException($"{path}: the first TIFF directory claims {entries} entries, which do not fit in the file ({length} bytes); the file is truncated or damaged.");
        var buf = new byte[(int)entries * entrySize];
        RandomAccess.Read(handle, buf, (long)ifd + countSize);
        for (int e = 0; e < (int)entries; e++)
        {
            var entry = buf.AsSpan(e * entrySize, entrySize);
            ulong tag = U(entry, 2), type = U(entry[2..], 2);
            ulong count = big ? U(entry[4..], 8) : U(entry[4..], 4);
            ulong size = type switch
            {
                1 or 2 or 6 or 7 => 1,
                3 or 8 => 2,
                4 or 9 or 11 or 13 => 4,
                5 or 10 or 12 or 16 or 17 or 18 => 8,
                _ => 0, // unknown types are skipped by LibTiff
            };
            if (size == 0 || count == 0) continue;
            if (count > (ulong)length) // more values than bytes in the file: cannot be stored anywhere
                throw new InputException($"{path}: TIFF tag {tag} claims {count} values, more than the file's {length} bytes; the file is truncated or damaged.");
            ulong bytes = count * size;
            if (bytes <= (ulong)inline) continue;
            ulong offset = big ? U(entry[12..], 8) : U(entry[8..], 4);
            if (offset > (ulong)length || bytes > (ulong)length - offset)
                throw new InputException($"{path}: the values of TIFF tag {tag} ({bytes} bytes at offset {offset}) lie past the end of the file ({length} bytes); the file is truncated or damaged.");
        }
    }

    private sealed class Directory
    {
        public int Width, Height, BlockWidth, BlockHeight, BitsPerSample, Predictor, ImageCount = 1, SubfileType;
        public bool Tiled, ByteSwapped, BigTiff;
        public RasterDataType DataType;
        public TiffCompression Compression;
        public long[] Offsets = [];
        public long[] ByteCounts = [];
        public double? NoData;
        public ColorTable? ColorTable;
        public GeoTransform Transform = new(0, 1, 0, 0, 0, 1);
        public SpatialReference Crs = SpatialReference.None;
        public List<string> Warnings = [];
    }

    private static Directory ReadDirectory(string path, int image)
    {
        LibTiffSetup.EnsureInitialized();
        LibTiffSetup.ClearErrors();
        Tiff? tif;
        try
        {
            tif = Tiff.Open(path, "r");
        }
        catch (Exception e) when (e is not InputException and not OutOfMemoryException)
        {
            throw new InputException($"{path}: the TIFF directory cannot be read ({e.Message}); the file is truncated or damaged.", e);
        }
        if (tif is null)
        {
            string why = LibTiffSetup.TakeErrors();
            throw new InputException(
                $"{path}: the TIFF directory cannot be read{(why.Length > 0 ? " (" + why + ")" : "")}; the file is truncated or damaged.");
        }
        using (tif)
        {
            try
            {
                int images = tif.NumberOfDirectories();
                if (image < 0 || image >= images || (image > 0 && !tif.SetDirectory((short)image)))
                    throw new InputException($"{path}: has no image {image} (it holds {images}).");
                var d = Parse(path, tif);
                d.ImageCount = images;
                return d;
            }
            catch (Exception e) when (e is not InputException and not OutOfMemoryException)
            {
                throw new InputException($"{path}: the TIFF directory is damaged ({e.Message}).", e);
            }
        }
    }

    private static int Int(Tiff tif, TiffTag tag, int fallback)
    {
        var fv = tif.GetField(tag);
        return fv is { Length: > 0 } ? fv[0].ToInt() : fallback;
    }

    /// <summary>
    /// The Predictor tag. LibTiff.NET knows the tag only through its LZW and Deflate codecs; with any other compression
    /// (ZSTD, LZMA) it reads the tag as an anonymous field, returned as [count, values], not as a plain value.
    /// </summary>
    private static int PredictorTag(Tiff tif)
    {
        var fv = tif.GetField(TiffTag.PREDICTOR);
        if (fv is not { Length: > 0 }) return 1;
        for (int i = fv.Length - 1; i >= 0; i--)
        {
            if (fv[i].Value is Array)
            {
                var values = fv[i].ToUShortArray();
                return values is { Length: > 0 } ? values[0] : 1;
            }
        }
        return fv[0].ToInt();
    }

    private static Directory Parse(string path, Tiff tif)
    {
        var d = new Directory
        {
            Width = Int(tif, TiffTag.IMAGEWIDTH, 0),
            Height = Int(tif, TiffTag.IMAGELENGTH, 0),
            Tiled = tif.IsTiled(),
            ByteSwapped = tif.IsByteSwapped(),
            SubfileType = Int(tif, TiffTag.SUBFILETYPE, 0),
        };
        if (d.Width <= 0 || d.Height <= 0)
            throw new InputException($"{path}: the image has no pixels ({d.Width}×{d.Height}).");
        int samples = Int(tif, TiffTag.SAMPLESPERPIXEL, 1);
        if (samples != 1)
            throw new InputException(
                $"{path}: has {samples} bands; LandCarbon reads only single-band rasters (extract one with gdal_translate -b N).");
        int bits = Int(tif, TiffTag.BITSPERSAMPLE, 1);
        int format = Int(tif, TiffTag.SAMPLEFORMAT, 1);
        d.BitsPerSample = bits;
        d.DataType = (format, bits) switch
        {
            (1, 1 or 2 or 4 or 8) => RasterDataType.UInt8,
            (2, 8) => RasterDataType.Int8,
            (1, 16) => RasterDataType.UInt16,
            (2, 16) => RasterDataType.Int16,
            (1, 32) => RasterDataType.UInt32,
            (2, 32) => RasterDataType.Int32,
            (3, 32) => RasterDataType.Float32,
            (3, 64) => RasterDataType.Float64,
            _ => throw new InputException(
                $"{path}: sample format {SampleFormatName(format)} with {bits} bits per sample is not supported " +
                "(unsigned 1/2/4/8/16/32-bit, signed 8/16/32-bit integers and 32/64-bit floats are)."),
        };
        int compression = Int(tif, TiffTag.COMPRESSION, 1);
        d.Compression = compression switch
        {
            1 => TiffCompression.None,
            5 => TiffCompression.Lzw,
            8 or 32946 => TiffCompression.Deflate,
            32773 => TiffCompression.PackBits,
            34925 => TiffCompression.Lzma,
            50000 => TiffCompression.Zstd,
            _ => throw new InputException(
                $"{path}: {TiffCodecs.CompressionName(compression)} compression is not supported; LandCarbon reads " +
                "LZW, Deflate, ZSTD, LZMA, PackBits or uncompressed GeoTIFFs (convert with gdal_translate -co COMPRESS=DEFLATE)."),
        };
        d.Predictor = PredictorTag(tif);
        if (d.Predictor is not (1 or 2 or 3) || (d.Predictor == 3 && !IsFloat(d.DataType)) || (d.Predictor != 1 && bits < 8))
            throw new InputException($"{path}: predictor {d.Predictor} is not valid for {bits}-bit {d.DataType} samples.");
        if (d.Tiled)
        {
            d.BlockWidth = Int(tif, TiffTag.TILEWIDTH, 0);
            d.BlockHeight = Int(tif, TiffTag.TILELENGTH, 0);
            if (d.BlockWidth <= 0 || d.BlockHeight <= 0)
                throw new InputException($"{path}: invalid tile size {d.BlockWidth}×{d.BlockHeight}.");
        }
        else
        {
            d.BlockWidth = d.Width;
            d.BlockHeight = Math.Clamp(Int(tif, TiffTag.ROWSPERSTRIP, d.Height), 1, d.Height);
        }
        if ((long)d.BlockWidth * d.BlockHeight * d.DataType.SizeInBytes() > MaxBlockBytes)
            throw new InputException(
                $"{path}: its {(d.Tiled ? "tiles" : "strips")} of {d.BlockWidth}×{d.BlockHeight} px exceed 1 GiB each; " +
                "rewrite it tiled (gdal_translate -co TILED=YES).");
        long blocks = (long)((d.Width + d.BlockWidth - 1) / d.BlockWidth) * ((d.Height + d.BlockHeight - 1) / d.BlockHeight);
        var offs = tif.GetField(d.Tiled ? TiffTag.TILEOFFSETS : TiffTag.STRIPOFFSETS);
        var counts = tif.GetField(d.Tiled ? TiffTag.TILEBYTECOUNTS : TiffTag.STRIPBYTECOUNTS);
        if (offs is null || counts is null)
            throw new InputException($"{path}: the {(d.Tiled ? "tile" : "strip")} offsets or byte counts are missing.");
        d.Offsets = offs[0].TolongArray();
        d.ByteCounts = counts[0].TolongArray();
        if (d.Offsets.Length < blocks || d.ByteCounts.Length < blocks)
            throw new InputException(
                $"{path}: expected {blocks} {(d.Tiled ? "tiles" : "strips")} but the file lists {Math.Min(d.Offsets.Length, d.ByteCounts.Length)}; the file is damaged.");

        string? nodata = LibTiffSetup.GetAscii(tif, TiffTag.GDAL_NODATA);
        if (!string.IsNullOrWhiteSpace(nodata)) d.NoData = ParseNoData(path, nodata.Trim());

        if (Int(tif, TiffTag.PHOTOMETRIC, 1) == 3 && bits <= 16)
        {
            var cm = tif.GetField(TiffTag.COLORMAP);
            if (cm is { Length: >= 3 })
            {
                ushort[] r = cm[0].ToUShortArray(), g = cm[1].ToUShortArray(), b = cm[2].ToUShortArray();
                int n = Math.Min(r.Length, Math.Min(g.Length, b.Length));
                // As GDAL does: 16-bit TIFF colour components / 257, and the nodata entry transparent.
                d.ColorTable = new ColorTable(Enumerable.Range(0, n)
                    .Select(i => new Rgba((byte)(r[i] / 257), (byte)(g[i] / 257), (byte)(b[i] / 257), d.NoData == i ? (byte)0 : (byte)255)));
            }
        }

        ReadGeoreferencing(tif, d);
        if (tif.NumberOfDirectories() > 1)
            d.Warnings.Add("the file has further images (overviews or masks); only the first is read");
        return d;
    }

    private static bool IsFloat(RasterDataType t) => t is RasterDataType.Float32 or RasterDataType.Float64;

    private static string SampleFormatName(int f) => f switch
    {
        1 => "unsigned integer",
        2 => "signed integer",
        3 => "IEEE float",
        5 => "complex integer",
        6 => "complex float",
        _ => $"code {f}",
    };

    internal static double ParseNoData(string path, string text)
    {
        string t = text.ToLowerInvariant();
        if (t is "nan" or "-nan") return double.NaN;
        if (t is "inf" or "+inf" or "infinity") return double.PositiveInfinity;
        if (t is "-inf" or "-infinity") return double.NegativeInfinity;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return v;
        throw new InputException($"{path}: the GDAL_NODATA tag '{text}' is not a number.");
    }

    private static void ReadGeoreferencing(Tiff tif, Directory d)
    {
        double[]? scale = LibTiffSetup.GetDoubles(tif, TiffTag.GEOTIFF_MODELPIXELSCALETAG);
        double[]? tie = LibTiffSetup.GetDoubles(tif, TiffTag.GEOTIFF_MODELTIEPOINTTAG);
        double[]? matrix = LibTiffSetup.GetDoubles(tif, TiffTag.GEOTIFF_MODELTRANSFORMATIONTAG);
        ushort[]? keyDir = LibTiffSetup.GetUShorts(tif, TiffTag.GEOTIFF_GEOKEYDIRECTORYTAG);
        GeoKeys? keys = null;
        if (keyDir is not null)
        {
            keys = GeoKeys.Parse(keyDir, LibTiffSetup.GetDoubles(tif, TiffTag.GEOTIFF_GEODOUBLEPARAMSTAG),
                LibTiffSetup.GetAscii(tif, TiffTag.GEOTIFF_GEOASCIIPARAMSTAG), out string? keyProblem);
            if (keyProblem is not null) d.Warnings.Add(keyProblem);
            d.Crs = keys.ToSpatialReference(out string? crsProblem);
            if (crsProblem is not null) d.Warnings.Add(crsProblem);
        }
        if (matrix is { Length: >= 8 })
        {
            d.Transform = new GeoTransform(matrix[3], matrix[0], matrix[1], matrix[7], matrix[4], matrix[5]);
        }
        else if (scale is { Length: >= 2 } && tie is { Length: >= 6 })
        {
            double sx = scale[0], sy = scale[1];
            d.Transform = new GeoTransform(tie[3] - tie[0] * sx, sx, 0, tie[4] + tie[1] * sy, 0, -sy);
        }
        else
        {
            return;
        }
        if (keys?.IsPixelIsPoint == true)
        {
            var t = d.Transform;
            // GDAL's convention: PixelIsPoint tie points refer to pixel centres.
            d.Transform = t with
            {
                OriginX = t.OriginX - 0.5 * t.PixelWidth - 0.5 * t.RowRotation,
                OriginY = t.OriginY - 0.5 * t.ColumnRotation - 0.5 * t.PixelHeight,
            };
        }
    }

    private static void CheckBlocks(string path, Directory d, long fileLength)
    {
        string kind = d.Tiled ? "tile" : "strip";
        int count = (int)((long)((d.Width + d.BlockWidth - 1) / d.BlockWidth) * ((d.Height + d.BlockHeight - 1) / d.BlockHeight));
        for (int i = 0; i < count; i++)
        {
            long off = d.Offsets[i], n = d.ByteCounts[i];
            if (n == 0) continue;
            if (n > MaxBlockBytes)
                throw new InputException($"{path}: {kind} {i} claims {n} bytes; the file is damaged.");
            if (off < 0 || n < 0 || off > fileLength || n > fileLength - off)
                throw new InputException(
                    $"{path}: {kind} {i} points past the end of the file (offset {off} + {n} bytes > file size {fileLength}); the file is truncated or damaged.");
        }
    }

    /// <inheritdoc />
    public void Read<T>(PixelWindow window, Span<T> destination) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (window.Col < 0 || window.Row < 0 || window.Width < 0 || window.Height < 0 ||
            window.ColEnd > Grid.Width || window.RowEnd > Grid.Height)
            throw new ArgumentOutOfRangeException(nameof(window), $"{window} is outside the {Grid.Width}×{Grid.Height} raster {Path}.");
        if (destination.Length < window.PixelCount)
            throw new ArgumentException($"The destination holds {destination.Length} values; {window.PixelCount} are needed.", nameof(destination));
        if (window.Width == 0 || window.Height == 0) return;

        PixelCopy.Visit(destination, new ReadVisitor(this, window));
    }

    private readonly struct ReadVisitor(GeoTiffReader reader, PixelWindow window) : ISpanVisitor
    {
        public void Visit<T>(Span<T> span) where T : unmanaged, INumberBase<T> => reader.ReadAs(window, span);
    }

    private void ReadAs<T>(PixelWindow window, Span<T> destination) where T : unmanaged, INumberBase<T>
    {
        int bc0 = window.Col / BlockWidth, bc1 = (window.ColEnd - 1) / BlockWidth;
        int br0 = window.Row / BlockHeight, br1 = (window.RowEnd - 1) / BlockHeight;
        int blockBytes = BlockWidth * BlockHeight * _sampleSize;
        byte[] block = ArrayPool<byte>.Shared.Rent(blockBytes);
        try
        {
            for (int br = br0; br <= br1; br++)
            {
                // Rows below the window need not be decoded: a block's rows come out of the codec in order.
                int needed = window.RowEnd - br * BlockHeight;
                for (int bc = bc0; bc <= bc1; bc++)
                {
                    int rows = DecodeBlock(br * _blocksAcross + bc, br, block, needed);
                    var blockWin = new PixelWindow(bc * BlockWidth, br * BlockHeight, BlockWidth, rows);
                    var part = blockWin.Intersect(window);
                    if (part.Width == 0 || part.Height == 0) continue;
                    PixelCopy.FromStored(DataType, block, (part.Row - blockWin.Row) * BlockWidth + part.Col - blockWin.Col, BlockWidth,
                        destination, (part.Row - window.Row) * window.Width + part.Col - window.Col, window.Width, part.Width, part.Height);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    /// <summary>
    /// Decodes block <paramref name="index"/> into native samples; returns its number of rows decoded: all of them,
    /// or only the first <paramref name="rowsNeeded"/> when the codec can stop part-way (none, Deflate, LZW,
    /// PackBits: the rows come out in order and the predictors work row by row).
    /// </summary>
    private int DecodeBlock(int index, int blockRow, byte[] output, int rowsNeeded)
    {
        int rows = _tiled ? BlockHeight : Math.Min(BlockHeight, Grid.Height - blockRow * BlockHeight);
        if (_compression is TiffCompression.None or TiffCompression.Deflate or TiffCompression.Lzw or TiffCompression.PackBits)
            rows = Math.Clamp(rowsNeeded, 1, rows);
        int pixels = BlockWidth * rows;
        var outSpan = output.AsSpan(0, pixels * _sampleSize);
        long count = _byteCounts[index];
        if (count == 0)
        {
            PixelCopy.Fill(DataType, outSpan, NoData ?? 0);
            return rows;
        }
        int rowBytesPacked = (BlockWidth * _bitsPerSample + 7) / 8;
        int expected = rowBytesPacked * rows;
        byte[] raw = ArrayPool<byte>.Shared.Rent((int)count);
        try
        {
            int got;
            using (ActivityProfile.Measure(Activity.FileRead)) got = RandomAccess.Read(_handle, raw.AsSpan(0, (int)count), _offsets[index]);
            if (got < count)
                throw new InputException($"{Path}: {(_tiled ? "tile" : "strip")} {index} is cut off at the end of the file.");
            byte[]? packed = _bitsPerSample < 8 ? ArrayPool<byte>.Shared.Rent(expected) : null;
            var target = packed is null ? outSpan : packed.AsSpan(0, expected);
            int produced;
            using var inflating = ActivityProfile.Measure(Activity.Inflate);   // to the end of the try
            try
            {
                produced = TiffCodecs.Decompress(_compression, raw.AsSpan(0, (int)count), target);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // zlib reports some corrupt streams as ZLibException (an IOException) rather than InvalidDataException;
                // found by fuzzing. Decompression works in memory, so no other IOException can arise here.
                throw new InputException(
                    $"{Path}: {(_tiled ? "tile" : "strip")} {index} is damaged: its {CompressionName} data does not decompress ({e.Message}).", e);
            }
            if (produced < expected)
                throw new InputException(
                    $"{Path}: {(_tiled ? "tile" : "strip")} {index} is damaged: it decompresses to {produced} bytes, {expected} expected.");
            if (packed is not null)
            {
                Unpack(output, packed, rows, rowBytesPacked);
                ArrayPool<byte>.Shared.Return(packed);
                return rows;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
        using var predicting = ActivityProfile.Measure(Activity.Inflate);
        if (_predictor == 3)
        {
            byte[] scratch = ArrayPool<byte>.Shared.Rent(BlockWidth * _sampleSize);
            TiffCodecs.UndoFloatingPoint(outSpan, BlockWidth, rows, _sampleSize, scratch);
            ArrayPool<byte>.Shared.Return(scratch);
            return rows;
        }
        if (_byteSwapped && _sampleSize > 1) TiffCodecs.SwapBytes(outSpan, _sampleSize);
        if (_predictor == 2) TiffCodecs.UndoHorizontal(outSpan, BlockWidth, rows, _sampleSize);
        return rows;
    }

    /// <summary>Expands 1/2/4-bit samples (MSB first, rows padded to whole bytes) to one byte each.</summary>
    private void Unpack(byte[] output, byte[] packed, int rows, int rowBytesPacked)
    {
        int bits = _bitsPerSample, mask = (1 << bits) - 1, perByte = 8 / bits;
        for (int r = 0; r < rows; r++)
        {
            int o = r * BlockWidth, p = r * rowBytesPacked;
            for (int c = 0; c < BlockWidth; c++)
            {
                int b = packed[p + c / perByte];
                int shift = 8 - bits * (c % perByte + 1);
                output[o + c] = (byte)((b >> shift) & mask);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _handle.Dispose();
    }
}
