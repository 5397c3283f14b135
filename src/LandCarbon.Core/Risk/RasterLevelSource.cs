using System.Globalization;
using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Risk;

/// <summary>
/// Observed levels from a reference raster (integer levels 1…L; the nodata value, 0 and values outside 1…L are
/// "no observation").
/// </summary>
public sealed class RasterLevelSource : IObservedLevelSource
{
    private readonly IRasterReader _reader;
    private readonly int _levels;

    /// <summary>Wraps <paramref name="reader"/>, which must be on <paramref name="grid"/>.</summary>
    public RasterLevelSource(IRasterReader reader, GridSpec grid, int levelCount)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(grid);
        grid.EnsureAlignedWith(reader.Grid, "the risk index", reader.Path);
        if (reader.DataType is RasterDataType.Float32 or RasterDataType.Float64)
            throw new InputException($"{reader.Path}: observed levels must be an integer raster (1…{levelCount.ToString(CultureInfo.InvariantCulture)}), not {reader.DataType}.");
        _reader = reader;
        _levels = levelCount;
    }

    /// <inheritdoc />
    public string Description => "reference raster " + Path.GetFileName(_reader.Path);

    /// <inheritdoc />
    public void Read(PixelWindow window, Span<byte> destination)
    {
        int n = checked((int)window.PixelCount);
        var buf = new int[n];
        _reader.Read<int>(window, buf);
        double? nd = _reader.NoData;
        for (int i = 0; i < n; i++)
        {
            int v = buf[i];
            destination[i] = (nd is double d && v == d) || v < 1 || v > _levels ? (byte)0 : (byte)v;
        }
    }
}
