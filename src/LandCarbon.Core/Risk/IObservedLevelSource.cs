using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Risk;

/// <summary>Observed (reference) risk levels on the study grid: 1…L, 0 = no observation.</summary>
public interface IObservedLevelSource
{
    /// <summary>Reads <paramref name="window"/> row-major into <paramref name="destination"/>.</summary>
    void Read(PixelWindow window, Span<byte> destination);

    /// <summary>How the levels were obtained (for the report and the accuracy table).</summary>
    string Description { get; }
}
