using System.Globalization;

namespace LandCarbon.Reporting.Maps;

/// <summary>
/// A classed, symmetric diverging colour scale around zero for skewed signed maps (ΔCBI, CBI): a linear scale
/// spends its colours on a few extreme pixels and paints the rest one colour, so the values are put into classes
/// by quantile breaks of |v| instead. The same breaks bound both signs (equal colour depth = equal magnitude);
/// zero is its own neutral class; positive values (emission, increment) are reds, negative values (sink,
/// reduction) greens/blues.
/// </summary>
public static class DivergingScale
{
    /// <summary>Classes on each side of zero unless ties merge some.</summary>
    public const int DefaultClassesPerSide = 5;

    /// <summary>Code of the neutral class (v = 0).</summary>
    public const int ZeroCode = 0;

    private static readonly string[] Reds = ["#FCBBA1", "#FC9272", "#FB6A4A", "#DE2D26", "#A50F15"];
    private static readonly string[] GreenBlues = ["#CCEBC5", "#A8DDB5", "#7BCCC4", "#43A2CA", "#0868AC"];

    /// <summary>Colour of the zero class: neutral near-white (nodata stays transparent).</summary>
    public const string ZeroColor = "#F7F7F7";

    /// <summary>
    /// The p-quantile (0 ≤ p ≤ 1) of ascending <paramref name="sorted"/> values with linear interpolation between
    /// order statistics (Hyndman–Fan type 7, numpy's default): h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]).
    /// </summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty) throw new ArgumentException("No values.", nameof(sorted));
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), "p must lie in [0, 1].");
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1) return sorted[^1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /// <summary>
    /// Upper bounds b₁ &lt; … &lt; b_k of the magnitude classes: the quantiles of |v| over the finite non-zero
    /// values at i ÷ <paramref name="classesPerSide"/>, i = 1…classesPerSide (so b_k = max |v|), with repeated
    /// bounds (ties) dropped. Empty when no value is finite and non-zero.
    /// </summary>
    public static double[] SymmetricQuantileBreaks(IEnumerable<double> values, int classesPerSide = DefaultClassesPerSide)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(classesPerSide, 1);
        var abs = values.Where(v => double.IsFinite(v) && v != 0).Select(Math.Abs).ToArray();
        if (abs.Length == 0) return [];
        Array.Sort(abs);
        var breaks = new List<double>(classesPerSide);
        for (int i = 1; i <= classesPerSide; i++)
        {
            double b = Quantile(abs, i / (double)classesPerSide);
            if (breaks.Count == 0 || b > breaks[^1]) breaks.Add(b);
        }
        return [.. breaks];
    }

    /// <summary>
    /// The class code of <paramref name="v"/>: 0 for v = 0, +i for b_{i−1} &lt; v ≤ b_i and −i for
    /// −b_i ≤ v &lt; −b_{i−1} (b₀ = 0); magnitudes beyond the last bound get ±k; null for NaN.
    /// </summary>
    public static int? ClassOf(double v, ReadOnlySpan<double> breaks)
    {
        if (double.IsNaN(v)) return null;
        if (v == 0 || breaks.Length == 0) return ZeroCode;
        double a = Math.Abs(v);
        int i = 0;
        while (i < breaks.Length - 1 && a > breaks[i]) i++;
        return v > 0 ? i + 1 : -(i + 1);
    }

    /// <summary>
    /// Legend classes for <paramref name="breaks"/>, from the highest positive class down to the most negative
    /// (the order of a vertical colour bar): labels show the class bounds with three significant digits, the
    /// bounds clamped to the data range [<paramref name="min"/>, <paramref name="max"/>] so that the outer class
    /// of the weaker side ends at its real extreme rather than at the other side's.
    /// </summary>
    public static IReadOnlyList<LegendClass> Legend(IReadOnlyList<double> breaks, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(breaks);
        int k = breaks.Count;
        double Pos(int i) => i == 0 ? 0 : Math.Min(breaks[i - 1], Math.Max(max, 0));
        double Neg(int i) => i == 0 ? 0 : Math.Max(-breaks[i - 1], Math.Min(min, 0));
        var list = new List<LegendClass>(2 * k + 1);
        for (int i = k; i >= 1; i--)
        {
            string text = $"{Number(Pos(i - 1))} – {Number(Pos(i))}";
            list.Add(new LegendClass(i, text, AsciiMinus(text), Shade(Reds, i, k)));
        }
        list.Add(new LegendClass(ZeroCode, "0", "0", ZeroColor));
        for (int i = 1; i <= k; i++)
        {
            string text = $"{Number(Neg(i))} – {Number(Neg(i - 1))}";
            list.Add(new LegendClass(-i, text, AsciiMinus(text), Shade(GreenBlues, i, k)));
        }
        return list;
    }

    private static readonly string[] YellowGreenBlues = ["#C7E9B4", "#7FCDBB", "#41B6C4", "#2C7FB8", "#253494"];

    /// <summary>
    /// Legend of a non-negative skewed map (kernel densities) classed with the same breaks (quantiles of the
    /// non-zero values): zero neutral, then yellow-green to blue classes from the highest down, the top bound
    /// clamped to <paramref name="max"/>.
    /// </summary>
    public static IReadOnlyList<LegendClass> SequentialLegend(IReadOnlyList<double> breaks, double max = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(breaks);
        int k = breaks.Count;
        double Bound(int i) => i == 0 ? 0 : Math.Min(breaks[i - 1], Math.Max(max, 0));
        var list = new List<LegendClass>(k + 1);
        for (int i = k; i >= 1; i--)
        {
            string text = $"{Number(Bound(i - 1))} – {Number(Bound(i))}";
            list.Add(new LegendClass(i, text, AsciiMinus(text), Shade(YellowGreenBlues, i, k)));
        }
        list.Add(new LegendClass(ZeroCode, "0", "0", ZeroColor));
        return list;
    }

    /// <summary>The CJK figure font (WenQuanYi Zen Hei) has no U+2212 minus sign: Chinese labels use '-'.</summary>
    private static string AsciiMinus(string text) => text.Replace('−', '-');

    /// <summary>A bound for legends: three significant digits, thousands separated, true minus sign.</summary>
    public static string Number(double x)
    {
        if (x == 0 || !double.IsFinite(x)) return x == 0 ? "0" : x.ToString(CultureInfo.InvariantCulture);
        double r = RoundSignificant(x, 3);
        string s = Math.Abs(r) >= 1000 ? r.ToString("#,0", CultureInfo.InvariantCulture) : r.ToString("G3", CultureInfo.InvariantCulture);
        return s.Replace('-', '−');
    }

    /// <summary>Rounds to <paramref name="digits"/> significant digits.</summary>
    public static double RoundSignificant(double x, int digits)
    {
        if (x == 0 || !double.IsFinite(x)) return x;
        double scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(x))));
        return Math.Round(x * scale, MidpointRounding.AwayFromZero) / scale;
    }

    /// <summary>Colour of class i of k (1 = lightest): k palette entries spread over the five shades.</summary>
    private static string Shade(string[] palette, int i, int k) =>
        palette[k == 1 ? palette.Length / 2 : (int)Math.Round((i - 1) * (palette.Length - 1) / (double)(k - 1))];
}
