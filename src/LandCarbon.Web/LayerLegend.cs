using System.Numerics;
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
