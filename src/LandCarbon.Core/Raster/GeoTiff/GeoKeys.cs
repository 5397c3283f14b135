namespace LandCarbon.Core.Raster.GeoTiff;

/// <summary>
/// The GeoTIFF key directory (tags 34735/34736/34737) as a dictionary, and its translation to a
/// <see cref="SpatialReference"/>. Supported: EPSG-coded projected and geographic CRSs, and user-defined
/// Albers equal-area, transverse Mercator, Lambert conformal conic (2SP) and Mercator on an EPSG or user ellipsoid.
/// </summary>
internal sealed class GeoKeys
{
    // Key ids (GeoTIFF 1.0 §6.2).
    public const ushort GTModelType = 1024, GTRasterType = 1025, GTCitation = 1026;
    public const ushort GeographicType = 2048, GeogCitation = 2049, GeogGeodeticDatum = 2050, GeogPrimeMeridian = 2051,
        GeogLinearUnits = 2052, GeogAngularUnits = 2054, GeogEllipsoid = 2056, GeogSemiMajorAxis = 2057,
        GeogSemiMinorAxis = 2058, GeogInvFlattening = 2059;
    public const ushort ProjectedCSType = 3072, PCSCitation = 3073, Projection = 3074, ProjCoordTrans = 3075,
        ProjLinearUnits = 3076, ProjStdParallel1 = 3078, ProjStdParallel2 = 3079, ProjNatOriginLong = 3080,
        ProjNatOriginLat = 3081, ProjFalseEasting = 3082, ProjFalseNorthing = 3083, ProjFalseOriginLong = 3084,
        ProjFalseOriginLat = 3085, ProjFalseOriginEasting = 3086, ProjFalseOriginNorthing = 3087, ProjCenterLong = 3088,
        ProjCenterLat = 3089, ProjScaleAtNatOrigin = 3092, ProjScaleAtCenter = 3093;

    public const ushort UserDefined = 32767;

    // Coordinate transformation codes (ProjCoordTransGeoKey).
    public const ushort CtTransverseMercator = 1, CtMercator = 7, CtLambertConfConic2SP = 8, CtAlbersEqualArea = 11;

    public const ushort RasterPixelIsArea = 1, RasterPixelIsPoint = 2;

    private readonly Dictionary<ushort, ushort> _shorts = [];
    private readonly Dictionary<ushort, double[]> _doubles = [];
    private readonly Dictionary<ushort, string> _texts = [];

    /// <summary>Parses the three tags; <paramref name="problem"/> says why when the directory is malformed.</summary>
    public static GeoKeys Parse(ushort[] directory, double[]? doubles, string? ascii, out string? problem)
    {
        var k = new GeoKeys();
        problem = null;
        if (directory.Length < 4)
        {
            problem = "the GeoKey directory is shorter than its 4-number header";
            return k;
        }
        int n = directory[3];
        if (directory.Length < 4 + 4 * n)
        {
            problem = $"the GeoKey directory declares {n} keys but holds {(directory.Length - 4) / 4}";
            n = (directory.Length - 4) / 4;
        }
        for (int i = 0; i < n; i++)
        {
            int e = 4 + 4 * i;
            ushort id = directory[e], loc = directory[e + 1], count = directory[e + 2], val = directory[e + 3];
            switch (loc)
            {
                case 0:
                    k._shorts[id] = val;
                    break;
                case 34736 when doubles is not null && val + count <= doubles.Length:
                    k._doubles[id] = doubles.AsSpan(val, count).ToArray();
                    break;
                case 34737 when ascii is not null && val + count <= ascii.Length:
                    k._texts[id] = ascii.Substring(val, count).TrimEnd('|', '\0');
                    break;
                case 34735 when val + count <= directory.Length && count > 0:
                    k._shorts[id] = directory[val];
                    break;
                default:
                    problem ??= $"GeoKey {id} points outside its parameter tag {loc}";
                    break;
            }
        }
        return k;
    }

    public ushort? Short(ushort id) => _shorts.TryGetValue(id, out var v) ? v : null;

    public double? Double(ushort id) => _doubles.TryGetValue(id, out var v) && v.Length > 0 ? v[0] : null;

    public string? Text(ushort id) => _texts.GetValueOrDefault(id);

    /// <summary>True when the raster declares PixelIsPoint (GDAL then shifts the origin by half a pixel).</summary>
    public bool IsPixelIsPoint => Short(GTRasterType) == RasterPixelIsPoint;

    /// <summary>The CRS the keys describe; <paramref name="problem"/> names what could not be understood.</summary>
    public SpatialReference ToSpatialReference(out string? problem)
    {
        problem = null;
        ushort? model = Short(GTModelType);
        ushort? pcs = Short(ProjectedCSType);
        if (pcs is > 0 and < UserDefined)
            return SpatialReferences.TryFromEpsg(pcs.Value) ?? new SpatialReference(pcs.Value, "");
        if (model == 2 || (model is null && pcs is null))
        {
            ushort? gcs = Short(GeographicType);
            if (gcs is > 0 and < UserDefined)
                return SpatialReferences.TryFromEpsg(gcs.Value) ?? new SpatialReference(gcs.Value, "");
            if (model == 2) return new SpatialReference(null, UserGeogCs(out problem));
            return SpatialReference.None;
        }
        if (model != 1 && pcs is null) return SpatialReference.None;

        string geog = UserGeogCs(out problem);
        ushort? units = Short(ProjLinearUnits);
        if (units is not null and not 9001 and not UserDefined)
            problem ??= $"linear unit EPSG:{units} is read as metres";
        string name = Text(PCSCitation) ?? Text(GTCitation) ?? "unnamed";
        double fe = Double(ProjFalseEasting) ?? Double(ProjFalseOriginEasting) ?? 0;
        double fn = Double(ProjFalseNorthing) ?? Double(ProjFalseOriginNorthing) ?? 0;
        double lon0 = Double(ProjNatOriginLong) ?? Double(ProjFalseOriginLong) ?? Double(ProjCenterLong) ?? 0;
        double lat0 = Double(ProjNatOriginLat) ?? Double(ProjFalseOriginLat) ?? Double(ProjCenterLat) ?? 0;
        switch (Short(ProjCoordTrans))
        {
            case CtAlbersEqualArea:
            {
                double lat1 = Double(ProjStdParallel1) ?? 0, lat2 = Double(ProjStdParallel2) ?? 0;
                string wkt = SpatialReferences.AlbersWkt(name, geog, lat1, lat2, lat0, lon0, fe, fn);
                // The two catalogue Albers CRSs come back as themselves so that grids compare equal.
                foreach (var known in new[] { SpatialReferences.ClcdAlbers, SpatialReferences.KrassowskyAlbers })
                {
                    if (SpatialReferences.AlbersWkt("x", geog, lat1, lat2, lat0, lon0, fe, fn) ==
                        SpatialReferences.AlbersWkt("x", GeogOf(known), 25, 47, 0, 105, 0, 0))
                        return known;
                }
                return new SpatialReference(null, wkt);
            }
            case CtTransverseMercator:
                return new SpatialReference(null, SpatialReferences.TransverseMercatorWkt(name, geog, lon0,
                    Double(ProjScaleAtNatOrigin) ?? Double(ProjScaleAtCenter) ?? 1, fe, fn, null, lat0));
            case CtLambertConfConic2SP:
                return new SpatialReference(null,
                    $"PROJCS[\"{name}\",{geog},PROJECTION[\"Lambert_Conformal_Conic_2SP\"]," +
                    $"PARAMETER[\"standard_parallel_1\",{SpatialReferences.F(Double(ProjStdParallel1) ?? 0)}]," +
                    $"PARAMETER[\"standard_parallel_2\",{SpatialReferences.F(Double(ProjStdParallel2) ?? 0)}]," +
                    $"PARAMETER[\"latitude_of_origin\",{SpatialReferences.F(lat0)}],PARAMETER[\"central_meridian\",{SpatialReferences.F(lon0)}]," +
                    $"PARAMETER[\"false_easting\",{SpatialReferences.F(fe)}],PARAMETER[\"false_northing\",{SpatialReferences.F(fn)}]," +
                    "UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]]]");
            case CtMercator:
                return new SpatialReference(null,
                    $"PROJCS[\"{name}\",{geog},PROJECTION[\"Mercator_1SP\"],PARAMETER[\"latitude_of_origin\",{SpatialReferences.F(lat0)}]," +
                    $"PARAMETER[\"central_meridian\",{SpatialReferences.F(lon0)}]," +
                    $"PARAMETER[\"scale_factor\",{SpatialReferences.F(Double(ProjScaleAtNatOrigin) ?? 1)}]," +
                    $"PARAMETER[\"false_easting\",{SpatialReferences.F(fe)}],PARAMETER[\"false_northing\",{SpatialReferences.F(fn)}]," +
                    "UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]]]");
            default:
                problem ??= $"projection method {Short(ProjCoordTrans)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"} " +
                            "is not supported (EPSG-coded CRSs, Albers, transverse Mercator, Lambert conformal conic and Mercator are)";
                return new SpatialReference(null, "");
        }
    }

    private static string GeogOf(SpatialReference projected)
    {
        int a = projected.Wkt.IndexOf("GEOGCS[", StringComparison.Ordinal);
        int b = projected.Wkt.IndexOf(",PROJECTION[", StringComparison.Ordinal);
        return projected.Wkt[a..b];
    }

    /// <summary>The WKT GEOGCS of the keys: an EPSG base CRS, or an ellipsoid given by code or by its axes.</summary>
    private string UserGeogCs(out string? problem)
    {
        problem = null;
        ushort? gcs = Short(GeographicType);
        if (gcs is > 0 and < UserDefined)
        {
            switch (gcs.Value)
            {
                case 4326: return SpatialReferences.Wgs84GeogCs;
                case 4490: return SpatialReferences.Cgcs2000GeogCs;
                case 4024 or 4214: return SpatialReferences.KrassowskyGeogCs;
            }
            problem = $"geographic CRS EPSG:{gcs} is not in the catalogue; its ellipsoid is taken from the keys";
        }
        ushort? datum = Short(GeogGeodeticDatum);
        if (datum == 6326) return SpatialReferences.Wgs84GeogCs;
        if (datum == 1043) return SpatialReferences.Cgcs2000GeogCs;
        switch (Short(GeogEllipsoid))
        {
            case 7030: return SpatialReferences.Wgs84GeogCs;
            case 1024: return SpatialReferences.Cgcs2000GeogCs;
            case 7024: return SpatialReferences.KrassowskyGeogCs;
        }
        double? a = Double(GeogSemiMajorAxis);
        double? invF = Double(GeogInvFlattening);
        double? b = Double(GeogSemiMinorAxis);
        if (invF is null && a is double aa && b is double bb && aa != bb) invF = aa / (aa - bb);
        if (a is double semiMajor)
        {
            double inv = invF ?? 0;
            if (semiMajor == SpatialReferences.Wgs84A && Math.Abs(inv - SpatialReferences.Wgs84InvF) < 1e-9)
                return SpatialReferences.Wgs84GeogCs;
            if (semiMajor == SpatialReferences.KrassowskyA && Math.Abs(inv - SpatialReferences.KrassowskyInvF) < 1e-9)
                return SpatialReferences.KrassowskyGeogCs;
            if (semiMajor == SpatialReferences.Cgcs2000A && Math.Abs(inv - SpatialReferences.Cgcs2000InvF) < 1e-9)
                return SpatialReferences.Cgcs2000GeogCs;
            string gname = Text(GeogCitation) ?? "unnamed";
            return SpatialReferences.GeogCs(gname, "D_" + gname, gname, semiMajor, inv, null, null, null);
        }
        problem ??= "the GeoKeys give no datum or ellipsoid; WGS 84 is assumed";
        return SpatialReferences.Wgs84GeogCs;
    }
}
