using System.CommandLine;
using System.Globalization;
using LandCarbon.Core.Models;
using LandCarbon.Core.SpatialStatistics;

namespace LandCarbon.Cli.Commands.Spatial;

/// <summary>`landcarbon spatial lisa GRID.tif --out DIR`: local Moran's I with conditional-permutation clusters.</summary>
internal static class LisaCommand
{
    /// <summary>The --json summary.</summary>
    internal sealed record Summary(int N, int Permutations, long Seed, double SignificanceCutoff, bool FalseDiscoveryRate,
        IReadOnlyDictionary<string, int> Clusters, IReadOnlyList<string> Files);

    /// <summary>Runs <paramref name="write"/> on <paramref name="path"/> and returns the path.</summary>
    internal static string Written(string path, Action<string> write)
    {
        write(path);
        return path;
    }

    public static Command Create()
    {
        var o = new SpatialOptions();
        var output = new Option<string>("--out") { Description = "Output folder (created).", Required = true };
        var alpha = new Option<double>("--alpha") { Description = "Significance level of the cluster classes.", DefaultValueFactory = _ => 0.05 };
        var fdr = new Option<bool>("--fdr") { Description = "Use the Benjamini–Hochberg false discovery rate cut-off at --alpha." };
        var cmd = new DocumentedCommand("lisa", "Local Moran's I (LISA) of a grid: I_i, E, Var, z (spdep localmoran), conditional-permutation " +
            "pseudo-p and HH/LL/LH/HL clusters; writes lisa_*.tif and lisa.csv.", ["methods/spatial-statistics.md"]);
        o.AddTo(cmd);
        cmd.Options.Add(output);
        cmd.Options.Add(alpha);
        cmd.Options.Add(fdr);
        CliAction.Set(cmd, (pr, ct) =>
        {
            double a = pr.GetValue(alpha);
            if (!(a > 0 && a < 1)) throw new InputException($"--alpha must be between 0 and 1, got {a}.");
            string dir = Path.GetFullPath(pr.GetValue(output)!);
            var (grid, values, w) = o.Load(pr, ct);
            Directory.CreateDirectory(dir);
            var x = w.Compact(values);
            var r = LocalMoranI.Compute(x, w, new LocalMoranIOptions
            {
                Permutations = o.PermutationsOf(pr), Seed = pr.GetValue(o.Seed), SignificanceLevel = a,
                FalseDiscoveryRate = pr.GetValue(fdr), MaxDegreeOfParallelism = pr.GetValue(o.Threads),
            });
            var p = r.PseudoP ?? r.PNormal;
            var files = new List<string>
            {
                SpatialOutputs.WriteFloat(dir, "lisa_ii", grid, w, r.Ii, "local Moran I_i"),
                SpatialOutputs.WriteFloat(dir, "lisa_z", grid, w, r.ZI, "local Moran z (conditional randomisation)"),
                SpatialOutputs.WriteFloat(dir, "lisa_p", grid, w, p, r.PseudoP is null ? "normal p (two-sided)" : "folded pseudo-p"),
                Written(Path.Combine(dir, "lisa_cluster.tif"), f => SpatialRasters.WriteLisaClusters(f, grid, w, r.Cluster)),
                SpatialOutputs.WriteTable(dir, "lisa", grid, w,
                [
                    ("value", i => x[i]), ("Ii", i => r.Ii[i]), ("E", i => r.ExpectedI[i]), ("Var", i => r.VarianceI[i]),
                    ("Z", i => r.ZI[i]), ("pNormal", i => r.PNormal[i]), ("pseudoP", i => r.PseudoP?[i]),
                    ("cluster", i => SpatialRasters.Label(r.Cluster[i])),
                ]),
            };
            var counts = Enum.GetValues<LisaCluster>().ToDictionary(SpatialRasters.Label, c => r.Cluster.Count(v => v == c));
            var summary = new Summary(r.N, r.Permutations, pr.GetValue(o.Seed), r.SignificanceCutoff, pr.GetValue(fdr), counts, files);
            if (pr.GetValue(o.Json)) CliAction.WriteJson(summary);
            else
            {
                var ci = CultureInfo.InvariantCulture;
                Console.Out.WriteLine(string.Create(ci, $"LISA on {r.N} cells, {r.Permutations} permutations, p ≤ {r.SignificanceCutoff:G4}"));
                foreach (var kv in counts) Console.Out.WriteLine(string.Create(ci, $"  {kv.Key,-14} {kv.Value,10}"));
                foreach (var f in files) Console.Out.WriteLine("wrote " + f);
            }
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }
}
