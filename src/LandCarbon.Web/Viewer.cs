using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace LandCarbon.Web;

/// <summary>
/// The web viewer's files, embedded in this assembly when the build had Node.js (resources named
/// "viewer/FILE"); without them / explains that the viewer was not built, while the API and tiles still work.
/// Files are found by exact name among the embedded ones, so a request cannot name anything else.
/// </summary>
public static class Viewer
{
    private const string Prefix = "viewer/";
    private static readonly Assembly Self = typeof(Viewer).Assembly;
    private static readonly HashSet<string> Files = [.. Self.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..])];

    /// <summary>True when the build embedded the viewer.</summary>
    public static bool IsBuilt => Files.Contains("index.html");

    /// <summary>The page shown at / when the viewer was not built.</summary>
    public const string NotBuiltPage = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>LandCarbon serve</title></head>
        <body style="font-family:sans-serif;max-width:46em;margin:2em auto">
        <h1>The LandCarbon viewer was not built</h1>
        <p>This build of landcarbon was made without Node.js, so the interactive map is missing. Install Node.js (20 or
        later) and rebuild (<code>dotnet build</code>) to get it. The server works without it:</p>
        <ul><li><a href="api/layers">api/layers</a> — the layers, legends and tile URLs</li>
        <li>tiles/{layer}/{z}/{x}/{y}.png — Web Mercator tiles</li>
        <li>api/point?lon=…&amp;lat=… — every layer's value at a point</li>
        <li><a href="api/zones">api/zones</a> — zones with the zonal summary (GeoJSON)</li>
        <li><a href="wmts">wmts</a> — OGC WMTS capabilities for QGIS or GDAL</li>
        <li><a href="report.html">report.html</a></li></ul></body></html>
        """;

    /// <summary>Writes the embedded file <paramref name="name"/>, or 404.</summary>
    public static async Task Serve(HttpContext ctx, string name)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (name == "index.html" && !IsBuilt)
        {
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync(NotBuiltPage).ConfigureAwait(false);
            return;
        }
        if (!Files.Contains(name))
        {
            await ServeApp.Error(ctx, 404, $"no viewer file '{name}'").ConfigureAwait(false);
            return;
        }
        ctx.Response.ContentType = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".json" => "application/json",
            ".png" => "image/png",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        await using var s = Self.GetManifestResourceStream(Prefix + name)!;
        await s.CopyToAsync(ctx.Response.Body).ConfigureAwait(false);
    }
}
