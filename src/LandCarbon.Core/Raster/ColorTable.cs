namespace LandCarbon.Core.Raster;

/// <summary>One colour of a palette (8-bit RGBA).</summary>
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    /// <summary>Parses "#RRGGBB" or "#RRGGBBAA".</summary>
    public static Rgba FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var h = hex.TrimStart('#');
        if (h.Length is not (6 or 8)) throw new FormatException($"'{hex}' is not a #RRGGBB colour.");
        byte P(int i) => Convert.ToByte(h.Substring(i, 2), 16);
        return new Rgba(P(0), P(2), P(4), h.Length == 8 ? P(6) : (byte)255);
    }

    /// <summary>"#RRGGBB" (alpha left out when opaque).</summary>
    public string ToHex() => A == 255 ? $"#{R:X2}{G:X2}{B:X2}" : $"#{R:X2}{G:X2}{B:X2}{A:X2}";
}

/// <summary>
/// A palette for categorical rasters: one colour per pixel value 0…Count−1 (GeoTIFF ColorMap semantics).
/// Values without an entry are transparent black.
/// </summary>
public sealed class ColorTable
{
    private readonly Rgba[] _entries;

    /// <summary>Creates a table from colours for values 0…n−1.</summary>
    public ColorTable(IEnumerable<Rgba> entries) => _entries = [.. entries];

    /// <summary>Creates a table with the given colours at the given values; other values stay transparent.</summary>
    public static ColorTable FromValues(IReadOnlyDictionary<int, Rgba> colors)
    {
        ArgumentNullException.ThrowIfNull(colors);
        int n = colors.Count == 0 ? 0 : colors.Keys.Max() + 1;
        var e = new Rgba[n];
        foreach (var (v, c) in colors)
        {
            if (v < 0) throw new ArgumentOutOfRangeException(nameof(colors), "Palette values start at 0.");
            e[v] = c;
        }
        return new ColorTable(e);
    }

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Length;

    /// <summary>The colour of a pixel value.</summary>
    public Rgba this[int value] => value >= 0 && value < _entries.Length ? _entries[value] : default;

    /// <summary>All entries, value 0 first.</summary>
    public IReadOnlyList<Rgba> Entries => _entries;
}
