using System.Numerics;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Tests.Raster.GeoTiff;

/// <summary>Every data type × layout × compression (× predictor where valid) written by GeoTiffWriter reads back
/// identical with GeoTiffReader, and GDAL reads the same size, type, geotransform, nodata, CRS and pixels.</summary>
public class GeoTiffRoundTripTests
{
    private const int W = 300, H = 200;
    private static readonly GridSpec Grid = new(W, H, GeoTransform.NorthUp(500000, 3400000, 30), SpatialReferences.FromEpsg(32648));

    public sealed record Case(RasterDataType Type, bool Tiled, TiffCompression Compression, int Predictor)
    {
        public string Name => $"{Type}_{(Tiled ? "tiled" : "strip")}_{Compression}_p{Predictor}";

        public GeoTiffWriteOptions Options => new()
        {
            Compression = Compression,
            Predictor = Predictor,
            TileSize = Tiled ? 128 : 0,
            RowsPerStrip = Tiled ? 0 : 7,
            NoData = Type is RasterDataType.Int8 ? -128 : Type is RasterDataType.Float32 or RasterDataType.Float64 ? -9999 : 15,
        };
    }

    public static IEnumerable<Case> AllCases()
    {
        foreach (var type in Enum.GetValues<RasterDataType>())
        {
            bool isFloat = type is RasterDataType.Float32 or RasterDataType.Float64;
            foreach (bool tiled in new[] { true, false })
            {
                // ZSTD and LZMA are read only (their reading is checked against GDAL in ZstdLzmaGdalTests).
                foreach (var c in Enum.GetValues<TiffCompression>().Where(c => c is not (TiffCompression.Zstd or TiffCompression.Lzma)))
                {
                    yield return new Case(type, tiled, c, 1);
                    if (c is TiffCompression.Lzw or TiffCompression.Deflate) yield return new Case(type, tiled, c, isFloat ? 3 : 2);
                }
            }
        }
    }

    public static TheoryData<string> CaseNames => new(AllCases().Select(c => c.Name));

    /// <summary>Smooth field plus noise, so that predictors and compressors have work; covers negative values.</summary>
    internal static T[] Pixels<T>(RasterDataType type) where T : unmanaged, INumberBase<T>
    {
        var rng = new Random(20261128);
        var a = new T[W * H];
        double scale = type switch
        {
            RasterDataType.UInt8 or RasterDataType.Int8 => 1,
            RasterDataType.UInt16 or RasterDataType.Int16 => 200,
            _ => 1e6,
        };
        bool signed = type is RasterDataType.Int8 or RasterDataType.Int16 or RasterDataType.Int32 or RasterDataType.Float32 or RasterDataType.Float64;
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                double v = (x / 10 + y / 7) % 50 + rng.Next(3);
                if (signed) v -= 25;
                v *= scale;
                if (type is RasterDataType.Float32 or RasterDataType.Float64) v += rng.NextDouble();
                a[y * W + x] = T.CreateTruncating(v);
            }
        }
        return a;
    }

    private static string Write(Case c, string dir)
    {
        string path = Path.Combine(dir, c.Name + ".tif");
        switch (c.Type)
        {
            case RasterDataType.UInt8: GeoTiffWriter.WriteAll<byte>(path, Grid, c.Type, c.Options, Pixels<byte>(c.Type)); break;
            case RasterDataType.Int8: GeoTiffWriter.WriteAll<sbyte>(path, Grid, c.Type, c.Options, Pixels<sbyte>(c.Type)); break;
            case RasterDataType.UInt16: GeoTiffWriter.WriteAll<ushort>(path, Grid, c.Type, c.Options, Pixels<ushort>(c.Type)); break;
            case RasterDataType.Int16: GeoTiffWriter.WriteAll<short>(path, Grid, c.Type, c.Options, Pixels<short>(c.Type)); break;
            case RasterDataType.UInt32: GeoTiffWriter.WriteAll<uint>(path, Grid, c.Type, c.Options, Pixels<uint>(c.Type)); break;
            case RasterDataType.Int32: GeoTiffWriter.WriteAll<int>(path, Grid, c.Type, c.Options, Pixels<int>(c.Type)); break;
            case RasterDataType.Float32: GeoTiffWriter.WriteAll<float>(path, Grid, c.Type, c.Options, Pixels<float>(c.Type)); break;
            default: GeoTiffWriter.WriteAll<double>(path, Grid, c.Type, c.Options, Pixels<double>(c.Type)); break;
        }
        return path;
    }

    private static void AssertReadsBack<T>(string path, RasterDataType type) where T : unmanaged, INumberBase<T>
    {
        var expected = Pixels<T>(type);
        using var r = GeoTiffReader.Open(path);
        Assert.Equal(type, r.DataType);
        Assert.Equal(Grid.Transform, r.Grid.Transform);
        Assert.Equal(32648, r.Grid.Crs.Epsg);
        var got = new T[W * H];
        r.Read<T>(Grid.Extent, got);
        Assert.Equal(expected, got);
        // Unaligned windows across block edges, and windows ending part-way down a block (whose lower rows the
        // reader need not decode).
        foreach (var win in new PixelWindow[] { new(117, 5, 150, 131), new(0, 0, 1, 1), new(W - 1, H - 1, 1, 1), new(3, 130, 7, 1), new(0, 60, W, 9) })
        {
            var part = new T[win.PixelCount];
            r.Read<T>(win, part);
            for (int y = 0; y < win.Height; y++)
                Assert.Equal(expected.AsSpan((win.Row + y) * W + win.Col, win.Width), part.AsSpan(y * win.Width, win.Width));
        }
    }

    private static string ExpectedSha(RasterDataType type) => type switch
    {
        RasterDataType.UInt8 => GdalOracle.Sha256<byte>(Pixels<byte>(type)),
        RasterDataType.Int8 => GdalOracle.Sha256<sbyte>(Pixels<sbyte>(type)),
        RasterDataType.UInt16 => GdalOracle.Sha256<ushort>(Pixels<ushort>(type)),
        RasterDataType.Int16 => GdalOracle.Sha256<short>(Pixels<short>(type)),
        RasterDataType.UInt32 => GdalOracle.Sha256<uint>(Pixels<uint>(type)),
        RasterDataType.Int32 => GdalOracle.Sha256<int>(Pixels<int>(type)),
        RasterDataType.Float32 => GdalOracle.Sha256<float>(Pixels<float>(type)),
        _ => GdalOracle.Sha256<double>(Pixels<double>(type)),
    };

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void WritesAndReadsBackIdentical(string name)
    {
        var c = AllCases().Single(x => x.Name == name);
        string path = Write(c, TestData.TempDir());
        switch (c.Type)
        {
            case RasterDataType.UInt8: AssertReadsBack<byte>(path, c.Type); break;
            case RasterDataType.Int8: AssertReadsBack<sbyte>(path, c.Type); break;
            case RasterDataType.UInt16: AssertReadsBack<ushort>(path, c.Type); break;
            case RasterDataType.Int16: AssertReadsBack<short>(path, c.Type); break;
            case RasterDataType.UInt32: AssertReadsBack<uint>(path, c.Type); break;
            case RasterDataType.Int32: AssertReadsBack<int>(path, c.Type); break;
            case RasterDataType.Float32: AssertReadsBack<float>(path, c.Type); break;
            default: AssertReadsBack<double>(path, c.Type); break;
        }
    }

    [Fact]
    public void GdalReadsTheSameFiles()
    {
        string dir = TestData.TempDir();
        var cases = AllCases().ToList();
        var paths = cases.ToDictionary(c => c, c => Write(c, dir));
        var gdal = GdalOracle.Read(paths.Values);
        foreach (var c in cases)
        {
            var g = gdal[paths[c]];
            Assert.Equal(W, g.GetProperty("width").GetInt32());
            Assert.Equal(H, g.GetProperty("height").GetInt32());
            Assert.Equal(c.Type.GdalName(), g.GetProperty("dataType").GetString());
            Assert.Equal(Grid.Transform.ToArray(), g.GetProperty("geoTransform").EnumerateArray().Select(e => e.GetDouble()).ToArray());
            Assert.Equal(c.Options.NoData, g.GetProperty("nodata").GetDouble());
            Assert.Equal(32648, g.GetProperty("epsg").GetInt32());
            Assert.True(ExpectedSha(c.Type) == g.GetProperty("sha256").GetString(), $"{c.Name}: GDAL reads other pixel values");
        }
    }
}
