using System.Globalization;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Accounting;

/// <summary>How the uncertainty of one table value is described (docs/methods/accounting.md, "Uncertainty").</summary>
public enum UncertaintyKind
{
    /// <summary>No uncertainty: every draw is the point value.</summary>
    None,

    /// <summary>Uniform on [low, high] (for example the range of literature alternatives).</summary>
    Uniform,

    /// <summary>Normal with the point value as mean and a standard deviation, truncated at 0 so the sign holds.</summary>
    Normal,
}

/// <summary>
/// The uncertainty of one coefficient or factor: none, uniform on [<see cref="Low"/>, <see cref="High"/>], or normal
/// (mean = the point value, standard deviation <see cref="Sd"/>) truncated at 0 so that a source stays a source and
/// a sink a sink. The point value is never 0 and the range contains it and lies on its side of 0 (checked when read).
/// </summary>
public sealed record ValueUncertainty(UncertaintyKind Kind, double Low = double.NaN, double High = double.NaN, double Sd = double.NaN)
{
    /// <summary>No uncertainty.</summary>
    public static ValueUncertainty None { get; } = new(UncertaintyKind.None);

    /// <summary>True unless <see cref="UncertaintyKind.None"/>.</summary>
    public bool IsUncertain => Kind != UncertaintyKind.None;

    /// <summary>
    /// One draw for a value whose point estimate is <paramref name="point"/>. Uniform: low + u·(high − low). Normal:
    /// point + sd·z (Box–Muller, cosine branch), drawn again while its sign differs from the point's (acceptance
    /// ≥ 1/2, since the mean lies on the allowed side).
    /// </summary>
    public double Draw(double point, ref PermutationRandom random)
    {
        switch (Kind)
        {
            case UncertaintyKind.Uniform:
                return Low + UniformUnit(ref random) * (High - Low);
            case UncertaintyKind.Normal:
                while (true)
                {
                    double u1 = 1 - UniformUnit(ref random), u2 = UniformUnit(ref random);
                    double x = point + Sd * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                    if (Math.Sign(x) == Math.Sign(point) || Sd == 0) return x;
                }
            default:
                return point;
        }
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits of the stream.</summary>
    public static double UniformUnit(ref PermutationRandom random) => (random.NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>
    /// Reads the optional uncertainty columns of one table row: <paramref name="lowColumn"/> and
    /// <paramref name="highColumn"/> (both or neither) or <paramref name="sdColumn"/>. Empty cells mean none. Problems
    /// (one side of a range only, range and sd together, a range that does not contain the value or crosses 0, a
    /// negative sd, uncertainty on a value of 0) are added to <paramref name="problems"/> naming file, line and column.
    /// </summary>
    public static ValueUncertainty Parse(CsvTable table, CsvRow row, double? point, string lowColumn, string highColumn, string sdColumn,
        List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(problems);
        string where = $"{table.Path}, line {row.Line}";
        double? Cell(string column)
        {
            if (!table.HasColumn(column)) return null;
            string text = table.Text(row, column);
            if (text.Length == 0) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
            problems.Add($"{where}, column '{column}': '{text}' is not a finite number.");
            return double.NaN;
        }
        double? low = Cell(lowColumn), high = Cell(highColumn), sd = Cell(sdColumn);
        if (low is null && high is null && sd is null) return None;
        if ((low is double l && double.IsNaN(l)) || (high is double h && double.IsNaN(h)) || (sd is double s && double.IsNaN(s))) return None;
        if (point is not double p)
        {
            problems.Add($"{where}: an uncertainty ('{lowColumn}'/'{highColumn}' or '{sdColumn}') needs a value in the row.");
            return None;
        }
        if (p == 0)
        {
            problems.Add($"{where}: the value is 0, so an uncertainty cannot scale it; give a non-zero value or leave '{lowColumn}', '{highColumn}' and '{sdColumn}' empty.");
            return None;
        }
        if (sd is not null && (low is not null || high is not null))
        {
            problems.Add($"{where}: give either a range ('{lowColumn}','{highColumn}') or a standard deviation ('{sdColumn}'), not both.");
            return None;
        }
        if (sd is double sdv)
        {
            if (sdv < 0) { problems.Add($"{where}, column '{sdColumn}': the standard deviation {Fmt(sdv)} is negative."); return None; }
            return sdv == 0 ? None : new ValueUncertainty(UncertaintyKind.Normal, Sd: sdv);
        }
        if (low is null || high is null)
        {
            problems.Add($"{where}: a range needs both '{lowColumn}' and '{highColumn}' (only {(low is null ? highColumn : lowColumn)} is given).");
            return None;
        }
        double lo = low.Value, hi = high.Value;
        if (!(lo <= p && p <= hi))
        {
            problems.Add($"{where}: the range [{Fmt(lo)}, {Fmt(hi)}] must contain the value {Fmt(p)} ({lowColumn} ≤ value ≤ {highColumn}).");
            return None;
        }
        if ((p > 0 && lo < 0) || (p < 0 && hi > 0))
        {
            problems.Add($"{where}: the range [{Fmt(lo)}, {Fmt(hi)}] crosses 0 while the value {Fmt(p)} is a {(p > 0 ? "source" : "sink")}; a range keeps the sign of its value.");
            return None;
        }
        return lo == hi ? None : new ValueUncertainty(UncertaintyKind.Uniform, lo, hi);
    }

    /// <summary>"uniform [a, b]", "normal sd s, truncated at 0" or "none", for tables and messages.</summary>
    public string Describe() => Kind switch
    {
        UncertaintyKind.Uniform => $"uniform [{Fmt(Low)}, {Fmt(High)}]",
        UncertaintyKind.Normal => $"normal sd {Fmt(Sd)}, truncated at 0",
        _ => "none",
    };

    private static string Fmt(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
