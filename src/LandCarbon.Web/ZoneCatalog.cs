using System.Globalization;
using System.Text.Json;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Models;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Tables;
using LandCarbon.Core.Zonal;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace LandCarbon.Web;

/// <summary>
/// The zones (counties) of a run's zonal summary: the polygon layer named in run.json (study.risk.zonesFile, its
/// CRS and id field) read with <see cref="ZoneLayer"/> onto the study grid, joined with tables/zonal_summary.csv and
/// tables/key_monitoring_areas.csv by zone id. A point belongs to the first zone that holds the centre of its pixel,
/// the rule of the zonal summary (<see cref="ZoneRasterizer"/>).
/// </summary>
public sealed class ZoneCatalog
{
    private readonly IReadOnlyList<Zone> _zones;
    private readonly IndexedPointInAreaLocator[] _locators;
    private readonly GridSpec _grid;
    private readonly CoordinateTransformer _transformer;
    private readonly Dictionary<string, Dictionary<string, object?>> _summary;
    private readonly Dictionary<string, Dictionary<string, object?>> _key;

    private ZoneCatalog(IReadOnlyList<Zone> zones, GridSpec grid, Dictionary<string, Dictionary<string, object?>> summary,
        Dictionary<string, Dictionary<string, object?>> key)
    {
        _zones = zones;
        _grid = grid;
        _transformer = CoordinateTransformer.FromWgs84(grid.Crs);
        _locators = [.. zones.Select(z => new IndexedPointInAreaLocator(z.Geometry))];
        _summary = summary;
        _key = key;
    }

    /// <summary>Number of zones.</summary>
    public int Count => _zones.Count;

    /// <summary>
    /// The zones of the run, or null when run.json names no zone layer or the layer is gone (then a note goes to
    /// <paramref name="warnings"/>). A layer moved with the run folder is looked for in RUN_DIR/inputs/.
    /// </summary>
    public static ZoneCatalog? TryOpen(string runDir, JsonElement runJson, GridSpec grid, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(warnings);
        if (!runJson.TryGetProperty("study", out var study) || !study.TryGetProperty("risk", out var risk) || risk.ValueKind != JsonValueKind.Object)
            return null;
        string? file = Str(risk, "zonesFile");
        if (file is null) return null;
        if (!File.Exists(file))
        {
            string moved = Path.Combine(runDir, "inputs", Path.GetFileName(file));
            if (!File.Exists(moved))
            {
                warnings.Add($"zone layer {Path.GetFileName(file)} not found; /api/zones is empty.");
                return null;
            }
            file = moved;
        }
        // The CRS the run resolved for the zones (risk.zones.crs or the file's declaration); never guessed.
        if (Str(risk, "zoneCrs") is not string crs)
        {
            warnings.Add($"run.json records no CRS for the zone layer {Path.GetFileName(file)}; /api/zones is empty.");
            return null;
        }
        try
        {
            var zones = ZoneLayer.Read(file, crs, grid, Str(risk, "zoneIdField"));
            return new ZoneCatalog(zones, grid, Rows(Path.Combine(runDir, OutputCatalog.ZonalSummary.RelativePath())),
                Rows(Path.Combine(runDir, OutputCatalog.KeyMonitoringAreas.RelativePath())));
        }
        catch (InputException e)
        {
            warnings.Add($"zones left out: {e.Message}");
            return null;
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    /// <summary>Rows of a table keyed by its zoneId column (numbers as numbers); empty when the table is absent.</summary>
    private static Dictionary<string, Dictionary<string, object?>> Rows(string path)
    {
        var d = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        if (!File.Exists(path)) return d;
        var t = CsvTable.Read(path);
        if (!t.HasColumn("zoneId")) return d;
        foreach (var r in t.Rows)
        {
            var row = new Dictionary<string, object?>(StringComparer.Ordinal);
            for (int c = 0; c < t.Header.Count; c++)
            {
                string text = t.Text(r, c);
                row[t.Header[c]] = text.Length == 0 ? null
                    : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x) ? x
                    : bool.TryParse(text, out bool b) ? b : text;
            }
            d[t.Text(r, "zoneId")] = row;
        }
        return d;
    }

    /// <summary>The zone holding WGS84 (lon, lat) — id, name, zonal-summary row, key-monitoring row — or null.</summary>
    public object? At(double lon, double lat)
    {
        var (x, y) = _transformer.Forward(lon, lat);
        var (c, r) = _grid.Transform.MapToPixel(x, y);
        if (!(c >= 0 && r >= 0 && c < _grid.Width && r < _grid.Height)) return null;
        var centre = _grid.Transform.PixelCenter((int)c, (int)r);
        for (int i = 0; i < _zones.Count; i++)
            if (_locators[i].Locate(new Coordinate(centre.X, centre.Y)) != Location.Exterior)
                return Describe(_zones[i]);
        return null;
    }

    private Dictionary<string, object?> Describe(Zone z) => new(StringComparer.Ordinal)
    {
        ["id"] = z.Id,
        ["name"] = z.Name,
        ["summary"] = _summary.GetValueOrDefault(z.Id),
        ["keyMonitoringArea"] = _key.GetValueOrDefault(z.Id),
    };

    /// <summary>A GeoJSON FeatureCollection of the zones in WGS84 with their properties (<see cref="At"/>).</summary>
    public string GeoJson()
    {
        var geo = new JsonSerializerOptions();
        geo.Converters.Add(new GeoJsonConverterFactory());
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            foreach (var z in _zones)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WritePropertyName("geometry");
                var lonLat = GeometryCoordinates.Map(z.Geometry, (x, y) => _transformer.Inverse(x, y));
                JsonSerializer.Serialize(w, lonLat, geo);
                w.WritePropertyName("properties");
                JsonSerializer.Serialize(w, Describe(z), ServeJson.Options);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }
}
