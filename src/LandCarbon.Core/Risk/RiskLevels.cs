using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Risk;

/// <summary>
/// The ordinal risk levels of a grading scheme (pixel values 1…<see cref="Count"/>; 0 = nodata) with their labels
/// and map colours. Five levels by default (low, relatively low, medium, high, extremely high); four levels drop
/// "relatively low" (the wording of the paper's policy section, METHOD-SPEC N14).
/// </summary>
public sealed record RiskLevels(IReadOnlyList<string> Labels)
{
    /// <summary>Pixel value written where the index is nodata.</summary>
    public const byte NoData = 0;

    /// <summary>low / relatively low / medium / high / extremely high.</summary>
    public static RiskLevels Five { get; } = new(["low", "relatively low", "medium", "high", "extremely high"]);

    /// <summary>low / medium / high / extremely high.</summary>
    public static RiskLevels Four { get; } = new(["low", "medium", "high", "extremely high"]);

    /// <summary>The default labels for a scheme with <paramref name="count"/> levels (4 or 5; otherwise "level k").</summary>
    public static RiskLevels ForCount(int count) => count switch
    {
        5 => Five,
        4 => Four,
        _ when count >= 2 => new RiskLevels([.. Enumerable.Range(1, count).Select(k => $"level {k}")]),
        _ => throw new ArgumentOutOfRangeException(nameof(count), "A grading scheme needs at least two levels."),
    };

    /// <summary>Number of levels.</summary>
    public int Count => Labels.Count;

    /// <summary>
    /// The lowest level counted as "high risk" for hit and false-alarm rates: the last two levels (high and
    /// extremely high) when there are four or more levels, otherwise the top level.
    /// </summary>
    public int HighRiskFrom => Count >= 4 ? Count - 1 : Count;

    /// <summary>Label of level <paramref name="level"/> (1-based).</summary>
    public string Label(int level) => level >= 1 && level <= Count ? Labels[level - 1] : "nodata";

    /// <summary>Palette for the UInt8 risk raster: 0 transparent, then green → yellow → orange → red → dark red.</summary>
    public ColorTable ColorTable()
    {
        string[] ramp = Count switch
        {
            5 => ["#1A9641", "#A6D96A", "#FFFFBF", "#FDAE61", "#D7191C"],
            4 => ["#1A9641", "#FFFFBF", "#FDAE61", "#D7191C"],
            _ => [.. Enumerable.Range(0, Count).Select(i => Interpolate(i / (double)(Count - 1)))],
        };
        var colors = new Dictionary<int, Rgba> { [NoData] = new Rgba(0, 0, 0, 0) };
        for (int k = 0; k < Count; k++) colors[k + 1] = Rgba.FromHex(ramp[k]);
        return Raster.ColorTable.FromValues(colors);
    }

    private static string Interpolate(double t)
    {
        // Green (26,150,65) to red (215,25,28), linear in RGB.
        int r = (int)Math.Round(26 + t * (215 - 26)), g = (int)Math.Round(150 + t * (25 - 150)), b = (int)Math.Round(65 + t * (28 - 65));
        return $"#{r:X2}{g:X2}{b:X2}";
    }
}
