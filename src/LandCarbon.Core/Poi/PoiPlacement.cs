using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Models;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Poi;

/// <summary>
/// POIs placed on a grid: per function, the map coordinates (grid CRS units) and weights of the points, in read
/// order. Also carries the drop report (reader drops plus points outside the grid) and the categories no rule
/// mapped, with counts.
/// </summary>
public sealed class PoiPointSet
{
    internal PoiPointSet(GridSpec grid, double[][] x, double[][] y, double[][] w, PoiDropReport drops,
        IReadOnlyDictionary<string, int> unmapped, int rowsRead)
    {
        Grid = grid;
        X = x;
        Y = y;
        Weight = w;
        Drops = drops;
        Unmapped = unmapped;
        RowsRead = rowsRead;
    }

    /// <summary>The grid the points were placed on.</summary>
    public GridSpec Grid { get; }

    /// <summary>X per function (index = (int)<see cref="PoiFunction"/>), grid CRS units.</summary>
    public IReadOnlyList<double[]> X { get; }

    /// <summary>Y per function, grid CRS units.</summary>
    public IReadOnlyList<double[]> Y { get; }

    /// <summary>Weight per function.</summary>
    public IReadOnlyList<double[]> Weight { get; }

    /// <summary>Rows dropped while reading and placing.</summary>
    public PoiDropReport Drops { get; }

    /// <summary>Category paths (or type codes when there is no category) that no rule mapped, with POI counts;
    /// those POIs are counted as <see cref="PoiFunction.Other"/>.</summary>
    public IReadOnlyDictionary<string, int> Unmapped { get; }

    /// <summary>Points dropped as outside the grid, per function (index = (int)<see cref="PoiFunction"/>).</summary>
    public IReadOnlyList<int> OutsideGridByFunction { get; init; } = new int[PoiFunctions.Count];

    /// <summary>Rows or features in the input file.</summary>
    public int RowsRead { get; }

    /// <summary>Points of one function.</summary>
    public int Count(PoiFunction f) => X[(int)f].Length;

    /// <summary>All placed points.</summary>
    public int TotalCount => X.Sum(a => a.Length);

    /// <summary>Builds a set directly from grid coordinates (tests, callers with their own readers).</summary>
    public static PoiPointSet FromGridCoordinates(GridSpec grid, PoiFunction function, double[] x, double[] y, double[]? weight = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length || (weight is not null && weight.Length != x.Length))
            throw new ArgumentException("x, y and weight need the same length.", nameof(x));
        var xs = new double[PoiFunctions.Count][];
        var ys = new double[PoiFunctions.Count][];
        var ws = new double[PoiFunctions.Count][];
        for (int f = 0; f < PoiFunctions.Count; f++) { xs[f] = []; ys[f] = []; ws[f] = []; }
        xs[(int)function] = x;
        ys[(int)function] = y;
        ws[(int)function] = weight ?? Enumerable.Repeat(1.0, x.Length).ToArray();
        return new PoiPointSet(grid, xs, ys, ws, new PoiDropReport(), new Dictionary<string, int>(), x.Length);
    }
}

/// <summary>
/// Classifies read POIs with a <see cref="PoiFunctionMap"/>, converts their coordinates to the grid's CRS
/// (lon/lat in WGS84, GCJ-02 or BD-09 through <see cref="CoordinateTransformer"/>, or coordinates already in the
/// grid CRS) and drops points farther than <c>marginMeters</c> outside the grid (they cannot reach a pixel centre
/// with a kernel of that radius). Throws an <see cref="InputException"/> listing the drop reasons when no point is
/// usable.
/// </summary>
public static class PoiPlacement
{
    /// <summary>Places <paramref name="read"/> on <paramref name="grid"/>.</summary>
    /// <param name="read">Reader output.</param>
    /// <param name="grid">The study grid (north-up, projected).</param>
    /// <param name="map">Category → function rules.</param>
    /// <param name="lonLat">System of lon/lat input, or null when the coordinates are already in the grid CRS.</param>
    /// <param name="marginMeters">How far outside the grid points are kept (use the kernel radius).</param>
    public static PoiPointSet Place(PoiReadResult read, GridSpec grid, PoiFunctionMap map, LonLatSystem? lonLat, double marginMeters)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(map);
        if (!grid.Transform.IsNorthUp) throw new InputException("The grid is rotated; POI density needs a north-up grid.");
        if (PixelAreas.NonMetreUnit(grid) is string unit)
            throw new InputException($"The grid CRS {grid.Crs} is in {unit}; POI kernel radii (poi.radiusMeters, --radius-m) are in metres and need a projected grid in metres (e.g. UTM or Albers).");
        CoordinateTransformer? ct = null;
        double metersPerUnit = 1;
        if (lonLat is LonLatSystem sys)
        {
            ct = CoordinateTransformer.FromWgs84(grid.Crs);
            if (ct.IsGeographic)
                throw new InputException($"The grid CRS {grid.Crs} is geographic; kernel radii in metres need a projected grid (e.g. UTM or Albers).");
            metersPerUnit = ct.MetersPerUnit;
        }
        double margin = marginMeters / metersPerUnit;
        var t = grid.Transform;
        var (x0, x1) = Order(t.OriginX, t.OriginX + grid.Width * t.PixelWidth);
        var (y0, y1) = Order(t.OriginY, t.OriginY + grid.Height * t.PixelHeight);
        x0 -= margin; x1 += margin; y0 -= margin; y1 += margin;

        var drops = read.Drops.Copy();
        var outside = new int[PoiFunctions.Count];
        var xs = Enumerable.Range(0, PoiFunctions.Count).Select(_ => new List<double>()).ToArray();
        var ys = Enumerable.Range(0, PoiFunctions.Count).Select(_ => new List<double>()).ToArray();
        var ws = Enumerable.Range(0, PoiFunctions.Count).Select(_ => new List<double>()).ToArray();
        var unmapped = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rec in read.Records)
        {
            double x = rec.X, y = rec.Y;
            if (lonLat is LonLatSystem s)
            {
                if (Math.Abs(x) > 180 || Math.Abs(y) > 90) { drops.Add(PoiDropReason.Unparseable, rec.Row); continue; }
                (x, y) = ct!.FromLonLat(s, x, y);
                if (!double.IsFinite(x) || !double.IsFinite(y)) { drops.Add(PoiDropReason.Unparseable, rec.Row); continue; }
            }
            var (f, mapped) = map.Classify(rec.TypeCode, rec.Category);
            if (x < x0 || x > x1 || y < y0 || y > y1)
            {
                drops.Add(PoiDropReason.OutsideGrid, rec.Row);
                outside[(int)f]++;
                continue;
            }
            if (!mapped)
            {
                string key = rec.Category.Length > 0 ? rec.Category : rec.TypeCode.Length > 0 ? rec.TypeCode : "(no category)";
                unmapped[key] = unmapped.GetValueOrDefault(key) + 1;
            }
            xs[(int)f].Add(x);
            ys[(int)f].Add(y);
            ws[(int)f].Add(rec.Weight);
        }
        int total = xs.Sum(l => l.Count);
        if (total == 0)
            throw new InputException($"{read.Path}: none of the {read.RowsRead} POI rows is usable on the grid:",
                drops.Describe().DefaultIfEmpty("the file has no data rows").ToList());
        return new PoiPointSet(grid, xs.Select(l => l.ToArray()).ToArray(), ys.Select(l => l.ToArray()).ToArray(),
            ws.Select(l => l.ToArray()).ToArray(), drops, unmapped, read.RowsRead) { OutsideGridByFunction = outside };
    }

    private static (double Lo, double Hi) Order(double a, double b) => a <= b ? (a, b) : (b, a);
}
