using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Risk;

/// <summary>
/// A risk index R on the study grid, read by windows as doubles with NaN for nodata (a raster of ΔCBI, the
/// dominant-factor predictor, a composite, or an array in tests). Implementations are safe to read from several
/// threads at once.
/// </summary>
public interface IRiskIndexSource
{
    /// <summary>The grid the index lies on.</summary>
    GridSpec Grid { get; }

    /// <summary>Preferred tile width (the stored block width of the first input).</summary>
    int BlockWidth { get; }

    /// <summary>Preferred tile height.</summary>
    int BlockHeight { get; }

    /// <summary>Reads <paramref name="window"/> row-major into <paramref name="destination"/>; NaN = nodata.</summary>
    void Read(PixelWindow window, Span<double> destination);
}
