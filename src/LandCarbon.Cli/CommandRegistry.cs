using System.CommandLine;

namespace LandCarbon.Cli;

/// <summary>Every `landcarbon` command, listed once. Each command lives in its own file under Commands/ and declares
/// its name, summary and method pages there (<see cref="DocumentedCommand"/>); docs/cli.md is generated from this
/// tree (<see cref="CliDocs"/>).</summary>
internal static class CommandRegistry
{
    /// <summary>Builds the root command with all subcommands.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "LandCarbon: pixel-level carbon budget accounting from multi-year land-use rasters, POIs and statistics. " +
            "Docs: docs/ in the repository.");
        foreach (var group in Groups())
            root.Subcommands.Add(group);
        return root;
    }

    /// <summary>The top-level commands and command groups.</summary>
    public static IEnumerable<Command> Groups()
    {
        yield return Commands.Init.InitCommand.Create();
        yield return Commands.Run.RunCommand.Create();
        yield return Commands.Simulate.SimulateCommand.Create();
        yield return Commands.Demo.DemoCommand.Create();
        yield return Commands.Report.ReportCommand.Create();
        yield return Commands.Serve.ServeCommand.Create();
        yield return Group("regress", "Regression models (quantile regression as R quantreg).",
            Commands.Regression.QuantileCommand.Create());
        yield return Group("raster", "Inspect GeoTIFF rasters.", Commands.Raster.RasterInfoCommand.Create());
        yield return Group("poi", "POI ingestion, function mapping, kernel density and the construction-land POI factor.", Commands.Poi.PoiDensityCommand.Create());
        yield return Group("lucc", "Land-use change: transition matrices.", Commands.Lucc.LuccTransitionsCommand.Create());
        yield return Group("risk", "Carbon risk early warning: threshold methods, accuracy, zonal summaries, key monitoring areas.", Commands.Risk.RiskGradeCommand.Create());
        yield return Group("spatial", "Spatial association: Moran's I, LISA, Getis-Ord Gi*.", Commands.Spatial.MoranCommand.Create(),
            Commands.Spatial.LisaCommand.Create(), Commands.Spatial.GiStarCommand.Create());
    }

    private static Command Group(string name, string description, params Command[] children)
    {
        var g = new DocumentedCommand(name, description, []);
        foreach (var c in children) g.Subcommands.Add(c);
        return g;
    }

    /// <summary>Parses and runs; returns the process exit code (0 ok, 1 runtime failure, 2 bad usage or input).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) await Console.Error.WriteLineAsync("error: " + e.Message);
            await Console.Error.WriteLineAsync("Run 'landcarbon --help' for usage.");
            return ExitCodes.BadInput;
        }
        return await parse.InvokeAsync();
    }
}
