using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Poi;

namespace LandCarbon.Core.Study;

/// <summary>The <c>poi:</c> section: POI ingestion, function mapping, kernel densities and the functional factor of
/// construction land (METHOD-SPEC (c)4, (g); docs/methods/poi.md). Its presence enables the POI density stage,
/// which writes rasters/poi_density_FUNCTION.tif and tables/poi_summary.csv.</summary>
public sealed record PoiSection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template =
        "# poi:    # POI ingestion, function mapping, kernel densities and the functional factor of construction land (METHOD-SPEC (c)4, (g))\n" +
        "#   file: pois.csv          # CSV/TSV (UTF-8 or GB18030), GeoJSON or point shapefile\n" +
        "#   crs: gcj02              # required unless the file declares its CRS: wgs84 | gcj02 (Amap, Tencent) | bd09 (Baidu) | grid (x/y in the grid CRS)\n" +
        "#   lon: lon                # x/longitude column (guessed when absent)\n" +
        "#   lat: lat                # y/latitude column\n" +
        "#   category: [cat_l1, cat_l2, cat_l3]   # joined with ';' as an Amap category path\n" +
        "#   typecode: typecode      # Amap 6-digit type code\n" +
        "#   weight:                 # weight column (every POI counts 1 when absent)\n" +
        "#   functionMap:            # CSV match,function overriding the built-in Amap rules\n" +
        "#   kernel: quartic         # quartic | epanechnikov | gaussian\n" +
        "#   radiusM: 1000           # search radius in metres, or 'arcgis' for the ArcGIS default rule per function\n";

    /// <summary>The POI file (absolute).</summary>
    public string File { get; init; } = "";

    /// <summary>System of lon/lat columns; null = coordinates in the grid CRS (<c>poi.crs</c>, no default: stated,
    /// or declared by a GeoJSON <c>crs</c> member or a shapefile's .prj).</summary>
    public LonLatSystem? LonLat { get; init; } = LonLatSystem.Wgs84;

    /// <summary>Columns to read.</summary>
    public PoiReadOptions Read { get; init; } = PoiReadOptions.Default;

    /// <summary>User rules overriding the defaults (absolute path), or null.</summary>
    public string? FunctionMapPath { get; init; }

    /// <summary>Kernel shape.</summary>
    public KernelShape Kernel { get; init; } = KernelShape.Quartic;

    /// <summary>Search radius in metres; null = the ArcGIS default rule per function.</summary>
    public double? RadiusMeters { get; init; } = 1000;

    /// <inheritdoc />
    public override IEnumerable<string> InputFiles() => FunctionMapPath is null ? [File] : [File, FunctionMapPath];

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static PoiSection Parse(StudySection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        string file = section.File("file", required: true) ?? "";
        string crs = section.Crs("crs", file.Length == 0 ? null : file, "wgs84", "gcj02", "bd09", "grid");
        string kernel = section.Choice("kernel", "quartic", "quartic", "epanechnikov", "gaussian");
        double? radius = 1000;
        string? radiusText = section.String("radiusM");
        if (radiusText is not null && string.Equals(radiusText.Trim(), "arcgis", StringComparison.OrdinalIgnoreCase)) radius = null;
        else if (radiusText is not null) radius = section.OptionalDouble("radiusM", 1e-9);
        var read = new PoiReadOptions
        {
            XColumn = section.String("lon"),
            YColumn = section.String("lat"),
            CategoryColumns = section.StringList("category"),
            TypeCodeColumn = section.String("typecode"),
            WeightColumn = section.String("weight"),
        };
        var map = section.File("functionMap");
        section.Finish();
        return new PoiSection
        {
            File = file,
            LonLat = crs == "grid" ? null : ChineseCoordinates.Parse(crs),
            Read = read,
            FunctionMapPath = map,
            Kernel = KernelDensity.ParseShape(kernel),
            RadiusMeters = radius,
        };
    }
}
