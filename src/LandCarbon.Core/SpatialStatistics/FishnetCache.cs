using System.Collections.Concurrent;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// The fishnet aggregates of one run, kept so that stages which aggregate the same raster to the same cells decode it
/// once: the risk stage sums every consecutive interval's ΔCBI and averages the POI densities on its fishnet, and the
/// spatial statistics do the same on theirs (both 2400 m in the demo, where each such raster was read twice). An
/// aggregate does not depend on tile size or thread count (<see cref="FishnetAggregation"/>), so a kept one is the
/// one a second pass would make. Keyed by the file (full path, length and last write time), the factor, the
/// statistic and the class code; every caller gets its own copy of the values. Only files on disk are kept, and only
/// up to <see cref="MaxCells"/> cells in all (small next to the rasters: 10,000 cells per aggregate in the demo).
/// </summary>
public sealed class FishnetCache
{
    /// <summary>Most cells kept over all aggregates (16 bytes each); larger aggregates are computed, not kept.</summary>
    public const long MaxCells = 4L << 20;

    private readonly ConcurrentDictionary<Key, FishnetGrid> _grids = new();
    private long _cells;

    private readonly record struct Key(string Path, long Length, DateTime WrittenUtc, int Factor, FishnetStatistic Statistic, double ClassCode);

    /// <summary>The aggregate of <paramref name="reader"/>'s file by <paramref name="factor"/>, <paramref name="statistic"/>
    /// and <paramref name="classCode"/>: a copy of the kept one, or <paramref name="compute"/>'s (kept when it fits).</summary>
    internal FishnetGrid GetOrAdd(IRasterReader reader, int factor, FishnetStatistic statistic, double classCode, Func<FishnetGrid> compute)
    {
        var file = new FileInfo(reader.Path);
        if (!file.Exists) return compute();
        var key = new Key(file.FullName, file.Length, file.LastWriteTimeUtc, factor, statistic, classCode);
        if (!_grids.TryGetValue(key, out var grid))
        {
            grid = compute();
            if (Interlocked.Add(ref _cells, grid.Values.Length) <= MaxCells) _grids[key] = grid;
            else Interlocked.Add(ref _cells, -grid.Values.Length);
        }
        return grid with { Values = (double[])grid.Values.Clone(), ValidPixels = (long[])grid.ValidPixels.Clone() };
    }
}
