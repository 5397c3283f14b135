using System.Text;

namespace LandCarbon.Core.Poi;

/// <summary>
/// Which columns (CSV) or attributes (GeoJSON, shapefile) of a POI file to use. Null column names are guessed:
/// x from lon, lng, longitude, x (first present, case-insensitive); y from lat, latitude, y; the type code from
/// typecode, type_code; the category from cat_l1;cat_l2;cat_l3 when all three exist, else type, category. For
/// GeoJSON and shapefiles the coordinates come from the point geometry and the x/y columns are not used.
/// </summary>
public sealed record PoiReadOptions
{
    /// <summary>Longitude or projected x column.</summary>
    public string? XColumn { get; init; }

    /// <summary>Latitude or projected y column.</summary>
    public string? YColumn { get; init; }

    /// <summary>Category columns, joined with ';' into an Amap-style path (e.g. cat_l1, cat_l2, cat_l3).</summary>
    public IReadOnlyList<string>? CategoryColumns { get; init; }

    /// <summary>Amap 6-digit type-code column.</summary>
    public string? TypeCodeColumn { get; init; }

    /// <summary>Weight (population) column; every POI weighs 1 when null, and empty cells weigh 1. Negative or
    /// non-numeric weights drop the row as unparseable.</summary>
    public string? WeightColumn { get; init; }

    /// <summary>CSV delimiter; guessed from the header when null.</summary>
    public char? Delimiter { get; init; }

    /// <summary>Text encoding of CSV and DBF files; CSV defaults to UTF-8, falling back to GB18030.
    /// Recorded in run.json by name (<see cref="EncodingName"/>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Encoding? Encoding { get; init; }

    /// <summary>The web name of <see cref="Encoding"/> (e.g. "gb18030"), or null when detected per file.</summary>
    public string? EncodingName => Encoding?.WebName;

    /// <summary>Defaults: every column guessed.</summary>
    public static PoiReadOptions Default { get; } = new();

    internal static readonly string[] XGuesses = ["lon", "lng", "longitude", "x"];
    internal static readonly string[] YGuesses = ["lat", "latitude", "y"];
    internal static readonly string[] TypeCodeGuesses = ["typecode", "type_code"];
    internal static readonly string[] CategoryGuesses = ["type", "category"];
    internal static readonly string[] LevelColumns = ["cat_l1", "cat_l2", "cat_l3"];

    /// <summary>Resolves the category and type-code columns against the available names.</summary>
    internal (IReadOnlyList<string> Category, string? TypeCode) ResolveAttributes(Func<string, bool> has)
    {
        IReadOnlyList<string> cat = CategoryColumns
            ?? (LevelColumns.All(has) ? LevelColumns : CategoryGuesses.FirstOrDefault(has) is string c ? [c] : []);
        return (cat, TypeCodeColumn ?? TypeCodeGuesses.FirstOrDefault(has));
    }
}
