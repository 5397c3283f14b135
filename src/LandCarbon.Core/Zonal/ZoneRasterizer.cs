using LandCarbon.Core.Raster;
using NetTopologySuite.Geometries;

namespace LandCarbon.Core.Zonal;

/// <summary>
/// Rasterises zone polygons onto a north-up grid by the pixel-centre rule: a pixel belongs to a polygon when its
/// centre lies inside it. Scanline algorithm: for each row, the centre line y = y_c is intersected with every ring
/// edge (half-open in y: an edge counts when min(y₁, y₂) ≤ y_c &lt; max(y₁, y₂), so a vertex on the line is counted
/// once), the crossings are sorted, and the centres between crossing pairs (even–odd rule, so holes are
/// excluded) with x_a ≤ x_c &lt; x_b are filled. Edges are bucketed by the rows they span, so the cost is
/// O(edges + crossings + runs), independent of the number of pixels filled. Shared boundaries of neighbouring
/// polygons therefore split pixels without double counting; overlaps in the data go to the first zone
/// (<see cref="ZoneMask.OverlapPixels"/>).
/// </summary>
public static class ZoneRasterizer
{
    /// <summary>Rasterises <paramref name="zones"/> (geometries in the grid CRS) onto <paramref name="grid"/>.</summary>
    public static ZoneMask Rasterize(IReadOnlyList<Zone> zones, GridSpec grid)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentNullException.ThrowIfNull(grid);
        if (!grid.Transform.IsNorthUp) throw new ArgumentException("Zone rasterisation needs a north-up grid (no rotation terms).", nameof(grid));
        var rows = new List<ZoneRun>?[grid.Height];
        var overlap = new long[zones.Count];
        for (int z = 0; z < zones.Count; z++)
        {
            foreach (var (row, start, end) in CentreRuns(zones[z].Geometry, grid))
            {
                var list = rows[row] ??= [];
                overlap[z] += Insert(list, start, end, z);
            }
        }
        var final = new ZoneRun[grid.Height][];
        for (int r = 0; r < grid.Height; r++) final[r] = rows[r]?.ToArray() ?? [];
        return new ZoneMask(grid, zones, final, overlap);
    }

    /// <summary>
    /// The pixel runs (row, first col, one past last col) whose centres lie inside <paramref name="geometry"/>,
    /// for each polygon part separately (parts of a MultiPolygon may repeat pixels only if they overlap).
    /// </summary>
    public static IEnumerable<(int Row, int Start, int End)> CentreRuns(Geometry geometry, GridSpec grid)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(grid);
        for (int p = 0; p < geometry.NumGeometries; p++)
        {
            if (geometry.GetGeometryN(p) is not Polygon poly || poly.IsEmpty) continue;
            foreach (var run in PolygonRuns(poly, grid)) yield return run;
        }
    }

    private static List<(int Row, int Start, int End)> PolygonRuns(Polygon poly, GridSpec grid)
    {
        var t = grid.Transform;
        double x0 = t.OriginX, y0 = t.OriginY, pw = t.PixelWidth, ph = t.PixelHeight;
        // Row r has its centre at y0 + (r + 0.5)·ph; the fractional row of y is (y − y0)/ph − 0.5.
        var env = poly.EnvelopeInternal;
        double ra = (env.MinY - y0) / ph - 0.5, rb = (env.MaxY - y0) / ph - 0.5;
        int rowLo = Math.Max(0, (int)Math.Floor(Math.Min(ra, rb)));
        int rowHi = Math.Min(grid.Height - 1, (int)Math.Ceiling(Math.Max(ra, rb)));
        var result = new List<(int, int, int)>();
        if (rowLo > rowHi) return result;
        var crossings = new List<double>?[rowHi - rowLo + 1];
        AddRing(poly.ExteriorRing, crossings, rowLo, rowHi, y0, ph);
        foreach (var hole in poly.InteriorRings) AddRing(hole, crossings, rowLo, rowHi, y0, ph);
        for (int i = 0; i < crossings.Length; i++)
        {
            var xs = crossings[i];
            if (xs is null || xs.Count < 2) continue;
            xs.Sort();
            int row = rowLo + i;
            for (int k = 0; k + 1 < xs.Count; k += 2)
            {
                // Centres x0 + (c + 0.5)·pw with xa ≤ x < xb (pw > 0) → c in [ceil(ca), ceil(cb)).
                double ca = (xs[k] - x0) / pw - 0.5, cb = (xs[k + 1] - x0) / pw - 0.5;
                if (pw < 0) (ca, cb) = (cb, ca);
                int s = (int)Math.Max(0, Math.Ceiling(ca));
                int e = (int)Math.Min(grid.Width, Math.Ceiling(cb));
                if (s < e) result.Add((row, s, e));
            }
        }
        return result;
    }

    private static void AddRing(LineString ring, List<double>?[] crossings, int rowLo, int rowHi, double y0, double ph)
    {
        var seq = ring.CoordinateSequence;
        int n = seq.Count;
        for (int i = 0; i + 1 < n; i++)
        {
            double x1 = seq.GetX(i), y1 = seq.GetY(i), x2 = seq.GetX(i + 1), y2 = seq.GetY(i + 1);
            if (y1 == y2) continue;
            double ylo = Math.Min(y1, y2), yhi = Math.Max(y1, y2);
            // Rows whose centre yc satisfies ylo ≤ yc < yhi.
            double fa = (ylo - y0) / ph - 0.5, fb = (yhi - y0) / ph - 0.5;
            int r0, r1;
            if (ph < 0)
            {
                // yc decreases with r: yc ≥ ylo ⇔ r ≤ fa; yc < yhi ⇔ r > fb.
                r0 = (int)Math.Floor(fb) + 1;
                r1 = (int)Math.Floor(fa);
            }
            else
            {
                r0 = (int)Math.Ceiling(fa);
                r1 = (int)Math.Ceiling(fb) - 1;
            }
            r0 = Math.Max(r0, rowLo);
            r1 = Math.Min(r1, rowHi);
            for (int r = r0; r <= r1; r++)
            {
                double yc = y0 + (r + 0.5) * ph;
                if (yc < ylo || yc >= yhi) continue; // guards the floor/ceil arithmetic against rounding
                double x = x1 + (yc - y1) * (x2 - x1) / (y2 - y1);
                (crossings[r - rowLo] ??= []).Add(x);
            }
        }
    }

    // Adds [start, end) for zone z to a row's sorted, disjoint run list, keeping pixels already held by any
    // zone; returns how many pixels an earlier, different zone already held.
    private static long Insert(List<ZoneRun> runs, int start, int end, int z)
    {
        long overlap = 0;
        int pos = 0;
        // First run that ends after start.
        int lo = 0, hi = runs.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (runs[mid].End <= start) lo = mid + 1; else hi = mid;
        }
        pos = lo;
        int cursor = start;
        var pieces = new List<ZoneRun>();
        int i = pos;
        while (cursor < end)
        {
            if (i < runs.Count && runs[i].Start < end)
            {
                var r = runs[i];
                if (r.Start > cursor) pieces.Add(new ZoneRun(cursor, r.Start, z));
                int coveredEnd = Math.Min(r.End, end);
                int coveredStart = Math.Max(r.Start, cursor);
                if (r.Zone != z && coveredEnd > coveredStart) overlap += coveredEnd - coveredStart;
                cursor = Math.Max(cursor, r.End);
                i++;
            }
            else
            {
                pieces.Add(new ZoneRun(cursor, end, z));
                cursor = end;
            }
        }
        if (pieces.Count > 0)
        {
            runs.InsertRange(pos, pieces);
            // Restore start order (pieces interleave with the runs they skipped).
            runs.Sort(pos, Math.Min(runs.Count - pos, pieces.Count + (i - pos)), Comparer<ZoneRun>.Create((a, b) => a.Start.CompareTo(b.Start)));
            Merge(runs);
        }
        return overlap;
    }

    // Joins adjacent runs of the same zone so rows stay short.
    private static void Merge(List<ZoneRun> runs)
    {
        int w = 0;
        for (int r = 0; r < runs.Count; r++)
        {
            if (w > 0 && runs[w - 1].Zone == runs[r].Zone && runs[w - 1].End == runs[r].Start)
                runs[w - 1] = runs[w - 1] with { End = runs[r].End };
            else
                runs[w++] = runs[r];
        }
        runs.RemoveRange(w, runs.Count - w);
    }
}
