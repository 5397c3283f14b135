using System.Buffers;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Risk;

/// <summary>Observed levels of the validation interval computed from its ΔCBI with an <see cref="ObservedGrade"/>.</summary>
public sealed class ObservedGradeSource(IRiskIndexSource deltaCbi, ObservedGrade grade) : IObservedLevelSource
{
    /// <summary>The grading of ΔCBI into observed levels.</summary>
    public ObservedGrade Grade { get; } = grade;

    /// <inheritdoc />
    public string Description => "observed carbon-increment grade of the validation interval (" + Grade.Source + ")";

    /// <inheritdoc />
    public void Read(PixelWindow window, Span<byte> destination)
    {
        int n = checked((int)window.PixelCount);
        var buf = ArrayPool<double>.Shared.Rent(n);
        try
        {
            deltaCbi.Read(window, buf.AsSpan(0, n));
            for (int i = 0; i < n; i++) destination[i] = Grade.Level(buf[i]);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buf);
        }
    }
}
