using LandCarbon.Core.Raster;

namespace LandCarbon.Core.LandUse;

/// <summary>
/// The six land-use classes of the Chinese land-use carbon literature (METHOD-SPEC (a)). The numeric values are
/// the pixel values of the reclassified rasters (<c>rasters/landuse_&lt;year&gt;.tif</c>); 0 is nodata there.
/// </summary>
public enum LandClass : byte
{
    /// <summary>No class (nodata or outside the study area).</summary>
    None = 0,
    /// <summary>Cultivated land (耕地).</summary>
    Cultivated = 1,
    /// <summary>Forest land (林地), including shrubland by default.</summary>
    Forest = 2,
    /// <summary>Grassland (草地).</summary>
    Grassland = 3,
    /// <summary>Water area (水域), including wetland by default.</summary>
    Water = 4,
    /// <summary>Construction land (建设用地): urban, rural settlement, industrial, transport.</summary>
    Construction = 5,
    /// <summary>Unused land (未利用地): barren, bare karst rock, snow and ice.</summary>
    Unused = 6,
}

/// <summary>Facts about <see cref="LandClass"/>: code names, labels and the CLCD colours.</summary>
public static class LandClasses
{
    /// <summary>The six classes in code order.</summary>
    public static IReadOnlyList<LandClass> All { get; } =
        [LandClass.Cultivated, LandClass.Forest, LandClass.Grassland, LandClass.Water, LandClass.Construction, LandClass.Unused];

    /// <summary>Size of per-class arrays indexed by the class value (index 0 unused).</summary>
    public const int ArraySize = 7;

    /// <summary>The code name used in study keys and table cells (glossary): "cultivated", "forest", …</summary>
    public static string Key(this LandClass c) => c switch
    {
        LandClass.Cultivated => "cultivated",
        LandClass.Forest => "forest",
        LandClass.Grassland => "grassland",
        LandClass.Water => "water",
        LandClass.Construction => "construction",
        LandClass.Unused => "unused",
        _ => "none",
    };

    /// <summary>Parses a code name (case-insensitive; also accepts the enum name and the value 1–6).</summary>
    public static bool TryParse(string? text, out LandClass value)
    {
        value = LandClass.None;
        if (string.IsNullOrWhiteSpace(text)) return false;
        string t = text.Trim();
        foreach (var c in All)
        {
            if (string.Equals(c.Key(), t, StringComparison.OrdinalIgnoreCase) || t == ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                value = c;
                return true;
            }
        }
        return false;
    }

    /// <summary>Default English label (glossary).</summary>
    public static string DefaultEnglishLabel(this LandClass c) => c switch
    {
        LandClass.Cultivated => "cultivated land",
        LandClass.Forest => "forest",
        LandClass.Grassland => "grassland",
        LandClass.Water => "water",
        LandClass.Construction => "construction land",
        LandClass.Unused => "unused land",
        _ => "no data",
    };

    /// <summary>Default Chinese label (glossary).</summary>
    public static string DefaultChineseLabel(this LandClass c) => c switch
    {
        LandClass.Cultivated => "耕地",
        LandClass.Forest => "林地",
        LandClass.Grassland => "草地",
        LandClass.Water => "水域",
        LandClass.Construction => "建设用地",
        LandClass.Unused => "未利用地",
        _ => "无数据",
    };

    /// <summary>Default colour: the CLCD palette colour of the class's main CLCD code (Yang &amp; Huang 2021):
    /// cropland #FAE39C, forest #446F33, grassland #ABD37B, water #1E69B4, impervious #E24290, barren #CFBDA3.</summary>
    public static Rgba DefaultColor(this LandClass c) => Rgba.FromHex(c switch
    {
        LandClass.Cultivated => "#FAE39C",
        LandClass.Forest => "#446F33",
        LandClass.Grassland => "#ABD37B",
        LandClass.Water => "#1E69B4",
        LandClass.Construction => "#E24290",
        LandClass.Unused => "#CFBDA3",
        _ => "#00000000",
    });
}
