using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using LandCarbon.Core.SpatialStatistics;

namespace LandCarbon.Cli.Commands.Spatial;

/// <summary>`landcarbon spatial moran GRID.tif`: global Moran's I with normality, randomisation and permutation inference.</summary>
internal static class MoranCommand
{
    /// <summary>The --json document (keys fixed by the CLI contract).</summary>
    internal sealed record Report(
        [property: JsonPropertyName("n")] int N,
        [property: JsonPropertyName("I")] double I,
        [property: JsonPropertyName("expectedI")] double ExpectedI,
        [property: JsonPropertyName("varianceNormal")] double VarianceNormal,
        [property: JsonPropertyName("varianceRandomization")] double VarianceRandomization,
        [property: JsonPropertyName("zNormal")] double ZNormal,
        [property: JsonPropertyName("zRandomization")] double ZRandomization,
        [property: JsonPropertyName("pNormal")] double PNormal,
        [property: JsonPropertyName("pRandomization")] double PRandomization,
        [property: JsonPropertyName("pPermutation")] double? PPermutation);

    public static Command Create()
    {
        var o = new SpatialOptions();
        var alternative = new Option<string>("--alternative")
        {
            Description = "greater (default, as spdep moran.test), less or two-sided.",
            DefaultValueFactory = _ => "greater",
        };
        var cmd = new DocumentedCommand("moran", "Global Moran's I of a grid (queen/rook contiguity): I, E[I], variances, z and p under " +
            "normality and randomisation, and a seeded permutation pseudo-p.", ["methods/spatial-statistics.md"]);
        o.AddTo(cmd);
        cmd.Options.Add(alternative);
        CliAction.Set(cmd, (pr, ct) =>
        {
            var alt = pr.GetValue(alternative)?.ToLowerInvariant() switch
            {
                "greater" => Alternative.Greater,
                "less" => Alternative.Less,
                "two-sided" => Alternative.TwoSided,
                var s => throw new LandCarbon.Core.Models.InputException($"--alternative '{s}' is not known; expected greater, less or two-sided."),
            };
            var (_, values, w) = o.Load(pr, ct);
            var r = MoranI.Compute(w.Compact(values), w, new MoranIOptions
            {
                Permutations = o.PermutationsOf(pr), Seed = pr.GetValue(o.Seed), Alternative = alt,
                MaxDegreeOfParallelism = pr.GetValue(o.Threads),
            });
            var report = new Report(r.N, r.I, r.ExpectedI, r.VarianceNormal, r.VarianceRandomization, r.ZNormal, r.ZRandomization,
                r.PNormal, r.PRandomization, r.PPermutation);
            if (pr.GetValue(o.Json)) CliAction.WriteJson(report);
            else Console.Out.Write(Format(r));
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    private static string Format(MoranIResult r)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(ci, $"Moran's I:         {r.I:R}");
        sb.AppendLine(ci, $"n (with neighbours): {r.N}{(r.Islands > 0 ? $" ({r.Islands} neighbourless cells left out of n)" : "")}");
        sb.AppendLine(ci, $"E[I]:              {r.ExpectedI:R}");
        sb.AppendLine(ci, $"Normality:         var {r.VarianceNormal:R}, z {r.ZNormal:F4}, p {r.PNormal:G4}");
        sb.AppendLine(ci, $"Randomisation:     var {r.VarianceRandomization:R}, z {r.ZRandomization:F4}, p {r.PRandomization:G4}");
        if (r.PPermutation is double p)
            sb.AppendLine(ci, $"Permutations:      {r.Permutations}, pseudo-p {p:G4} (mean I {r.PermutationMean:G6})");
        sb.AppendLine(ci, $"Alternative:       {r.Alternative}");
        return sb.ToString();
    }
}
