using System.Numerics;
using System.Runtime.Intrinsics;
using LandCarbon.Core.Raster;
using LandCarbon.Reporting.Maps;

namespace LandCarbon.Web;

/// <summary>
/// How a layer is coloured, the same as its map in report.html: legend classes (land use, grades, clusters, risk
/// levels), quantile classes around zero (<see cref="Breaks"/>, computed by <see cref="MapRenderer.ClassedLegend"/> on
/// the report's sampled raster), or a viridis ramp from <see cref="Min"/> to <see cref="Max"/>.
/// </summary>
public sealed class LayerLegend
{
    private const int RampColors = 256;
    private readonly Dictionary<int, int> _classCodes = [];
    private readonly int[] _breakCodes = [];
    private readonly int _unknownCode;
    private readonly uint[] _palette;

    private LayerLegend(MapStyle style, IReadOnlyList<LegendClass> classes, double[]? breaks, double min, double max)
    {
        Style = style;
        Classes = classes;
        Breaks = breaks;
        Min = min;
        Max = max;
        var palette = new List<uint> { Transparent };
        if (style.IsCategorical || breaks is not null)
        {
            foreach (var c in classes)
            {
                if (_classCodes.TryAdd(c.Value, palette.Count)) palette.Add(Rgba(c.Color));
            }
            _unknownCode = palette.Count;
            palette.Add(UnknownClass);
            if (breaks is not null)
            {
                // Class codes of DivergingScale.ClassOf run from −k to +k.
                _breakCodes = new int[2 * breaks.Length + 1];
                for (int k = -breaks.Length; k <= breaks.Length; k++)
                    _breakCodes[k + breaks.Length] = _classCodes.GetValueOrDefault(k, _unknownCode);
            }
        }
        else
        {
            var viridis = new ScottPlot.Colormaps.Viridis();
            for (int i = 0; i < RampColors; i++)
            {
                var c = viridis.GetColor(i / (double)(RampColors - 1));
                palette.Add(Pack(c.R, c.G, c.B));
            }
        }
        _palette = [.. palette];
    }

    /// <summary>The report's style (English unit); <see cref="MapStyle.Classes"/> null for continuous maps.</summary>
    public MapStyle Style { get; }

    /// <summary>"classes" for categorical rasters, "continuous" otherwise.</summary>
    public string Kind => Style.IsCategorical ? "classes" : "continuous";

    /// <summary>Legend entries: the categories, or the quantile classes of a classed continuous map (value = class
    /// code of <see cref="DivergingScale.ClassOf"/>); empty for a ramp.</summary>
    public IReadOnlyList<LegendClass> Classes { get; }

    /// <summary>Upper bounds of the magnitude classes of a diverging or sequential map; null otherwise.</summary>
    public double[]? Breaks { get; }

    /// <summary>Data range of the sampled raster (ramp ends).</summary>
    public double Min { get; }

    /// <summary>Data range of the sampled raster (ramp ends).</summary>
    public double Max { get; }

    /// <summary>Colour of a categorical code that has no legend class (the report draws it grey).</summary>
    public const uint UnknownClass = 0xFF808080;

    /// <summary>
    /// The legend of <paramref name="reader"/> drawn with <paramref name="style"/>: categorical colours from the
    /// raster's colour table where the style says so, quantile breaks and data range from the raster sampled as
    /// the report samples it (<paramref name="maxMapPixels"/> on the longer side).
    /// </summary>
    public static LayerLegend Build(IRasterReader reader, MapStyle style, int maxMapPixels)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(style);
        if (style.IsCategorical)
        {
            var s = style.WithColors(reader.ColorTable);
            return new LayerLegend(s, s.Classes!, null, 0, 0);
        }
        var sampled = RasterSampler.Sample(reader, maxMapPixels, categorical: false);
        if (style.Diverging || style.Sequential)
        {
            var (breaks, legend) = MapRenderer.ClassedLegend(sampled, style);
            return new LayerLegend(style, legend, breaks, 0, 0);
        }
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in sampled.Values)
        {
            if (!double.IsFinite(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (min > max) (min, max) = (0, 0);
        return new LayerLegend(style, [], null, min, max);
    }

    /// <summary>Colour of a pixel that shows nothing (nodata, outside the raster): transparent black.</summary>
    public const uint Transparent = 0;

    /// <summary>
    /// Every colour a tile of the layer can hold, as RGBA (R in the low byte, as SkiaSharp's Rgba8888 in memory),
    /// indexed by the codes of <see cref="CodeOf"/>: code 0 is <see cref="Transparent"/>; then the legend classes'
    /// colours in legend order and <see cref="UnknownClass"/>, or the 256 colours of the viridis ramp.
    /// </summary>
    public ReadOnlySpan<uint> Palette => _palette;

    /// <summary>The <see cref="Palette"/> code (≥ 1) of a valid value (not nodata).</summary>
    public int CodeOf(double v)
    {
        if (Style.IsCategorical)
            return _classCodes.TryGetValue((int)Math.Round(v), out int c) ? c : _unknownCode;
        if (Breaks is { } breaks)
            return DivergingScale.ClassOf(v, breaks) is int k ? _breakCodes[k + breaks.Length] : _unknownCode;
        double f = Max > Min ? (v - Min) / (Max - Min) : 0.5;
        return 1 + (int)Math.Round(Math.Clamp(f, 0, 1) * (RampColors - 1));
    }

    /// <summary>RGBA colour (R in the low byte, as SkiaSharp's Rgba8888 in memory) of a valid value.</summary>
    public uint ColorOf(double v) => _palette[CodeOf(v)];

    /// <summary>
    /// The codes of <paramref name="values"/>: 0 (transparent) for NaN and <paramref name="noData"/>, else
    /// <see cref="CodeOf"/>; the classed maps' loop is written out, as a tile's block holds 65,536 values.
    /// </summary>
    public void CodesOf<TCode>(ReadOnlySpan<double> values, double? noData, Span<TCode> codes) where TCode : unmanaged, IBinaryInteger<TCode>
    {
        if (codes.Length < values.Length) throw new ArgumentException($"{codes.Length} codes for {values.Length} values.", nameof(codes));
        double nd = noData ?? double.NaN;   // NaN equals nothing: then only NaN is nodata
        if (!Style.IsCategorical && Breaks is { Length: > 0 } b && IsStrictlyAscending(b))
        {
            // DivergingScale.ClassOf without its data-dependent loop: over ascending bounds, the count of
            // b_0 … b_{k−2} below |v| is where its loop stops; the sign of v picks the side (0 for zero).
            ReadOnlySpan<double> breaks = b;
            ReadOnlySpan<int> byClass = _breakCodes;
            int k = breaks.Length;
            for (int i = 0; i < values.Length; i++)
            {
                double v = values[i];
                if (double.IsNaN(v) || v == nd)
                {
                    codes[i] = TCode.Zero;
                    continue;
                }
                double a = Math.Abs(v);
                int m = 1;
                for (int j = 0; j < k - 1; j++) m += a > breaks[j] ? 1 : 0;
                int sign = (v > 0 ? 1 : 0) - (v < 0 ? 1 : 0);
                codes[i] = TCode.CreateTruncating(byClass[k + sign * m]);
            }
            return;
        }
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            codes[i] = double.IsNaN(v) || v == nd ? TCode.Zero : TCode.CreateTruncating(CodeOf(v));
        }
    }

    /// <summary>
    /// The codes of the single-precision <paramref name="values"/> of a Float32 raster: the codes of the double
    /// overload for each value widened, 0 for NaN and <paramref name="noData"/>. Classed maps compare |v| with each
    /// bound rounded down to a float (v &gt; that float exactly when (double)v &gt; the bound), eight values at a time;
    /// ramps compute (v − min) ÷ (max − min), the clamp and the rounding in double, four values at a time, the same
    /// operations as <see cref="CodeOf"/> lane by lane, so every code is the same.
    /// </summary>
    public void CodesOf<TCode>(ReadOnlySpan<float> values, double? noData, Span<TCode> codes) where TCode : unmanaged, IBinaryInteger<TCode>
    {
        if (codes.Length < values.Length) throw new ArgumentException($"{codes.Length} codes for {values.Length} values.", nameof(codes));
        double nd = noData ?? double.NaN;
        // A float equals nd only when nd is itself a float value; else only NaN is nodata.
        float ndf = (float)nd;
        bool floatNoData = (double)ndf == nd;
        int i = 0;
        if (Vector256.IsHardwareAccelerated && !Style.IsCategorical)
        {
            if (Breaks is { Length: > 0 } b && IsStrictlyAscending(b)) i = ClassedCodes(values, floatNoData, ndf, b, codes);
            else if (Breaks is null && Max > Min) i = RampCodes(values, floatNoData, ndf, codes);
        }
        for (; i < values.Length; i++)
        {
            double v = values[i];
            codes[i] = double.IsNaN(v) || v == nd ? TCode.Zero : TCode.CreateTruncating(CodeOf(v));
        }
    }

    /// <summary>The classed codes of the leading whole vectors of <paramref name="values"/>; returns how many.</summary>
    private int ClassedCodes<TCode>(ReadOnlySpan<float> values, bool floatNoData, float ndf, double[] breaks, Span<TCode> codes)
        where TCode : unmanaged, IBinaryInteger<TCode>
    {
        // DivergingScale.ClassOf: m = 1 + #{j < k − 1 : |v| > b_j}, the sign of v picks the side (0 for zero).
        int k = breaks.Length;
        Span<float> bound = stackalloc float[Math.Max(1, k - 1)];
        for (int j = 0; j < k - 1; j++) bound[j] = FloatAtMost(breaks[j]);
        ReadOnlySpan<int> byClass = _breakCodes;
        Span<int> index = stackalloc int[Vector256<float>.Count];
        var noDataValue = Vector256.Create(ndf);
        var vk = Vector256.Create(k);
        int n = values.Length - values.Length % Vector256<float>.Count;
        for (int i = 0; i < n; i += Vector256<float>.Count)
        {
            var v = Vector256.Create(values.Slice(i, Vector256<float>.Count));
            var a = Vector256.Abs(v);
            var m = Vector256<int>.One;
            for (int j = 0; j < k - 1; j++) m -= Vector256.GreaterThan(a, Vector256.Create(bound[j])).AsInt32();
            var positive = Vector256.GreaterThan(v, Vector256<float>.Zero).AsInt32();
            var negative = Vector256.LessThan(v, Vector256<float>.Zero).AsInt32();
            ((m & positive) - (m & negative) + vk).CopyTo(index);
            var missing = ~Vector256.Equals(v, v);
            if (floatNoData) missing |= Vector256.Equals(v, noDataValue);
            uint skip = missing.ExtractMostSignificantBits();
            for (int l = 0; l < index.Length; l++)
                codes[i + l] = (skip >> l & 1) != 0 ? TCode.Zero : TCode.CreateTruncating(byClass[index[l]]);
        }
        return n;
    }

    /// <summary>The ramp codes of the leading whole vectors of <paramref name="values"/>; returns how many.</summary>
    private int RampCodes<TCode>(ReadOnlySpan<float> values, bool floatNoData, float ndf, Span<TCode> codes)
        where TCode : unmanaged, IBinaryInteger<TCode>
    {
        var min = Vector256.Create(Min);
        var range = Vector256.Create(Max - Min);
        var one = Vector256.Create(1.0);
        var top = Vector256.Create((double)(RampColors - 1));
        var noDataValue = Vector256.Create(ndf);
        Span<double> rounded = stackalloc double[Vector256<float>.Count];
        int n = values.Length - values.Length % Vector256<float>.Count;
        for (int i = 0; i < n; i += Vector256<float>.Count)
        {
            var v = Vector256.Create(values.Slice(i, Vector256<float>.Count));
            var missing = ~Vector256.Equals(v, v);
            if (floatNoData) missing |= Vector256.Equals(v, noDataValue);
            var (lo, hi) = Vector256.Widen(v);
            Ramp(lo, min, range, one, top).CopyTo(rounded);
            Ramp(hi, min, range, one, top).CopyTo(rounded[Vector256<double>.Count..]);
            uint skip = missing.ExtractMostSignificantBits();
            for (int l = 0; l < rounded.Length; l++)
            {
                double r = rounded[l];
                // NaN (an infinite value over an infinite range) is left to CodeOf, as it is written.
                codes[i + l] = (skip >> l & 1) != 0 ? TCode.Zero
                    : double.IsNaN(r) ? TCode.CreateTruncating(CodeOf(values[i + l])) : TCode.CreateTruncating(1 + (int)r);
            }
        }
        return n;
    }

    /// <summary>Math.Round(Math.Clamp((v − min) ÷ range, 0, 1) · top) for each lane, as <see cref="CodeOf"/> computes it.</summary>
    private static Vector256<double> Ramp(Vector256<double> v, Vector256<double> min, Vector256<double> range, Vector256<double> one, Vector256<double> top)
    {
        var f = (v - min) / range;
        f = Vector256.ConditionalSelect(Vector256.LessThan(f, Vector256<double>.Zero), Vector256<double>.Zero,
            Vector256.ConditionalSelect(Vector256.GreaterThan(f, one), one, f));
        return Vector256.Round(f * top);
    }

    /// <summary>The largest float not above <paramref name="b"/>: for every float a, a &gt; it exactly when (double)a &gt; b.</summary>
    private static float FloatAtMost(double b)
    {
        float f = (float)b;
        return (double)f > b ? MathF.BitDecrement(f) : f;
    }

    /// <summary>The categorical class of <paramref name="v"/>, or null (continuous maps, unknown codes).</summary>
    public LegendClass? ClassOf(double v) =>
        Style.IsCategorical ? Classes.FirstOrDefault(c => c.Value == (int)Math.Round(v)) : null;

    private static bool IsStrictlyAscending(double[] v)
    {
        for (int i = 1; i < v.Length; i++) if (!(v[i] > v[i - 1])) return false;
        return true;
    }

    private static uint Rgba(string hex)
    {
        var c = ScottPlot.Color.FromHex(hex);
        return Pack(c.R, c.G, c.B);
    }

    private static uint Pack(byte r, byte g, byte b) => 0xFF000000u | ((uint)b << 16) | ((uint)g << 8) | r;
}
