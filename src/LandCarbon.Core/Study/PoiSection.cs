using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Poi;

namespace LandCarbon.Core.Study;

/// <summary>The <c>poi:</c> section: POI ingestion, function mapping, kernel densities and the functional factor of
/// construction land (METHOD-SPEC (c)4, (g); docs/methods/poi.md). Its presence enables the POI density stage,
/// which writes rasters/poi_density_FUNCTION.tif and tables/poi_summary.csv.</summary>
public sealed record PoiSection : ModuleSection
{
    /// <summary>The section's keys (defaults, ranges, help): parser, `init` template and docs.</summary>
    public static StudyKey Spec { get; } = StudyKeys.Module("poi",
        "POI ingestion, function mapping, kernel densities and the functional factor of construction land (METHOD-SPEC (c)4, (g))",
        StudyKeys.File("file", "CSV/TSV (UTF-8 or GB18030), GeoJSON or point shapefile", required: true) with { Example = "pois.csv" },
        StudyKeys.Choice("crs", null, "required unless the file declares its CRS: gcj02 is Amap/Tencent, bd09 Baidu, grid x/y in the grid CRS", "wgs84", "gcj02", "bd09", "grid")
            with { DefaultDoc = "**none**", Example = "gcj02", Doc = "system of the POI coordinates; see *Coordinate systems* below" },
        StudyKeys.Text("lon", null, "x/longitude column (guessed when absent)") with { Example = "lon" },
        StudyKeys.Text("lat", null, "y/latitude column (guessed when absent)") with { Example = "lat" },
        StudyKeys.List("category", null, "category columns, joined with ';' as an Amap category path") with { Example = "[cat_l1, cat_l2, cat_l3]" },
        StudyKeys.Text("typecode", null, "Amap 6-digit type code column") with { Example = "typecode" },
        StudyKeys.Text("weight", null, "weight column (every POI counts 1 when absent)"),
        StudyKeys.File("functionMap", "CSV match,function overriding the built-in Amap rules"),
        StudyKeys.Choice("kernel", "quartic", "kernel shape", "quartic", "epanechnikov", "gaussian"),
        StudyKeys.Number("radiusM", 1000, "search radius in metres, or 'arcgis' for the ArcGIS default rule per function", 1e-9) with { AllowedDoc = "> 0, or arcgis" });

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
        string file = section.File("file") ?? "";
        string crs = section.Crs("crs", file.Length == 0 ? null : file);
        string kernel = section.Choice("kernel");
        double? radius = section.Declared("radiusM").DoubleDefault;
        string? radiusText = section.String("radiusM", null);
        if (radiusText is not null && string.Equals(radiusText.Trim(), "arcgis", StringComparison.OrdinalIgnoreCase)) radius = null;
        else if (radiusText is not null) radius = section.OptionalDouble("radiusM");
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
