namespace LandCarbon.Core.Raster;

/// <summary>
/// A coordinate reference system as LandCarbon carries it: the EPSG code where one is known, and OGC WKT1 text
/// (the dialect ProjNET reads) that fully describes it. User-defined CRSs (for example the Albers on the
/// Krassowsky ellipsoid of Chinese land-use products) have no EPSG code and are described by <see cref="Wkt"/> alone.
/// </summary>
public sealed record SpatialReference(int? Epsg, string Wkt)
{
    /// <summary>No CRS (an un-georeferenced raster).</summary>
    public static SpatialReference None { get; } = new(null, "");

    /// <summary>True when the raster carries no CRS at all.</summary>
    public bool IsEmpty => Epsg is null && string.IsNullOrWhiteSpace(Wkt);

    /// <summary>
    /// True when both describe the same CRS: equal EPSG codes, or, without codes, the same WKT once white space is
    /// ignored.
    /// </summary>
    public bool IsEquivalentTo(SpatialReference other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Epsg is not null && other.Epsg is not null) return Epsg == other.Epsg;
        return Normalize(Wkt) == Normalize(other.Wkt);
    }

    private static string Normalize(string wkt) =>
        string.Concat(wkt.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    /// <inheritdoc />
    public override string ToString() => Epsg is int code ? $"EPSG:{code}" : IsEmpty ? "(no CRS)" : Name;

    /// <summary>The name in the WKT's first quoted string, or "user-defined".</summary>
    public string Name
    {
        get
        {
            int a = Wkt.IndexOf('"');
            int b = a >= 0 ? Wkt.IndexOf('"', a + 1) : -1;
            return b > a ? Wkt[(a + 1)..b] : "user-defined";
        }
    }
}
