using LandCarbon.Core.Raster;

namespace LandCarbon.Reporting.Html;

/// <summary>Options of <see cref="ReportBuilder"/>.</summary>
public sealed record ReportOptions
{
    /// <summary>Label language (English by default).</summary>
    public ReportLanguage Language { get; init; } = ReportLanguage.English;

    /// <summary>Opens a raster for the maps; null leaves maps out.</summary>
    public Func<string, IRasterReader>? OpenRaster { get; init; }

    /// <summary>Longest side of a map in sampled pixels (each is a block of source pixels).</summary>
    public int MaxMapPixels { get; init; } = 500;

    /// <summary>Map every interval raster (ΔCBI, grades, mechanisms), not only the whole period.</summary>
    public bool AllIntervals { get; init; }

    /// <summary>Rows of a table shown in the page (the CSV has them all).</summary>
    public int MaxTableRows { get; init; } = 40;

    /// <summary>Also write every figure to OUT/figures/NAME.png.</summary>
    public bool WriteFigures { get; init; } = true;
}
