using LandCarbon.Core.Raster;
using ScottPlot;
using SkiaSharp;

namespace LandCarbon.Reporting.Maps;

/// <summary>
/// Draws a sampled raster as a PNG map with ScottPlot: axes in km of the grid CRS, a legend of classes for
/// categorical maps (codes without a label are drawn grey and listed as such), a legend of quantile classes
/// symmetric around zero under the unit for diverging maps, a colour bar with the unit for other continuous maps.
/// </summary>
public static class MapRenderer
{
    /// <summary>Renders <paramref name="raster"/> and returns PNG bytes.</summary>
    public static byte[] Render(SampledRaster raster, MapStyle style, string title, ReportLanguage lang, int width = 760, int height = 640)
    {
        ArgumentNullException.ThrowIfNull(raster);
        ArgumentNullException.ThrowIfNull(style);
        var plt = new Plot();
        Charts.ChartStyle.Apply(plt, lang);
        plt.Title(title);
        var t = raster.Source.Transform;
        double x0 = t.OriginX / 1000, x1 = (t.OriginX + raster.Source.Width * t.PixelWidth) / 1000;
        double y0 = (t.OriginY + raster.Source.Height * t.PixelHeight) / 1000, y1 = t.OriginY / 1000;
        var rect = new CoordinateRect(x0, x1, y0, y1);
        if (style.Classes is { } classes)
        {
            DrawClasses(plt, raster, rect, classes, v => (int)Math.Round(v), null, lang);
        }
        else if (style.Diverging || style.Sequential)
        {
            var (breaks, legend) = ClassedLegend(raster, style);
            DrawClasses(plt, raster, rect, legend, v => DivergingScale.ClassOf(v, breaks), style.Unit, lang);
        }
        else
        {
            var hm = plt.Add.Heatmap(raster.Values);
            hm.Extent = rect;
            hm.NaNCellColor = Colors.Transparent;
            hm.Colormap = new ScottPlot.Colormaps.Viridis();
            var cb = plt.Add.ColorBar(hm);
            cb.Label = style.Unit;
            cb.LabelStyle.FontSize = 13;
            cb.LabelStyle.FontName = Charts.ChartStyle.FontFor(lang);
        }
        plt.Axes.SquareUnits();
        plt.Axes.SetLimits(rect);
        plt.XLabel(Labels.Get("eastingKm", lang));
        plt.YLabel(Labels.Get("northingKm", lang));
        return Charts.Png.Encode(plt, width, height);
    }

    /// <summary>
    /// The classes of a diverging or sequential map: quantile breaks of |v| on the displayed (block-mean) values,
    /// symmetric around a neutral zero, and their legend (bounds clamped to the data range).
    /// </summary>
    public static (double[] Breaks, IReadOnlyList<LegendClass> Legend) ClassedLegend(SampledRaster raster, MapStyle style)
    {
        ArgumentNullException.ThrowIfNull(raster);
        ArgumentNullException.ThrowIfNull(style);
        var finite = Values(raster.Values).Where(double.IsFinite).ToArray();
        var breaks = DivergingScale.SymmetricQuantileBreaks(finite);
        double min = finite.Length > 0 ? finite.Min() : 0, max = finite.Length > 0 ? finite.Max() : 0;
        return (breaks, style.Diverging ? DivergingScale.Legend(breaks, min, max) : DivergingScale.SequentialLegend(breaks, max));
    }

    private static IEnumerable<double> Values(double[,] v)
    {
        foreach (var x in v) yield return x;
    }

    /// <summary>Draws class codes as an image with one legend entry per class present (in list order), under an
    /// optional legend heading (the unit of a classed continuous map).</summary>
    private static void DrawClasses(Plot plt, SampledRaster raster, CoordinateRect rect, IReadOnlyList<LegendClass> classes,
        Func<double, int?> code, string? heading, ReportLanguage lang)
    {
        var lookup = new Dictionary<int, SKColor>();
        foreach (var c in classes) lookup.TryAdd(c.Value, SKColor.Parse(c.Color));
        var present = new HashSet<int>();
        var pixels = new SKColor[raster.Rows * raster.Cols];
        for (int r = 0; r < raster.Rows; r++)
        {
            for (int c = 0; c < raster.Cols; c++)
            {
                double v = raster.Values[r, c];
                if (double.IsNaN(v) || code(v) is not int k) { pixels[r * raster.Cols + c] = SKColors.Transparent; continue; }
                present.Add(k);
                pixels[r * raster.Cols + c] = lookup.TryGetValue(k, out var col) ? col : SKColors.Gray;
            }
        }
        using var bmp = new SKBitmap(raster.Cols, raster.Rows, SKColorType.Bgra8888, SKAlphaType.Unpremul) { Pixels = pixels };
        var image = plt.Add.ImageRect(new ScottPlot.Image(bmp), rect);
        image.AntiAlias = false; // nearest neighbour: a class colour is never blended with its neighbour's
        if (heading is not null)
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = heading, FillColor = Colors.Transparent, LineWidth = 0 });
        foreach (var c in classes.Where(c => present.Contains(c.Value)))
        {
            plt.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = c.Label(lang),
                FillColor = ScottPlot.Color.FromHex(c.Color),
                LineWidth = 0,
            });
        }
        foreach (var k in present.Where(k => !lookup.ContainsKey(k)).Order())
        {
            plt.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = string.Format(System.Globalization.CultureInfo.InvariantCulture, Labels.Get("unknownCode", lang), k),
                FillColor = Colors.Gray,
                LineWidth = 0,
            });
        }
        plt.Legend.Alignment = Alignment.UpperRight;
        plt.Legend.IsVisible = true;
        plt.Legend.FontSize = 11;
        plt.ShowLegend(Edge.Right);
    }
}
