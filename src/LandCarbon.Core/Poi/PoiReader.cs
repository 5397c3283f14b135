using System.Globalization;
using System.Text.Json;
using LandCarbon.Core.Models;
using LandCarbon.Core.Tables;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Shapefiles.Readers;

namespace LandCarbon.Core.Poi;

/// <summary>
/// Reads POI points from CSV/TSV (UTF-8 or GB18030, via <see cref="CsvTable"/>), GeoJSON (Point and MultiPoint
/// features) and ESRI shapefiles (point and multipoint), chosen by the file extension. A row that cannot be used
/// is dropped and counted by reason with its row number (<see cref="PoiDropReport"/>); the reader never stops for
/// bad rows. A missing file, a missing named column, or a file that cannot be parsed at all is an
/// <see cref="InputException"/>. Zero usable rows is checked later, once points are placed on the grid
/// (<see cref="PoiPlacement"/>).
/// </summary>
public static class PoiReader
{
    /// <summary>Reads any supported file (.csv, .tsv, .txt, .geojson, .json, .shp).</summary>
    public static PoiReadResult Read(string path, PoiReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= PoiReadOptions.Default;
        string ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".geojson" or ".json" => ReadGeoJson(path, options),
            ".shp" => ReadShapefile(path, options),
            _ => ReadCsv(path, options),
        };
    }

    /// <summary>Reads a delimited text file with a header row.</summary>
    public static PoiReadResult ReadCsv(string path, PoiReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var t = CsvTable.Read(path, options.Delimiter, options.Encoding);
        return FromTable(t, options);
    }

    /// <summary>Reads an already parsed table (used for in-memory GB18030 tests).</summary>
    public static PoiReadResult FromTable(CsvTable t, PoiReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(options);
        string xCol = options.XColumn ?? Guess(t, PoiReadOptions.XGuesses, "x/longitude", "--lon");
        string yCol = options.YColumn ?? Guess(t, PoiReadOptions.YGuesses, "y/latitude", "--lat");
        var (catCols, codeCol) = options.ResolveAttributes(t.HasColumn);
        var required = new List<string> { xCol, yCol };
        required.AddRange(catCols);
        if (codeCol is not null) required.Add(codeCol);
        if (options.WeightColumn is not null) required.Add(options.WeightColumn);
        t.RequireColumns([.. required]);
        int xi = t.Column(xCol), yi = t.Column(yCol);
        int[] ci = catCols.Select(t.Column).ToArray();
        int codeI = codeCol is null ? -1 : t.Column(codeCol);
        int wi = options.WeightColumn is null ? -1 : t.Column(options.WeightColumn);

        var records = new List<PoiRecord>(t.Rows.Count);
        var drops = new PoiDropReport();
        foreach (var row in t.Rows)
        {
            string xs = t.Text(row, xi), ys = t.Text(row, yi);
            if (xs.Length == 0 || ys.Length == 0) { drops.Add(PoiDropReason.EmptyCoordinates, row.Line); continue; }
            if (!TryNumber(xs, out double x) || !TryNumber(ys, out double y)) { drops.Add(PoiDropReason.Unparseable, row.Line); continue; }
            double w = 1;
            if (wi >= 0 && !TryWeight(t.Text(row, wi), out w)) { drops.Add(PoiDropReason.Unparseable, row.Line); continue; }
            string cat = JoinLevels(ci.Select(c => t.Text(row, c)));
            string code = codeI >= 0 ? t.Text(row, codeI) : "";
            records.Add(new PoiRecord(row.Line, x, y, code, cat, w));
        }
        return new PoiReadResult(t.Path, records, drops, t.Rows.Count);
    }

    /// <summary>Reads a GeoJSON FeatureCollection (or a single Feature).</summary>
    public static PoiReadResult ReadGeoJson(string path, PoiReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path)) throw new InputException($"{path}: file not found.");
        var json = new JsonSerializerOptions();
        json.Converters.Add(new GeoJsonConverterFactory());
        FeatureCollection? fc;
        try
        {
            using var s = File.OpenRead(path);
            using var doc = JsonDocument.Parse(s);
            bool single = doc.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Feature";
            fc = single
                ? [doc.RootElement.Deserialize<IFeature>(json)!]
                : doc.RootElement.Deserialize<FeatureCollection>(json);
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not valid GeoJSON ({e.Message}); expected a FeatureCollection of points.", e);
        }
        if (fc is null) throw new InputException($"{path}: empty GeoJSON; expected a FeatureCollection of points.");
        return FromFeatures(path, fc, options);
    }

    /// <summary>Reads a point or multipoint shapefile (.shp with its .dbf).</summary>
    public static PoiReadResult ReadShapefile(string path, PoiReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path)) throw new InputException($"{path}: file not found.");
        Feature[] features;
        try
        {
            var ro = new ShapefileReaderOptions();
            if (options.Encoding is not null) ro.Encoding = options.Encoding;
            features = Shapefile.ReadAllFeatures(path, ro);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ArgumentException or FileNotFoundException)
        {
            throw new InputException($"{path}: cannot read the shapefile ({e.Message}); expected a point shapefile with its .dbf.", e);
        }
        return FromFeatures(path, features, options);
    }

    /// <summary>Turns NetTopologySuite features into records (row = 1-based feature number).</summary>
    public static PoiReadResult FromFeatures(string path, IEnumerable<IFeature> features, PoiReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(options);
        var list = features.ToList();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var f in list.Take(1000))
            if (f.Attributes is not null) names.UnionWith(f.Attributes.GetNames());
        var (catCols, codeCol) = options.ResolveAttributes(names.Contains);
        var missing = catCols.Append(codeCol).Append(options.WeightColumn).OfType<string>().Where(c => !names.Contains(c)).ToList();
        if (missing.Count > 0 && list.Count > 0)
            throw new InputException($"{path}: no attribute(s) {string.Join(", ", missing)}; the features have: {string.Join(", ", names.Order(StringComparer.Ordinal))}.");

        var records = new List<PoiRecord>(list.Count);
        var drops = new PoiDropReport();
        for (int i = 0; i < list.Count; i++)
        {
            int row = i + 1;
            var f = list[i];
            var g = f.Geometry;
            if (g is null || g.IsEmpty) { drops.Add(PoiDropReason.EmptyCoordinates, row); continue; }
            Point[] pts = g switch
            {
                Point p => [p],
                MultiPoint mp => [.. mp.Geometries.Cast<Point>()],
                _ => [],
            };
            if (pts.Length == 0) { drops.Add(PoiDropReason.Unparseable, row); continue; }
            double w = 1;
            if (options.WeightColumn is not null && !TryWeight(Attribute(f, options.WeightColumn), out w)) { drops.Add(PoiDropReason.Unparseable, row); continue; }
            string cat = JoinLevels(catCols.Select(c => Attribute(f, c)));
            string code = codeCol is null ? "" : Attribute(f, codeCol);
            foreach (var p in pts)
            {
                if (!double.IsFinite(p.X) || !double.IsFinite(p.Y)) { drops.Add(PoiDropReason.Unparseable, row); continue; }
                records.Add(new PoiRecord(row, p.X, p.Y, code, cat, w));
            }
        }
        return new PoiReadResult(path, records, drops, list.Count);
    }

    private static string Attribute(IFeature f, string name)
    {
        if (f.Attributes is null) return "";
        string? key = f.Attributes.Exists(name) ? name : f.Attributes.GetNames().FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (key is null) return "";
        // GeoJSON4STJ returns numbers as decimal; invariant formatting keeps "050100" codes and weights intact.
        return Convert.ToString(f.Attributes[key], CultureInfo.InvariantCulture)?.Trim() ?? "";
    }

    private static string Guess(CsvTable t, string[] guesses, string what, string option) =>
        guesses.FirstOrDefault(t.HasColumn)
        ?? throw new InputException($"{t.Path}: no {what} column found (tried {string.Join(", ", guesses)}); name it with {option}. The header has: {string.Join(", ", t.Header)}.");

    private static string JoinLevels(IEnumerable<string> levels) =>
        string.Join(';', levels.Select(s => s.Trim()).Where(s => s.Length > 0));

    private static bool TryNumber(string s, out double v) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v) && double.IsFinite(v);

    private static bool TryWeight(string s, out double w)
    {
        if (s.Length == 0) { w = 1; return true; }
        return TryNumber(s, out w) && w >= 0;
    }
}
