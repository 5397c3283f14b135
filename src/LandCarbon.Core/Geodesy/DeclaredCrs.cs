using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;
using ProjNet.CoordinateSystems;

namespace LandCarbon.Core.Geodesy;

/// <summary>
/// The coordinate system a point or polygon file declares about itself: the <c>crs</c> member of a GeoJSON
/// (2008 specification: <c>{"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4326"}}</c>, or
/// <c>{"type": "EPSG", "properties": {"code": 4326}}</c>) or the <c>.prj</c> beside a shapefile (OGC/ESRI WKT1).
/// <see cref="IsLonLatWgs84"/> is true for WGS 84 or CGCS2000 longitude/latitude (EPSG 4326, CRS84, 4490, which
/// are a few centimetres apart); otherwise <see cref="Reference"/> is the declared projected CRS, or null when
/// LandCarbon cannot read the declaration. A declaration can never say GCJ-02 or BD-09: those are not CRSs any
/// registry knows, and files in them (DataV boundaries, Amap POIs) usually declare nothing, which is why the
/// coordinate-system keys have no default.
/// </summary>
public sealed partial record DeclaredCrs(string Text, bool IsLonLatWgs84, SpatialReference? Reference)
{
    /// <summary>The values of every coordinate-system key and option.</summary>
    public static IReadOnlyList<string> Choices { get; } = ["wgs84", "gcj02", "bd09", "grid"];

    /// <summary>The choices as users read them in messages.</summary>
    public const string ChoicesText = "wgs84, gcj02 (Amap, Tencent, DataV boundaries), bd09 (Baidu) or grid (coordinates already in the grid's CRS)";

    /// <summary>True when LandCarbon can use the declaration.</summary>
    public bool IsReadable => IsLonLatWgs84 || Reference is not null;

    /// <summary>How the declaration reads in messages.</summary>
    public string Describe() => IsLonLatWgs84 ? $"WGS 84 longitude/latitude ({Text})" : Reference is not null ? $"the projected CRS {Reference} ({Text})" : $"'{Text}'";

    /// <summary>The CRS <paramref name="path"/> declares, or null when it declares none (a CSV, a GeoJSON without
    /// a <c>crs</c> member, a shapefile without .prj). Throws an <see cref="InputException"/> only when the file
    /// cannot be read at all.</summary>
    public static DeclaredCrs? Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string ext = Path.GetExtension(path).ToUpperInvariant();
        if (ext == ".SHP")
        {
            string prj = Path.ChangeExtension(path, ".prj");
            if (!File.Exists(prj)) prj = Path.ChangeExtension(path, ".PRJ");
            return File.Exists(prj) ? FromWkt(File.ReadAllText(prj).Trim()) : null;
        }
        if (ext is ".GEOJSON" or ".JSON") return FromGeoJson(path);
        return null;
    }

    /// <summary>
    /// The system of a file's coordinates: the stated value of <paramref name="key"/> (null when the key or option
    /// is absent) checked against what the file declares. Absent key and no readable declaration → an error naming
    /// the key and the choices; a stated value the declaration contradicts → an error naming both. A projected
    /// declaration resolves to <c>grid</c>, checked against the grid by <see cref="EnsureGridAgrees"/>.
    /// </summary>
    public static string Resolve(string key, string? stated, string path)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(path);
        var declared = Read(path);
        string file = Path.GetFileName(path);
        if (stated is null)
        {
            if (declared is null)
                throw new InputException($"{key}: is required: {file} declares no coordinate system, so LandCarbon cannot tell WGS 84 from GCJ-02 (about 500 m apart in China); state the system of its coordinates: {ChoicesText}.");
            if (!declared.IsReadable)
                throw new InputException($"{key}: is required: {file} declares the coordinate system {declared.Describe()}, which LandCarbon cannot read; state the system of its coordinates: {ChoicesText}.");
            return declared.IsLonLatWgs84 ? "wgs84" : "grid";
        }
        stated = stated.Trim().ToLowerInvariant();
        if (declared is null || !declared.IsReadable) return stated;
        bool agrees = declared.IsLonLatWgs84 ? stated is "wgs84" or "grid" : stated == "grid";
        if (!agrees)
            throw new InputException($"{key}: '{stated}' disagrees with {file}, which declares {declared.Describe()}; correct the key or the file's declaration (GCJ-02 or BD-09 coordinates labelled as WGS 84 are a common mistake).");
        return stated;
    }

    /// <summary>A command-line value of a coordinate-system option: null when absent, else one of
    /// <see cref="Choices"/> (case-insensitive) or an error naming the option.</summary>
    public static string? Choice(string option, string? value)
    {
        if (value is null) return null;
        return Choices.FirstOrDefault(c => string.Equals(c, value.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new InputException($"{option}: '{value}' is not one of: {string.Join(", ", Choices)}.");
    }

    /// <summary>With <c>grid</c> coordinates, a file that declares a CRS must declare the grid's: compares where
    /// the grid's corners and centre fall in WGS 84 under both CRSs (to 1e-7°, about 1 cm).</summary>
    public static void EnsureGridAgrees(string key, string path, GridSpec grid)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(grid);
        var declared = Read(path);
        if (declared is null || !declared.IsReadable) return;
        if (declared.Reference is { } r && r.IsEquivalentTo(grid.Crs)) return;
        string differs = $"{key}: {Path.GetFileName(path)} declares {declared.Describe()}, which is not the grid's CRS ({grid.Crs}); state its system ({ChoicesText}) or reproject the file to the grid's CRS.";
        try
        {
            var gridCs = CoordinateTransformer.FromWgs84(grid.Crs);
            CoordinateTransformer? fileCs = declared.IsLonLatWgs84 ? null : CoordinateTransformer.FromWgs84(declared.Reference!);
            var t = grid.Transform;
            foreach (var (col, row) in new[] { (0.0, 0.0), (grid.Width, 0.0), (0.0, grid.Height), (grid.Width, grid.Height), (grid.Width / 2.0, grid.Height / 2.0) })
            {
                var (x, y) = t.PixelToMap(col, row);
                var a = gridCs.Inverse(x, y);
                var b = fileCs is null ? (Lon: x, Lat: y) : fileCs.Inverse(x, y);
                if (!(Math.Abs(a.Lon - b.Lon) < 1e-7 && Math.Abs(a.Lat - b.Lat) < 1e-7)) throw new InputException(differs);
            }
        }
        catch (Exception e) when (e is NotSupportedException or NotImplementedException or ArgumentException or InvalidOperationException)
        {
            // ProjNET cannot compare them (e.g. a projection it does not implement): not provably the grid's CRS.
            throw new InputException(differs, e);
        }
    }

    private static DeclaredCrs FromWkt(string wkt)
    {
        try
        {
            var cs = new CoordinateSystemFactory().CreateFromWkt(wkt);
            if (cs is GeographicCoordinateSystem g)
                return new DeclaredCrs(cs.Name, IsWgs84Ellipsoid(g), null);
            if (cs is ProjectedCoordinateSystem) return new DeclaredCrs(cs.Name, false, new SpatialReference(null, wkt));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or NotImplementedException or FormatException or InvalidOperationException)
        {
            // unreadable: reported as such below
        }
        return new DeclaredCrs(wkt.Length > 80 ? wkt[..80] + "…" : wkt, false, null);
    }

    // WGS 84 and CGCS2000 differ in the inverse flattening only in the 9th digit; both are "WGS 84" here.
    private static bool IsWgs84Ellipsoid(GeographicCoordinateSystem g) =>
        Math.Abs(g.HorizontalDatum.Ellipsoid.SemiMajorAxis - 6378137) < 1e-3
        && Math.Abs(g.HorizontalDatum.Ellipsoid.InverseFlattening - 298.257223563) < 1e-5
        && Math.Abs(g.PrimeMeridian.Longitude) < 1e-12;

    private static DeclaredCrs? FromGeoJson(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            throw new InputException($"{path}: cannot read the file ({e.Message}).", e);
        }
        try
        {
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isCrs = reader.ValueTextEquals("crs");
                if (!reader.Read()) return null;
                if (!isCrs)
                {
                    reader.Skip();
                    continue;
                }
                if (reader.TokenType == JsonTokenType.Null) return null;
                using var doc = JsonDocument.ParseValue(ref reader);
                return FromCrsMember(doc.RootElement);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the reader of the file reports that with its own message.
        }
        return null;
    }

    private static DeclaredCrs FromCrsMember(JsonElement crs)
    {
        string text = crs.GetRawText();
        if (crs.ValueKind != JsonValueKind.Object || !crs.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object)
            return new DeclaredCrs(text, false, null);
        if (props.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            string n = name.GetString()!.Trim();
            if (Crs84().IsMatch(n)) return new DeclaredCrs(n, true, null);
            var m = EpsgName().Match(n);
            return m.Success ? FromEpsg(n, int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)) : new DeclaredCrs(n, false, null);
        }
        if (props.TryGetProperty("code", out var code) && code.TryGetInt32(out int c)) return FromEpsg($"EPSG:{c}", c);
        return new DeclaredCrs(text, false, null);
    }

    private static DeclaredCrs FromEpsg(string text, int code)
    {
        if (code is 4326 or 4490) return new DeclaredCrs(text, true, null);
        var known = SpatialReferences.TryFromEpsg(code);
        return known is null || known.IsEquivalentTo(SpatialReferences.Cgcs2000) ? new DeclaredCrs(text, false, null) : new DeclaredCrs(text, false, known);
    }

    [GeneratedRegex(@"(^|:)CRS84$", RegexOptions.IgnoreCase)]
    private static partial Regex Crs84();

    [GeneratedRegex(@"EPSG:(?:[0-9.]*:)?:?([0-9]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex EpsgName();
}
