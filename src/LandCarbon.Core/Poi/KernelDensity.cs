using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Poi;

/// <summary>Kernel shapes for POI density. All have compact support of the search radius r and integrate to 1
/// over the plane, so a density surface integrates to the total weight of the points.</summary>
public enum KernelShape
{
    /// <summary>ArcGIS Kernel Density (Silverman 1986 quartic): K = 3/(π r²) · (1 − d²/r²)² for d &lt; r.</summary>
    Quartic,

    /// <summary>Bivariate Epanechnikov: K = 2/(π r²) · (1 − d²/r²) for d &lt; r.</summary>
    Epanechnikov,

    /// <summary>Gaussian with σ = r/3, truncated at d = r and renormalized: K = 4.5/(π r² (1 − e^−4.5)) ·
    /// exp(−4.5 d²/r²) for d &lt; r.</summary>
    Gaussian,
}

/// <summary>Kernel constants and the ArcGIS default search radius.</summary>
public static class KernelDensity
{
    /// <summary>The constant c of K = c/r² · g(d²/r²) for a shape.</summary>
    public static double Normalizer(KernelShape shape) => shape switch
    {
        KernelShape.Quartic => 3.0 / Math.PI,
        KernelShape.Epanechnikov => 2.0 / Math.PI,
        KernelShape.Gaussian => 4.5 / (Math.PI * (1 - Math.Exp(-4.5))),
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    /// <summary>Parses quartic, epanechnikov or gaussian (case-insensitive).</summary>
    public static KernelShape ParseShape(string text) => text?.Trim().ToLowerInvariant() switch
    {
        "quartic" or "biweight" => KernelShape.Quartic,
        "epanechnikov" => KernelShape.Epanechnikov,
        "gaussian" or "normal" => KernelShape.Gaussian,
        _ => throw new InputException($"'{text}' is not a kernel; expected quartic, epanechnikov or gaussian."),
    };

    /// <summary>Density at a single unit-weight point's own location, per unit area of the radius's unit
    /// (3/(π r²) for the quartic kernel).</summary>
    public static double Peak(KernelShape shape, double radius) => Normalizer(shape) / (radius * radius);

    /// <summary>
    /// The ArcGIS (≥ 10.2.1) default search radius, in the units of the coordinates:
    /// r = 0.9 · min(SD, √(1/ln 2) · D_m) · n^(−0.2), where SD is the standard distance of the points from their
    /// weighted mean centre, D_m the (weighted) median distance to that centre, and n the number of points, or the
    /// sum of the weights when <paramref name="weighted"/>. The unweighted median averages the two middle values
    /// of an even count; the weighted median is the first distance whose cumulative weight reaches half the total.
    /// Throws an <see cref="InputException"/> when the points are fewer than two or all coincide (r would be 0).
    /// </summary>
    public static double DefaultRadius(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> weight, bool weighted)
    {
        int n = x.Length;
        if (y.Length != n || weight.Length != n) throw new ArgumentException("x, y and weight need the same length.", nameof(x));
        if (n < 2) throw new InputException($"The default search radius needs at least 2 points; {n} given. Set a radius.");
        double sw = 0, mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            double w = weighted ? weight[i] : 1;
            sw += w;
            mx += w * x[i];
            my += w * y[i];
        }
        if (sw <= 0) throw new InputException("The POI weights sum to 0; the default search radius is undefined. Set a radius.");
        mx /= sw;
        my /= sw;
        var d = new (double D, double W)[n];
        double ss = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my, w = weighted ? weight[i] : 1;
            d[i] = (Math.Sqrt(dx * dx + dy * dy), w);
            ss += w * (dx * dx + dy * dy);
        }
        double sd = Math.Sqrt(ss / sw);
        Array.Sort(d, (a, b) => a.D.CompareTo(b.D));
        double median;
        if (!weighted)
        {
            median = n % 2 == 1 ? d[n / 2].D : 0.5 * (d[n / 2 - 1].D + d[n / 2].D);
        }
        else
        {
            double cum = 0;
            median = d[^1].D;
            foreach (var (di, wi) in d)
            {
                cum += wi;
                if (cum >= 0.5 * sw) { median = di; break; }
            }
        }
        double r = 0.9 * Math.Min(sd, Math.Sqrt(1 / Math.Log(2)) * median) * Math.Pow(sw, -0.2);
        if (!(r > 0)) throw new InputException("The POIs all coincide, so the default search radius is 0. Set a radius.");
        return r;
    }
}

/// <summary>
/// The points of one function prepared for exact kernel density on a grid: bucketed into square cells of at least
/// one radius (a stable sort by cell keeps read order inside each cell). <see cref="Evaluate"/> fills any pixel
/// window with the density at pixel centres, per km², summing every point with d &lt; r exactly (no binning). For a
/// given pixel the contributing points are always visited in the same order, so the result is bit-identical for
/// any window split and thread count. Immutable and thread-safe once created.
/// </summary>
public sealed class KernelDensityField
{
    private readonly double[] _x, _y, _w;
    private readonly int[] _cellStart;
    private readonly int _cellsAcross, _cellsDown, _cellPixels;
    private readonly GeoTransform _t;
    private readonly double _r, _r2, _invR2, _scale;

    private KernelDensityField(GridSpec grid, double[] x, double[] y, double[] w, int[] cellStart, int cellsAcross,
        int cellsDown, int cellPixels, KernelShape shape, double radius, double metersPerUnit)
    {
        Grid = grid;
        _t = grid.Transform;
        _x = x;
        _y = y;
        _w = w;
        _cellStart = cellStart;
        _cellsAcross = cellsAcross;
        _cellsDown = cellsDown;
        _cellPixels = cellPixels;
        Shape = shape;
        _r = radius;
        _r2 = radius * radius;
        _invR2 = 1 / _r2;
        // Density per CRS unit² = c/r² · Σ w g; per km² multiply by 10⁶ m²/km² ÷ (m/unit)².
        _scale = KernelDensity.Normalizer(shape) / _r2 * 1e6 / (metersPerUnit * metersPerUnit);
        RadiusMeters = radius * metersPerUnit;
    }

    /// <summary>The grid.</summary>
    public GridSpec Grid { get; }

    /// <summary>The kernel.</summary>
    public KernelShape Shape { get; }

    /// <summary>The search radius in metres.</summary>
    public double RadiusMeters { get; }

    /// <summary>Points that can reach the grid.</summary>
    public int PointCount => _x.Length;

    /// <summary>The density per km² of one unit-weight point at its own location.</summary>
    public double PeakPerKm2 => _scale;

    /// <summary>
    /// Prepares points given in grid CRS coordinates. <paramref name="radiusMeters"/> is converted with
    /// <paramref name="metersPerUnit"/> (1 for metre CRSs). Points farther than the radius outside the grid are
    /// left out. The grid must be north-up.
    /// </summary>
    public static KernelDensityField Create(GridSpec grid, ReadOnlySpan<double> x, ReadOnlySpan<double> y,
        ReadOnlySpan<double> weight, KernelShape shape, double radiusMeters, double metersPerUnit = 1)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (!grid.Transform.IsNorthUp) throw new InputException("The grid is rotated; POI density needs a north-up grid.");
        if (!(radiusMeters > 0) || !double.IsFinite(radiusMeters)) throw new InputException($"The kernel radius must be a positive number of metres; got {radiusMeters}.");
        if (x.Length != y.Length || weight.Length != x.Length) throw new ArgumentException("x, y and weight need the same length.", nameof(x));
        var t = grid.Transform;
        double r = radiusMeters / metersPerUnit;
        double pw = Math.Abs(t.PixelWidth), ph = Math.Abs(t.PixelHeight);
        int cellPixels = (int)Math.Clamp(Math.Ceiling(r / Math.Min(pw, ph)), 16, 1 << 20);
        int across = (grid.Width + cellPixels - 1) / cellPixels + 2, down = (grid.Height + cellPixels - 1) / cellPixels + 2;
        // Cell (cx, cy) is stored at (cx + 1, cy + 1) so that points up to one cell (≥ r) outside the grid fit.
        var key = new int[x.Length];
        int kept = 0;
        for (int i = 0; i < x.Length; i++)
        {
            var (col, row) = t.MapToPixel(x[i], y[i]);
            if (!double.IsFinite(col) || !double.IsFinite(row)) { key[i] = -1; continue; }
            double cx = Math.Floor(col / cellPixels) + 1, cy = Math.Floor(row / cellPixels) + 1;
            key[i] = cx < 0 || cy < 0 || cx >= across || cy >= down || !(weight[i] != 0) ? -1 : (int)cy * across + (int)cx;
            if (key[i] >= 0) kept++;
        }
        var order = new int[kept];
        for (int i = 0, k = 0; i < x.Length; i++) if (key[i] >= 0) order[k++] = i;
        // Stable: equal keys keep read order (Array.Sort is not stable, so sort by (key, index)).
        Array.Sort(order, (a, b) => key[a] != key[b] ? key[a].CompareTo(key[b]) : a.CompareTo(b));
        var xs = new double[kept];
        var ys = new double[kept];
        var ws = new double[kept];
        var start = new int[across * down + 1];
        for (int k = 0; k < kept; k++)
        {
            int i = order[k];
            xs[k] = x[i];
            ys[k] = y[i];
            ws[k] = weight[i];
            start[key[i] + 1]++;
        }
        for (int c = 0; c < across * down; c++) start[c + 1] += start[c];
        return new KernelDensityField(grid, xs, ys, ws, start, across, down, cellPixels, shape, r, metersPerUnit);
    }

    /// <summary>Creates the field of one function of a <see cref="PoiPointSet"/>.</summary>
    public static KernelDensityField Create(PoiPointSet points, PoiFunction function, KernelShape shape, double radiusMeters, double metersPerUnit = 1)
    {
        ArgumentNullException.ThrowIfNull(points);
        int f = (int)function;
        return Create(points.Grid, points.X[f], points.Y[f], points.Weight[f], shape, radiusMeters, metersPerUnit);
    }

    /// <summary>
    /// Writes the density per km² at the centre of every pixel of <paramref name="window"/> into
    /// <paramref name="densityPerKm2"/> (row-major, window width per row; overwritten, not added to).
    /// Pixel centres are x = OriginX + (col + 0.5)·PixelWidth, y = OriginY + (row + 0.5)·PixelHeight.
    /// </summary>
    public void Evaluate(PixelWindow window, Span<double> densityPerKm2)
    {
        int n = window.Width * window.Height;
        if (densityPerKm2.Length < n) throw new ArgumentException("The output span is smaller than the window.", nameof(densityPerKm2));
        var acc = densityPerKm2[..n];
        acc.Clear();
        if (_x.Length == 0 || n == 0) return;
        switch (Shape)
        {
            case KernelShape.Quartic: Accumulate<QuarticG>(window, acc); break;
            case KernelShape.Epanechnikov: Accumulate<EpanechnikovG>(window, acc); break;
            default: Accumulate<GaussianG>(window, acc); break;
        }
        for (int i = 0; i < acc.Length; i++) acc[i] *= _scale;
    }

    private void Accumulate<TG>(PixelWindow win, Span<double> acc) where TG : struct, IKernelProfile
    {
        double ox = _t.OriginX, oy = _t.OriginY, pw = _t.PixelWidth, ph = _t.PixelHeight;
        double rCols = _r / Math.Abs(pw), rRows = _r / Math.Abs(ph);
        // Cells whose points can reach the window: one cell (≥ r) beyond each side.
        int cx0 = Math.Max(0, (int)Math.Floor((win.Col - rCols) / _cellPixels) + 1);
        int cx1 = Math.Min(_cellsAcross - 1, (int)Math.Floor((win.ColEnd + rCols) / _cellPixels) + 1);
        int cy0 = Math.Max(0, (int)Math.Floor((win.Row - rRows) / _cellPixels) + 1);
        int cy1 = Math.Min(_cellsDown - 1, (int)Math.Floor((win.RowEnd + rRows) / _cellPixels) + 1);
        int w = win.Width;
        for (int cy = cy0; cy <= cy1; cy++)
        {
            for (int cx = cx0; cx <= cx1; cx++)
            {
                int cell = cy * _cellsAcross + cx;
                for (int k = _cellStart[cell]; k < _cellStart[cell + 1]; k++)
                {
                    double px = _x[k], py = _y[k], pwt = _w[k];
                    double pc = (px - ox) / pw, pr = (py - oy) / ph;
                    // Candidate rows/cols (one extra on each side; the d² < r² test decides exactly).
                    int r0 = Math.Max(win.Row, (int)Math.Floor(pr - rRows - 0.5));
                    int r1 = Math.Min(win.RowEnd - 1, (int)Math.Ceiling(pr + rRows - 0.5));
                    for (int row = r0; row <= r1; row++)
                    {
                        double dy = oy + (row + 0.5) * ph - py;
                        double dy2 = dy * dy;
                        if (dy2 >= _r2) continue;
                        double half = Math.Sqrt(_r2 - dy2) / Math.Abs(pw);
                        int c0 = Math.Max(win.Col, (int)Math.Floor(pc - half - 0.5));
                        int c1 = Math.Min(win.ColEnd - 1, (int)Math.Ceiling(pc + half - 0.5));
                        int lineStart = (row - win.Row) * w - win.Col;
                        for (int c = c0; c <= c1; c++)
                        {
                            double dx = ox + (c + 0.5) * pw - px;
                            double d2 = dx * dx + dy2;
                            if (d2 < _r2) acc[lineStart + c] += pwt * TG.G(d2 * _invR2);
                        }
                    }
                }
            }
        }
    }

    private interface IKernelProfile
    {
        static abstract double G(double u2);
    }

    private readonly struct QuarticG : IKernelProfile
    {
        public static double G(double u2)
        {
            double t = 1 - u2;
            return t * t;
        }
    }

    private readonly struct EpanechnikovG : IKernelProfile
    {
        public static double G(double u2) => 1 - u2;
    }

    private readonly struct GaussianG : IKernelProfile
    {
        public static double G(double u2) => Math.Exp(-4.5 * u2);
    }
}
