using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Tests.Raster.GeoTiff;

/// <summary>Codec round trips on edge patterns (GDAL compatibility is checked in GeoTiffRoundTripTests).</summary>
public class TiffCodecsTests
{
    public static TheoryData<string> Patterns => new() { "empty", "one", "constant", "random", "runs", "ramp" };

    private static byte[] Make(string pattern)
    {
        var rng = new Random(7);
        return pattern switch
        {
            "empty" => [],
            "one" => [42],
            "constant" => Enumerable.Repeat((byte)9, 300_000).ToArray(),   // KwKwK codes, long strings
            "random" => Enumerable.Range(0, 200_000).Select(_ => (byte)rng.Next(256)).ToArray(),   // many table resets
            "runs" => Enumerable.Range(0, 100_000).Select(i => (byte)(i / (1 + i % 300) % 7)).ToArray(),
            _ => Enumerable.Range(0, 70_000).Select(i => (byte)i).ToArray(),
        };
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void LzwRoundTrip(string pattern)
    {
        var src = Make(pattern);
        var enc = TiffEncoders.LzwEncode(src);
        var dst = new byte[src.Length];
        Assert.Equal(src.Length, TiffCodecs.LzwDecode(enc, dst));
        Assert.Equal(src, dst);
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void PackBitsRoundTrip(string pattern)
    {
        var src = Make(pattern);
        var enc = TiffEncoders.PackBitsEncode(src, 1000);
        var dst = new byte[src.Length];
        Assert.Equal(src.Length, TiffCodecs.PackBitsDecode(enc, dst));
        Assert.Equal(src, dst);
    }

    [Fact]
    public void DamagedLzwIsReportedNotCrashed()
    {
        // 9-bit codes: literal 65, then 500 while the next free code is 258.
        var garbage = new byte[] { 0x20, 0xFD, 0x00 };
        Assert.Throws<InvalidDataException>(() => TiffCodecs.LzwDecode(garbage, new byte[100]));
        // An EOI straight away decodes to nothing; the reader then reports the block as too short.
        Assert.Equal(0, TiffCodecs.LzwDecode([0x80, 0x40], new byte[100]));
    }

    [Fact]
    public void PredictorsInvert()
    {
        var rng = new Random(3);
        var data = new byte[64 * 10 * 4];
        rng.NextBytes(data);
        foreach (int size in new[] { 1, 2, 4, 8 })
        {
            var a = (byte[])data.Clone();
            TiffCodecs.ApplyHorizontal(a, 64 * 4 / size, 10, size);
            TiffCodecs.UndoHorizontal(a, 64 * 4 / size, 10, size);
            Assert.Equal(data, a);
        }
        foreach (int size in new[] { 4, 8 })
        {
            var a = (byte[])data.Clone();
            var scratch = new byte[64 * 4];
            TiffCodecs.ApplyFloatingPoint(a, 64 * 4 / size, 10, size, scratch);
            TiffCodecs.UndoFloatingPoint(a, 64 * 4 / size, 10, size, scratch);
            Assert.Equal(data, a);
        }
    }

    [Fact]
    public void FloatingPointPredictor_UndoesAnyRowLength()
    {
        // 16 samples at a time, then one by one: row lengths around the vector width.
        var rng = new Random(11);
        foreach (int width in new[] { 1, 15, 16, 17, 37, 256, 259 })
        {
            var data = new byte[width * 4 * 3];
            rng.NextBytes(data);
            var a = (byte[])data.Clone();
            var scratch = new byte[width * 4];
            TiffCodecs.ApplyFloatingPoint(a, width, 3, 4, scratch);
            TiffCodecs.UndoFloatingPoint(a, width, 3, 4, scratch);
            Assert.Equal(data, a);
        }
    }

    [Fact]
    public void FloatingPointPredictor_MatchesTheSpecification()
    {
        // The vector plane split against the TIFF Technical Note 3 definition, bit for bit: each row's samples as
        // big-endian byte planes (most significant first), then byte-differenced along the row.
        var rng = new Random(13);
        foreach (int width in new[] { 1, 15, 16, 17, 37, 256, 259 })
        {
            const int rows = 3;
            var data = new byte[width * 4 * rows];
            rng.NextBytes(data);
            var expected = new byte[data.Length];
            for (int r = 0; r < rows; r++)
            {
                int o = r * width * 4;
                for (int i = 0; i < width; i++)
                    for (int b = 0; b < 4; b++) expected[o + b * width + i] = data[o + 4 * i + 3 - b];
                for (int i = width * 4 - 1; i > 0; i--) expected[o + i] -= expected[o + i - 1];
            }
            var a = (byte[])data.Clone();
            TiffCodecs.ApplyFloatingPoint(a, width, rows, 4, new byte[width * 4]);
            Assert.Equal(expected, a);
        }
    }

    [Fact]
    public void BytePredictor_UndoesAnyRowLength()
    {
        var rng = new Random(9);
        foreach (int width in new[] { 1, 15, 16, 17, 37, 256, 259 })
        {
            var data = new byte[width * 3];
            rng.NextBytes(data);
            var a = (byte[])data.Clone();
            TiffCodecs.UndoHorizontal(a, width, 3, 1);
            for (int r = 0; r < 3; r++)
            {
                byte acc = 0;
                for (int c = 0; c < width; c++)
                {
                    acc += data[r * width + c];
                    Assert.Equal(acc, a[r * width + c]);
                }
            }
        }
    }
}
