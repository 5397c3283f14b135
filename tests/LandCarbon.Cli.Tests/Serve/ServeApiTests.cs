using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using LandCarbon.Web;
using SkiaSharp;

namespace LandCarbon.Cli.Tests.Serve;

/// <summary>`landcarbon serve` over a real run: the API against GDAL, tiles, WMTS, errors.</summary>
public partial class ServeApiTests(ServeFixture run) : IClassFixture<ServeFixture>
{
    private ServeFixture Fixture => run;

    private async Task<JsonElement> Json(string url)
    {
        using var r = await run.Http.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return JsonDocument.Parse(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
    }

    [Fact]
    public async Task Layers_are_the_run_rasters_with_legends_and_WGS84_bounds()
    {
        var doc = await Json("api/layers");
        var ids = doc.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("id").GetString()!).ToList();
        var files = Directory.GetFiles(Path.Combine(run.Dir, "rasters"), "*.tif").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(files, ids.Order(StringComparer.Ordinal));
        Assert.StartsWith("landuse_", ids[0], StringComparison.Ordinal);
        foreach (var l in doc.GetProperty("layers").EnumerateArray())
        {
            var b = l.GetProperty("bounds").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            Assert.True(b[0] < b[2] && b[1] < b[3] && b[0] >= -180 && b[2] <= 180, l.GetProperty("id").GetString());
            string kind = l.GetProperty("kind").GetString()!;
            Assert.Contains(kind, new[] { "classes", "continuous" });
            if (kind == "classes") Assert.True(l.GetProperty("legend").GetArrayLength() > 0);
        }
        // Bounds against GDAL: the corners of the land-use grid in WGS84 lie inside the layer's bounds.
        TestData.RequireTool("gdaltransform");
        var lu = doc.GetProperty("layers")[0];
        var bb = lu.GetProperty("bounds").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        var layer = run.Catalog.Layers[0];
        var g = layer.Grid;
        string corners = FormattableString.Invariant($"0 0\n{g.Width} 0\n0 {g.Height}\n{g.Width} {g.Height}\n");
        string file = Path.Combine(run.Dir, "rasters", lu.GetProperty("id").GetString() + ".tif");
        foreach (var line in RunWithInput("gdaltransform", corners, "-t_srs", "EPSG:4326", file).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var p = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Assert.InRange(p[0], bb[0] - 1e-7, bb[2] + 1e-7);
            Assert.InRange(p[1], bb[1] - 1e-7, bb[3] + 1e-7);
        }
    }

    /// <summary>/api/point equals GDAL on every layer at 100 seeded random points of the run (issue 19), a twentieth
    /// of the extent beyond each edge included so that some points are off the data: values as
    /// `gdallocationinfo -valonly -wgs84` reads them (float32 exactly, null off the raster and at nodata), class
    /// colours from the files' colour tables, land-class names from the study's styles, and the zone from OGR with its
    /// zonal-summary row (tests/data/oracles/gdal/point_check.py; benchmarks/scripts/serve-verify.sh runs the same
    /// check on the default-size demo).</summary>
    [Fact]
    public void Point_query_equals_GDAL_on_every_layer_at_100_random_points()
    {
        TestData.RequireTool("gdallocationinfo");
        string python = "/usr/bin/python3";
        if (!File.Exists(python)) TestData.SkipOrFail("Debian python3 with GDAL is not installed (scripts/install-deps.sh)");
        string output = TestData.Run(python, [TestData.Repo("oracles/gdal/point_check.py"), run.App.Address.ToString(), run.Dir, "--points", "100", "--seed", "19"]);
        var r = JsonDocument.Parse(output).RootElement;
        Assert.True(r.GetProperty("mismatchCount").GetInt32() == 0, r.GetProperty("mismatches").ToString());
        int layers = run.Catalog.Layers.Count;
        Assert.Equal(layers, r.GetProperty("layers").GetInt32());
        Assert.True(r.GetProperty("values").GetInt32() > layers * 50, output);
        Assert.True(r.GetProperty("offRaster").GetInt32() > 0, "some points are off the data: " + output);
        Assert.True(r.GetProperty("classes").GetInt32() > 0 && r.GetProperty("classNamesFromStudy").GetInt32() > 0, output);
        Assert.True(r.GetProperty("zoned").GetInt32() > 10 && r.GetProperty("unzoned").GetInt32() > 0, output);
    }

    /// <summary>Tiles: the colour at the tile pixel under a raster pixel's centre is that pixel's class colour
    /// (value read by GDAL), outside the data transparent.</summary>
    [Fact]
    public async Task Tile_pixels_have_the_legend_colour_of_the_GDAL_value()
    {
        TestData.RequireTool("gdallocationinfo");
        var layer = run.Catalog.Layers[0];
        int z = ServeApp.MaxZoomOf(layer);
        var g = layer.Grid;
        var rnd = new Random(7);
        var centres = Enumerable.Range(0, 20).Select(_ =>
        {
            var (x, y) = g.Transform.PixelCenter(rnd.Next(2, g.Width - 2), rnd.Next(2, g.Height - 2));
            return layer.Transformer.Inverse(x, y);
        }).ToList();
        string input = string.Join('\n', centres.Select(p => FormattableString.Invariant($"{p.Lon:R} {p.Lat:R}"))) + "\n";
        var values = RunWithInput("gdallocationinfo", input, "-valonly", "-wgs84", Path.Combine(run.Dir, "rasters", layer.Id + ".tif")).Split('\n');
        for (int i = 0; i < centres.Count; i++)
        {
            var (mx, my) = WebMercator.FromLonLat(centres[i].Lon, centres[i].Lat);
            double res = WebMercator.Resolution(z);
            double px = (mx + WebMercator.HalfWorld) / res, py = (WebMercator.HalfWorld - my) / res;
            int tx = (int)(px / 256), ty = (int)(py / 256);
            using var r = await run.Http.GetAsync($"tiles/{layer.Id}/{z}/{tx}/{ty}.png", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("image/png", r.Content.Headers.ContentType?.MediaType);
            using var bmp = SKBitmap.Decode(await r.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            var c = bmp.GetPixel((int)(px - tx * 256), (int)(py - ty * 256));
            int code = (int)double.Parse(values[i], CultureInfo.InvariantCulture);
            string expected = layer.Legend.Classes.Single(k => k.Value == code).Color;
            Assert.Equal(expected, $"#{c.Red:X2}{c.Green:X2}{c.Blue:X2}");
            Assert.Equal(255, c.Alpha);
        }
        // A tile far from the run is fully transparent.
        using var far = await run.Http.GetAsync($"tiles/{layer.Id}/{z}/0/0.png", TestContext.Current.CancellationToken);
        using var empty = SKBitmap.Decode(await far.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.All(empty.Pixels, p => Assert.Equal(0, p.Alpha));
    }

    [Fact]
    public async Task Tiles_carry_an_ETag_and_answer_304_when_unchanged()
    {
        var layer = run.Catalog.Layers[0];
        using var first = await run.Http.GetAsync($"tiles/{layer.Id}/3/6/3.png", TestContext.Current.CancellationToken);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        using var req = new HttpRequestMessage(HttpMethod.Get, $"tiles/{layer.Id}/3/6/3.png");
        req.Headers.IfNoneMatch.Add(etag);
        using var second = await run.Http.SendAsync(req, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("tiles/landuse_2000/25/0/0.png", 400)]
    [InlineData("tiles/landuse_2000/2/4/0.png", 400)]
    [InlineData("tiles/landuse_2000/2/-1/0.png", 400)]
    [InlineData("tiles/landuse_2000/a/0/0.png", 400)]
    [InlineData("tiles/nope/1/0/0.png", 404)]
    [InlineData("tiles/..%2F..%2Frun.json/1/0/0.png", 404)]
    [InlineData("tiles/%2Fetc%2Fpasswd/1/0/0.png", 404)]
    [InlineData("assets/..%2F..%2Frun.json", 404)]
    [InlineData("api/point?lon=abc&lat=1", 400)]
    [InlineData("api/point?lon=200&lat=1", 400)]
    [InlineData("api/point?lat=1", 400)]
    [InlineData("api/point?lon=106&lat=26&coords=mars", 400)]
    [InlineData("wmts?SERVICE=WMTS&REQUEST=GetMap", 400)]
    [InlineData("wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=nope&TILEMATRIX=1&TILEROW=0&TILECOL=0", 404)]
    [InlineData("run.json", 404)]
    public async Task Bad_requests_get_JSON_errors(string url, int status)
    {
        using var r = await run.Http.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(status, (int)r.StatusCode);
        Assert.Equal("application/json", r.Content.Headers.ContentType?.MediaType);
        var doc = JsonDocument.Parse(await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task The_server_is_read_only()
    {
        using var r = await run.Http.PostAsync("api/layers", new StringContent("x"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, r.StatusCode);
    }

    [Fact]
    public async Task Zones_are_GeoJSON_with_the_zonal_summary()
    {
        var doc = await Json("api/zones");
        var features = doc.GetProperty("features");
        var summary = Core.Tables.CsvTable.Read(Path.Combine(run.Dir, "tables", "zonal_summary.csv"));
        Assert.Equal(summary.Rows.Count, features.GetArrayLength());
        var key = Core.Tables.CsvTable.Read(Path.Combine(run.Dir, "tables", "key_monitoring_areas.csv"));
        foreach (var f in features.EnumerateArray())
        {
            var p = f.GetProperty("properties");
            string id = p.GetProperty("id").GetString()!;
            var row = summary.Rows.Single(r => summary.Text(r, "zoneId") == id);
            Assert.Equal(summary.Double(row, "netDeltaTonnesC"), p.GetProperty("summary").GetProperty("netDeltaTonnesC").GetDouble());
            bool isKey = key.Rows.Any(r => key.Text(r, "zoneId") == id);
            Assert.Equal(isKey, p.GetProperty("keyMonitoringArea").ValueKind == JsonValueKind.Object);
            Assert.Contains(f.GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
        }
    }

    /// <summary>GDAL's WMTS driver reads the capabilities and fetches tiles (KVP and REST) of every layer.</summary>
    [Fact]
    public void GDAL_WMTS_driver_opens_the_capabilities()
    {
        TestData.RequireTool("gdalinfo");
        string url = "WMTS:" + run.App.Address + "wmts";
        string info = RunWithInput("gdalinfo", "", url);
        foreach (var l in run.Catalog.Layers)
            Assert.Contains($"{url},layer={l.Id}\n", info.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var layer = run.Catalog.Layers[0];
        string one = RunWithInput("gdalinfo", "", "-json", $"{url},layer={layer.Id}");
        var json = JsonDocument.Parse(one).RootElement;
        Assert.Contains("Pseudo-Mercator", json.GetProperty("coordinateSystem").GetProperty("wkt").GetString(), StringComparison.Ordinal);
        string png = Path.Combine(TestData.TempDir(), "wmts.tif");
        RunWithInput("gdal_translate", "", "-q", "-outsize", "64", "0", $"{url},layer={layer.Id}", png);
        string stats = RunWithInput("gdalinfo", "", "-json", "-stats", png);
        var bands = JsonDocument.Parse(stats).RootElement.GetProperty("bands");
        Assert.Equal(4, bands.GetArrayLength());
        Assert.True(bands[3].GetProperty("maximum").GetDouble() == 255, "the WMTS image holds opaque pixels of the layer");
    }

    /// <summary>Every raster the run wrote passes GDAL's Cloud-Optimized GeoTIFF validator (and its overviews, if
    /// any, equal numpy's mode or mean; tests/data/oracles/gdal/cog_check.py).</summary>
    [Fact]
    public void Every_raster_of_the_run_is_a_valid_COG()
    {
        string python = "/usr/bin/python3";
        if (!File.Exists(python)) Assert.Skip("Debian python3 with GDAL is not installed (scripts/install-deps.sh)");
        var files = Directory.GetFiles(Path.Combine(run.Dir, "rasters"), "*.tif").Concat(Directory.GetFiles(Path.Combine(run.Dir, "inputs"), "*.tif")).ToList();
        var groups = files.GroupBy(f =>
        {
            using var r = Core.Raster.GeoTiff.GeoTiffReader.Open(f);
            return r.DataType is Core.Raster.RasterDataType.Float32 or Core.Raster.RasterDataType.Float64 ? "average" : "mode";
        });
        int checkedFiles = 0;
        foreach (var g in groups)
        {
            string output = TestData.Run(python, [TestData.Repo("oracles/gdal/cog_check.py"), g.Key, .. g]);
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var r = JsonDocument.Parse(line.Replace("Infinity", "1e308", StringComparison.Ordinal)).RootElement;
                Assert.True(r.GetProperty("valid").GetBoolean(), r.GetProperty("file").GetString() + ": " + r.GetProperty("errors"));
                foreach (var m in r.GetProperty("mismatches").EnumerateArray()) Assert.Equal(0, m.GetInt32());
                checkedFiles++;
            }
        }
        Assert.Equal(files.Count, checkedFiles);
    }

    /// <summary>A layer with internal overviews is drawn from them: the catalogue finds every level.</summary>
    [Fact]
    public void Layers_read_the_internal_overviews()
    {
        string dir = TestData.TempDir();
        Directory.CreateDirectory(Path.Combine(dir, "rasters"));
        var grid = new Core.Raster.GridSpec(1000, 700, Core.Raster.GeoTransform.NorthUp(600000, 2950000, 30), Core.Raster.SpatialReferences.FromEpsg(32648));
        var px = Enumerable.Range(0, 1000 * 700).Select(i => (byte)(1 + (i % 1000 / 50 + i / 1000 / 50) % 6)).ToArray();
        Core.Raster.GeoTiff.GeoTiffWriter.WriteAll<byte>(Path.Combine(dir, "rasters", "landuse_2020.tif"), grid, Core.Raster.RasterDataType.UInt8,
            new Core.Raster.GeoTiff.GeoTiffWriteOptions { NoData = 0 }, px);
        using var catalog = RunCatalog.Open(dir);
        var layer = catalog.Layers.Single();
        Assert.Equal(new[] { 1.0, 2, 4 }, layer.Levels.Select(l => l.Factor));
        Assert.Equal(new[] { 1000, 500, 250 }, layer.Levels.Select(l => l.Reader.Grid.Width));
        var chosen = RasterLevels.Choose(layer.Levels, 5.3);
        Assert.Equal(4, chosen.Factor);
        // A tile at a low zoom, drawn from the coarsest level, holds class colours.
        var (mx, my) = WebMercator.FromLonLat((layer.Bounds[0] + layer.Bounds[2]) / 2, (layer.Bounds[1] + layer.Bounds[3]) / 2);
        int z = 9;
        double res = WebMercator.Resolution(z);
        using var bmp = SKBitmap.Decode(TileRenderer.Render(layer, z, (int)((mx + WebMercator.HalfWorld) / res / 256), (int)((WebMercator.HalfWorld - my) / res / 256)));
        Assert.Contains(bmp.Pixels, p => p.Alpha == 255);
    }

    /// <summary>The viewer is served at / (or, in a build without Node.js, a page saying it was not built), and a
    /// headless Chromium runs it against the API: the layer list, legend and county ranking appear.</summary>
    [Fact]
    public async Task The_viewer_loads_in_a_headless_browser()
    {
        using var page = await run.Http.GetAsync("", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        string html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        if (!Viewer.IsBuilt)
        {
            Assert.Contains("viewer was not built", html, StringComparison.Ordinal);
            Assert.Skip("the viewer was not built (no Node.js at build time)");
        }
        using var js = await run.Http.GetAsync("assets/app.js", TestContext.Current.CancellationToken);
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        TestData.RequireTool("chromium");
        string dom = RunWithInput("chromium", "", "--headless", "--no-sandbox", "--disable-gpu", "--use-gl=swiftshader", "--enable-unsafe-swiftshader",
            "--virtual-time-budget=30000", "--dump-dom", run.App.Address.ToString());
        Assert.Contains("data-ready=\"true\"", dom, StringComparison.Ordinal);
        Assert.Contains("data-product=\"landuse\"", dom, StringComparison.Ordinal);
        var first = run.Catalog.Layers[0];
        Assert.Contains(first.Legend.Classes[0].En, dom, StringComparison.Ordinal);
        Assert.Contains("class=\"maplibregl-canvas\"", dom, StringComparison.Ordinal);
        if (run.Catalog.Zones is not null) Assert.Contains("<th>#</th>", dom, StringComparison.Ordinal);
    }

    private static string RunWithInput(string program, string input, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardInput.Write(input);
        p.StandardInput.Close();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{program} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}
