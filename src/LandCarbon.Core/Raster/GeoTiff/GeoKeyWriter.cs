using LandCarbon.Core.Models;
using ProjNet.CoordinateSystems;

namespace LandCarbon.Core.Raster.GeoTiff;

/// <summary>
/// Builds the GeoKey directory for a CRS: EPSG-coded projected and geographic CRSs by code; user-defined Albers
/// equal-area, transverse Mercator, Lambert conformal conic (2SP) and Mercator from their WKT (parsed with ProjNET),
/// on an EPSG geographic base CRS or on an ellipsoid given by code or by its axes. The key set follows GDAL's
/// (including ProjNatOriginLong for Albers, without which GDAL reads the central meridian as 0).
/// </summary>
internal sealed class GeoKeyWriter
{
    private readonly SortedDictionary<ushort, (ushort Loc, ushort Count, ushort Value)> _entries = [];
    private readonly List<double> _doubles = [];
    private readonly System.Text.StringBuilder _ascii = new();

    public ushort[] Directory { get; private set; } = [];

    public double[] Doubles => [.. _doubles];

    public string Ascii => _ascii.ToString();

    private void Short(ushort key, ushort value) => _entries[key] = (0, 1, value);

    private void Double(ushort key, double value)
    {
        _entries[key] = (34736, 1, (ushort)_doubles.Count);
        _doubles.Add(value);
    }

    private void Text(ushort key, string text)
    {
        string t = text.Replace('|', '/') + "|";
        _entries[key] = (34737, (ushort)t.Length, (ushort)_ascii.Length);
        _ascii.Append(t);
    }

    /// <summary>The keys for <paramref name="crs"/> (PixelIsArea); an empty CRS gives an empty directory.</summary>
    public static GeoKeyWriter For(SpatialReference crs)
    {
        ArgumentNullException.ThrowIfNull(crs);
        var w = new GeoKeyWriter();
        w.Short(GeoKeys.GTRasterType, GeoKeys.RasterPixelIsArea);
        if (crs.Epsg is int code)
        {
            var known = SpatialReferences.TryFromEpsg(code);
            bool geographic = known is not null ? known.Wkt.StartsWith("GEOGCS", StringComparison.Ordinal)
                : crs.Wkt.TrimStart().StartsWith("GEOGCS", StringComparison.OrdinalIgnoreCase);
            w.Text(GeoKeys.GTCitation, (known ?? crs).Name);
            if (geographic)
            {
                w.Short(GeoKeys.GTModelType, 2);
                w.Short(GeoKeys.GeographicType, (ushort)code);
                w.Short(GeoKeys.GeogAngularUnits, 9102);
            }
            else
            {
                w.Short(GeoKeys.GTModelType, 1);
                w.Short(GeoKeys.ProjectedCSType, (ushort)code);
                w.Short(GeoKeys.ProjLinearUnits, 9001);
            }
        }
        else if (!crs.IsEmpty)
        {
            w.AddFromWkt(crs.Wkt);
        }
        else
        {
            return new GeoKeyWriter();
        }
        w.Finish();
        return w;
    }

    private void Finish()
    {
        var dir = new List<ushort> { 1, 1, 0, (ushort)_entries.Count };
        foreach (var (key, (loc, count, value)) in _entries)
        {
            dir.AddRange([key, loc, count, value]);
        }
        Directory = [.. dir];
    }

    private void AddFromWkt(string wkt)
    {
        CoordinateSystem cs;
        try
        {
            cs = (CoordinateSystem)new CoordinateSystemFactory().CreateFromWkt(wkt);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw new InputException($"The CRS WKT cannot be parsed ({e.Message}): {wkt}", e);
        }
        switch (cs)
        {
            case ProjectedCoordinateSystem p:
                Short(GeoKeys.GTModelType, 1);
                Text(GeoKeys.GTCitation, p.Name);
                AddGeographic(p.GeographicCoordinateSystem);
                AddProjection(p, wkt);
                break;
            case GeographicCoordinateSystem g:
                Short(GeoKeys.GTModelType, 2);
                AddGeographic(g);
                break;
            default:
                throw new InputException($"Only projected and geographic CRSs can be written to GeoTIFF, not: {wkt}");
        }
    }

    private void AddGeographic(GeographicCoordinateSystem g)
    {
        if (g.AuthorityCode is 4326 or 4490 && string.Equals(g.Authority, "EPSG", StringComparison.OrdinalIgnoreCase))
        {
            Short(GeoKeys.GeographicType, (ushort)g.AuthorityCode);
            Short(GeoKeys.GeogAngularUnits, 9102);
            return;
        }
        var e = g.HorizontalDatum.Ellipsoid;
        Short(GeoKeys.GeographicType, GeoKeys.UserDefined);
        Text(GeoKeys.GeogCitation, g.Name);
        Short(GeoKeys.GeogGeodeticDatum, GeoKeys.UserDefined);
        Short(GeoKeys.GeogAngularUnits, 9102);
        ushort? ellipsoidCode =
            Same(e.SemiMajorAxis, e.InverseFlattening, SpatialReferences.KrassowskyA, SpatialReferences.KrassowskyInvF) ? 7024 :
            Same(e.SemiMajorAxis, e.InverseFlattening, SpatialReferences.Wgs84A, SpatialReferences.Wgs84InvF) ? 7030 :
            Same(e.SemiMajorAxis, e.InverseFlattening, SpatialReferences.Cgcs2000A, SpatialReferences.Cgcs2000InvF) ? 1024 : null;
        if (ellipsoidCode is ushort ec)
        {
            Short(GeoKeys.GeogEllipsoid, ec);
        }
        else
        {
            Short(GeoKeys.GeogEllipsoid, GeoKeys.UserDefined);
            Double(GeoKeys.GeogSemiMajorAxis, e.SemiMajorAxis);
            Double(GeoKeys.GeogInvFlattening, e.InverseFlattening);
        }
    }

    private static bool Same(double a, double invF, double a2, double invF2) => a == a2 && Math.Abs(invF - invF2) < 1e-9;

    private void AddProjection(ProjectedCoordinateSystem p, string wkt)
    {
        double Param(double fallback, params string[] names)
        {
            foreach (var n in names)
            {
                for (int i = 0; i < p.Projection.NumParameters; i++)
                {
                    var par = p.Projection.GetParameter(i);
                    if (string.Equals(par.Name, n, StringComparison.OrdinalIgnoreCase)) return par.Value;
                }
            }
            return fallback;
        }

        if (p.LinearUnit.MetersPerUnit != 1)
            throw new InputException($"Only CRSs in metres can be written to GeoTIFF, not: {wkt}");
        Short(GeoKeys.ProjectedCSType, GeoKeys.UserDefined);
        Short(GeoKeys.Projection, GeoKeys.UserDefined);
        Short(GeoKeys.ProjLinearUnits, 9001);
        double lon0 = Param(0, "central_meridian", "longitude_of_center", "longitude_of_origin");
        double lat0 = Param(0, "latitude_of_origin", "latitude_of_center");
        double fe = Param(0, "false_easting"), fn = Param(0, "false_northing");
        string method = p.Projection.ClassName.ToLowerInvariant().Replace(' ', '_');
        switch (method)
        {
            case "albers_conic_equal_area" or "albers":
                Short(GeoKeys.ProjCoordTrans, GeoKeys.CtAlbersEqualArea);
                Double(GeoKeys.ProjStdParallel1, Param(0, "standard_parallel_1"));
                Double(GeoKeys.ProjStdParallel2, Param(0, "standard_parallel_2"));
                Double(GeoKeys.ProjNatOriginLong, lon0);
                Double(GeoKeys.ProjNatOriginLat, lat0);
                break;
            case "transverse_mercator":
                Short(GeoKeys.ProjCoordTrans, GeoKeys.CtTransverseMercator);
                Double(GeoKeys.ProjNatOriginLong, lon0);
                Double(GeoKeys.ProjNatOriginLat, lat0);
                Double(GeoKeys.ProjScaleAtNatOrigin, Param(1, "scale_factor"));
                break;
            case "lambert_conformal_conic_2sp" or "lambert_conformal_conic":
                Short(GeoKeys.ProjCoordTrans, GeoKeys.CtLambertConfConic2SP);
                Double(GeoKeys.ProjStdParallel1, Param(0, "standard_parallel_1"));
                Double(GeoKeys.ProjStdParallel2, Param(0, "standard_parallel_2"));
                Double(GeoKeys.ProjFalseOriginLong, lon0);
                Double(GeoKeys.ProjFalseOriginLat, lat0);
                Double(GeoKeys.ProjFalseOriginEasting, fe);
                Double(GeoKeys.ProjFalseOriginNorthing, fn);
                return;
            case "mercator_1sp" or "mercator":
                Short(GeoKeys.ProjCoordTrans, GeoKeys.CtMercator);
                Double(GeoKeys.ProjNatOriginLong, lon0);
                Double(GeoKeys.ProjNatOriginLat, lat0);
                Double(GeoKeys.ProjScaleAtNatOrigin, Param(1, "scale_factor"));
                break;
            default:
                throw new InputException(
                    $"Projection '{p.Projection.ClassName}' cannot be written to GeoTIFF (Albers, transverse Mercator, " +
                    $"Lambert conformal conic and Mercator can, and any EPSG-coded CRS): {wkt}");
        }
        Double(GeoKeys.ProjFalseEasting, fe);
        Double(GeoKeys.ProjFalseNorthing, fn);
    }
}
