using BenchmarkDotNet.Attributes;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Benchmarks.Raster;

/// <summary>
/// Read throughput of <see cref="GeoTiffReader"/> on a generated 4000 × 4000 uint8 land-use raster (16 Mpx), tiled
/// 256 × 256 with Deflate and predictor 2 (the layout of CLCD-style inputs), decoded by all cores through the tile
/// driver and counted into a histogram, and the same file written by <see cref="GeoTiffWriter"/>.
/// Run: dotnet run -c Release --project benchmarks/LandCarbon.Benchmarks -- --filter '*GeoTiff*'
/// </summary>
[MemoryDiagnoser]
public class GeoTiffReadBenchmarks
{
    private const int Size = 4000;
    private string _dir = "";
    private string _path = "";
    private byte[] _pixels = [];
    private GridSpec _grid = null!;

    /// <summary>Threads used by the tile driver.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "landcarbon-bench-geotiff");
        Directory.CreateDirectory(_dir);
        _path = Path.Combine(_dir, "lu.tif");
        _grid = new GridSpec(Size, Size, GeoTransform.NorthUp(500000, 3400000, 30), SpatialReferences.FromEpsg(32648));
        _pixels = LandUseLike(Size, Size, seed: 20261128);
        GeoTiffWriter.WriteAll<byte>(_path, _grid, RasterDataType.UInt8,
            new GeoTiffWriteOptions { Predictor = 2, NoData = 0 }, _pixels);
    }

    /// <summary>Blocky classes 1–9 in 8–64 px parcels with 4 % pixel noise and a nodata border (≈ real land use).</summary>
    internal static byte[] LandUseLike(int w, int h, int seed)
    {
        var rng = new Random(seed);
        var a = new byte[w * h];
        var parcels = new byte[(w / 8 + 1) * (h / 8 + 1)];
        for (int i = 0; i < parcels.Length; i++) parcels[i] = (byte)(1 + rng.Next(9));
        int pw = w / 8 + 1;
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                byte v = parcels[(y / 8) * pw + x / 8 / (1 + (y / 512) % 4)];
                if (rng.Next(100) < 4) v = (byte)(1 + rng.Next(9));
                if (x < 200 + y / 20 || y < 150) v = 0;
                a[y * w + x] = v;
            }
        }
        return a;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    /// <summary>Decodes every tile (16 Mpx) and counts values.</summary>
    [Benchmark]
    public long ReadAndCount()
    {
        using var r = GeoTiffReader.Open(_path);
        return RasterHistogram.Compute(r, new TileOptions { MaxDegreeOfParallelism = Threads }).ValidCount;
    }

    /// <summary>Writes the 16 Mpx raster (Deflate, predictor 2, 256 × 256 tiles).</summary>
    [Benchmark]
    public void Write()
    {
        string p = Path.Combine(_dir, $"out{Threads}.tif");
        using var w = GeoTiffWriter.Create(p, _grid, RasterDataType.UInt8, new GeoTiffWriteOptions { Predictor = 2, NoData = 0 });
        var layout = new TileLayout(Size, Size, 512, 512);
        TileProcessor.ForEach(layout, new TileOptions { MaxDegreeOfParallelism = Threads }, win =>
        {
            var buf = new byte[win.PixelCount];
            for (int y = 0; y < win.Height; y++)
                _pixels.AsSpan((win.Row + y) * Size + win.Col, win.Width).CopyTo(buf.AsSpan(y * win.Width));
            w.WriteWindow<byte>(win, buf);
        });
        w.Commit();
    }
}
