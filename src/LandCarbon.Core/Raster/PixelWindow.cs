namespace LandCarbon.Core.Raster;

/// <summary>A rectangle of pixels: column and row of its upper-left pixel, width and height in pixels.</summary>
public readonly record struct PixelWindow(int Col, int Row, int Width, int Height)
{
    /// <summary>Number of pixels in the window.</summary>
    public long PixelCount => (long)Width * Height;

    /// <summary>One past the last column.</summary>
    public int ColEnd => Col + Width;

    /// <summary>One past the last row.</summary>
    public int RowEnd => Row + Height;

    /// <summary>The overlap of two windows (empty width or height when they do not overlap).</summary>
    public PixelWindow Intersect(PixelWindow other)
    {
        int c0 = Math.Max(Col, other.Col), r0 = Math.Max(Row, other.Row);
        int c1 = Math.Min(ColEnd, other.ColEnd), r1 = Math.Min(RowEnd, other.RowEnd);
        return new PixelWindow(c0, r0, Math.Max(0, c1 - c0), Math.Max(0, r1 - r0));
    }

    /// <inheritdoc />
    public override string ToString() => $"col {Col}, row {Row}, {Width}×{Height}";
}
