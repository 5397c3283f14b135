using System.CommandLine;
using System.Globalization;
using LandCarbon.Core.SpatialStatistics;

namespace LandCarbon.Cli.Commands.Spatial;

/// <summary>`landcarbon spatial gistar GRID.tif --out DIR`: Getis-Ord Gi* hot and cold spots.</summary>
internal static class GiStarCommand
{
    /// <summary>The --json summary: cells per Gi_Bin (−3…3).</summary>
    internal sealed record Summary(int N, IReadOnlyDictionary<string, int> Bins, IReadOnlyList<string> Files);

    public static Command Create()
    {
        var o = new SpatialOptions();
        o.Style.DefaultValueFactory = _ => "B";
        var output = new Option<string>("--out") { Description = "Output folder (created).", Required = true };
        var band = new Option<double?>("--band-m")
        {
            Description = "Fixed distance band in metres between cell centres (0 < d ≤ band; METHOD-SPEC default 3000, as `landcarbon run`), instead of --weights contiguity.",
        };
        var fdr = new Option<bool>("--fdr") { Description = "Bins from Benjamini–Hochberg adjusted p-values (false discovery rate control), as spatial.fdr." };
        var cmd = new DocumentedCommand("gistar", "Getis-Ord Gi* of a grid (spdep localG with self included): z, p and ArcGIS Gi_Bin " +
            "(±1/±2/±3 at 90/95/99 %); writes gistar_*.tif and gistar.csv.", ["methods/spatial-statistics.md"]);
        o.AddTo(cmd, withPermutations: false);
        cmd.Options.Add(output);
        cmd.Options.Add(band);
        cmd.Options.Add(fdr);
        CliAction.Set(cmd, (pr, ct) =>
        {
            string dir = Path.GetFullPath(pr.GetValue(output)!);
            var (grid, values, w) = o.Load(pr, ct);
            Directory.CreateDirectory(dir);
            var x = w.Compact(values);
            // The same Core function as the spatial stage of `landcarbon run`.
            var weighting = pr.GetValue(band) is not null ? GiStarWeighting.DistanceBand
                : o.RuleOf(pr) == ContiguityRule.Rook ? GiStarWeighting.Rook : GiStarWeighting.Queen;
            var r = FishnetGiStar.Compute(grid, w, x, weighting, pr.GetValue(band) ?? 0, pr.GetValue(fdr), pr.GetValue(o.Threads),
                "--band-m", o.StyleOf(pr));
            var files = new List<string>
            {
                SpatialOutputs.WriteFloat(dir, "gistar_z", grid, w, r.Z, "Getis-Ord Gi* z"),
                SpatialOutputs.WriteFloat(dir, "gistar_p", grid, w, r.PFalseDiscoveryRate ?? r.P,
                    r.PFalseDiscoveryRate is null ? "Gi* p (two-sided)" : "Gi* p (two-sided, Benjamini–Hochberg adjusted)"),
                LisaCommand.Written(Path.Combine(dir, "gistar_bin.tif"), f => SpatialRasters.WriteGiBins(f, grid, w, r.Bin)),
                SpatialOutputs.WriteTable(dir, "gistar", grid, w, r.PFalseDiscoveryRate is { } padj
                    ? [("value", i => x[i]), ("z", i => r.Z[i]), ("p", i => r.P[i]), ("p_fdr", i => padj[i]), ("bin", i => (int)r.Bin[i])]
                    : [("value", i => x[i]), ("z", i => r.Z[i]), ("p", i => r.P[i]), ("bin", i => (int)r.Bin[i])]),
            };
            var bins = Enumerable.Range(-3, 7).ToDictionary(b => b.ToString(CultureInfo.InvariantCulture), b => r.Bin.Count(v => v == b));
            if (pr.GetValue(o.Json)) CliAction.WriteJson(new Summary(r.N, bins, files));
            else
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Gi* on {r.N} cells; cells per Gi_Bin:"));
                foreach (var kv in bins) Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kv.Key,3} {kv.Value,10}"));
                foreach (var f in files) Console.Out.WriteLine("wrote " + f);
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }
}
