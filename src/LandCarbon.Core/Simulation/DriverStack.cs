namespace LandCarbon.Core.Simulation;

/// <summary>A driver raster that does not change with the land use (elevation, slope, population, a user raster), on the study grid; NaN = missing.</summary>
public sealed record StaticDriver(string Name, float[] Values);

/// <summary>
/// The driving factors of the suitability model for one land-use map, one column per factor, stored as 16-bit
/// floats (2 bytes per pixel and factor): the Euclidean distance (m) to the nearest pixel of each class
/// (exact distance transform of Felzenszwalb &amp; Huttenlocher 2012, anisotropic pixels allowed), the share of
/// each class among the valid pixels of the (2r+1)×(2r+1) window around the pixel, then the static drivers.
/// A class absent from the map has a missing distance (NaN).
/// </summary>
public sealed class DriverStack
{
    private readonly Half[][] _columns;

    private DriverStack(IReadOnlyList<string> names, Half[][] columns)
    {
        Names = names;
        _columns = columns;
    }

    /// <summary>Factor names in column order ("distance_forest", "share_construction", "elevation", …).</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of factors.</summary>
    public int Count => _columns.Length;

    /// <summary>Fills <paramref name="destination"/> with the factors of pixel <paramref name="index"/>.</summary>
    public void Gather(long index, Span<float> destination)
    {
        for (int f = 0; f < _columns.Length; f++) destination[f] = (float)_columns[f][index];
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
        var columns = new List<Half[]>();
        foreach (int k in classValues)
        {
            names.Add("distance_" + className(k));
            columns.Add(Distance(grid, classes, k, threads));
        }
        foreach (int k in classValues)
        {
            names.Add("share_" + className(k));
            columns.Add(Share(grid, classes, k, radius, threads));
        }
        foreach (var d in drivers)
        {
            names.Add(d.Name);
            var col = new Half[d.Values.Length];
            for (long i = 0; i < col.Length; i++) col[i] = (Half)d.Values[i];
            columns.Add(col);
        }
        return new DriverStack(names, [.. columns]);
    }

    /// <summary>Distance in metres from every pixel to the nearest pixel of class <paramref name="k"/> (NaN when absent).</summary>
    internal static Half[] Distance(SimulationGrid grid, byte[] classes, int k, int threads)
    {
        int w = grid.Width, h = grid.Height;
        var d2 = new double[(long)w * h];
        bool any = false;
        for (long i = 0; i < d2.Length; i++)
        {
            bool hit = classes[i] == k;
            any |= hit;
            d2[i] = hit ? 0 : double.PositiveInfinity;
        }
        var result = new Half[d2.Length];
        if (!any)
        {
            Array.Fill(result, Half.NaN);
            return result;
        }
        var po = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Parallel.For(0, h, po, () => new Scratch(Math.Max(w, h)), (r, _, s) =>
        {
            for (int c = 0; c < w; c++) s.F[c] = d2[(long)r * w + c];
            Transform1D(s, w, grid.PixelWidthM);
            for (int c = 0; c < w; c++) d2[(long)r * w + c] = s.D[c];
            return s;
        }, _ => { });
        // Columns in blocks of 16, copied row by row, so the pass reads and writes memory in runs, not strides.
        const int block = 16;
        Parallel.For(0, (w + block - 1) / block, po, () => (new Scratch(Math.Max(w, h)), new double[block * h]), (b, _, st) =>
        {
            var (s, cols) = st;
            int c0 = b * block, nb = Math.Min(block, w - c0);
            for (int r = 0; r < h; r++)
                for (int j = 0; j < nb; j++) cols[j * h + r] = d2[(long)r * w + c0 + j];
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
            for (int q = 0; q < n; q++) s.D[q] = double.PositiveInfinity;
            return;
        }
        int j = 0;
        for (int q = 0; q < n; q++)
        {
            while (s.Z[j + 1] < q) j++;
            double dq = (q - s.V[j]) * step;
            s.D[q] = dq * dq + s.F[s.V[j]];
        }
    }

    /// <summary>Share of class <paramref name="k"/> among the valid pixels of the window of radius <paramref name="radius"/>.</summary>
    internal static Half[] Share(SimulationGrid grid, byte[] classes, int k, int radius, int threads)
    {
        int w = grid.Width, h = grid.Height;
        // Column sums of the window rows, then a sliding sum along the row: O(N) per class.
        var result = new Half[(long)w * h];
        var po = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Parallel.For(0, h, po, () => (new int[w], new int[w]), (r, _, buf) =>
        {
            var (hit, valid) = buf;
            Array.Clear(hit);
            Array.Clear(valid);
            for (int rr = Math.Max(0, r - radius); rr <= Math.Min(h - 1, r + radius); rr++)
            {
                long o = (long)rr * w;
                for (int c = 0; c < w; c++)
                {
                    byte v = classes[o + c];
                    if (v == 0) continue;
                    valid[c]++;
                    if (v == k) hit[c]++;
                }
            }
            int sh = 0, sv = 0;
            for (int c = 0; c < Math.Min(w, radius); c++)
            {
                sh += hit[c];
                sv += valid[c];
            }
            for (int c = 0; c < w; c++)
            {
                if (c + radius < w) { sh += hit[c + radius]; sv += valid[c + radius]; }
                if (c - radius - 1 >= 0) { sh -= hit[c - radius - 1]; sv -= valid[c - radius - 1]; }
                result[(long)r * w + c] = sv > 0 ? (Half)((float)sh / sv) : Half.NaN;
            }
            return buf;
        }, _ => { });
        return result;
    }
}
