using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Zonal;

/// <summary>
/// Zones rasterised onto a grid, stored as run lengths per row (no pixel array, so tens of millions of pixels cost
/// a few MB). Every pixel belongs to at most one zone: where polygons overlap, the zone listed first keeps the
/// pixel and <see cref="OverlapPixels"/> counts the pixels that a later zone also claimed. Built by
/// <see cref="ZoneRasterizer"/>.
/// </summary>
public sealed class ZoneMask
{
    private readonly ZoneRun[][] _rows;

    internal ZoneMask(GridSpec grid, IReadOnlyList<Zone> zones, ZoneRun[][] rows, long[] overlapByZone)
    {
        Grid = grid;
        Zones = zones;
        _rows = rows;
        OverlapPixelsByZone = overlapByZone;
        var counts = new long[zones.Count];
        foreach (var row in rows)
            foreach (var run in row)
                counts[run.Zone] += run.Length;
        PixelCounts = counts;
    }

    /// <summary>The grid.</summary>
    public GridSpec Grid { get; }

    /// <summary>The zones, in layer order.</summary>
    public IReadOnlyList<Zone> Zones { get; }

    /// <summary>Pixels assigned to each zone (by zone index).</summary>
    public IReadOnlyList<long> PixelCounts { get; }

    /// <summary>For each zone, pixel centres inside it that an earlier zone already held (not assigned to it).</summary>
    public IReadOnlyList<long> OverlapPixelsByZone { get; }

    /// <summary>Pixel centres inside more than one zone (each counted once, for the later zone).</summary>
    public long OverlapPixels => OverlapPixelsByZone.Sum();

    /// <summary>The runs of one row, sorted by start, not overlapping.</summary>
    public ReadOnlySpan<ZoneRun> Row(int row) => _rows[row];

    /// <summary>Writes the zone index (0-based) of each pixel of <paramref name="window"/>, or −1 outside all zones.</summary>
    public void Fill(PixelWindow window, Span<int> zoneIndex)
    {
        if (zoneIndex.Length < window.PixelCount) throw new ArgumentException("The buffer is smaller than the window.", nameof(zoneIndex));
        for (int r = 0; r < window.Height; r++)
        {
            var dst = zoneIndex.Slice(r * window.Width, window.Width);
            dst.Fill(-1);
            foreach (var run in _rows[window.Row + r])
            {
                int s = Math.Max(run.Start, window.Col), e = Math.Min(run.End, window.ColEnd);
                if (s < e) dst.Slice(s - window.Col, e - s).Fill(run.Zone);
            }
        }
    }
}
