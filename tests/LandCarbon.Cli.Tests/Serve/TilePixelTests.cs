using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using LandCarbon.Reporting.Maps;
using LandCarbon.Web;
using SkiaSharp;

namespace LandCarbon.Cli.Tests.Serve;

/// <summary>Tile pixels against GDAL, the PNG encoder against SkiaSharp's decoder, the caches' bounds.</summary>
public partial class ServeApiTests
{
    /// <summary>
    /// Every pixel of a tile of every layer, decoded with SkiaSharp, against the raster value under the pixel centre
    /// as GDAL and PROJ find it (tests/data/oracles/gdal/tile_check.py): transparent off the raster and at nodata,
    /// else the legend colour of that value (categorical: the class of that code; classed continuous: the class
    /// DivergingScale.ClassOf gives, as the report; ramp: the ramp colour). The tile is the one over the raster's
    /// centre at the zoom below the layer's deepest (about two tile pixels per raster pixel, the whole raster of the
    /// tiny run in view, its edges included). The 17 × 17 mesh approximation may pick the neighbouring pixel only
    /// where the centre lies within 0.02 raster pixel of a pixel border.
    /// </summary>
    [Fact]
    public async Task Every_tile_pixel_has_the_colour_of_the_value_GDAL_reads()
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python)) TestData.SkipOrFail("Debian python3 with GDAL is not installed (scripts/install-deps.sh)");
        var tiles = new List<(Layer Layer, int Z, int X, int Y)>();
        foreach (var layer in run.Catalog.Layers)
        {
            int z = ServeApp.MaxZoomOf(layer) - 1;
            var (mx, my) = WebMercator.FromLonLat((layer.Bounds[0] + layer.Bounds[2]) / 2, (layer.Bounds[1] + layer.Bounds[3]) / 2);
            double res = WebMercator.Resolution(z);
            tiles.Add((layer, z, (int)((mx + WebMercator.HalfWorld) / res / 256), (int)((WebMercator.HalfWorld - my) / res / 256)));
        }
        string input = string.Join('\n', tiles.Select(t => FormattableString.Invariant($"{Path.Combine(run.Dir, "rasters", t.Layer.Id + ".tif")} {t.Z} {t.X} {t.Y}"))) + "\n";
        var lines = RunWithInput(python, input, TestData.Repo("oracles/gdal/tile_check.py")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(tiles.Count, lines.Length);
        long opaque = 0, transparent = 0, nearBorder = 0;
        for (int t = 0; t < tiles.Count; t++)
        {
            var (layer, z, x, y) = tiles[t];
            using var doc = JsonDocument.Parse(lines[t]);
            var values = doc.RootElement.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();
            var edge = doc.RootElement.GetProperty("edge").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            using var r = await run.Http.GetAsync($"tiles/{layer.Id}/{z}/{x}/{y}.png", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            using var bmp = SKBitmap.Decode(await r.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            Assert.Equal(256, bmp.Width);
            var pixels = bmp.Pixels;
            int mismatches = 0;
            for (int i = 0; i < pixels.Length; i++)
            {
                var p = pixels[i];
                string got = p.Alpha == 0 ? "transparent" : $"#{p.Red:X2}{p.Green:X2}{p.Blue:X2}/{p.Alpha}";
                string expected = values[i] is double v ? ExpectedColour(layer, v) + "/255" : "transparent";
                if (got == expected)
                {
                    if (p.Alpha == 0) transparent++;
                    else opaque++;
                    continue;
                }
                Assert.True(edge[i] < 0.02, $"{layer.Id} tile {z}/{x}/{y} pixel ({i % 256}, {i / 256}): {got}, GDAL's value {values[i]} → {expected}, {edge[i]} px from a border");
                mismatches++;
            }
            nearBorder += mismatches;
        }
        Assert.True(opaque > 100_000 && transparent > 100_000, $"{opaque} opaque and {transparent} transparent pixels compared");
        Assert.True(nearBorder < (opaque + transparent) / 1000, $"{nearBorder} pixels near borders differ");
    }

    private static string ExpectedColour(Layer layer, double v)
    {
        var legend = layer.Legend;
        if (legend.Style.IsCategorical)
            return legend.Classes.FirstOrDefault(c => c.Value == (int)Math.Round(v))?.Color ?? "#808080";
        if (legend.Breaks is { } breaks)
            return legend.Classes.Single(c => c.Value == DivergingScale.ClassOf(v, breaks)).Color;
        uint rgba = legend.ColorOf(v);
        return $"#{rgba & 0xFF:X2}{(rgba >> 8) & 0xFF:X2}{(rgba >> 16) & 0xFF:X2}";
    }

    /// <summary>The tile's fast classification (a block of values at once) equals the legend's value by value,
    /// on every layer of the run, at the class bounds and around them, zero, infinities, NaN and nodata.</summary>
    [Fact]
    public void Block_codes_equal_the_legend_code_of_each_value()
    {
        foreach (var layer in run.Catalog.Layers)
        {
            var legend = layer.Legend;
            var probe = new List<double> { 0, -0.0, 1, -1, double.PositiveInfinity, double.NegativeInfinity, double.NaN, legend.Min, legend.Max, 1e-300, -1e-300 };
            if (layer.Reader.NoData is double nd) probe.Add(nd);
            foreach (var b in legend.Breaks ?? [])
                probe.AddRange([b, -b, Math.BitIncrement(b), Math.BitDecrement(b), -Math.BitIncrement(b), -Math.BitDecrement(b)]);
            foreach (var c in legend.Classes) probe.AddRange([c.Value, c.Value + 0.4, c.Value - 0.6]);
            var rnd = new Random(19);
            for (int i = 0; i < 1000; i++) probe.Add((rnd.NextDouble() - 0.5) * 4 * Math.Max(1, legend.Breaks is { Length: > 0 } bb ? bb[^1] : Math.Max(Math.Abs(legend.Min), Math.Abs(legend.Max))));
            var codes = new ushort[probe.Count];
            legend.CodesOf<ushort>(probe.ToArray(), layer.Reader.NoData, codes);
            for (int i = 0; i < probe.Count; i++)
            {
                int expected = layer.IsNoData(probe[i]) ? 0 : legend.CodeOf(probe[i]);
                Assert.True(expected == codes[i], $"{layer.Id}: value {probe[i]:R} → {codes[i]}, legend code {expected}");
                Assert.Equal(expected == 0 ? LayerLegend.Transparent : legend.ColorOf(probe[i]), legend.Palette[codes[i]]);
            }
            // The single-precision values of a Float32 raster (classed and ramp maps eight and four at a time): the
            // floats next to each probe too, so that every bound is approached from both sides in float steps.
            var floats = probe.SelectMany(v => new[] { (float)v, MathF.BitDecrement((float)v), MathF.BitIncrement((float)v) }).ToArray();
            var floatCodes = new byte[floats.Length];
            var wideCodes = new ushort[floats.Length];
            legend.CodesOf<ushort>(floats, layer.Reader.NoData, wideCodes);
            if (!layer.Tiles.WideCodes) legend.CodesOf<byte>(floats, layer.Reader.NoData, floatCodes);
            for (int i = 0; i < floats.Length; i++)
            {
                double v = floats[i];
                int expected = layer.IsNoData(v) ? 0 : legend.CodeOf(v);
                Assert.True(expected == wideCodes[i], $"{layer.Id}: float value {floats[i]:R} → {wideCodes[i]}, legend code {expected}");
                if (!layer.Tiles.WideCodes) Assert.Equal(expected, floatCodes[i]);
            }
        }
    }

    /// <summary>The PNG encoder at each bit depth (1, 2, 4, 8 bits for 2, 4, 16, 256 colours; RGBA beyond 256),
    /// with transparent and opaque colours, decodes with SkiaSharp to exactly the colours given.</summary>
    [Theory]
    [InlineData(1, 256, 256)]
    [InlineData(2, 256, 256)]
    [InlineData(3, 255, 7)]
    [InlineData(5, 33, 257)]
    [InlineData(17, 256, 256)]
    [InlineData(256, 256, 256)]
    [InlineData(257, 256, 256)]
    [InlineData(300, 100, 90)]
    public void PNG_tiles_decode_to_the_palette_colours(int colours, int width, int height)
    {
        var rnd = new Random(colours);
        var palette = new uint[colours];
        for (int i = 0; i < colours; i++) palette[i] = ((uint)rnd.Next() & 0xFFFFFF) | (i % 7 == 0 ? 0 : 0xFF000000u);   // every 7th transparent
        palette[0] = LayerLegend.Transparent;
        var codes = new ushort[width * height];
        for (int i = 0; i < codes.Length; i++) codes[i] = (ushort)(i < colours ? i : rnd.Next(colours));
        byte[] png = TilePng.Encode<ushort>(codes, width, height, palette);
        using var bmp = SKBitmap.Decode(png);
        Assert.Equal((width, height), (bmp.Width, bmp.Height));
        for (int i = 0; i < codes.Length; i++)
        {
            uint want = palette[codes[i]];
            var c = bmp.GetPixel(i % width, i / width);
            if (want >> 24 == 0) Assert.Equal(0, c.Alpha);
            else Assert.Equal(((byte)want, (byte)(want >> 8), (byte)(want >> 16), (byte)255), (c.Red, c.Green, c.Blue, c.Alpha));
        }
        // The same codes give the same bytes.
        Assert.Equal(png, TilePng.Encode<ushort>(codes, width, height, palette));
    }

    /// <summary>The caches hold at most their capacity and keep the most recently used entries.</summary>
    [Fact]
    public void Bounded_cache_evicts_the_least_recently_used_beyond_its_capacity()
    {
        var cache = new BoundedCache<int, string>(100);
        for (int i = 0; i < 10; i++) cache.Add(i, $"v{i}", 10);
        Assert.True(cache.TryGet(0, out _));   // 0 is now the most recently used
        cache.Add(10, "v10", 25);               // evicts 1, 2, 3 (the least recently used)
        Assert.True(cache.Size <= 100);
        Assert.True(cache.TryGet(0, out var v0) && v0 == "v0");
        Assert.False(cache.TryGet(1, out _));
        Assert.False(cache.TryGet(3, out _));
        Assert.True(cache.TryGet(4, out _));
        Assert.Equal("v4", cache.Add(4, "other", 10));   // an existing key keeps its value
        cache.Add(11, "too big", 101);                    // larger than the capacity: not kept
        Assert.False(cache.TryGet(11, out _));
        Assert.Equal(95, cache.Size);
    }
}
