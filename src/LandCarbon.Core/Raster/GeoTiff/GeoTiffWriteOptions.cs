using System.IO.Compression;

namespace LandCarbon.Core.Raster.GeoTiff;

/// <summary>How <see cref="GeoTiffWriter"/> lays out and compresses a file.</summary>
public sealed record GeoTiffWriteOptions
{
    /// <summary>Block compression; Deflate by default.</summary>
    public TiffCompression Compression { get; init; } = TiffCompression.Deflate;

    /// <summary>1 = none (default), 2 = horizontal differencing (integers), 3 = floating point (floats). Only with
    /// LZW or Deflate.</summary>
    public int Predictor { get; init; } = 1;

    /// <summary>Square tile size in pixels, a multiple of 16 (256 by default); 0 writes strips.</summary>
    public int TileSize { get; init; } = 256;

    /// <summary>Rows per strip for stripped files; 0 picks about 64 KiB of pixels per strip.</summary>
    public int RowsPerStrip { get; init; }

    /// <summary>BigTIFF: null decides by size (uncompressed pixels over 3.5 GB), true/false forces it.</summary>
    public bool? BigTiff { get; init; }

    /// <summary>The nodata value written as GDAL_NODATA; also the value of pixels never written.</summary>
    public double? NoData { get; init; }

    /// <summary>A palette (UInt8 and UInt16 rasters only).</summary>
    public ColorTable? ColorTable { get; init; }

    /// <summary>Optional ImageDescription text.</summary>
    public string? Description { get; init; }

    /// <summary>Deflate effort; <see cref="CompressionLevel.Fastest"/> by default (native zlib level 1).</summary>
    public CompressionLevel DeflateLevel { get; init; } = CompressionLevel.Fastest;

    /// <summary>
    /// Lay a tiled file out as a Cloud-Optimized GeoTIFF (directories first, internal overviews, tile data from the
    /// coarsest overview to full resolution; <see cref="CogLayout"/>). True by default; stripped files never are.
    /// </summary>
    public bool CloudOptimized { get; init; } = true;

    /// <summary>Resampling of the internal overviews of a cloud-optimised file: by default mode for integer rasters
    /// (class codes), average for floating-point ones; <see cref="OverviewResampling.None"/> writes none.</summary>
    public OverviewResampling Overviews { get; init; } = OverviewResampling.Auto;

    /// <summary>
    /// Compress the blocks one write completes on the writing thread, one after another, instead of in parallel:
    /// for writers fed from a parallel tile loop, which already keeps every core busy (a nested parallel loop per
    /// write only adds hand-offs and spinning). The file's bytes are the same either way. False by default.
    /// </summary>
    public bool FlushOnWritingThread { get; init; }

    /// <summary>Deflate tiles, 256×256, no predictor.</summary>
    public static GeoTiffWriteOptions Default { get; } = new();
}
