using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Risk;

/// <summary>Observed levels held in memory (row-major over <paramref name="width"/> columns).</summary>
public sealed class ArrayLevelSource(int width, byte[] levels, string description = "observed levels") : IObservedLevelSource
{
    /// <inheritdoc />
    public string Description => description;

    /// <inheritdoc />
    public void Read(PixelWindow window, Span<byte> destination)
    {
        for (int r = 0; r < window.Height; r++)
            levels.AsSpan((window.Row + r) * width + window.Col, window.Width).CopyTo(destination.Slice(r * window.Width, window.Width));
    }
}
