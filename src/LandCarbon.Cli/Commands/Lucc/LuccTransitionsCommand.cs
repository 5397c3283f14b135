using System.CommandLine;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Models;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Tables;

namespace LandCarbon.Cli.Commands.Lucc;

/// <summary>`landcarbon lucc transitions FROM.tif TO.tif [--json] [--out FILE.csv]`: the transition matrix.</summary>
internal static class LuccTransitionsCommand
{
    public static Command Create()
    {
        var fromArg = new Argument<FileInfo>("FROM") { Description = "Land-use raster of the first year (integer class codes)." };
        var toArg = new Argument<FileInfo>("TO") { Description = "Land-use raster of the second year, on the same grid." };
        var outOpt = new Option<FileInfo?>("--out") { Description = "Also write the matrix as CSV: from,to,pixels,areaKm2." };
        var areaOpt = CommonOptions.FromStudyKey<string>("--area-model", "accounting.areaModel");
        areaOpt.AcceptOnlyFromAmong("true", "nominal");
        var common = new CommonOptions();
        var cmd = new DocumentedCommand("transitions",
            "Count pixels for every (from, to) class pair over pixels valid in both rasters; areas in km² (true ground areas by default).",
            ["methods/change-analysis.md"], "The same entry point as the run's transition tables.");
        cmd.Arguments.Add(fromArg);
        cmd.Arguments.Add(toArg);
        cmd.Options.Add(outOpt);
        cmd.Options.Add(areaOpt);
        common.AddTo(cmd);
        CliAction.Set(cmd, (pr, ct) =>
        {
            var profileStart = ActivityProfile.Enabled ? ActivityProfile.Take() : null;
            using var from = GeoTiffReader.Open(pr.GetValue(fromArg)!.FullName);
            using var to = GeoTiffReader.Open(pr.GetValue(toArg)!.FullName);
            var model = pr.GetValue(areaOpt) == "nominal" ? AreaModel.Nominal : AreaModel.True;
            var m = TransitionCounter.Count(from, to, common.TileOptions(pr, ct), PixelAreas.For(from.Grid, model, from.Path));
            if (pr.GetValue(outOpt) is FileInfo csv) m.ToTable().Save(csv.FullName);
            if (pr.GetValue(common.Json))
            {
                CliAction.WriteJson(new
                {
                    classes = m.Classes,
                    counts = m.Counts,
                    areaKm2 = m.AreaKm2,
                    pixelsCounted = m.PixelsCounted,
                    pixelsExcluded = m.PixelsExcluded,
                    areaModel = m.AreaModel,
                });
            }
            else
            {
                Print(m, from.Path, to.Path);
            }
            if (profileStart is not null) Console.Error.WriteLine($"transitions: profile {ActivityProfile.Take().Since(profileStart).Describe()}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    private static void Print(TransitionMatrix m, string from, string to)
    {
        Console.WriteLine($"Transitions {Path.GetFileName(from)} → {Path.GetFileName(to)} (pixels; rows = from, columns = to)");
        Console.WriteLine("from\\to\t" + string.Join('\t', m.Classes));
        for (int i = 0; i < m.Classes.Count; i++)
            Console.WriteLine(m.Classes[i] + "\t" + string.Join('\t', m.Counts[i]));
        Console.WriteLine($"pixels counted: {m.PixelsCounted:N0}; excluded (nodata in either year): {m.PixelsExcluded:N0}; area counted {m.TotalAreaKm2:0.######} km²");
        Console.WriteLine($"area model: {m.AreaModel}");
    }
}
