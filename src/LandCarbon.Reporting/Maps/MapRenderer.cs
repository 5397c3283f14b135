using LandCarbon.Core.Raster;
using ScottPlot;
using SkiaSharp;

namespace LandCarbon.Reporting.Maps;

/// <summary>
/// Draws a sampled raster as a PNG map with ScottPlot: axes in km of the grid CRS, a legend of classes for
/// categorical maps, a colour bar with the unit for continuous maps (a diverging palette centred on zero when
/// the style asks for it).
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
            using var bmp = new SKBitmap(raster.Cols, raster.Rows, SKColorType.Rgba8888, SKAlphaType.Premul);
            var lookup = classes.ToDictionary(c => c.Value, c => SKColor.Parse(c.Color));
            var present = new HashSet<int>();
            for (int r = 0; r < raster.Rows; r++)
            {
                for (int c = 0; c < raster.Cols; c++)
                {
                    double v = raster.Values[r, c];
                    if (double.IsNaN(v)) { bmp.SetPixel(c, r, SKColors.Transparent); continue; }
                    int k = (int)Math.Round(v);
                    present.Add(k);
                    bmp.SetPixel(c, r, lookup.TryGetValue(k, out var col) ? col : SKColors.Gray);
                }
            }
            plt.Add.ImageRect(new ScottPlot.Image(bmp), rect);
            foreach (var c in classes.Where(c => present.Contains(c.Value)))
            {
                plt.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = lang == ReportLanguage.Chinese ? c.Zh : c.En,
                    FillColor = ScottPlot.Color.FromHex(c.Color),
                    LineWidth = 0,
                });
            }
            plt.Legend.Alignment = Alignment.UpperRight;
            plt.Legend.IsVisible = true;
            plt.Legend.FontSize = 11;
            plt.ShowLegend(Edge.Right);
        }
        else
        {
            var hm = plt.Add.Heatmap(raster.Values);
            hm.Extent = rect;
            hm.NaNCellColor = Colors.Transparent;
            if (style.Diverging)
            {
                double m = MaxAbs(raster.Values);
                hm.Colormap = new DivergingRedBlue();
                hm.ManualRange = new ScottPlot.Range(-m, m);
            }
            else hm.Colormap = new ScottPlot.Colormaps.Viridis();
            var cb = plt.Add.ColorBar(hm);
            cb.Label = style.Unit;
            cb.LabelStyle.FontSize = 13;
        }
        plt.Axes.SquareUnits();
        plt.Axes.SetLimits(rect);
        plt.XLabel(Labels.Get("eastingKm", lang));
        plt.YLabel(Labels.Get("northingKm", lang));
        return plt.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static double MaxAbs(double[,] v)
    {
        double m = 0;
        foreach (var x in v) if (!double.IsNaN(x)) m = Math.Max(m, Math.Abs(x));
        return m > 0 ? m : 1;
    }

    /// <summary>Blue (negative) – white (zero) – red (positive).</summary>
    private sealed class DivergingRedBlue : IColormap
    {
        public string Name => "Blue-white-red";

        public ScottPlot.Color GetColor(double position)
        {
            position = Math.Clamp(position, 0, 1);
            static byte L(double a, double b, double f) => (byte)Math.Round(a + (b - a) * f);
            if (position < 0.5)
            {
                double f = position / 0.5;
                return new ScottPlot.Color(L(33, 247, f), L(102, 247, f), L(172, 247, f));
            }
            double g = (position - 0.5) / 0.5;
            return new ScottPlot.Color(L(247, 178, g), L(247, 24, g), L(247, 43, g));
        }
    }
}
