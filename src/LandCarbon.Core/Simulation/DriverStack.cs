namespace LandCarbon.Core.Simulation;

/// <summary>A driver raster that does not change with the land use (elevation, slope, population, a user raster), on the
/// study grid, rounded to 16-bit floats (the precision every factor of the suitability model has; 2 bytes per pixel);
/// NaN = missing.</summary>
public sealed record StaticDriver(string Name, Half[] Values)
{
    /// <summary>The driver of <paramref name="values"/>, each rounded to the nearest 16-bit float.</summary>
    public static StaticDriver Round(string name, float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var rounded = new Half[values.LongLength];
        for (long i = 0; i < values.LongLength; i++) rounded[i] = (Half)values[i];
        return new StaticDriver(name, rounded);
    }
}

/// <summary>
/// The driving factors of the suitability model for one land-use map: the Euclidean distance (m) to the nearest
/// pixel of each class (exact distance transform of Felzenszwalb &amp; Huttenlocher 2012, anisotropic pixels
/// allowed), the share of each class among the valid pixels of the (2r+1)×(2r+1) window around the pixel, then the
/// static drivers; every factor is rounded to a 16-bit float. A class absent from the map has a missing distance
/// (NaN). Only the distances are stored (2 bytes per pixel and class): the shares are counted from the land-use map
/// and the static drivers read (already rounded) when a pixel's factors are gathered, which gives the same
/// numbers without a full-size column per share and per static driver (memory at 64 Mpx, issue 17).
/// The stack reads the land-use map it was built from, which must not change while the stack is in use.
/// </summary>
public sealed class DriverStack
{
    private readonly Half[][] _distances;
    private readonly int[] _shareClasses;
    private readonly Half[][] _statics;
    private readonly byte[] _classes;
    private readonly int _width, _height, _radius, _hitSize;

    private DriverStack(IReadOnlyList<string> names, Half[][] distances, int[] shareClasses, Half[][] statics, byte[] classes, SimulationGrid grid, int radius)
    {
        Names = names;
        _distances = distances;
        _shareClasses = shareClasses;
        _statics = statics;
        _classes = classes;
        _width = grid.Width;
        _height = grid.Height;
        _radius = radius;
        _hitSize = shareClasses.Length == 0 ? 1 : shareClasses.Max() + 1;
    }

    /// <summary>Factor names in column order ("distance_forest", "share_construction", "elevation", …).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of factors.</summary>
    public int Count => _distances.Length + _shareClasses.Length + _statics.Length;

    /// <summary>Fills <paramref name="destination"/> with the factors of pixel <paramref name="index"/>.</summary>
    public void Gather(long index, Span<float> destination)
    {
        int f = 0;
        foreach (var d in _distances) destination[f++] = (float)d[index];
        int r = (int)(index / _width), c = (int)(index - (long)r * _width);
        // Only the share classes' counts are read: a window count the size of the largest of them is enough.
        Span<int> hits = stackalloc int[_hitSize];
        int valid = CountWindow(_classes, _width, _height, _radius, r, c, hits);
        foreach (int k in _shareClasses) destination[f++] = (float)ShareOf(hits[k], valid);
        foreach (var s in _statics) destination[f++] = (float)s[index];
    }

    /// <summary>Builds the factors of <paramref name="classes"/> (row-major, 0 = nodata).</summary>
    public static DriverStack Build(SimulationGrid grid, byte[] classes, IReadOnlyList<int> classValues,
        Func<int, string> className, IReadOnlyList<StaticDriver> drivers, int radius, int threads)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(classValues);
        ArgumentNullException.ThrowIfNull(className);
        ArgumentNullException.ThrowIfNull(drivers);
        var names = new List<string>();
        var distances = new List<Half[]>();
        int[]? offsets = null;   // the row pass's scratch, shared by the classes
        foreach (int k in classValues)
        {
            names.Add("distance_" + className(k));
            distances.Add(Distance(grid, classes, k, threads, ref offsets));
        }
        foreach (int k in classValues) names.Add("share_" + className(k));
        foreach (var d in drivers)
        {
            if (d.Values.LongLength != classes.LongLength)
                throw new ArgumentException($"Driver {d.Name} has {d.Values.LongLength} values for a map of {classes.LongLength} pixels.", nameof(drivers));
            names.Add(d.Name);
        }
        return new DriverStack(names, [.. distances], [.. classValues], [.. drivers.Select(d => d.Values)], classes, grid, radius);
    }

    internal static Half[] Distance(SimulationGrid grid, byte[] classes, int k, int threads)
    {
        int[]? offsets = null;
        return Distance(grid, classes, k, threads, ref offsets);
    }

    private static Half[] Distance(SimulationGrid grid, byte[] classes, int k, int threads, ref int[]? offsets)
    {
        int w = grid.Width, h = grid.Height;
        var result = new Half[(long)w * h];
        if (Array.IndexOf(classes, (byte)k) < 0)
        {
            Array.Fill(result, Half.NaN);
            return result;
        }
        // The row pass keeps, per pixel, the column offset to the row's nearest pixel of class k (−1: none in the
        // row), not its squared distance: the column pass recomputes that as (offset × pixel width)², the same
        // floating-point operations as the row transform's, from 4 bytes per pixel instead of 8 (issue 17, memory).
        var offset = offsets ??= new int[(long)w * h];
        var po = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Parallel.For(0, h, po, () => new Scratch(Math.Max(w, h)), (r, _, s) =>
        {
            long o = (long)r * w;
            for (int c = 0; c < w; c++) s.F[c] = classes[o + c] == k ? 0 : double.PositiveInfinity;
            Transform1D(s, w, grid.PixelWidthM);
            for (int c = 0; c < w; c++) offset[o + c] = s.Source[c] < 0 ? -1 : Math.Abs(c - s.Source[c]);
            return s;
        }, _ => { });
        // Columns in blocks of 16, copied row by row, so the pass reads and writes memory in runs, not strides.
        const int block = 16;
        double pw = grid.PixelWidthM;
        Parallel.For(0, (w + block - 1) / block, po, () => (new Scratch(Math.Max(w, h)), new double[block * h]), (b, _, st) =>
        {
            var (s, cols) = st;
            int c0 = b * block, nb = Math.Min(block, w - c0);
            for (int r = 0; r < h; r++)
                for (int j = 0; j < nb; j++)
                {
                    int d = offset[(long)r * w + c0 + j];
                    double dq = d * pw;
                    cols[j * h + r] = d < 0 ? double.PositiveInfinity : dq * dq + 0.0;
                }
            for (int j = 0; j < nb; j++)
            {
                Array.Copy(cols, j * h, s.F, 0, h);
                Transform1D(s, h, grid.PixelHeightM);
                Array.Copy(s.D, 0, cols, j * h, h);
            }
            for (int r = 0; r < h; r++)
                for (int j = 0; j < nb; j++) result[(long)r * w + c0 + j] = (Half)Math.Sqrt(cols[j * h + r]);
            return st;
        }, _ => { });
        return result;
    }

    private sealed class Scratch(int n)
    {
        public readonly double[] F = new double[n];
        public readonly double[] D = new double[n];
        public readonly int[] V = new int[n];
        public readonly double[] Z = new double[n + 1];
        public readonly int[] Source = new int[n];   // the sample whose parabola gives D (−1: none)
    }

    /// <summary>1-D squared distance transform with sample spacing <paramref name="step"/> (lower envelope of parabolas).</summary>
    private static void Transform1D(Scratch s, int n, double step)
    {
        double s2 = step * step;
        int k = -1;
        for (int q = 0; q < n; q++)
        {
            if (double.IsPositiveInfinity(s.F[q])) continue;
            if (k < 0)
            {
                k = 0;
                s.V[0] = q;
                s.Z[0] = double.NegativeInfinity;
                s.Z[1] = double.PositiveInfinity;
                continue;
            }
            double sx;
            while (true)
            {
                int p = s.V[k];
                sx = ((s.F[q] + s2 * q * q) - (s.F[p] + s2 * p * p)) / (2 * s2 * (q - p));
                if (sx <= s.Z[k] && k > 0) k--;
                else break;
            }
            if (sx <= s.Z[k])
            {
                // k == 0 and the new parabola dominates everywhere.
                s.V[0] = q;
                s.Z[0] = double.NegativeInfinity;
                s.Z[1] = double.PositiveInfinity;
                continue;
            }
            k++;
            s.V[k] = q;
            s.Z[k] = sx;
            s.Z[k + 1] = double.PositiveInfinity;
        }
        if (k < 0)
        {
            for (int q = 0; q < n; q++)
            {
                s.D[q] = double.PositiveInfinity;
                s.Source[q] = -1;
            }
            return;
        }
        int j = 0;
        for (int q = 0; q < n; q++)
        {
            while (s.Z[j + 1] < q) j++;
            double dq = (q - s.V[j]) * step;
            s.D[q] = dq * dq + s.F[s.V[j]];
            s.Source[q] = s.V[j];
        }
    }

    /// <summary>The share of class <paramref name="k"/> around every pixel (the factor <see cref="Gather"/>
    /// computes for one pixel), as a full map.</summary>
    internal static Half[] Share(SimulationGrid grid, byte[] classes, int k, int radius, int threads)
    {
        int w = grid.Width, h = grid.Height;
        var result = new Half[(long)w * h];
        var po = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Parallel.For(0, h, po, () => new int[256], (r, _, hits) =>
        {
            for (int c = 0; c < w; c++)
            {
                int valid = CountWindow(classes, w, h, radius, r, c, hits);
                result[(long)r * w + c] = ShareOf(hits[k], valid);
            }
            return hits;
        }, _ => { });
        return result;
    }

    /// <summary>Counts the valid (non-zero) pixels of the window of <paramref name="radius"/> around (r, c), clipped
    /// to the grid, and per class value below hits.Length in <paramref name="hits"/> (cleared first).</summary>
    private static int CountWindow(byte[] classes, int w, int h, int radius, int r, int c, Span<int> hits)
    {
        hits.Clear();
        int valid = 0;
        int r0 = Math.Max(0, r - radius), r1 = Math.Min(h - 1, r + radius), c0 = Math.Max(0, c - radius), c1 = Math.Min(w - 1, c + radius);
        for (int rr = r0; rr <= r1; rr++)
        {
            long o = (long)rr * w;
            for (int cc = c0; cc <= c1; cc++)
            {
                byte v = classes[o + cc];
                if (v == 0) continue;
                valid++;
                if (v < hits.Length) hits[v]++;
            }
        }
        return valid;
    }

    private static Half ShareOf(int hit, int valid) => valid > 0 ? (Half)((float)hit / valid) : Half.NaN;
}
