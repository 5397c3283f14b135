using System.CommandLine;
using LandCarbon.Core.LandUseChange;
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
        var common = new CommonOptions();
        var cmd = new Command("transitions",
            "Count pixels for every (from, to) class pair over pixels valid in both rasters; areas in km² from the geotransform.");
        cmd.Arguments.Add(fromArg);
        cmd.Arguments.Add(toArg);
        cmd.Options.Add(outOpt);
        common.AddTo(cmd);
        CliAction.Set(cmd, (pr, ct) =>
        {
            using var from = GeoTiffReader.Open(pr.GetValue(fromArg)!.FullName);
            using var to = GeoTiffReader.Open(pr.GetValue(toArg)!.FullName);
            var m = TransitionCounter.Count(from, to, common.TileOptions(pr, ct));
            if (pr.GetValue(outOpt) is FileInfo csv) Table(m).Save(csv.FullName);
            if (pr.GetValue(common.Json))
            {
                CliAction.WriteJson(new
                {
                    classes = m.Classes,
                    counts = m.Counts,
                    areaKm2 = m.AreaKm2,
                    pixelsCounted = m.PixelsCounted,
                    pixelsExcluded = m.PixelsExcluded,
                });
            }
            else
            {
                Print(m, from.Path, to.Path);
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    /// <summary>The matrix in long form, one row per pair present.</summary>
    internal static CsvWriter Table(TransitionMatrix m)
    {
        var w = new CsvWriter("from", "to", "pixels", "areaKm2");
        for (int i = 0; i < m.Classes.Count; i++)
            for (int j = 0; j < m.Classes.Count; j++)
                if (m.Counts[i][j] > 0) w.Row(m.Classes[i], m.Classes[j], m.Counts[i][j], m.Counts[i][j] * m.PixelAreaKm2);
        return w;
    }

    private static void Print(TransitionMatrix m, string from, string to)
    {
        Console.WriteLine($"Transitions {Path.GetFileName(from)} → {Path.GetFileName(to)} (pixels; rows = from, columns = to)");
        Console.WriteLine("from\\to\t" + string.Join('\t', m.Classes));
        for (int i = 0; i < m.Classes.Count; i++)
            Console.WriteLine(m.Classes[i] + "\t" + string.Join('\t', m.Counts[i]));
        Console.WriteLine($"pixels counted: {m.PixelsCounted:N0}; excluded (nodata in either year): {m.PixelsExcluded:N0}; pixel area {m.PixelAreaKm2 * 1e6:0.###} m²");
    }
}
