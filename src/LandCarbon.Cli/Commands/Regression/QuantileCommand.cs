using System.CommandLine;
using System.Globalization;
using System.Text.Json.Serialization;
using LandCarbon.Core.Models;
using LandCarbon.Core.Regression;
using LandCarbon.Core.Tables;

namespace LandCarbon.Cli.Commands.Regression;

/// <summary>
/// `landcarbon regress quantile DATA.csv --y COL --x A,B --tau 0.1,0.5,0.9 [--se rank|iid|nid|ker|boot]
/// [--method br|fn|pfn] [--seed N] [--json]`: linear quantile regression at several τ, as R quantreg.
/// </summary>
internal static class QuantileCommand
{
    /// <summary>The --json document.</summary>
    internal sealed record Document(
        int N, string Method, string Se, IReadOnlyList<FitDoc> Fits,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SlopeDoc? SlopeEquality);

    /// <summary>One τ.</summary>
    internal sealed record FitDoc(double Tau, double PseudoR1, IReadOnlyList<CoefDoc> Coefficients);

    /// <summary>One coefficient; parts that the inference does not give are null.</summary>
    internal sealed record CoefDoc(string Term, double Estimate, double? StdError, double? TValue, double? PValue,
        double? CiLower, double? CiUpper);

    /// <summary>The joint slope-equality Wald test.</summary>
    internal sealed record SlopeDoc(double Statistic, int Df1, int Df2, double PValue);

    public static Command Create()
    {
        var data = new Argument<string>("DATA.csv") { Description = "CSV with a header row; numeric columns (empty, NA, NaN = missing: the row is dropped)." };
        var y = new Option<string>("--y") { Description = "Response column.", Required = true };
        var x = new Option<string>("--x") { Description = "Regressor columns, comma-separated (an intercept is added).", Required = true };
        var tau = new Option<string>("--tau") { Description = "Quantiles in (0, 1), comma-separated.", DefaultValueFactory = _ => "0.1,0.25,0.5,0.75,0.9" };
        var se = new Option<string?>("--se") { Description = "Inference as quantreg summary.rq: rank, iid, nid, ker, boot (or none). Default: rank if n < 1001, else nid." };
        var method = new Option<string>("--method") { Description = "Solver: br (Barrodale–Roberts simplex), fn (Frisch–Newton interior point, for large n) or pfn (fn with Portnoy–Koenker preprocessing, for n of 10⁵ and more; seeded by --seed).", DefaultValueFactory = _ => "br" };
        var seed = CommonOptions.Seed("Seed of the bootstrap and of the pfn subsample.");
        var reps = new Option<int>("--replicates") { Description = "Bootstrap replicates (se = boot).", DefaultValueFactory = _ => 200 };
        var common = new CommonOptions();
        var cmd = new DocumentedCommand("quantile", "Linear quantile regression at several quantiles with quantreg's inference, the slope-equality test and OLS.",
            ["methods/quantile-regression.md"])
        {
            data, y, x, tau, se, method, seed, reps, common.Json,
        };
        CliAction.Set(cmd, (pr, ct) =>
        {
            var xs = pr.GetValue(x)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var taus = ParseTaus(pr.GetValue(tau)!);
            var options = new QuantileRegressionOptions
            {
                Method = ParseMethod(pr.GetValue(method)!),
                Inference = pr.GetValue(se) is { } s ? ParseSe(s) : null,
                Seed = pr.GetValue(seed) is long sd and >= int.MinValue and <= int.MaxValue ? (int)sd : throw new InputException($"--seed {pr.GetValue(seed)}: expected a whole number between {int.MinValue} and {int.MaxValue}."),
                BootstrapReplicates = pr.GetValue(reps),
            };
            string yName = pr.GetValue(y)!;
            var table = NumericCsvReader.Read(pr.GetValue(data)!, [yName, .. xs]);
            var result = QuantileRegression.Fit(table.Columns.Skip(1).ToArray(), xs, table.Columns[0], taus, options);
            if (pr.GetValue(common.Json)) CliAction.WriteJson(ToDocument(result));
            else Console.Out.Write(Format(result, yName));
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    internal static double[] ParseTaus(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var taus = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out taus[i]))
                throw new InputException($"--tau: '{parts[i]}' is not a number; expected quantiles in (0, 1) such as 0.1,0.5,0.9.");
        return taus;
    }

    internal static QuantileRegressionMethod ParseMethod(string s) => s.ToLowerInvariant() switch
    {
        "br" => QuantileRegressionMethod.BarrodaleRoberts,
        "fn" => QuantileRegressionMethod.FrischNewton,
        "pfn" => QuantileRegressionMethod.PortnoyKoenker,
        _ => throw new InputException($"--method: '{s}' is not a method; expected br, fn or pfn."),
    };

    internal static QuantileInference ParseSe(string s) => s.ToLowerInvariant() switch
    {
        "rank" => QuantileInference.Rank,
        "iid" => QuantileInference.Iid,
        "nid" => QuantileInference.Nid,
        "ker" => QuantileInference.Ker,
        "boot" => QuantileInference.Boot,
        "none" => QuantileInference.None,
        _ => throw new InputException($"--se: '{s}' is not an inference; expected rank, iid, nid, ker, boot or none."),
    };

    internal static string MethodName(QuantileRegressionMethod m) => m switch
    {
        QuantileRegressionMethod.FrischNewton => "fn",
        QuantileRegressionMethod.PortnoyKoenker => "pfn",
        _ => "br",
    };

    private static double? OrNull(double v) => double.IsFinite(v) ? v : null;

    internal static Document ToDocument(QuantileRegressionResult r) => new(
        r.N, MethodName(r.Method), r.Inference.ToString().ToLowerInvariant(),
        r.Fits.Select(f => new FitDoc(f.Tau, f.PseudoR1, f.Coefficients.Select(c => new CoefDoc(
            c.Term, c.Estimate, OrNull(c.StdError), OrNull(c.TValue), OrNull(c.PValue), OrNull(c.CiLower), OrNull(c.CiUpper))).ToList())).ToList(),
        r.SlopeEquality is { } s ? new SlopeDoc(s.Statistic, s.Df1, s.Df2, s.PValue) : null);

    private static string Format(QuantileRegressionResult r, string yName)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        string dropped = r.DroppedRows > 0 ? string.Create(ci, $" ({r.DroppedRows:N0} rows with missing values dropped)") : "";
        sb.AppendLine(ci, $"Quantile regression of {yName} on {string.Join(", ", r.Terms.Skip(1))}: n = {r.N:N0}{dropped}, method = {MethodName(r.Method)}, se = {r.Inference.ToString().ToLowerInvariant()}");
        int w = Math.Max(11, r.Terms.Max(t => t.Length) + 1);
        string Num(double v) => double.IsNaN(v) ? "" : double.IsInfinity(v) ? (v > 0 ? "Inf" : "-Inf") : v.ToString("G6", ci);
        void Block(string title, IReadOnlyList<RegressionCoefficient> coefs)
        {
            sb.AppendLine();
            sb.AppendLine(title);
            sb.AppendLine(ci, $"  {"term".PadRight(w)} {"estimate",12} {"std.error",12} {"t",10} {"p",10} {"ci.lower",12} {"ci.upper",12}");
            foreach (var c in coefs)
                sb.AppendLine(ci, $"  {c.Term.PadRight(w)} {Num(c.Estimate),12} {Num(c.StdError),12} {Num(c.TValue),10} {Num(c.PValue),10} {Num(c.CiLower),12} {Num(c.CiUpper),12}");
        }
        foreach (var f in r.Fits)
            Block($"tau = {f.Tau.ToString("G6", ci)}   pseudo-R1 = {f.PseudoR1.ToString("F4", ci)}{(f.NonUnique ? "   (solution may be non-unique)" : "")}", f.Coefficients);
        Block($"OLS   R2 = {r.Ols.RSquared.ToString("F4", ci)}", r.Ols.Coefficients);
        if (r.SlopeEquality is { } s)
        {
            sb.AppendLine();
            sb.AppendLine(ci, $"Equality of slopes across tau (Wald, nid): F = {s.Statistic.ToString("G6", ci)}, df = ({s.Df1}, {s.Df2}), p = {s.PValue.ToString("G4", ci)}");
        }
        return sb.ToString();
    }
}
