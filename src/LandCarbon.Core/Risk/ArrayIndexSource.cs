using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Risk;

/// <summary>An index held in memory (row-major, NaN = nodata): for fishnet tables, tests and small grids.</summary>
public sealed class ArrayIndexSource : IRiskIndexSource
{
    private readonly double[] _values;

    /// <summary>Wraps <paramref name="values"/> (length Width × Height of <paramref name="grid"/>, not copied).</summary>
    public ArrayIndexSource(GridSpec grid, double[] values, int blockSize = 256)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(values);
        if (values.LongLength != grid.PixelCount)
            throw new ArgumentException($"{values.Length} values do not fill a {grid.Width}×{grid.Height} grid.", nameof(values));
        Grid = grid;
        _values = values;
        BlockWidth = Math.Min(blockSize, grid.Width);
        BlockHeight = Math.Min(blockSize, grid.Height);
    }

    /// <summary>A 1-row grid of <paramref name="values"/> (units without geometry, e.g. fishnet cells).</summary>
    public static ArrayIndexSource Row(double[] values, int blockSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(values);
        var grid = new GridSpec(values.Length, 1, GeoTransform.NorthUp(0, 0, 1), SpatialReference.None);
        return new ArrayIndexSource(grid, values, blockSize);
    }

    /// <summary>The values (row-major, NaN = nodata; not a copy).</summary>
    public double[] Values => _values;

    /// <inheritdoc />
    public GridSpec Grid { get; }

    /// <inheritdoc />
    public int BlockWidth { get; }

    /// <inheritdoc />
    public int BlockHeight { get; }

    /// <inheritdoc />
    public void Read(PixelWindow window, Span<double> destination)
    {
        for (int r = 0; r < window.Height; r++)
            _values.AsSpan((window.Row + r) * Grid.Width + window.Col, window.Width).CopyTo(destination.Slice(r * window.Width, window.Width));
    }
}
