namespace LandCarbon.Core.Poi;

/// <summary>Why a POI row was left out.</summary>
public enum PoiDropReason
{
    /// <summary>A coordinate or weight is not a finite number, a weight is negative, or the geometry is not a point.</summary>
    Unparseable = 0,

    /// <summary>A coordinate field or the geometry is empty.</summary>
    EmptyCoordinates = 1,

    /// <summary>The point lies farther than the kernel radius outside the grid, so it cannot touch any pixel.</summary>
    OutsideGrid = 2,
}

/// <summary>Counts of dropped rows per <see cref="PoiDropReason"/> with the first few row numbers of each (rows are
/// 1-based file lines for CSV, feature numbers for GeoJSON and shapefiles). Not thread-safe.</summary>
public sealed class PoiDropReport
{
    /// <summary>How many example rows are kept per reason.</summary>
    public const int MaxExamples = 5;

    private readonly int[] _counts = new int[3];
    private readonly List<int>[] _examples = [[], [], []];

    /// <summary>Records one dropped row.</summary>
    public void Add(PoiDropReason reason, int row)
    {
        _counts[(int)reason]++;
        if (_examples[(int)reason].Count < MaxExamples) _examples[(int)reason].Add(row);
    }

    /// <summary>An independent copy (to keep adding drops at a later stage).</summary>
    public PoiDropReport Copy()
    {
        var c = new PoiDropReport();
        _counts.CopyTo(c._counts, 0);
        for (int i = 0; i < _examples.Length; i++) c._examples[i].AddRange(_examples[i]);
        return c;
    }

    /// <summary>Rows dropped for <paramref name="reason"/>.</summary>
    public int Count(PoiDropReason reason) => _counts[(int)reason];

    /// <summary>All dropped rows.</summary>
    public int Total => _counts.Sum();

    /// <summary>The first row numbers dropped for <paramref name="reason"/>.</summary>
    public IReadOnlyList<int> Examples(PoiDropReason reason) => _examples[(int)reason];

    /// <summary>File-friendly name of a reason: unparseable, empty-coordinates, outside-grid.</summary>
    public static string Name(PoiDropReason reason) => reason switch
    {
        PoiDropReason.Unparseable => "unparseable",
        PoiDropReason.EmptyCoordinates => "empty-coordinates",
        PoiDropReason.OutsideGrid => "outside-grid",
        _ => throw new ArgumentOutOfRangeException(nameof(reason)),
    };

    /// <summary>One line per non-zero reason, e.g. "unparseable: 3 (rows 5, 9, 12)".</summary>
    public IReadOnlyList<string> Describe() =>
        Enum.GetValues<PoiDropReason>().Where(r => Count(r) > 0)
            .Select(r => $"{Name(r)}: {Count(r)} (rows {string.Join(", ", Examples(r))}{(Count(r) > MaxExamples ? ", …" : "")})")
            .ToList();
}
