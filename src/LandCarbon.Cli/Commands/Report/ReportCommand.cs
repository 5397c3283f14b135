using System.CommandLine;
using LandCarbon.Core.Models;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Reporting;
using LandCarbon.Reporting.Html;

namespace LandCarbon.Cli.Commands.Report;

/// <summary>`landcarbon report RUN_DIR [--lang en|zh]`: rebuilds report.html from a run folder.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("RUN_DIR") { Description = "A run folder (run.json, tables/, rasters/)." };
        var lang = new Option<string>("--lang") { Description = "Label language: en (default) or zh.", DefaultValueFactory = _ => "en" };
        var profile = new Option<bool>("--profile") { Description = "Print the time spent reading and drawing every figure to stderr." };
        var cmd = new DocumentedCommand("report", "Rebuild report.html (self-contained: maps, charts, tables, checks) from a finished run folder.", ["report.md"])
        {
            dir, lang, profile,
        };
        CliAction.Set(cmd, (pr, ct) =>
        {
            string path = Build(pr.GetValue(dir)!, pr.GetValue(lang), pr.GetValue(profile) ? line => Console.Error.WriteLine("report: " + line) : null);
            Console.Out.WriteLine(path);
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    /// <summary>Writes RUN_DIR/report.html and returns its path.</summary>
    internal static string Build(string runDir, string? language, Action<string>? log = null)
    {
        if (!Directory.Exists(runDir)) throw new InputException($"{runDir}: the run folder does not exist.");
        ReportLanguage lang;
        try
        {
            lang = Labels.Parse(language);
        }
        catch (ArgumentException e)
        {
            throw new InputException("--lang: " + e.Message, e);
        }
        string path = "";
        StageProgress.Run("report", p => path = ReportBuilder.Build(runDir, new ReportOptions { Language = lang, OpenRaster = GeoTiffReader.Open, Progress = p, Log = log }));
        return path;
    }
}
