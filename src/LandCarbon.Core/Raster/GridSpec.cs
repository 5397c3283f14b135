using LandCarbon.Core.Models;

namespace LandCarbon.Core.Raster;

/// <summary>
/// The grid every raster of a study shares: size in pixels, geotransform and CRS. The first land-use raster
/// defines it; all others must match it exactly (<see cref="EnsureAlignedWith"/>).
/// </summary>
public sealed record GridSpec(int Width, int Height, GeoTransform Transform, SpatialReference Crs)
{
    /// <summary>Number of pixels.</summary>
    public long PixelCount => (long)Width * Height;

    /// <summary>The whole grid as a window.</summary>
    public PixelWindow Extent => new(0, 0, Width, Height);

    /// <summary>Area of one pixel in m² (projected CRS in metres), from the geotransform, never assumed.</summary>
    public double PixelAreaM2 => Transform.PixelArea;

    /// <summary>Area of one pixel in hectares (1 ha = 10⁴ m²).</summary>
    public double PixelAreaHa => Transform.PixelArea / 1e4;

    /// <summary>Area of one pixel in km² (1 km² = 10⁶ m²).</summary>
    public double PixelAreaKm2 => Transform.PixelArea / 1e6;

    /// <summary>
    /// Throws an <see cref="InputException"/> naming both files and every property that differs when
    /// <paramref name="other"/> is not on exactly this grid. Geotransform terms are compared with a tolerance
    /// of 1e-6 pixel so that text round trips of the coordinates do not count as a difference.
    /// </summary>
    public void EnsureAlignedWith(GridSpec other, string thisName, string otherName)
    {
        ArgumentNullException.ThrowIfNull(other);
        var diffs = DifferencesFrom(other);
        if (diffs.Count == 0) return;
        throw new InputException(
            $"{otherName} is not on the grid of {thisName}; resample it onto that grid first. Differences:",
            diffs.Select(d => d.Replace("{a}", thisName, StringComparison.Ordinal).Replace("{b}", otherName, StringComparison.Ordinal)).ToList());
    }

    /// <summary>Each property that differs, as text with {a}/{b} placeholders for the two names.</summary>
    public IReadOnlyList<string> DifferencesFrom(GridSpec other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var d = new List<string>();
        if (Width != other.Width || Height != other.Height)
            d.Add($"size: {{a}} is {Width}×{Height} px, {{b}} is {other.Width}×{other.Height} px");
        var a = Transform.ToArray();
        var b = other.Transform.ToArray();
        string[] names = ["origin x", "pixel width", "row rotation", "origin y", "column rotation", "pixel height"];
        double tol = 1e-6 * Math.Max(Math.Abs(Transform.PixelWidth), Math.Abs(Transform.PixelHeight));
        for (int i = 0; i < 6; i++)
        {
            if (Math.Abs(a[i] - b[i]) > tol)
                d.Add($"{names[i]}: {{a}} has {a[i]:R}, {{b}} has {b[i]:R}");
        }
        if (!Crs.IsEquivalentTo(other.Crs))
            d.Add($"CRS: {{a}} is {Crs}, {{b}} is {other.Crs}");
        return d;
    }
}
