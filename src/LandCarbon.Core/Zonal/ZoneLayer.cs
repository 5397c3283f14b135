using System.Globalization;
using System.Text.Json;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.IO.Esri;

namespace LandCarbon.Core.Zonal;

/// <summary>
/// Reads a polygon layer (GeoJSON FeatureCollection or ESRI Shapefile) of zones and brings it into a grid's CRS.
/// <para>The polygon CRS (<c>--zone-crs</c>) is one of the longitude/latitude systems <c>wgs84</c>, <c>gcj02</c>
/// (DataV / Amap boundaries), <c>bd09</c>, which are converted to WGS84 (<see cref="ChineseCoordinates"/>) and
/// projected with <see cref="CoordinateTransformer"/>; or <c>grid</c> when the coordinates are already in the
/// grid's CRS.</para>
/// <para>The id comes from the first present of <c>adcode</c>, <c>id</c>, <c>code</c> (or a given field), the
/// name from <c>name</c>, <c>NAME</c>, <c>county</c>; features without a polygon are skipped with a warning.</para>
/// </summary>
public static class ZoneLayer
{
    /// <summary>Candidate id fields, in order.</summary>
    public static IReadOnlyList<string> IdFields { get; } = ["adcode", "id", "code", "ADCODE", "ID", "CODE"];

    /// <summary>Candidate name fields, in order.</summary>
    public static IReadOnlyList<string> NameFields { get; } = ["name", "NAME", "Name", "county", "COUNTY"];

    /// <summary>
    /// Reads <paramref name="path"/> and returns its zones in the CRS of <paramref name="grid"/>. Throws an
    /// <see cref="InputException"/> naming the file when it cannot be read or holds no polygons, or, with
    /// <c>grid</c> coordinates, when the file declares a CRS other than the grid's (naming <paramref name="crsKey"/>).
    /// </summary>
    public static IReadOnlyList<Zone> Read(string path, string zoneCrs, GridSpec grid, string? idField = null,
        string? nameField = null, ICollection<string>? warnings = null, string crsKey = "--zone-crs")
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(zoneCrs);
        ArgumentNullException.ThrowIfNull(grid);
        var features = ReadFeatures(path);
        Func<Geometry, Geometry> project;
        if (zoneCrs.Trim().Equals("grid", StringComparison.OrdinalIgnoreCase))
        {
            DeclaredCrs.EnsureGridAgrees(crsKey, path, grid);
            project = g => g;
        }
        else
        {
            var system = ChineseCoordinates.Parse(zoneCrs);
            // Zone areas come from the grid's area model (Raster/PixelAreas), so a geographic grid is fine here.
            var transformer = CoordinateTransformer.FromWgs84(grid.Crs);
            project = g => transformer.Project(g, system);
        }
        var zones = new List<Zone>();
        int i = 0;
        foreach (var f in features)
        {
            i++;
            if (f.Geometry is not (Polygon or MultiPolygon) || f.Geometry.IsEmpty)
            {
                warnings?.Add($"{path}: feature {i} has no polygon geometry ({f.Geometry?.GeometryType ?? "none"}); skipped.");
                continue;
            }
            string id = Attribute(f.Attributes, idField, IdFields) ?? i.ToString(CultureInfo.InvariantCulture);
            string name = Attribute(f.Attributes, nameField, NameFields) ?? id;
            zones.Add(new Zone(zones.Count, id, name, project(f.Geometry)));
        }
        if (zones.Count == 0) throw new InputException($"{path}: no polygon features; expected a layer of county or district polygons.");
        if (zones.Count > ushort.MaxValue) throw new InputException($"{path}: {zones.Count} zones; at most {ushort.MaxValue} are supported.");
        return zones;
    }

    /// <summary>Features of a GeoJSON (.geojson/.json) or Shapefile (.shp) layer, coordinates as stored.</summary>
    public static IReadOnlyList<IFeature> ReadFeatures(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: file not found; expected a GeoJSON or Shapefile polygon layer.");
        string ext = Path.GetExtension(path).ToUpperInvariant();
        try
        {
            if (ext == ".SHP") return Shapefile.ReadAllFeatures(path);
            var options = new JsonSerializerOptions();
            options.Converters.Add(new GeoJsonConverterFactory());
            using var stream = File.OpenRead(path);
            var fc = JsonSerializer.Deserialize<FeatureCollection>(stream, options)
                ?? throw new InputException($"{path}: empty GeoJSON; expected a FeatureCollection.");
            return [.. fc];
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidDataException or NotSupportedException or ArgumentException or FormatException)
        {
            throw new InputException($"{path}: cannot read the polygon layer ({e.Message}); expected a GeoJSON FeatureCollection or an ESRI Shapefile.", e);
        }
    }

    private static string? Attribute(IAttributesTable? attributes, string? field, IReadOnlyList<string> candidates)
    {
        if (attributes is null) return null;
        IEnumerable<string> names = field is null ? candidates : [field];
        foreach (var n in names)
        {
            if (!attributes.Exists(n)) continue;
            var v = attributes[n];
            // GeoJSON numbers arrive as decimal; format without exponent or trailing zeros.
            string? s = v switch
            {
                null => null,
                decimal d => d.ToString(CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString(),
            };
            if (!string.IsNullOrWhiteSpace(s)) return s.Trim();
        }
        if (field is not null) throw new InputException($"The polygon layer has no attribute '{field}'.");
        return null;
    }
}
