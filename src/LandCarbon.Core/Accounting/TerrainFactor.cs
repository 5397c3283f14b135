namespace LandCarbon.Core.Accounting;

/// <summary>
/// The terrain (surface-area) factor F = 1/cos(slope) (Jenness 2004; METHOD-SPEC (c)3) with Horn's (1981) slope,
/// the method of <c>gdaldem slope</c>. With p = ∂z/∂x and q = ∂z/∂y, tan(slope) = √(p² + q²), so
/// 1/cos(slope) = √(1 + p² + q²) without trigonometry.
/// </summary>
public static class TerrainFactor
{
    /// <summary>
    /// Computes F for the pixels of a window from a DEM block that has one extra pixel on every side where the
    /// grid has one (<paramref name="dem"/> is row-major <paramref name="demWidth"/> × <paramref name="demHeight"/>;
    /// the window starts at (<paramref name="offsetCol"/>, <paramref name="offsetRow"/>) inside it). Neighbours
    /// outside the block or equal to nodata (<paramref name="noData"/>, or NaN) are replaced by the centre value
    /// (edge replication); a nodata centre gives NaN.
    /// </summary>
    public static void Compute(ReadOnlySpan<float> dem, int demWidth, int demHeight, int offsetCol, int offsetRow,
        int width, int height, double pixelWidthM, double pixelHeightM, double? noData, Span<float> factor)
    {
        if (dem.Length < demWidth * demHeight) throw new ArgumentException("DEM block is smaller than its size.", nameof(dem));
        if (factor.Length < width * height) throw new ArgumentException("Output is smaller than the window.", nameof(factor));
        double dx8 = 8 * Math.Abs(pixelWidthM), dy8 = 8 * Math.Abs(pixelHeightM);
        float nd = noData is double v ? (float)v : float.NaN;
        for (int r = 0; r < height; r++)
        {
            int rr = r + offsetRow;
            for (int c = 0; c < width; c++)
            {
                int cc = c + offsetCol;
                float z = dem[rr * demWidth + cc];
                if (float.IsNaN(z) || z == nd)
                {
                    factor[r * width + c] = float.NaN;
                    continue;
                }
                double a = Z(dem, demWidth, demHeight, rr - 1, cc - 1, z, nd), b = Z(dem, demWidth, demHeight, rr - 1, cc, z, nd),
                    cq = Z(dem, demWidth, demHeight, rr - 1, cc + 1, z, nd), d = Z(dem, demWidth, demHeight, rr, cc - 1, z, nd),
                    f = Z(dem, demWidth, demHeight, rr, cc + 1, z, nd), g = Z(dem, demWidth, demHeight, rr + 1, cc - 1, z, nd),
                    h = Z(dem, demWidth, demHeight, rr + 1, cc, z, nd), i = Z(dem, demWidth, demHeight, rr + 1, cc + 1, z, nd);
                double p = ((cq + 2 * f + i) - (a + 2 * d + g)) / dx8;
                double q = ((g + 2 * h + i) - (a + 2 * b + cq)) / dy8;
                factor[r * width + c] = (float)Math.Sqrt(1 + p * p + q * q);
            }
        }
    }

    private static double Z(ReadOnlySpan<float> dem, int w, int h, int y, int x, float centre, float nd)
    {
        if (y < 0 || y >= h || x < 0 || x >= w) return centre;
        float v = dem[y * w + x];
        return float.IsNaN(v) || v == nd ? centre : v;
    }
}
