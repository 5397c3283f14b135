using System.Globalization;
using System.Runtime.Intrinsics;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;
using Ellipsoid = LandCarbon.Core.Geodesy.Ellipsoid;
using ProjNet.CoordinateSystems;

namespace LandCarbon.Core.Processing;

/// <summary>How pixel areas are measured (study key <c>accounting.areaModel</c>).</summary>
public enum AreaModel
{
    /// <summary>The true ground area of each pixel on the CRS's ellipsoid (default).</summary>
    True,

    /// <summary>The geotransform's area |a·e − b·d| in the CRS's linear unit, converted to m² (InVEST and GDAL-based
    /// tools); refused for geographic CRSs, whose geotransform is in degrees.</summary>
    Nominal,
}

/// <summary>Parsing and naming of <see cref="AreaModel"/>.</summary>
public static class AreaModels
{
    /// <summary>The study-file word: <c>true</c> or <c>nominal</c>.</summary>
    public static string Key(this AreaModel m) => m == AreaModel.True ? "true" : "nominal";
}

/// <summary>
/// The ground area (m²) of every pixel of a grid, as a pure function of (row, column): results do not depend on
/// tile size or thread count. Built by <see cref="For"/> from the grid's CRS (docs/methods/raster.md §6):
/// <list type="bullet">
/// <item>geographic CRS (true model): the exact ellipsoidal area of each longitude/latitude cell, one value per row
/// (<see cref="Ellipsoid.CellArea"/>);</item>
/// <item>Mercator and Web Mercator: a north-up pixel is a longitude/latitude cell, so the same exact area per row,
/// its latitudes from the inverse projection;</item>
/// <item>transverse Mercator (UTM, Gauss–Krüger) and Lambert conformal conic: nominal area × the pixel mean of 1/k²
/// (k the analytic point scale, pixel mean by 2×2 Gauss–Legendre), sampled at nodes every
/// <see cref="NodeStep"/> pixels of the whole grid and interpolated by tensor cubic Lagrange polynomials;</item>
/// <item>equal-area projections (Albers, Lambert azimuthal, cylindrical equal-area, …) and the nominal model: one
/// area for every pixel, the geotransform's, in m².</item>
/// </list>
/// </summary>
public sealed class PixelAreas
{
    private const double NodeSpacingMeters = 4000;

    private readonly GeoTransform _t;
    private readonly double _unit;            // metres per linear unit (projected) or radians per angular unit (geographic)
    private readonly double _nominalM2;
    private readonly Ellipsoid? _ell;
    private readonly Func<double, double>? _latitudeOfY; // map y (CRS unit) → latitude (radians) for row models
    private readonly double _lonPerX;         // longitude (radians) per CRS unit of x for row models
    private readonly IConformalScale? _scale;
    private readonly double _falseEasting, _falseNorthing;

    private PixelAreas(AreaModel model, string description, GeoTransform t, double unit, double nominalM2)
    {
        Model = model;
        Description = description;
        _t = t;
        _unit = unit;
        _nominalM2 = nominalM2;
    }

    private PixelAreas(AreaModel model, string description, GeoTransform t, double unit, Ellipsoid ell,
        Func<double, double> latitudeOfY, double lonPerX) : this(model, description, t, unit, double.NaN)
    {
        _ell = ell;
        _latitudeOfY = latitudeOfY;
        _lonPerX = lonPerX;
    }

    private PixelAreas(AreaModel model, string description, GeoTransform t, double unit, IConformalScale scale,
        double falseEasting, double falseNorthing) : this(model, description, t, unit, t.PixelArea * unit * unit)
    {
        _scale = scale;
        _falseEasting = falseEasting;
        _falseNorthing = falseNorthing;
        double px = Math.Max(Math.Abs(t.PixelWidth), Math.Abs(t.PixelHeight)) * unit;
        NodeStep = (int)Math.Clamp(Math.Floor(NodeSpacingMeters / px), 1, 4096);
    }

    /// <summary>The model asked for.</summary>
    public AreaModel Model { get; }

    /// <summary>How areas are computed, for <c>raster info</c>, run.json and the report (e.g.
    /// "true: ellipsoidal longitude/latitude cells on WGS 84, per row").</summary>
    public string Description { get; }

    /// <summary>True when every pixel has the same area (<see cref="UniformAreaM2"/>).</summary>
    public bool IsUniform => _ell is null && _scale is null;

    /// <summary>True when the area depends on the row only (geographic and Mercator grids).</summary>
    public bool IsPerRow => _ell is not null;

    /// <summary>The area of every pixel when <see cref="IsUniform"/>, m².</summary>
    public double UniformAreaM2 => IsUniform ? _nominalM2 : throw new InvalidOperationException("The pixel area varies over this grid.");

    /// <summary>Spacing of the interpolation nodes in pixels (conformal projections; 0 otherwise).</summary>
    public int NodeStep { get; }

    /// <summary>
    /// The area model of a grid. <paramref name="source"/> names the raster (or study key) in error messages.
    /// </summary>
    /// <exception cref="InputException">The grid has no CRS; the CRS cannot be read; its projection has no area
    /// model (the message names it); a geographic or Mercator grid is rotated; or the nominal model is asked of a
    /// geographic grid.</exception>
    public static PixelAreas For(GridSpec grid, AreaModel model, string source)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (grid.Crs.IsEmpty)
            throw new InputException($"{source}: the raster has no coordinate reference system, so the ground area of its pixels is unknown " +
                "(a CRS the GeoTIFF reader could not interpret is listed in its warnings); assign one (gdal_edit.py -a_srs EPSG:…) or reproject it " +
                "to UTM, an Albers equal-area or a geographic CRS.");
        CoordinateSystem cs;
        try
        {
            cs = CoordinateTransformer.Parse(grid.Crs);
        }
        catch (InputException e)
        {
            throw new InputException($"{source}: {e.Message}", e);
        }
        var t = grid.Transform;
        if (cs is GeographicCoordinateSystem g)
        {
            double rad = g.AngularUnit.RadiansPerUnit;
            if (model == AreaModel.Nominal)
                throw new InputException($"{source}: accounting.areaModel: nominal needs a projected CRS, but {grid.Crs} is geographic (its pixels are " +
                    "measured in degrees); use areaModel: true (the default) or reproject to an equal-area projection.");
            RequireNorthUp(t, source, grid.Crs);
            var ell = EllipsoidOf(g);
            return new PixelAreas(model, $"true: ellipsoidal longitude/latitude cells on {g.HorizontalDatum.Ellipsoid.Name} (a = {F(ell.A)} m, 1/f = {F(1 / ell.F)}), per row",
                t, rad, ell, y => y * rad, rad);
        }
        if (cs is not ProjectedCoordinateSystem p)
            throw new InputException($"{source}: the CRS {grid.Crs} is neither geographic nor projected; LandCarbon cannot measure its pixel areas.");
        double unit = p.LinearUnit.MetersPerUnit;
        double nominal = t.PixelArea * unit * unit;
        string unitNote = unit == 1 ? "" : $" (linear unit {p.LinearUnit.Name} = {F(unit)} m)";
        if (model == AreaModel.Nominal)
            return new PixelAreas(model, $"nominal: geotransform area {F(nominal)} m² per pixel{unitNote}", t, unit, nominal);

        string method = Normalize(p.Projection.ClassName);
        var pell = EllipsoidOf(p.GeographicCoordinateSystem);
        double Param(params string[] names)
        {
            foreach (string name in names)
            {
                for (int i = 0; i < p.Projection.NumParameters; i++)
                {
                    var pp = p.Projection.GetParameter(i);
                    if (Normalize(pp.Name) == Normalize(name)) return pp.Value;
                }
            }
            return double.NaN;
        }
        double Deg(double v) => v * Math.PI / 180;
        double Or(double v, double fallback) => double.IsNaN(v) ? fallback : v;
        double fe = Or(Param("false_easting"), 0) * unit, fn = Or(Param("false_northing"), 0) * unit;
        switch (method)
        {
            case "albersconicequalarea" or "albers" or "lambertazimuthalequalarea" or "cylindricalequalarea"
                or "lambertcylindricalequalarea" or "equalearth" or "mollweide" or "sinusoidal" or "eckertiv" or "eckertvi":
                return new PixelAreas(model, $"true: equal-area projection ({p.Projection.ClassName}), geotransform area {F(nominal)} m² per pixel{unitNote}",
                    t, unit, nominal);
            case "transversemercator" or "gausskruger":
            {
                double k0 = Or(Param("scale_factor"), 1), lat0 = Deg(Or(Param("latitude_of_origin"), 0));
                return new PixelAreas(model, $"true: transverse Mercator areal scale 1/k² (Krüger series, {p.GeographicCoordinateSystem.HorizontalDatum.Ellipsoid.Name}) " +
                    $"per pixel, nodes every {Step(t, unit)} px{unitNote}", t, unit, new TransverseMercatorScale(pell, k0, lat0), fe, fn);
            }
            case "lambertconformalconic2sp" or "lambertconformalconic":
            {
                double lat1 = Deg(Param("standard_parallel_1")), lat2 = Deg(Or(Param("standard_parallel_2"), Param("standard_parallel_1")));
                double lat0 = Deg(Or(Param("latitude_of_origin"), 0));
                if (double.IsNaN(lat1)) break;
                return new PixelAreas(model, $"true: Lambert conformal conic areal scale 1/k² per pixel, nodes every {Step(t, unit)} px{unitNote}",
                    t, unit, new LambertConformalConicScale(pell, lat1, lat2, lat0), fe, fn);
            }
            case "mercator1sp" or "mercator" or "mercator2sp" or "popularvisualisationpseudomercator" or "pseudomercator":
            {
                RequireNorthUp(t, source, grid.Crs);
                bool pseudo = method.Contains("pseudo", StringComparison.Ordinal);
                double k0 = Or(Param("scale_factor"), 1);
                double sp = Param("standard_parallel_1");
                if (!double.IsNaN(sp))
                {
                    double s = Math.Sin(Deg(sp));
                    k0 = Math.Cos(Deg(sp)) / Math.Sqrt(1 - pell.E2 * s * s);
                }
                double a = pell.A, fnU = fn;
                var sphere = Ellipsoid.FromInverseFlattening(a, 0);
                Func<double, double> lat = pseudo
                    ? y => sphere.LatitudeOfIsometric((y * unit - fnU) / a)
                    : y => pell.LatitudeOfIsometric((y * unit - fnU) / (a * k0));
                return new PixelAreas(model, $"true: {(pseudo ? "Web Mercator (spherical formulas on " : "Mercator (")}{p.GeographicCoordinateSystem.HorizontalDatum.Ellipsoid.Name}) " +
                    $"pixels as ellipsoidal longitude/latitude cells, per row{unitNote}", t, unit, pell, lat, unit / (a * k0));
            }
        }
        throw new InputException($"{source}: LandCarbon has no area model for the projection '{p.Projection.ClassName}' of {grid.Crs}; " +
            "reproject the rasters to an equal-area projection (e.g. Albers), UTM or a geographic CRS, or set accounting.areaModel: nominal " +
            "to use the geotransform's area.");
    }

    /// <summary>Null when the grid's coordinates are metres; otherwise what they are ("degrees (geographic CRS)",
    /// "US survey foot", …), for the refusal of distances given in metres (docs/methods/raster.md §6). A grid without
    /// a readable CRS counts as metres here: the area model reports it.</summary>
    public static string? NonMetreUnit(GridSpec grid)
    {
        ArgumentNullException.ThrowIfNull(grid);
        if (grid.Crs.IsEmpty) return null;
        CoordinateSystem cs;
        try
        {
            cs = CoordinateTransformer.Parse(grid.Crs);
        }
        catch (InputException)
        {
            return null;
        }
        return cs switch
        {
            GeographicCoordinateSystem g => $"{g.AngularUnit.Name}s (geographic CRS)",
            ProjectedCoordinateSystem p when p.LinearUnit.MetersPerUnit != 1 => p.LinearUnit.Name,
            _ => null,
        };
    }

    private static int Step(GeoTransform t, double unit) =>
        (int)Math.Clamp(Math.Floor(NodeSpacingMeters / (Math.Max(Math.Abs(t.PixelWidth), Math.Abs(t.PixelHeight)) * unit)), 1, 4096);

    private static void RequireNorthUp(GeoTransform t, string source, SpatialReference crs)
    {
        if (!t.IsNorthUp)
            throw new InputException($"{source}: the grid in {crs} is rotated; the true area model needs north-up longitude/latitude or Mercator pixels " +
                "(warp it north-up with gdalwarp).");
    }

    private static Ellipsoid EllipsoidOf(GeographicCoordinateSystem g)
    {
        var e = g.HorizontalDatum.Ellipsoid;
        double a = e.SemiMajorAxis * e.AxisUnit.MetersPerUnit;
        return Ellipsoid.FromInverseFlattening(a, e.InverseFlattening);
    }

    private static string Normalize(string s) =>
        string.Concat(s.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// Σ ground area (m², exact sum) of the valid pixels of a raster on this grid: not equal to the declared nodata
    /// value and not NaN, the validity rule of <see cref="RasterHistogram"/>. Identical for any tile size and thread
    /// count.
    /// </summary>
    public double ValidAreaM2(IRasterReader reader, Processing.TileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        options ??= Processing.TileOptions.Default;
        var g = reader.Grid;
        var layout = options.LayoutFor(g.Width, g.Height, reader.BlockWidth, reader.BlockHeight);
        double? nd = reader.NoData;
        var total = Processing.TileProcessor.Accumulate(layout, options, () => new Numerics.ExactSum[1], (w, acc) =>
        {
            int n = checked((int)w.PixelCount);
            var v = System.Buffers.ArrayPool<double>.Shared.Rent(n);
            var a = System.Buffers.ArrayPool<double>.Shared.Rent(n);
            reader.Read<double>(w, v.AsSpan(0, n));
            Fill(w, a.AsSpan(0, n));
            for (int i = 0; i < n; i++)
                if (!double.IsNaN(v[i]) && v[i] != nd) acc[0].Add(a[i]);
            System.Buffers.ArrayPool<double>.Shared.Return(v);
            System.Buffers.ArrayPool<double>.Shared.Return(a);
        }, (x, y) => x[0].Add(y[0]));
        return total[0].Value;
    }

    /// <summary>Area of pixel (row, col), m².</summary>
    public double AreaM2(int row, int col)
    {
        if (IsUniform) return _nominalM2;
        if (_ell is not null) return RowAreaM2(row);
        Span<double> one = stackalloc double[1];
        Fill(new PixelWindow(col, row, 1, 1), one);
        return one[0];
    }

    /// <summary>Area of every pixel of row <paramref name="row"/> of a per-row model, m².</summary>
    public double RowAreaM2(int row)
    {
        if (_ell is null) return AreaM2(row, 0);
        double y0 = _t.OriginY + row * _t.PixelHeight, y1 = y0 + _t.PixelHeight;
        return _ell.CellArea(_latitudeOfY!(y0), _latitudeOfY!(y1), _t.PixelWidth * _lonPerX);
    }

    /// <summary>Fills the area (m²) of every pixel of a window, row-major.</summary>
    public void Fill(PixelWindow w, Span<double> areaM2)
    {
        int n = checked((int)w.PixelCount);
        if (areaM2.Length < n) throw new ArgumentException("The span is shorter than the window.", nameof(areaM2));
        if (IsUniform)
        {
            areaM2[..n].Fill(_nominalM2);
            return;
        }
        if (_ell is not null)
        {
            for (int r = 0; r < w.Height; r++) areaM2.Slice(r * w.Width, w.Width).Fill(RowAreaM2(w.Row + r));
            return;
        }
        FillConformal(w, areaM2);
    }

    /// <summary>The pixel mean of 1/k² of pixel (row, col) by 2×2 Gauss–Legendre points (exact for cubics).</summary>
    public double MeanInverseArealScale(int row, int col)
    {
        const double g = 0.28867513459481287; // 1/(2√3)
        double sum = 0;
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                var (x, y) = _t.PixelToMap(col + 0.5 + (j == 0 ? -g : g), row + 0.5 + (i == 0 ? -g : g));
                double k = _scale!.ScaleAt(x * _unit - _falseEasting, y * _unit - _falseNorthing);
                sum += 1 / (k * k);
            }
        }
        return sum / 4;
    }

    // Tensor cubic Lagrange interpolation of the node values (nodes at row and column indices that are multiples of
    // NodeStep over the whole grid): first along the rows for each node column, then along the columns. Each
    // pixel's value depends on its (row, col) only.
    private void FillConformal(PixelWindow w, Span<double> areaM2)
    {
        int s = NodeStep;
        int i0 = FloorDiv(w.Row, s) - 1, i1 = FloorDiv(w.RowEnd - 1, s) + 2;
        int j0 = FloorDiv(w.Col, s) - 1, j1 = FloorDiv(w.ColEnd - 1, s) + 2;
        int nr = i1 - i0 + 1, nc = j1 - j0 + 1;
        var nodes = new double[nr * nc];
        for (int i = 0; i < nr; i++)
            for (int j = 0; j < nc; j++)
                nodes[i * nc + j] = MeanInverseArealScale((i0 + i) * s, (j0 + j) * s);
        // Column weights in four planes (w0[c]…w3[c]) so that a run of columns sharing their four nodes is one
        // vector loop; the arithmetic per pixel is the scalar formula's, in its order, so values are bit-identical.
        var colNode = new int[w.Width];
        var planes = new double[4 * w.Width];
        Span<double> wc = stackalloc double[4];
        for (int c = 0; c < w.Width; c++)
        {
            int col = w.Col + c, jn = FloorDiv(col, s);
            colNode[c] = jn - 1 - j0;
            Weights((col - jn * s) / (double)s, wc);
            for (int k = 0; k < 4; k++) planes[k * w.Width + c] = wc[k];
        }
        var line = new double[nc];
        Span<double> wy = stackalloc double[4];
        for (int r = 0; r < w.Height; r++)
        {
            int row = w.Row + r, iN = FloorDiv(row, s), ib = iN - 1 - i0;
            Weights((row - iN * s) / (double)s, wy);
            for (int j = 0; j < nc; j++)
                line[j] = wy[0] * nodes[ib * nc + j] + wy[1] * nodes[(ib + 1) * nc + j]
                    + wy[2] * nodes[(ib + 2) * nc + j] + wy[3] * nodes[(ib + 3) * nc + j];
            var dst = areaM2.Slice(r * w.Width, w.Width);
            for (int c0 = 0; c0 < w.Width;)
            {
                int jb = colNode[c0], c1 = c0 + 1;
                while (c1 < w.Width && colNode[c1] == jb) c1++;
                InterpolateRun(planes, w.Width, c0, c1, line[jb], line[jb + 1], line[jb + 2], line[jb + 3], dst);
                c0 = c1;
            }
        }
    }

    // dst[c] = nominal × (w0[c]·l0 + w1[c]·l1 + w2[c]·l2 + w3[c]·l3) for c in [c0, c1), four columns per vector
    // (separate multiplies and adds in the scalar order: no fused multiply-add, so both paths round alike).
    private void InterpolateRun(double[] planes, int width, int c0, int c1, double l0, double l1, double l2, double l3, Span<double> dst)
    {
        var p0 = planes.AsSpan(0, width);
        var p1 = planes.AsSpan(width, width);
        var p2 = planes.AsSpan(2 * width, width);
        var p3 = planes.AsSpan(3 * width, width);
        double nominal = _nominalM2;
        int c = c0;
        if (Vector256.IsHardwareAccelerated)
        {
            var v0 = Vector256.Create(l0);
            var v1 = Vector256.Create(l1);
            var v2 = Vector256.Create(l2);
            var v3 = Vector256.Create(l3);
            var vn = Vector256.Create(nominal);
            for (; c + 4 <= c1; c += 4)
            {
                var sum = Vector256.Create<double>(p0.Slice(c, 4)) * v0 + Vector256.Create<double>(p1.Slice(c, 4)) * v1
                    + Vector256.Create<double>(p2.Slice(c, 4)) * v2 + Vector256.Create<double>(p3.Slice(c, 4)) * v3;
                (vn * sum).CopyTo(dst.Slice(c, 4));
            }
        }
        for (; c < c1; c++)
            dst[c] = nominal * (p0[c] * l0 + p1[c] * l1 + p2[c] * l2 + p3[c] * l3);
    }

    // Cubic Lagrange weights of the nodes at −1, 0, 1, 2 for a point at t ∈ [0, 1).
    private static void Weights(double t, Span<double> w)
    {
        w[0] = -t * (t - 1) * (t - 2) / 6;
        w[1] = (t + 1) * (t - 1) * (t - 2) / 2;
        w[2] = -(t + 1) * t * (t - 2) / 2;
        w[3] = (t + 1) * t * (t - 1) / 6;
    }

    private static int FloorDiv(int a, int b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
