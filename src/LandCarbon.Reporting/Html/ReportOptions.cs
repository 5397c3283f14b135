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

    /// <summary>Figures rendered at once (0 = one per processor); the page is the same for any value.</summary>
    public int Threads { get; init; }

    /// <summary>Share of the figures rendered (0…1), for a progress bar.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Receives one line per figure with the time spent reading and drawing it (profiling).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Also write every figure to OUT/figures/NAME.png.</summary>
    public bool WriteFigures { get; init; } = true;
}
