using System.Globalization;
using System.Net;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LandCarbon.Web;

/// <summary>
/// The `landcarbon serve` web application over one run: the viewer at /, /api/layers, /api/point, /api/zones,
/// /tiles/{layer}/{z}/{x}/{y}.png and OGC WMTS at /wmts. Read-only (GET only); layers are looked up by id in
/// the catalogue, never by path; bad requests get 400/404 with a JSON body {"error": "…"}.
/// </summary>
public sealed class ServeApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RunCatalog _catalog;

    private ServeApp(WebApplication app, RunCatalog catalog)
    {
        _app = app;
        _catalog = catalog;
    }

    /// <summary>The catalogue served.</summary>
    public RunCatalog Catalog => _catalog;

    /// <summary>The address the server listens on, e.g. http://127.0.0.1:8080/ (known after <see cref="StartAsync"/>).</summary>
    public Uri Address
    {
        get
        {
            var a = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(a.EndsWith('/') ? a : a + "/");
        }
    }

    /// <summary>
    /// Builds the application for <paramref name="catalog"/> listening on <paramref name="host"/> (an IP address or
    /// "localhost") and <paramref name="port"/> (0 = a free port). Throws an <see cref="InputException"/> for a host
    /// that is not an address or a port out of range.
    /// </summary>
    public static ServeApp Create(RunCatalog catalog, string host = "127.0.0.1", int port = 8080)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(host);
        if (port is < 0 or > 65535) throw new InputException($"--port {port}: expected 0…65535 (0 = any free port).");
        bool localhost = host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
        IPAddress? ip = null;
        if (!localhost && !IPAddress.TryParse(host, out ip))
            throw new InputException($"--host {host}: expected an IP address such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface), or localhost.");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (localhost) k.ListenLocalhost(port);
            else k.Listen(ip!, port);
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var serve = new ServeApp(app, catalog);
        serve.Map(app);
        return serve;
    }

    /// <summary>Starts listening, and computes the layers' legends in the background (the report's sampling of each
    /// raster), so that the first /api/layers does not wait for all of them.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        await _app.StartAsync(ct).ConfigureAwait(false);
        _ = Task.Run(() => Parallel.ForEach(_catalog.Layers, new ParallelOptions { MaxDegreeOfParallelism = 2 }, l => _ = l.Legend), ct);
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled or the host stops (Ctrl+C), then stops cleanly.</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) => _app.WaitForShutdownAsync(ct);

    /// <summary>Stops listening.</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _renders.Dispose();
    }

    /// <summary>The bound of the rendered-tile cache: 64 MiB of PNG bytes.</summary>
    public const long TileCacheBytes = 64L << 20;

    private readonly BoundedCache<string, byte[]> _tileCache = new(TileCacheBytes, StringComparer.Ordinal);
    private readonly SemaphoreSlim _renders = new(Environment.ProcessorCount);

    private void Map(WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            ctx.Response.Headers["X-Content-Type-Options"] = "nosniff";
            if (!HttpMethods.IsGet(ctx.Request.Method))
            {
                await Error(ctx, 405, "read-only server: only GET").ConfigureAwait(false);
                return;
            }
            await next(ctx).ConfigureAwait(false);
        });
        app.MapGet("/", (HttpContext ctx) => Viewer.Serve(ctx, "index.html"));
        app.MapGet("/assets/{file}", (HttpContext ctx, string file) => Viewer.Serve(ctx, file));
        app.MapGet("/report.html", (HttpContext ctx) => Report(ctx));
        app.MapGet("/api/layers", (HttpContext ctx) => Layers(ctx));
        app.MapGet("/api/point", (HttpContext ctx) => Point(ctx));
        app.MapGet("/api/zones", (HttpContext ctx) => Zones(ctx));
        app.MapGet("/tiles/{layer}/{z}/{x}/{y}.png", (HttpContext ctx, string layer, string z, string x, string y) => Tile(ctx, layer, z, x, y));
        app.MapGet("/wmts", (HttpContext ctx) => WmtsKvp(ctx));
        app.MapGet("/wmts/{layer}/{style}/{set}/{z}/{row}/{col}.png",
            (HttpContext ctx, string layer, string style, string set, string z, string row, string col) =>
                set == Wmts.MatrixSet ? Tile(ctx, layer, z, col, row) : Error(ctx, 404, $"unknown tile matrix set '{set}'; the only one is {Wmts.MatrixSet}"));
        app.MapFallback("{*path}", (HttpContext ctx) => Error(ctx, 404, "not found; see /api/layers, /tiles/{layer}/{z}/{x}/{y}.png, /api/point?lon=&lat=, /api/zones, /wmts"));
    }

    /// <summary>Writes {"error": message} with <paramref name="status"/>.</summary>
    internal static Task Error(HttpContext ctx, int status, string message)
    {
        ctx.Response.StatusCode = status;
        return ctx.Response.WriteAsJsonAsync(new { error = message }, ServeJson.Options);
    }

    private Task Layers(HttpContext ctx)
    {
        var list = _catalog.Layers.Select(l => new
        {
            id = l.Id,
            section = l.Section,
            sectionTitle = new { en = SectionTitle(l.Section, Reporting.ReportLanguage.English), zh = SectionTitle(l.Section, Reporting.ReportLanguage.Chinese) },
            title = new { en = l.TitleEn, zh = l.TitleZh },
            kind = l.Legend.Kind,
            unit = new { en = l.Legend.Style.Unit, zh = l.StyleZh.Unit },
            legend = l.Legend.Classes.Select(c => new { value = c.Value, en = c.En, zh = c.Zh, color = c.Color }),
            breaks = l.Legend.Breaks,
            range = l.Legend.Classes.Count == 0 ? new[] { l.Legend.Min, l.Legend.Max } : null,
            year = l.Year,
            interval = l.Interval,
            bounds = l.Bounds,
            maxZoom = MaxZoomOf(l),
            tiles = $"tiles/{l.Id}/{{z}}/{{x}}/{{y}}.png",
        });
        return ctx.Response.WriteAsJsonAsync(new
        {
            region = _catalog.Region,
            report = File.Exists(Path.Combine(_catalog.Directory, "report.html")),
            zones = _catalog.Zones is not null,
            layers = list,
        }, ServeJson.Options);
    }

    private static string SectionTitle(string section, Reporting.ReportLanguage lang) =>
        section == "other" ? (lang == Reporting.ReportLanguage.Chinese ? "其他栅格" : "Other rasters") : Reporting.Labels.Get(section, lang);

    /// <summary>The zoom at which a tile pixel is a quarter of a raster pixel (deeper tiles only magnify).</summary>
    public static int MaxZoomOf(Layer l)
    {
        double lat = (l.Bounds[1] + l.Bounds[3]) / 2;
        double a = l.Transformer.IsGeographic ? Math.Abs(l.Grid.Transform.PixelWidth) * Math.PI / 180 * WebMercator.Radius
            : Math.Abs(l.Grid.Transform.PixelWidth) * l.Transformer.MetersPerUnit;
        double mercatorPixel = a / Math.Cos(lat * Math.PI / 180);
        double z = Math.Log2(WebMercator.Resolution(0) / mercatorPixel) + 2;
        return Math.Clamp((int)Math.Ceiling(z), 0, WebMercator.MaxZoom);
    }

    private Task Point(HttpContext ctx)
    {
        if (!TryDouble(ctx.Request.Query["lon"], out double lon) || !TryDouble(ctx.Request.Query["lat"], out double lat))
            return Error(ctx, 400, "lon and lat are required, in WGS84 decimal degrees (e.g. /api/point?lon=106.7&lat=26.6)");
        if (lon is < -180 or > 180 || lat is < -90 or > 90)
            return Error(ctx, 400, $"lon {lon.ToString(CultureInfo.InvariantCulture)}, lat {lat.ToString(CultureInfo.InvariantCulture)}: out of range (−180…180, −90…90)");
        if (!TrySystem(ctx, out var system)) return Error(ctx, 400, "coords: expected wgs84, gcj02 or bd09");
        (lon, lat) = ChineseCoordinates.ToWgs84(system, lon, lat);
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        var classes = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var l in _catalog.Layers)
        {
            double? v = l.ValueAt(lon, lat);
            values[l.Id] = v;
            if (v is double x && l.Legend.ClassOf(x) is { } c) classes[l.Id] = new { value = c.Value, en = c.En, zh = c.Zh, color = c.Color };
        }
        return ctx.Response.WriteAsJsonAsync(new { lon, lat, layers = values, classes, zone = _catalog.Zones?.At(lon, lat) }, ServeJson.Options);
    }

    private Task Zones(HttpContext ctx)
    {
        ctx.Response.ContentType = "application/geo+json; charset=utf-8";
        return ctx.Response.WriteAsync(_catalog.Zones?.GeoJson() ?? "{\"type\":\"FeatureCollection\",\"features\":[]}");
    }

    private Task Report(HttpContext ctx)
    {
        string p = Path.Combine(_catalog.Directory, "report.html");
        if (!File.Exists(p)) return Error(ctx, 404, "this run has no report.html; build it with landcarbon report RUN_DIR");
        ctx.Response.ContentType = "text/html; charset=utf-8";
        return ctx.Response.SendFileAsync(p);
    }

    private Task WmtsKvp(HttpContext ctx)
    {
        string Q(string key) => ctx.Request.Query.FirstOrDefault(kv => kv.Key.Equals(key, StringComparison.OrdinalIgnoreCase)).Value.ToString();
        string request = Q("REQUEST");
        if (request.Length == 0 || request.Equals("GetCapabilities", StringComparison.OrdinalIgnoreCase))
        {
            var r = ctx.Request;
            string baseUrl = $"{r.Scheme}://{r.Host}{r.PathBase}/";
            int maxZoom = _catalog.Layers.Count == 0 ? 0 : _catalog.Layers.Max(MaxZoomOf);
            ctx.Response.ContentType = "application/xml; charset=utf-8";
            return ctx.Response.WriteAsync(Wmts.Capabilities(_catalog, baseUrl, maxZoom));
        }
        if (!request.Equals("GetTile", StringComparison.OrdinalIgnoreCase))
            return Error(ctx, 400, $"REQUEST={request}: expected GetCapabilities or GetTile");
        string set = Q("TILEMATRIXSET");
        if (set.Length > 0 && set != Wmts.MatrixSet) return Error(ctx, 404, $"unknown TILEMATRIXSET '{set}'; the only one is {Wmts.MatrixSet}");
        string format = Q("FORMAT");
        if (format.Length > 0 && format != "image/png") return Error(ctx, 400, $"FORMAT={format}: only image/png");
        return Tile(ctx, Q("LAYER"), Q("TILEMATRIX"), Q("TILECOL"), Q("TILEROW"));
    }

    private async Task Tile(HttpContext ctx, string id, string zText, string xText, string yText)
    {
        if (_catalog.Find(id) is not { } layer)
        {
            await Error(ctx, 404, $"unknown layer '{id}'; the layers are listed at /api/layers").ConfigureAwait(false);
            return;
        }
        if (!int.TryParse(zText, NumberStyles.None, CultureInfo.InvariantCulture, out int z)
            || !long.TryParse(xText, NumberStyles.None, CultureInfo.InvariantCulture, out long x)
            || !long.TryParse(yText, NumberStyles.None, CultureInfo.InvariantCulture, out long y)
            || !WebMercator.IsValidTile(z, x, y))
        {
            await Error(ctx, 400, $"tile {zText}/{xText}/{yText}: expected 0 ≤ z ≤ {WebMercator.MaxZoom} and 0 ≤ x, y < 2^z").ConfigureAwait(false);
            return;
        }
        if (!TrySystem(ctx, out var system))
        {
            await Error(ctx, 400, "coords: expected wgs84, gcj02 or bd09").ConfigureAwait(false);
            return;
        }
        string key = string.Create(CultureInfo.InvariantCulture, $"{layer.Id}/{layer.Version}/{system}/{z}/{x}/{y}");
        string etag = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)).AsSpan(0, 12)) + "\"";
        ctx.Response.Headers.ETag = etag;
        ctx.Response.Headers.CacheControl = "no-cache";
        if (ctx.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
        {
            ctx.Response.StatusCode = 304;
            return;
        }
        if (!_tileCache.TryGet(key, out var png))
        {
            // At most one render per core at a time, the others wait in turn (a render is CPU work from start to end):
            // a tile's time is then its wait plus its own work instead of its work stretched over every render in
            // progress, and the renders in progress hold fewer buffers.
            await _renders.WaitAsync(ctx.RequestAborted).ConfigureAwait(false);
            try
            {
                if (!_tileCache.TryGet(key, out png))   // rendered meanwhile by a request for the same tile
                {
                    png = TileRenderer.Render(layer, z, (int)x, (int)y, system);
                    png = _tileCache.Add(key, png, png.Length + 2 * key.Length + 64);
                }
            }
            finally
            {
                _renders.Release();
            }
        }
        ctx.Response.ContentType = "image/png";
        ctx.Response.ContentLength = png.Length;
        await ctx.Response.Body.WriteAsync(png).ConfigureAwait(false);
    }

    private static bool TrySystem(HttpContext ctx, out LonLatSystem system)
    {
        system = LonLatSystem.Wgs84;
        string s = ctx.Request.Query["coords"].ToString();
        if (s.Length == 0) return true;
        try
        {
            system = ChineseCoordinates.Parse(s);
            return true;
        }
        catch (InputException)
        {
            return false;
        }
    }

    private static bool TryDouble(Microsoft.Extensions.Primitives.StringValues v, out double x) =>
        double.TryParse(v.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out x) && double.IsFinite(x);
}
