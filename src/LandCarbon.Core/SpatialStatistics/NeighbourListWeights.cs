namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// Explicit neighbour lists (compressed rows) for point or polygon tables: a polygon contiguity list read from a
/// file, a distance band or k nearest neighbours. Lists are sorted ascending and never contain the observation
/// itself. Memory is O(number of links); building a distance band or k-NN uses a grid index, not all pairs.
/// </summary>
public sealed class NeighbourListWeights : SpatialWeights
{
    private readonly int[] _start; // Count + 1
    private readonly int[] _links;

    private NeighbourListWeights(int[] start, int[] links, bool symmetric, WeightStyle style) : base(style)
    {
        _start = start;
        _links = links;
        IsSymmetric = symmetric;
        int max = 0;
        for (int i = 0; i + 1 < start.Length; i++) max = Math.Max(max, start[i + 1] - start[i]);
        MaxNeighbourCount = max;
    }

    /// <summary>
    /// Weights from neighbour lists (0-based indices). Duplicates and self-links are dropped; lists are sorted.
    /// Symmetry is detected, not assumed.
    /// </summary>
    public static NeighbourListWeights FromLists(IReadOnlyList<IReadOnlyCollection<int>> neighbours, WeightStyle style)
    {
        ArgumentNullException.ThrowIfNull(neighbours);
        int n = neighbours.Count;
        var start = new int[n + 1];
        var links = new List<int>();
        for (int i = 0; i < n; i++)
        {
            var set = new SortedSet<int>();
            foreach (int j in neighbours[i])
            {
                if ((uint)j >= (uint)n) throw new ArgumentOutOfRangeException(nameof(neighbours), $"Observation {i} lists neighbour {j}, outside 0…{n - 1}.");
                if (j != i) set.Add(j);
            }
            links.AddRange(set);
            start[i + 1] = links.Count;
        }
        var arr = links.ToArray();
        return new NeighbourListWeights(start, arr, IsSymmetricLists(start, arr), style);
    }

    /// <summary>
    /// Distance band: j is a neighbour of i when 0 &lt; d(i, j) ≤ <paramref name="thresholdMeters"/> (spdep
    /// <c>dnearneigh(x, 0, d)</c>; coincident points are not neighbours). Uses a uniform grid index of cell size
    /// d, so the cost is O(n · points per neighbourhood).
    /// </summary>
    public static NeighbourListWeights DistanceBand(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double thresholdMeters, WeightStyle style)
    {
        if (x.Length != y.Length) throw new ArgumentException("x and y differ in length.", nameof(y));
        if (!(thresholdMeters > 0) || !double.IsFinite(thresholdMeters)) throw new ArgumentOutOfRangeException(nameof(thresholdMeters), "The distance band must be positive.");
        var index = new PointGridIndex(x, y, thresholdMeters);
        int n = x.Length;
        var start = new int[n + 1];
        var links = new List<int>();
        var found = new List<int>();
        double d2 = thresholdMeters * thresholdMeters;
        for (int i = 0; i < n; i++)
        {
            found.Clear();
            index.Within(x[i], y[i], 1, found);
            found.Sort();
            foreach (int j in found)
            {
                if (j == i) continue;
                double dx = x[j] - x[i], dy = y[j] - y[i], dd = dx * dx + dy * dy;
                if (dd > 0 && dd <= d2) links.Add(j);
            }
            start[i + 1] = links.Count;
        }
        return new NeighbourListWeights(start, links.ToArray(), true, style);
    }

    /// <summary>
    /// The <paramref name="k"/> nearest neighbours of each point (spdep <c>knearneigh</c> + <c>knn2nb</c>); ties at
    /// the k-th distance are broken by the lower index. The relation is not symmetric in general. Searches a grid
    /// index ring by ring, so the cost is about O(n·k).
    /// </summary>
    public static NeighbourListWeights KNearest(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int k, WeightStyle style)
    {
        if (x.Length != y.Length) throw new ArgumentException("x and y differ in length.", nameof(y));
        int n = x.Length;
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), $"k must be between 1 and {n - 1}.");
        // Cell size chosen so that a cell holds about k points on average.
        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        for (int i = 0; i < n; i++) { minX = Math.Min(minX, x[i]); maxX = Math.Max(maxX, x[i]); minY = Math.Min(minY, y[i]); maxY = Math.Max(maxY, y[i]); }
        double area = Math.Max((maxX - minX) * (maxY - minY), 1e-12);
        double cell = Math.Max(Math.Sqrt(area * k / n), 1e-9);
        var index = new PointGridIndex(x, y, cell);
        int[] start = new int[n + 1], links = new int[n * k];
        var found = new List<int>();
        var cand = new List<(double D, int J)>();
        for (int i = 0; i < n; i++)
        {
            cand.Clear();
            for (int ring = 1; ; ring++)
            {
                found.Clear();
                index.Within(x[i], y[i], ring, found);
                if (found.Count - 1 < k && ring < index.MaxRing) continue;
                cand.Clear();
                foreach (int j in found)
                {
                    if (j == i) continue;
                    double dx = x[j] - x[i], dy = y[j] - y[i];
                    cand.Add((dx * dx + dy * dy, j));
                }
                cand.Sort();
                // The search square of `ring` cells guarantees every point within ring·cell; accept when the k-th
                // candidate lies inside that radius (or the whole index was searched).
                double radius = ring * index.CellSize;
                if (cand.Count >= k && (cand[k - 1].D <= radius * radius || ring >= index.MaxRing)) break;
                if (ring >= index.MaxRing) break;
            }
            var chosen = new int[k];
            for (int t = 0; t < k; t++) chosen[t] = cand[t].J;
            Array.Sort(chosen);
            chosen.CopyTo(links, i * k);
            start[i + 1] = (i + 1) * k;
        }
        return new NeighbourListWeights(start, links, IsSymmetricLists(start, links), style);
    }

    /// <inheritdoc />
    public override int Count => _start.Length - 1;

    /// <inheritdoc />
    public override int MaxNeighbourCount { get; }

    /// <inheritdoc />
    public override bool IsSymmetric { get; }

    /// <inheritdoc />
    public override int NeighbourCount(int i) => _start[i + 1] - _start[i];

    /// <summary>The neighbours of <paramref name="i"/>, ascending.</summary>
    public ReadOnlySpan<int> Neighbours(int i) => _links.AsSpan(_start[i], _start[i + 1] - _start[i]);

    /// <inheritdoc />
    public override int GetNeighbours(int i, Span<int> destination)
    {
        var s = Neighbours(i);
        s.CopyTo(destination);
        return s.Length;
    }

    /// <inheritdoc />
    public override double NeighbourSum(int i, ReadOnlySpan<double> values)
    {
        double s = 0;
        for (int t = _start[i]; t < _start[i + 1]; t++) s += values[_links[t]];
        return s;
    }

    /// <inheritdoc />
    public override bool IsNeighbour(int i, int j) => Neighbours(i).BinarySearch(j) >= 0;

    private static bool IsSymmetricLists(int[] start, int[] links)
    {
        for (int i = 0; i + 1 < start.Length; i++)
            for (int t = start[i]; t < start[i + 1]; t++)
            {
                int j = links[t];
                if (links.AsSpan(start[j], start[j + 1] - start[j]).BinarySearch(i) < 0) return false;
            }
        return true;
    }
}
