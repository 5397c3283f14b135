using System.CommandLine;
using LandCarbon.Web;

namespace LandCarbon.Cli.Commands.Serve;

/// <summary>`landcarbon serve RUN_DIR [--port 8080] [--host 127.0.0.1]`: the interactive web map of a run.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("RUN_DIR") { Description = "A run folder (run.json, rasters/, tables/)." };
        var port = new Option<int>("--port") { Description = "TCP port (0 = any free port).", DefaultValueFactory = _ => 8080 };
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on: 127.0.0.1 (default, this machine only), 0.0.0.0 (every interface) or another IP.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var cmd = new DocumentedCommand("serve",
            "Serve a run as an interactive web map (viewer at /), Web Mercator PNG tiles, point and zone queries, and OGC WMTS " +
            "for QGIS or GIS platforms. Read-only; Ctrl+C stops.", ["serve.md"],
            "Endpoints: the viewer at /, /api/layers, /tiles/{layer}/{z}/{x}/{y}.png, /api/point, /api/zones, OGC WMTS at /wmts.")
        {
            dir, port, host,
        };
        CliAction.Set(cmd, async (pr, ct) =>
        {
            using var catalog = RunCatalog.Open(pr.GetValue(dir)!);
            foreach (var w in catalog.Warnings) await Console.Error.WriteLineAsync("warning: " + w);
            await using var app = ServeApp.Create(catalog, pr.GetValue(host)!, pr.GetValue(port));
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException e)
            {
                throw new Core.Models.InputException($"cannot listen on {pr.GetValue(host)}:{pr.GetValue(port)} ({e.Message}); choose another --port.", e);
            }
            await Console.Out.WriteLineAsync($"Serving {catalog.Directory} ({catalog.Layers.Count} layers) at {app.Address}");
            if (!Viewer.IsBuilt) await Console.Out.WriteLineAsync("The viewer was not built (no Node.js at build time); the API, tiles and WMTS work.");
            await Console.Out.WriteLineAsync($"WMTS capabilities: {app.Address}wmts   Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(ct);
            await Console.Out.WriteLineAsync("stopped");
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
