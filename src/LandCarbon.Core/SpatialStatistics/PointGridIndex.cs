namespace LandCarbon.Core.SpatialStatistics;

/// <summary>A uniform bucket grid over points for radius and ring searches (points sorted by bucket).</summary>
internal sealed class PointGridIndex
{
    private readonly double _minX, _minY, _cell;
    private readonly int _nx, _ny;
    private readonly int[] _bucketStart; // nx·ny + 1
    private readonly int[] _points;

    public PointGridIndex(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double cellSize)
    {
        int n = x.Length;
        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i])) throw new ArgumentException($"Point {i} has a non-finite coordinate.", nameof(x));
            minX = Math.Min(minX, x[i]); maxX = Math.Max(maxX, x[i]); minY = Math.Min(minY, y[i]); maxY = Math.Max(maxY, y[i]);
        }
        if (n == 0) { minX = maxX = minY = maxY = 0; }
        // Cap the bucket count near 4n so that a tiny cell size cannot exhaust memory.
        double span = Math.Max(maxX - minX, maxY - minY);
        double maxCells = Math.Max(1.0, Math.Sqrt(4.0 * Math.Max(n, 1)));
        _cell = Math.Max(cellSize, span / maxCells);
        _minX = minX;
        _minY = minY;
        _nx = (int)Math.Floor((maxX - minX) / _cell) + 1;
        _ny = (int)Math.Floor((maxY - minY) / _cell) + 1;
        var counts = new int[_nx * _ny + 1];
        var bucket = new int[n];
        for (int i = 0; i < n; i++) { bucket[i] = Bucket(x[i], y[i]); counts[bucket[i] + 1]++; }
        for (int b = 0; b < _nx * _ny; b++) counts[b + 1] += counts[b];
        _bucketStart = (int[])counts.Clone();
        _points = new int[n];
        var fill = (int[])counts.Clone();
        for (int i = 0; i < n; i++) _points[fill[bucket[i]]++] = i;
    }

    /// <summary>Rings needed to cover the whole index from any bucket.</summary>
    public int MaxRing => Math.Max(_nx, _ny);

    /// <summary>Bucket side length (may exceed the requested size for very small requests).</summary>
    public double CellSize => _cell;

    private int Bucket(double x, double y)
    {
        int bx = Math.Clamp((int)Math.Floor((x - _minX) / _cell), 0, _nx - 1);
        int by = Math.Clamp((int)Math.Floor((y - _minY) / _cell), 0, _ny - 1);
        return by * _nx + bx;
    }

    /// <summary>Adds every point in the buckets within <paramref name="rings"/> buckets of (x, y); this covers at
    /// least every point within rings · CellSize.</summary>
    public void Within(double x, double y, int rings, List<int> result)
    {
        int b = Bucket(x, y), bx = b % _nx, by = b / _nx;
        // A requested cell smaller than the bucket still needs only the adjacent ring.
        int r = rings;
        for (int yy = Math.Max(0, by - r); yy <= Math.Min(_ny - 1, by + r); yy++)
            for (int xx = Math.Max(0, bx - r); xx <= Math.Min(_nx - 1, bx + r); xx++)
            {
                int q = yy * _nx + xx;
                for (int t = _bucketStart[q]; t < _bucketStart[q + 1]; t++) result.Add(_points[t]);
            }
    }
}
