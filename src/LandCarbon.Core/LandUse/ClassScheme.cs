using LandCarbon.Core.Raster;

namespace LandCarbon.Core.LandUse;

/// <summary>Labels and colour of one of the six classes in a study.</summary>
public sealed record ClassStyle(LandClass Class, string EnglishLabel, string ChineseLabel, string Color);

/// <summary>
/// How the codes of the input land-use rasters map to the six <see cref="LandClass"/> values, plus labels and
/// colours. The default is CLCD (Yang &amp; Huang 2021) mapped as in METHOD-SPEC (a): 1 cropland → cultivated,
/// 2 forest and 3 shrub → forest, 4 grassland → grassland, 5 water and 9 wetland → water, 8 impervious →
/// construction, 6 snow/ice and 7 barren → unused; 0 and 255 are nodata.
/// </summary>
public sealed record ClassScheme
{
    /// <summary>Source code → class. Codes not listed (and not in <see cref="NoDataCodes"/>) are unknown: an
    /// input error listing them with their pixel counts.</summary>
    public required IReadOnlyDictionary<int, LandClass> Map { get; init; }

    /// <summary>Source codes treated as nodata in addition to each raster's own nodata value.</summary>
    public IReadOnlyList<int> NoDataCodes { get; init; } = [];

    /// <summary>Labels and colours of the six classes, in class order.</summary>
    public required IReadOnlyList<ClassStyle> Styles { get; init; }

    /// <summary>Name of the scheme the map came from ("clcd" or "custom").</summary>
    public string Name { get; init; } = "clcd";

    /// <summary>The <see cref="Name"/> of the scheme of stock mode without <c>classes.map</c>: the raw land-use codes
    /// are the categories (keyed by the carbon pool table), no code is mapped to a class.</summary>
    public const string RawCodesName = "codes";

    /// <summary>True for the raw-codes scheme of stock mode (<see cref="RawCodesName"/>).</summary>
    public bool IsRawCodes => Name == RawCodesName;

    /// <summary>The raw-codes scheme: no map (every code the raster holds is a category of its own, checked against
    /// the pool table), nodata = the raster's nodata and <paramref name="noDataCodes"/>.</summary>
    public static ClassScheme RawCodes(IReadOnlyList<int> noDataCodes) => Clcd with
    {
        Name = RawCodesName,
        Map = new SortedDictionary<int, LandClass>(),
        NoDataCodes = noDataCodes,
    };

    /// <summary>The CLCD default scheme (METHOD-SPEC (a)).</summary>
    public static ClassScheme Clcd { get; } = new()
    {
        Name = "clcd",
        Map = new SortedDictionary<int, LandClass>
        {
            [1] = LandClass.Cultivated, [2] = LandClass.Forest, [3] = LandClass.Forest, [4] = LandClass.Grassland,
            [5] = LandClass.Water, [6] = LandClass.Unused, [7] = LandClass.Unused, [8] = LandClass.Construction,
            [9] = LandClass.Water,
        },
        NoDataCodes = [0, 255],
        Styles = DefaultStyles(),
    };

    /// <summary>English and Chinese labels and CLCD colours of the glossary.</summary>
    public static IReadOnlyList<ClassStyle> DefaultStyles() =>
        [.. LandClasses.All.Select(c => new ClassStyle(c, c.DefaultEnglishLabel(), c.DefaultChineseLabel(), c.DefaultColor().ToHex()))];

    /// <summary>The style of a class.</summary>
    public ClassStyle Style(LandClass c) => Styles.First(s => s.Class == c);

    /// <summary>The colour table of the reclassified rasters (value = class, 0 transparent).</summary>
    public ColorTable ToColorTable() =>
        ColorTable.FromValues(Styles.ToDictionary(s => (int)s.Class, s => Rgba.FromHex(s.Color)));

    /// <summary>
    /// A lookup from source code to class. Nodata codes (and <paramref name="rasterNoData"/>) map to
    /// <see cref="LandClass.None"/>; unknown codes map to <see cref="ClassLookup.Unknown"/>.
    /// </summary>
    public ClassLookup CreateLookup(double? rasterNoData) => new(this, rasterNoData);
}

/// <summary>
/// A dense code → class table over every 16-bit signed and unsigned code (index = code + 32768), so the per-pixel
/// reclassification is one array load. <see cref="Unknown"/> marks codes the scheme does not know.
/// </summary>
public sealed class ClassLookup
{
    /// <summary>The value for a code the scheme does not map (never written to outputs; validation rejects it).</summary>
    public const byte Unknown = 255;

    private const int Offset = 32768;
    private readonly byte[] _table = new byte[65536 + Offset];

    internal ClassLookup(ClassScheme scheme, double? rasterNoData)
    {
        Array.Fill(_table, Unknown);
        foreach (var (code, cls) in scheme.Map) Set(code, (byte)cls);
        foreach (var code in scheme.NoDataCodes) Set(code, 0);
        if (rasterNoData is double nd && nd == Math.Floor(nd)) Set((int)nd, 0);
        for (int b = 0; b < 256; b++) ByteTable[b] = _table[b + Offset];
    }

    private void Set(int code, byte value)
    {
        if (code >= -Offset && code < 65536) _table[code + Offset] = value;
    }

    /// <summary>The 256-entry table for unsigned 8-bit rasters.</summary>
    public byte[] ByteTable { get; } = new byte[256];

    /// <summary>The class value of a code (0 nodata, 1–6 class, <see cref="Unknown"/>).</summary>
    public byte this[int code] => code >= -Offset && code < 65536 ? _table[code + Offset] : Unknown;

    /// <summary>Reclassifies unsigned 8-bit codes: one table load per pixel.</summary>
    public void Apply(ReadOnlySpan<byte> codes, Span<byte> classes)
    {
        if (classes.Length < codes.Length) throw new ArgumentException("Output span is shorter than the input.", nameof(classes));
        var t = ByteTable;
        for (int i = 0; i < codes.Length; i++) classes[i] = t[codes[i]];
    }

    /// <summary>Reclassifies codes of any integer type read as 32-bit integers.</summary>
    public void Apply(ReadOnlySpan<int> codes, Span<byte> classes)
    {
        if (classes.Length < codes.Length) throw new ArgumentException("Output span is shorter than the input.", nameof(classes));
        for (int i = 0; i < codes.Length; i++) classes[i] = this[codes[i]];
    }
}
