using LandCarbon.Core.Raster;

namespace LandCarbon.Reporting.Maps;

/// <summary>A raster reduced for display: one value per block of Factor × Factor source pixels (NaN = nodata).</summary>
public sealed record SampledRaster(double[,] Values, int Factor, GridSpec Source)
{
    /// <summary>Rows of the reduced grid.</summary>
    public int Rows => Values.GetLength(0);

    /// <summary>Columns of the reduced grid.</summary>
    public int Cols => Values.GetLength(1);
}

/// <summary>
/// Reduces a raster to at most <c>maxSize</c> pixels on its longer side by streaming strips of whole blocks
/// (Factor source rows at a time), so memory is one strip plus the small result, whatever the raster size.
/// Categorical rasters keep the most frequent value of each block (so small classes such as construction stay
/// visible in proportion); continuous rasters keep the block mean of the valid pixels.
/// </summary>
public static class RasterSampler
{
    /// <summary>Samples <paramref name="reader"/> (nodata → NaN).</summary>
    public static SampledRaster Sample(IRasterReader reader, int maxSize, bool categorical)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var g = reader.Grid;
        int f = Math.Max(1, (int)Math.Ceiling(Math.Max(g.Width, g.Height) / (double)maxSize));
        int cols = (g.Width + f - 1) / f, rows = (g.Height + f - 1) / f;
        var result = new double[rows, cols];
        var strip = new double[(long)g.Width * f];
        double? nd = reader.NoData;
        var counts = new Dictionary<double, int>();
        for (int br = 0; br < rows; br++)
        {
            int r0 = br * f, h = Math.Min(f, g.Height - r0);
            reader.Read<double>(new PixelWindow(0, r0, g.Width, h), strip.AsSpan(0, g.Width * h));
            for (int bc = 0; bc < cols; bc++)
            {
                int c0 = bc * f, w = Math.Min(f, g.Width - c0);
                double sum = 0;
                int n = 0;
                counts.Clear();
                for (int r = 0; r < h; r++)
                {
                    for (int c = 0; c < w; c++)
                    {
                        double v = strip[r * g.Width + c0 + c];
                        if (double.IsNaN(v) || (nd is double d && v == d)) continue;
                        n++;
                        if (categorical) counts[v] = counts.GetValueOrDefault(v) + 1;
                        else sum += v;
                    }
                }
                result[br, bc] = n == 0 ? double.NaN
                    : categorical ? counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key
                    : sum / n;
            }
        }
        return new SampledRaster(result, f, g);
    }
}
