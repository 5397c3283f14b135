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
    private readonly Dictionary<int, uint> _classColors = [];
    private readonly uint[] _ramp = new uint[256];

    private LayerLegend(MapStyle style, IReadOnlyList<LegendClass> classes, double[]? breaks, double min, double max)
    {
        Style = style;
        Classes = classes;
        Breaks = breaks;
        Min = min;
        Max = max;
        foreach (var c in classes) _classColors.TryAdd(c.Value, Rgba(c.Color));
        var viridis = new ScottPlot.Colormaps.Viridis();
        for (int i = 0; i < _ramp.Length; i++)
        {
            var c = viridis.GetColor(i / 255.0);
            _ramp[i] = Pack(c.R, c.G, c.B);
        }
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

    /// <summary>RGBA colour (R in the low byte, as SkiaSharp's Rgba8888 in memory) of a valid value.</summary>
    public uint ColorOf(double v)
    {
        if (Style.IsCategorical)
            return _classColors.TryGetValue((int)Math.Round(v), out uint c) ? c : UnknownClass;
        if (Breaks is not null)
            return DivergingScale.ClassOf(v, Breaks) is int k && _classColors.TryGetValue(k, out uint c) ? c : UnknownClass;
        double f = Max > Min ? (v - Min) / (Max - Min) : 0.5;
        return _ramp[(int)Math.Round(Math.Clamp(f, 0, 1) * 255)];
    }

    /// <summary>The categorical class of <paramref name="v"/>, or null (continuous maps, unknown codes).</summary>
    public LegendClass? ClassOf(double v) =>
        Style.IsCategorical ? Classes.FirstOrDefault(c => c.Value == (int)Math.Round(v)) : null;

    private static uint Rgba(string hex)
    {
        var c = ScottPlot.Color.FromHex(hex);
        return Pack(c.R, c.G, c.B);
    }

    private static uint Pack(byte r, byte g, byte b) => 0xFF000000u | ((uint)b << 16) | ((uint)g << 8) | r;
}
