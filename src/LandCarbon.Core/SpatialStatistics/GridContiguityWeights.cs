namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// Queen or rook contiguity on a raster or fishnet, computed from the grid on the fly: no weights matrix is
/// stored, only the mapping between valid cells and their compact indices (8 bytes per cell). Valid cells (those
/// whose value is not NaN) are numbered 0…Count−1 in raster order (row by row, column fastest), which is the
/// order of spdep's <c>cell2nb(nrow, ncol)</c>; nodata cells are removed, as spdep's <c>subset.nb</c> removes
/// them, so a cell whose neighbours are all nodata becomes an island.
/// </summary>
public sealed class GridContiguityWeights : SpatialWeights
{
    private readonly int[] _indexOfCell;   // width·height, −1 for nodata
    private readonly int[] _cellOfIndex;   // Count
    private readonly byte[] _neighbourCount;
    private readonly int[] _offsetsRow;
    private readonly int[] _offsetsCol;

    /// <summary>
    /// Builds the weights of a <paramref name="width"/> × <paramref name="height"/> grid whose row-major
    /// <paramref name="values"/> hold NaN for nodata.
    /// </summary>
    public GridContiguityWeights(int width, int height, ReadOnlySpan<double> values, ContiguityRule rule, WeightStyle style)
        : base(style)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "The grid is empty.");
        if (values.Length != (long)width * height)
            throw new ArgumentException($"Expected {width}×{height} = {(long)width * height} values, got {values.Length}.", nameof(values));
        Width = width;
        Height = height;
        Rule = rule;
        (_offsetsRow, _offsetsCol) = rule == ContiguityRule.Queen
            ? (new[] { -1, -1, -1, 0, 0, 1, 1, 1 }, new[] { -1, 0, 1, -1, 1, -1, 0, 1 })
            : (new[] { -1, 0, 0, 1 }, new[] { 0, -1, 1, 0 });
        _indexOfCell = new int[values.Length];
        int n = 0;
        for (int c = 0; c < values.Length; c++) _indexOfCell[c] = double.IsNaN(values[c]) ? -1 : n++;
        _cellOfIndex = new int[n];
        _neighbourCount = new byte[n];
        int max = 0;
        for (int c = 0; c < values.Length; c++)
        {
            int i = _indexOfCell[c];
            if (i < 0) continue;
            _cellOfIndex[i] = c;
            int row = c / width, col = c % width, k = 0;
            for (int t = 0; t < _offsetsRow.Length; t++)
            {
                int r2 = row + _offsetsRow[t], c2 = col + _offsetsCol[t];
                if ((uint)r2 < (uint)height && (uint)c2 < (uint)width && _indexOfCell[r2 * width + c2] >= 0) k++;
            }
            _neighbourCount[i] = (byte)k;
            max = Math.Max(max, k);
        }
        MaxNeighbourCount = max;
    }

    /// <summary>Grid width in cells.</summary>
    public int Width { get; }

    /// <summary>Grid height in cells.</summary>
    public int Height { get; }

    /// <summary>Queen or rook.</summary>
    public ContiguityRule Rule { get; }

    /// <inheritdoc />
    public override int Count => _cellOfIndex.Length;

    /// <inheritdoc />
    public override int MaxNeighbourCount { get; }

    /// <inheritdoc />
    public override bool IsSymmetric => true;

    /// <inheritdoc />
    public override int NeighbourCount(int i) => _neighbourCount[i];

    /// <summary>Row and column of observation <paramref name="i"/>.</summary>
    public (int Row, int Col) CellOf(int i) => (_cellOfIndex[i] / Width, _cellOfIndex[i] % Width);

    /// <summary>The observation at (row, col), or −1 for nodata.</summary>
    public int IndexOf(int row, int col) => _indexOfCell[row * Width + col];

    /// <summary>True when the <paramref name="width"/> × <paramref name="height"/> grid <paramref name="values"/> has data
    /// (non-NaN) on exactly the cells of these weights, so that weights built from it with the same rule and style are
    /// these (stages reuse one instance for several variables on the same cells).</summary>
    public bool HasDataOn(int width, int height, ReadOnlySpan<double> values)
    {
        if (width != Width || height != Height || values.Length != _indexOfCell.Length) return false;
        for (int c = 0; c < values.Length; c++)
            if (double.IsNaN(values[c]) != _indexOfCell[c] < 0) return false;
        return true;
    }

    /// <summary>The valid values of a full grid, in observation order.</summary>
    public double[] Compact(ReadOnlySpan<double> gridValues)
    {
        if (gridValues.Length != _indexOfCell.Length) throw new ArgumentException("Grid size differs.", nameof(gridValues));
        var v = new double[Count];
        for (int i = 0; i < v.Length; i++) v[i] = gridValues[_cellOfIndex[i]];
        return v;
    }

    /// <summary>Spreads per-observation values back onto the full grid (NaN at nodata cells).</summary>
    public float[] ExpandToGrid(ReadOnlySpan<double> perObservation)
    {
        if (perObservation.Length != Count) throw new ArgumentException("One value per observation expected.", nameof(perObservation));
        var g = new float[_indexOfCell.Length];
        Array.Fill(g, float.NaN);
        for (int i = 0; i < perObservation.Length; i++) g[_cellOfIndex[i]] = (float)perObservation[i];
        return g;
    }

    /// <inheritdoc />
    public override int GetNeighbours(int i, Span<int> destination)
    {
        int cell = _cellOfIndex[i], row = cell / Width, col = cell % Width, k = 0;
        for (int t = 0; t < _offsetsRow.Length; t++)
        {
            int r2 = row + _offsetsRow[t], c2 = col + _offsetsCol[t];
            if ((uint)r2 >= (uint)Height || (uint)c2 >= (uint)Width) continue;
            int j = _indexOfCell[r2 * Width + c2];
            if (j >= 0) destination[k++] = j;
        }
        return k;
    }

    /// <inheritdoc />
    public override double NeighbourSum(int i, ReadOnlySpan<double> values)
    {
        int cell = _cellOfIndex[i], row = cell / Width, col = cell % Width;
        double s = 0;
        var idx = _indexOfCell;
        // Offsets are in ascending raster order, so the sum runs in ascending j like spdep's lag.listw.
        for (int t = 0; t < _offsetsRow.Length; t++)
        {
            int r2 = row + _offsetsRow[t], c2 = col + _offsetsCol[t];
            if ((uint)r2 >= (uint)Height || (uint)c2 >= (uint)Width) continue;
            int j = idx[r2 * Width + c2];
            if (j >= 0) s += values[j];
        }
        return s;
    }

    /// <inheritdoc />
    public override bool IsNeighbour(int i, int j)
    {
        var (r1, c1) = CellOf(i);
        var (r2, c2) = CellOf(j);
        int dr = Math.Abs(r1 - r2), dc = Math.Abs(c1 - c2);
        return Rule == ContiguityRule.Queen ? dr <= 1 && dc <= 1 && (dr | dc) != 0 : dr + dc == 1;
    }
}
