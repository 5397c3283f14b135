using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;
using LandCarbon.Core.Models;
using LandCarbon.Core.Tables;


namespace LandCarbon.Core.Raster.GeoTiff;

/// <summary>
/// Writes a single-band GeoTIFF that GDAL reads with the same size, CRS, geotransform, nodata, colour table and pixel
/// values. Pixels arrive as windows (<see cref="WriteWindow{T}"/>) from any number of threads; a block is compressed
/// (on the calling thread, in parallel across blocks) as soon as all its pixels have arrived, and appended to the file
/// under a lock. Blocks never written hold the nodata value (0 without one). Each pixel must be written at most once.
/// A cloud-optimised file also halves each completed block into the next overview level's writer
/// (<see cref="OverviewBuilder"/>), so the overviews cost no second read of the pixels.
/// The file is built under a temporary name and appears at its path only on <see cref="Commit"/>; disposing without
/// committing deletes it, so no reader ever sees a half-written raster.
/// </summary>
public sealed class GeoTiffWriter : IDisposable
{
    private const long BigTiffThreshold = 3_500_000_000L;

    private readonly Tiff _tif;
    private readonly Lock _fileLock = new();
    private readonly string _temporaryPath;
    private readonly GeoTiffWriteOptions _options;
    private readonly int _sampleSize;
    private readonly int _blocksAcross;
    private readonly int _blockCount;
    private readonly bool _tiled;
    private readonly ConcurrentDictionary<int, PendingBlock> _pending = new();
    private readonly Dictionary<int, (byte[] Data, int Length, bool Pooled)> _ready = [];   // compressed blocks waiting for their turn (under _fileLock)
    private int _nextToWrite;                               // next block index to append (under _fileLock)
    private readonly int[] _written;
    private GeoTiffWriter? _overview;                       // the next overview level, fed block by block (COG only)
    private OverviewResampling _overviewMode;
    private double _overviewNoData;                         // the nodata value as a reader of this file sees it
    private bool _committed;
    private bool _disposed;

    private sealed class PendingBlock(byte[] data)
    {
        public readonly byte[] Data = data;
        public long Filled;
        public readonly Lock Gate = new();
    }

    private GeoTiffWriter(string path, string temporaryPath, Tiff tif, GridSpec grid, RasterDataType type,
        GeoTiffWriteOptions options, int blockWidth, int blockHeight)
    {
        Path = path;
        _temporaryPath = temporaryPath;
        _tif = tif;
        Grid = grid;
        DataType = type;
        _options = options;
        _sampleSize = type.SizeInBytes();
        BlockWidth = blockWidth;
        BlockHeight = blockHeight;
        _tiled = options.TileSize > 0;
        _blocksAcross = (grid.Width + blockWidth - 1) / blockWidth;
        _blockCount = _blocksAcross * ((grid.Height + blockHeight - 1) / blockHeight);
        _written = new int[_blockCount];
    }

    /// <summary>The final path (the file appears there on <see cref="Commit"/>).</summary>
    public string Path { get; }

    /// <summary>The grid being written.</summary>
    public GridSpec Grid { get; }

    /// <summary>The stored pixel type.</summary>
    public RasterDataType DataType { get; }

    /// <summary>Block width (tile width or raster width).</summary>
    public int BlockWidth { get; }

    /// <summary>Block height (tile height or rows per strip).</summary>
    public int BlockHeight { get; }

    /// <summary>
    /// Starts a GeoTIFF at <paramref name="path"/> (written under a temporary name until <see cref="Commit"/>).
    /// Throws <see cref="ArgumentException"/> for invalid options and <see cref="InputException"/> for a CRS that
    /// GeoTIFF keys cannot express.
    /// </summary>
    public static GeoTiffWriter Create(string path, GridSpec grid, RasterDataType type, GeoTiffWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(grid);
        options ??= GeoTiffWriteOptions.Default;
        Validate(grid, type, options);
        var keys = GeoKeyWriter.For(grid.Crs);

        int bw, bh;
        if (options.TileSize > 0)
        {
            bw = bh = options.TileSize;
        }
        else
        {
            bw = grid.Width;
            bh = options.RowsPerStrip > 0
                ? Math.Min(options.RowsPerStrip, grid.Height)
                : Math.Clamp(65536 / Math.Max(1, grid.Width * type.SizeInBytes()), 1, grid.Height);
        }
        bool big = options.BigTiff ?? grid.PixelCount * type.SizeInBytes() > BigTiffThreshold;

        LibTiffSetup.EnsureInitialized();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".");
        string tmp = AtomicFile.TemporaryPathFor(path);
        LibTiffSetup.ClearErrors();
        var tif = Tiff.Open(tmp, big ? "w8" : "w")
            ?? throw new IOException($"{path}: cannot create the file ({LibTiffSetup.TakeErrors()}).");
        try
        {
            SetTags(tif, grid, type, options, bw, bh, keys);
        }
        catch
        {
            tif.Dispose();
            AtomicFile.TryDelete(tmp);
            throw;
        }
        var writer = new GeoTiffWriter(path, tmp, tif, grid, type, options, bw, bh);
        if (writer._tiled && options.CloudOptimized)
        {
            try
            {
                writer.AttachOverview(options, tmp, 1);
            }
            catch
            {
                writer.Dispose();
                throw;
            }
        }
        return writer;
    }

    /// <summary>
    /// Starts the overview level <paramref name="level"/> below this one (and, recursively, the levels below it)
    /// at <c>basePath.ovrN</c> when this level does not fit in one tile. Each level is what a reader of the level
    /// above would make of it: the nodata value parsed back from its tag, the grid's CRS parsed back from its GeoKeys,
    /// and the base file's options otherwise (compression, predictor, tile size, palette, description).
    /// </summary>
    private void AttachOverview(GeoTiffWriteOptions baseOptions, string basePath, int level)
    {
        var mode = OverviewBuilder.Resolve(baseOptions.Overviews, DataType);
        if ((Grid.Width <= baseOptions.TileSize && Grid.Height <= baseOptions.TileSize) || mode == OverviewResampling.None) return;
        double? noData = _options.NoData is double nd ? GeoTiffReader.ParseNoData(Path, FormatNoData(nd, DataType)) : null;
        _overviewMode = mode;
        _overviewNoData = noData ?? double.NaN;
        var grid = OverviewBuilder.HalfGrid(Grid with { Crs = CrsAsRead(Grid.Crs) });
        _overview = Create(basePath + ".ovr" + level.ToString(CultureInfo.InvariantCulture), grid, DataType, baseOptions with
        {
            CloudOptimized = false,
            Overviews = OverviewResampling.None,
            NoData = noData,
        });
        _overview.AttachOverview(baseOptions, basePath, level + 1);
    }

    /// <summary>The CRS a reader parses from the GeoKeys written for <paramref name="crs"/>.</summary>
    private static SpatialReference CrsAsRead(SpatialReference crs)
    {
        var keys = GeoKeyWriter.For(crs);
        if (keys.Directory.Length == 0) return SpatialReference.None;
        return GeoKeys.Parse(keys.Directory, keys.Doubles.Length > 0 ? keys.Doubles : null, keys.Ascii.Length > 0 ? keys.Ascii : null, out _)
            .ToSpatialReference(out _);
    }

    /// <summary>Writes a whole small raster in one call and commits it.</summary>
    public static void WriteAll<T>(string path, GridSpec grid, RasterDataType type, GeoTiffWriteOptions? options,
        ReadOnlySpan<T> pixels) where T : unmanaged
    {
        using var w = Create(path, grid, type, options);
        w.WriteWindow(grid.Extent, pixels);
        w.Commit();
    }

    private static void Validate(GridSpec grid, RasterDataType type, GeoTiffWriteOptions o)
    {
        if (grid.Width <= 0 || grid.Height <= 0) throw new ArgumentException("The grid has no pixels.", nameof(grid));
        if (o.TileSize < 0 || (o.TileSize > 0 && o.TileSize % 16 != 0))
            throw new ArgumentException($"Tile size {o.TileSize} is not a positive multiple of 16 (TIFF requires it); use 0 for strips.", nameof(o));
        if (!Enum.IsDefined(o.Compression)) throw new ArgumentException($"Unknown compression {o.Compression}.", nameof(o));
        if (o.Compression is TiffCompression.Zstd or TiffCompression.Lzma)
            throw new ArgumentException($"{o.Compression} is read, not written; outputs use Deflate, LZW or PackBits.", nameof(o));
        bool isFloat = type is RasterDataType.Float32 or RasterDataType.Float64;
        if (o.Predictor is not (1 or 2 or 3)) throw new ArgumentException($"Predictor {o.Predictor} is not 1, 2 or 3.", nameof(o));
        if (o.Predictor != 1 && o.Compression is not (TiffCompression.Lzw or TiffCompression.Deflate))
            throw new ArgumentException("Predictors apply only to LZW and Deflate compression.", nameof(o));
        if (o.Predictor == 3 && !isFloat) throw new ArgumentException("Predictor 3 is for floating-point rasters.", nameof(o));
        if (o.Predictor == 2 && isFloat) throw new ArgumentException("Predictor 2 is for integer rasters; use 3 for floats.", nameof(o));
        if (o.ColorTable is not null && type is not (RasterDataType.UInt8 or RasterDataType.UInt16))
            throw new ArgumentException("A colour table needs a UInt8 or UInt16 raster.", nameof(o));
    }

    private static void SetTags(Tiff tif, GridSpec grid, RasterDataType type, GeoTiffWriteOptions o, int bw, int bh, GeoKeyWriter keys)
    {
        tif.SetField(TiffTag.IMAGEWIDTH, grid.Width);
        tif.SetField(TiffTag.IMAGELENGTH, grid.Height);
        tif.SetField(TiffTag.BITSPERSAMPLE, type.SizeInBytes() * 8);
        tif.SetField(TiffTag.SAMPLESPERPIXEL, 1);
        tif.SetField(TiffTag.SAMPLEFORMAT, type switch
        {
            RasterDataType.Float32 or RasterDataType.Float64 => SampleFormat.IEEEFP,
            RasterDataType.Int8 or RasterDataType.Int16 or RasterDataType.Int32 => SampleFormat.INT,
            _ => SampleFormat.UINT,
        });
        tif.SetField(TiffTag.PLANARCONFIG, PlanarConfig.CONTIG);
        tif.SetField(TiffTag.COMPRESSION, o.Compression switch
        {
            TiffCompression.Lzw => Compression.LZW,
            TiffCompression.Deflate => Compression.ADOBE_DEFLATE,
            TiffCompression.PackBits => Compression.PACKBITS,
            _ => Compression.NONE,
        });
        if (o.Predictor != 1) tif.SetField(TiffTag.PREDICTOR, o.Predictor == 2 ? Predictor.HORIZONTAL : Predictor.FLOATINGPOINT);
        if (o.TileSize > 0)
        {
            tif.SetField(TiffTag.TILEWIDTH, bw);
            tif.SetField(TiffTag.TILELENGTH, bh);
        }
        else
        {
            tif.SetField(TiffTag.ROWSPERSTRIP, bh);
        }
        if (o.ColorTable is { } ct)
        {
            tif.SetField(TiffTag.PHOTOMETRIC, Photometric.PALETTE);
            int n = type == RasterDataType.UInt8 ? 256 : 65536;
            var r = new ushort[n];
            var g = new ushort[n];
            var b = new ushort[n];
            for (int i = 0; i < Math.Min(n, ct.Count); i++)
            {
                r[i] = (ushort)(ct[i].R * 257);
                g[i] = (ushort)(ct[i].G * 257);
                b[i] = (ushort)(ct[i].B * 257);
            }
            tif.SetField(TiffTag.COLORMAP, r, g, b);
        }
        else
        {
            tif.SetField(TiffTag.PHOTOMETRIC, Photometric.MINISBLACK);
        }
        if (!string.IsNullOrEmpty(o.Description)) tif.SetField(TiffTag.IMAGEDESCRIPTION, o.Description);
        if (o.NoData is double nd) tif.SetField(TiffTag.GDAL_NODATA, FormatNoData(nd, type));

        var t = grid.Transform;
        if (t.IsNorthUp)
        {
            tif.SetField(TiffTag.GEOTIFF_MODELPIXELSCALETAG, 3, new[] { t.PixelWidth, -t.PixelHeight, 0.0 });
            tif.SetField(TiffTag.GEOTIFF_MODELTIEPOINTTAG, 6, new[] { 0.0, 0.0, 0.0, t.OriginX, t.OriginY, 0.0 });
        }
        else
        {
            tif.SetField(TiffTag.GEOTIFF_MODELTRANSFORMATIONTAG, 16, new[]
            {
                t.PixelWidth, t.RowRotation, 0, t.OriginX,
                t.ColumnRotation, t.PixelHeight, 0, t.OriginY,
                0, 0, 0, 0,
                0, 0, 0, 1.0,
            });
        }
        if (keys.Directory.Length > 0)
        {
            tif.SetField(TiffTag.GEOTIFF_GEOKEYDIRECTORYTAG, keys.Directory.Length, keys.Directory.Select(k => (short)k).ToArray());
            if (keys.Doubles.Length > 0) tif.SetField(TiffTag.GEOTIFF_GEODOUBLEPARAMSTAG, keys.Doubles.Length, keys.Doubles);
            if (keys.Ascii.Length > 0) tif.SetField(TiffTag.GEOTIFF_GEOASCIIPARAMSTAG, keys.Ascii);
        }
    }

    private static string FormatNoData(double v, RasterDataType type)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        if (type == RasterDataType.Float32) return ((float)v).ToString("R", CultureInfo.InvariantCulture);
        return v.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes <paramref name="pixels"/> (row-major, <paramref name="window"/>.Width per row) into the window,
    /// converting from <typeparamref name="T"/> to the stored type with C# numeric conversion. Safe to call from
    /// several threads for disjoint windows; blocks completed by the call are compressed in parallel.
    /// </summary>
    public void WriteWindow<T>(PixelWindow window, ReadOnlySpan<T> pixels) where T : unmanaged
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed) throw new InvalidOperationException($"{Path} is already committed.");
        if (window.Col < 0 || window.Row < 0 || window.Width < 0 || window.Height < 0 ||
            window.ColEnd > Grid.Width || window.RowEnd > Grid.Height)
            throw new ArgumentOutOfRangeException(nameof(window), $"{window} is outside the {Grid.Width}×{Grid.Height} raster {Path}.");
        if (pixels.Length < window.PixelCount)
            throw new ArgumentException($"{pixels.Length} pixels given; the window needs {window.PixelCount}.", nameof(pixels));
        if (window.Width == 0 || window.Height == 0) return;
        unsafe
        {
            fixed (T* p = pixels)
            {
                PixelCopy.Visit(new Span<T>(p, pixels.Length), new WriteVisitor(this, window));
            }
        }
    }

    private readonly struct WriteVisitor(GeoTiffWriter writer, PixelWindow window) : ISpanVisitor
    {
        public void Visit<T>(Span<T> span) where T : unmanaged, INumberBase<T> => writer.WriteAs<T>(window, span);
    }

    private PixelWindow BlockWindow(int index)
    {
        int br = index / _blocksAcross, bc = index % _blocksAcross;
        int c = bc * BlockWidth, r = br * BlockHeight;
        return new PixelWindow(c, r, Math.Min(BlockWidth, Grid.Width - c), Math.Min(BlockHeight, Grid.Height - r));
    }

    /// <summary>Bytes of a block buffer: full tiles (edges padded) or the strip's actual rows.</summary>
    private int BlockBytes(PixelWindow blockWin) =>
        (_tiled ? BlockWidth * BlockHeight : BlockWidth * blockWin.Height) * _sampleSize;

    private byte[] NewBlock(PixelWindow blockWin)
    {
        int n = BlockBytes(blockWin);
        var data = ArrayPool<byte>.Shared.Rent(n);
        PixelCopy.Fill(DataType, data.AsSpan(0, n), _options.NoData ?? 0);
        return data;
    }

    private void WriteAs<T>(PixelWindow window, ReadOnlySpan<T> pixels) where T : unmanaged, INumberBase<T>
    {
        int bc0 = window.Col / BlockWidth, bc1 = (window.ColEnd - 1) / BlockWidth;
        int br0 = window.Row / BlockHeight, br1 = (window.RowEnd - 1) / BlockHeight;
        var done = new List<(int Index, byte[] Data)>();
        for (int br = br0; br <= br1; br++)
        {
            for (int bc = bc0; bc <= bc1; bc++)
            {
                int index = br * _blocksAcross + bc;
                var blockWin = BlockWindow(index);
                var part = blockWin.Intersect(window);
                int srcOffset = (part.Row - window.Row) * window.Width + part.Col - window.Col;
                int dstOffset = (part.Row - blockWin.Row) * BlockWidth + part.Col - blockWin.Col;
                if (part == blockWin && !_pending.ContainsKey(index))
                {
                    var data = NewBlock(blockWin);
                    PixelCopy.ToStored(DataType, pixels, srcOffset, window.Width, data, dstOffset, BlockWidth, part.Width, part.Height);
                    done.Add((index, data));
                    continue;
                }
                var pb = _pending.GetOrAdd(index, _ => new PendingBlock(NewBlock(blockWin)));
                bool complete;
                lock (pb.Gate)
                {
                    PixelCopy.ToStored(DataType, pixels, srcOffset, window.Width, pb.Data, dstOffset, BlockWidth, part.Width, part.Height);
                    pb.Filled += part.PixelCount;
                    complete = pb.Filled >= blockWin.PixelCount;
                }
                if (complete && _pending.TryRemove(index, out _)) done.Add((index, pb.Data));
            }
        }
        if (done.Count == 1 || (done.Count > 1 && _options.FlushOnWritingThread))
            foreach (var (index, data) in done) Flush(index, data);
        else if (done.Count > 1) Parallel.ForEach(done, d => Flush(d.Index, d.Data));
    }

    /// <summary>Applies the predictor, compresses and appends one block; returns its buffer to the pool.</summary>
    private void Flush(int index, byte[] data)
    {
        var blockWin = BlockWindow(index);
        int n = BlockBytes(blockWin);
        int rows = n / (BlockWidth * _sampleSize);
        var span = data.AsSpan(0, n);
        if (_overview is not null) HalveInto(_overview, blockWin, span);
        var deflating = ActivityProfile.Measure(Activity.Deflate);
        if (_options.Predictor == 2) TiffCodecs.ApplyHorizontal(span, BlockWidth, rows, _sampleSize);
        else if (_options.Predictor == 3)
        {
            var scratch = ArrayPool<byte>.Shared.Rent(BlockWidth * _sampleSize);
            TiffCodecs.ApplyFloatingPoint(span, BlockWidth, rows, _sampleSize, scratch);
            ArrayPool<byte>.Shared.Return(scratch);
        }
        var compressed = TiffEncoders.CompressPooled(_options.Compression, span, BlockWidth * _sampleSize, _options.DeflateLevel);
        deflating.Dispose();
        ArrayPool<byte>.Shared.Return(data);
        if (Interlocked.Exchange(ref _written[index], 1) != 0)
            throw new InvalidOperationException($"{Path}: block {index} ({blockWin}) was written twice.");
        lock (_fileLock)
        {
            // Blocks are appended strictly in index order (completed blocks wait here for their predecessors), so
            // the file's bytes do not depend on which thread finished first: same pixels, same file, for any
            // thread count and tile size.
            using var writing = ActivityProfile.Measure(Activity.FileWrite);
            _ready[index] = compressed;
            while (_ready.Remove(_nextToWrite, out var block))
            {
                LibTiffSetup.ClearErrors();
                int r = _tiled ? _tif.WriteRawTile(_nextToWrite, block.Data, block.Length) : _tif.WriteRawStrip(_nextToWrite, block.Data, block.Length);
                if (block.Pooled) ArrayPool<byte>.Shared.Return(block.Data);
                if (r < 0) throw new IOException($"{Path}: writing block {_nextToWrite} failed ({LibTiffSetup.TakeErrors()}).");
                _nextToWrite++;
            }
        }
    }

    /// <summary>Writes the overview pixels of one completed block (stored samples, row stride <see cref="BlockWidth"/>).</summary>
    private void HalveInto(GeoTiffWriter next, PixelWindow blockWin, ReadOnlySpan<byte> stored)
    {
        int w = blockWin.Width, h = blockWin.Height;
        var target = new PixelWindow(blockWin.Col / 2, blockWin.Row / 2, (w + 1) / 2, (h + 1) / 2);
        if (DataType == RasterDataType.Float32 && _overviewMode == OverviewResampling.Average)
        {
            var half = ArrayPool<float>.Shared.Rent((int)target.PixelCount);
            OverviewBuilder.HalveAverage(MemoryMarshal.Cast<byte, float>(stored), BlockWidth, w, h, half, _overviewNoData, _options.NoData is not null);
            next.WriteWindow(target, new ReadOnlySpan<float>(half, 0, (int)target.PixelCount));
            ArrayPool<float>.Shared.Return(half);
            return;
        }
        if (DataType == RasterDataType.UInt8 && _overviewMode == OverviewResampling.Mode)
        {
            var half = ArrayPool<byte>.Shared.Rent((int)target.PixelCount);
            OverviewBuilder.HalveMode(stored, BlockWidth, w, h, half, _overviewNoData, _options.NoData is not null);
            next.WriteWindow(target, new ReadOnlySpan<byte>(half, 0, (int)target.PixelCount));
            ArrayPool<byte>.Shared.Return(half);
            return;
        }
        HalveAny(next, blockWin, stored);
    }

    /// <summary><see cref="HalveInto"/> for any pixel type and resampling, through doubles.</summary>
    private void HalveAny(GeoTiffWriter next, PixelWindow blockWin, ReadOnlySpan<byte> stored)
    {
        int w = blockWin.Width, h = blockWin.Height;
        var values = ArrayPool<double>.Shared.Rent(w * h);
        var half = ArrayPool<double>.Shared.Rent(((w + 1) / 2) * ((h + 1) / 2));
        try
        {
            PixelCopy.FromStored(DataType, stored, 0, BlockWidth, values.AsSpan(), 0, w, w, h);
            OverviewBuilder.Halve(values, w, h, half, _overviewMode, _overviewNoData, _options.NoData is not null);
            var target = new PixelWindow(blockWin.Col / 2, blockWin.Row / 2, (w + 1) / 2, (h + 1) / 2);
            next.WriteWindow(target, new ReadOnlySpan<double>(half, 0, (int)target.PixelCount));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
            ArrayPool<double>.Shared.Return(half);
        }
    }

    /// <summary>
    /// Writes the blocks still pending or never written (as nodata), finishes the directory and moves the file to
    /// <see cref="Path"/>, replacing any previous file.
    /// </summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed) return;
        foreach (var index in _pending.Keys.ToList())
        {
            if (_pending.TryRemove(index, out var pb)) Flush(index, pb.Data);
        }
        var missing = Enumerable.Range(0, _blockCount).Where(i => Volatile.Read(ref _written[i]) == 0).ToList();
        Parallel.ForEach(missing, i => Flush(i, NewBlock(BlockWindow(i))));
        lock (_fileLock)
        {
            if (_nextToWrite != _blockCount)
                throw new InvalidOperationException($"{Path}: {_blockCount - _nextToWrite} block(s) were never written.");
            LibTiffSetup.ClearErrors();
            if (!_tif.WriteDirectory()) throw new IOException($"{Path}: writing the TIFF directory failed ({LibTiffSetup.TakeErrors()}).");
            _tif.Dispose();
        }
        if (_tiled && _options.CloudOptimized) CloudOptimize();
        AtomicFile.Commit(_temporaryPath, Path);
        _committed = true;
    }

    /// <summary>Finishes the overview levels (each fed by the level above) and rewrites the temporary file in the
    /// COG layout.</summary>
    private void CloudOptimize()
    {
        var levels = new List<string>();
        try
        {
            for (var o = _overview; o is not null; o = o._overview)
            {
                o.Commit();
                levels.Add(o.Path);
            }
        }
        catch
        {
            foreach (var l in levels) AtomicFile.TryDelete(l);
            throw;
        }
        string cog = _temporaryPath + ".cog";
        try
        {
            bool big = _options.BigTiff ?? Grid.PixelCount * _sampleSize * 4 / 3 > BigTiffThreshold;
            CogLayout.Assemble([_temporaryPath, .. levels], cog, big);
            File.Move(cog, _temporaryPath, overwrite: true);
        }
        finally
        {
            foreach (var l in levels) AtomicFile.TryDelete(l);
            AtomicFile.TryDelete(cog);
        }
    }

    /// <summary>Closes the file; without <see cref="Commit"/> the temporary file is deleted.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_committed)
        {
            lock (_fileLock) _tif.Dispose();
            AtomicFile.TryDelete(_temporaryPath);
        }
        foreach (var pb in _pending.Values) ArrayPool<byte>.Shared.Return(pb.Data);
        _pending.Clear();
        _overview?.Dispose();
    }
}
