using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;
using NetTopologySuite.Geometries;
using ProjNet.CoordinateSystems;
using ProjNet.CoordinateSystems.Transformations;

namespace LandCarbon.Core.Geodesy;

/// <summary>
/// Projects WGS84 longitude/latitude (degrees) to a grid's <see cref="SpatialReference"/> and back, with ProjNET
/// (datum shifts only where the WKT carries TOWGS84; CGCS2000 and WGS84 are treated as equal, a few cm apart).
/// Points in GCJ-02 or BD-09 are first brought to WGS84 with <see cref="ChineseCoordinates"/>
/// (<see cref="FromLonLat"/>). The CRS comes from the reference's WKT1; a reference with only an EPSG code is
/// resolved through the <see cref="SpatialReferences"/> catalogue. Instances are thread-safe (calls are serialized).
/// </summary>
public sealed class CoordinateTransformer
{
    private readonly MathTransform _forward;
    private readonly MathTransform _inverse;
    private readonly object _gate = new();

    private CoordinateTransformer(CoordinateSystem target, SpatialReference reference)
    {
        var factory = new CoordinateTransformationFactory();
        var wgs84 = GeographicCoordinateSystem.WGS84;
        _forward = factory.CreateFromCoordinateSystems(wgs84, target).MathTransform;
        _inverse = factory.CreateFromCoordinateSystems(target, wgs84).MathTransform;
        Target = reference;
        IsGeographic = target is GeographicCoordinateSystem;
        if (target is ProjectedCoordinateSystem p)
            MetersPerUnit = p.LinearUnit.MetersPerUnit;
    }

    /// <summary>The target CRS.</summary>
    public SpatialReference Target { get; }

    /// <summary>True when the target is a geographic (degree) CRS; distances in metres then need a projected grid.</summary>
    public bool IsGeographic { get; }

    /// <summary>Metres per linear unit of a projected target (1 for metres); NaN for geographic targets.</summary>
    public double MetersPerUnit { get; } = double.NaN;

    /// <summary>A transformer from WGS84 lon/lat to <paramref name="target"/>. Throws an <see cref="InputException"/>
    /// when the CRS is missing or ProjNET cannot read it.</summary>
    public static CoordinateTransformer FromWgs84(SpatialReference target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new CoordinateTransformer(Parse(target), target);
    }

    /// <summary>The ProjNET coordinate system for a reference (its WKT1, else the catalogue WKT of its EPSG code).</summary>
    public static CoordinateSystem Parse(SpatialReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!string.IsNullOrWhiteSpace(reference.Wkt))
        {
            try
            {
                return new CoordinateSystemFactory().CreateFromWkt(reference.Wkt);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or NotImplementedException or FormatException or InvalidOperationException)
            {
                throw new InputException($"The CRS '{reference.Name}' cannot be read as OGC WKT1 ({e.Message}); give the grid an EPSG code or WKT1.", e);
            }
        }
        if (reference.Epsg is null) throw new InputException("The grid has no CRS; points in longitude/latitude cannot be placed on it.");
        var known = SpatialReferences.TryFromEpsg(reference.Epsg.Value)
            ?? throw new InputException($"EPSG:{reference.Epsg} carries no WKT and is not in LandCarbon's CRS catalogue; give the grid's CRS as WKT1.");
        return Parse(known);
    }

    /// <summary>WGS84 lon/lat (degrees) → target coordinates.</summary>
    public (double X, double Y) Forward(double lon, double lat)
    {
        lock (_gate) return _forward.Transform(lon, lat);
    }

    /// <summary>Target coordinates → WGS84 lon/lat (degrees).</summary>
    public (double Lon, double Lat) Inverse(double x, double y)
    {
        lock (_gate) return _inverse.Transform(x, y);
    }

    /// <summary>Lon/lat in any of WGS84, GCJ-02, BD-09 → target coordinates.</summary>
    public (double X, double Y) FromLonLat(LonLatSystem system, double lon, double lat)
    {
        var (x, y) = ChineseCoordinates.ToWgs84(system, lon, lat);
        return Forward(x, y);
    }

    /// <summary>Projects every coordinate of a copy of <paramref name="geometry"/> (lon/lat in
    /// <paramref name="system"/>) to the target CRS; the input is not modified.</summary>
    public Geometry Project(Geometry geometry, LonLatSystem system = LonLatSystem.Wgs84)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return GeometryCoordinates.Map(geometry, (x, y) => FromLonLat(system, x, y));
    }
}
