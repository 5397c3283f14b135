namespace LandCarbon.Core.Raster;

/// <summary>
/// Affine pixel-to-map transform in GDAL order: X = OriginX + col·PixelWidth + row·RowRotation,
/// Y = OriginY + col·ColumnRotation + row·PixelHeight (PixelHeight is negative for north-up rasters).
/// Coordinates refer to the pixel's upper-left corner (PixelIsArea).
/// </summary>
public readonly record struct GeoTransform(
    double OriginX, double PixelWidth, double RowRotation,
    double OriginY, double ColumnRotation, double PixelHeight)
{
    /// <summary>The six numbers in GDAL order.</summary>
    public double[] ToArray() => [OriginX, PixelWidth, RowRotation, OriginY, ColumnRotation, PixelHeight];

    /// <summary>Builds a transform from six numbers in GDAL order.</summary>
    public static GeoTransform FromArray(IReadOnlyList<double> a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Count != 6) throw new ArgumentException("A geotransform has 6 numbers.", nameof(a));
        return new GeoTransform(a[0], a[1], a[2], a[3], a[4], a[5]);
    }

    /// <summary>A north-up transform with square pixels.</summary>
    public static GeoTransform NorthUp(double originX, double originY, double pixelSizeMeters) =>
        new(originX, pixelSizeMeters, 0, originY, 0, -pixelSizeMeters);

    /// <summary>Area of one pixel in squared CRS units (m² for projected CRSs): |a·e − b·d|.</summary>
    public double PixelArea => Math.Abs(PixelWidth * PixelHeight - RowRotation * ColumnRotation);

    /// <summary>True when the transform has no rotation terms.</summary>
    public bool IsNorthUp => RowRotation == 0 && ColumnRotation == 0;

    /// <summary>Map coordinates of a fractional pixel position (col, row measured from the upper-left corner).</summary>
    public (double X, double Y) PixelToMap(double col, double row) =>
        (OriginX + col * PixelWidth + row * RowRotation, OriginY + col * ColumnRotation + row * PixelHeight);

    /// <summary>Map coordinates of the centre of pixel (col, row).</summary>
    public (double X, double Y) PixelCenter(int col, int row) => PixelToMap(col + 0.5, row + 0.5);

    /// <summary>Fractional pixel position of map coordinates (inverse transform).</summary>
    public (double Col, double Row) MapToPixel(double x, double y)
    {
        double det = PixelWidth * PixelHeight - RowRotation * ColumnRotation;
        if (det == 0) throw new InvalidOperationException("The geotransform is singular.");
        double dx = x - OriginX, dy = y - OriginY;
        return ((dx * PixelHeight - dy * RowRotation) / det, (dy * PixelWidth - dx * ColumnRotation) / det);
    }
}
