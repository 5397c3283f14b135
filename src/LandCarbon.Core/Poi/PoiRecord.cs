namespace LandCarbon.Core.Poi;

/// <summary>One POI as read: its row number (1-based file line for CSV, feature number otherwise), coordinates in
/// the file's system (lon/lat degrees or projected units), Amap type code and category path (either may be empty)
/// and weight (1 unless a weight column is given; the "population" of ArcGIS kernel density).</summary>
public readonly record struct PoiRecord(int Row, double X, double Y, string TypeCode, string Category, double Weight);

/// <summary>What a reader returns: the usable records, the rows it dropped and why.</summary>
public sealed record PoiReadResult(string Path, IReadOnlyList<PoiRecord> Records, PoiDropReport Drops, int RowsRead);
