namespace LandCarbon.Core.LandUseChange;

/// <summary>
/// The mechanism of a pixel's carbon budget change (METHOD-SPEC (d)), from CBI1 = CBI(t1) and CBI2 = CBI(t2).
/// Values 1–3 raise the budget (increment space), 4–6 lower it (reduction space); the value is the pixel value
/// of the mechanism raster (255 nodata).
/// </summary>
public enum ChangeMechanism : byte
{
    /// <summary>No change in scope (|ΔCBI| ≤ ε, or the class did not change with scope TransitionOnly).</summary>
    None = 0,
    /// <summary>Source intensification: CBI1 ≥ 0 and CBI2 &gt; CBI1 (e.g. cultivated → construction).</summary>
    SourceIntensification = 1,
    /// <summary>Sink decline: CBI1 &lt; 0 and CBI1 &lt; CBI2 ≤ 0 (e.g. forest → grassland).</summary>
    SinkDecline = 2,
    /// <summary>Sink → source shift: CBI1 &lt; 0 &lt; CBI2 (e.g. forest → construction).</summary>
    SinkToSourceShift = 3,
    /// <summary>Source weakening: CBI1 &gt; 0 and 0 ≤ CBI2 &lt; CBI1.</summary>
    SourceWeakening = 4,
    /// <summary>Sink enhancement: CBI1 ≤ 0 and CBI2 &lt; CBI1 (e.g. grassland → forest).</summary>
    SinkEnhancement = 5,
    /// <summary>Source → sink shift: CBI1 &gt; 0 &gt; CBI2 (e.g. cultivated → forest).</summary>
    SourceToSinkShift = 6,
}

/// <summary>Typing rules and names of <see cref="ChangeMechanism"/>.</summary>
public static class ChangeMechanisms
{
    /// <summary>Pixel value of nodata in the mechanism raster.</summary>
    public const byte NoData = 255;

    /// <summary>All six mechanisms in value order.</summary>
    public static IReadOnlyList<ChangeMechanism> All { get; } =
    [
        ChangeMechanism.SourceIntensification, ChangeMechanism.SinkDecline, ChangeMechanism.SinkToSourceShift,
        ChangeMechanism.SourceWeakening, ChangeMechanism.SinkEnhancement, ChangeMechanism.SourceToSinkShift,
    ];

    /// <summary>The mechanism of a change CBI1 → CBI2 (t C/yr); <see cref="ChangeMechanism.None"/> when equal.</summary>
    public static ChangeMechanism Classify(double cbiFrom, double cbiTo)
    {
        if (cbiTo > cbiFrom)
        {
            if (cbiFrom >= 0) return ChangeMechanism.SourceIntensification;
            return cbiTo <= 0 ? ChangeMechanism.SinkDecline : ChangeMechanism.SinkToSourceShift;
        }
        if (cbiTo < cbiFrom)
        {
            if (cbiFrom <= 0) return ChangeMechanism.SinkEnhancement;
            return cbiTo >= 0 ? ChangeMechanism.SourceWeakening : ChangeMechanism.SourceToSinkShift;
        }
        return ChangeMechanism.None;
    }

    /// <summary>English label for reports.</summary>
    public static string Label(this ChangeMechanism m) => m switch
    {
        ChangeMechanism.SourceIntensification => "source intensification",
        ChangeMechanism.SinkDecline => "sink decline",
        ChangeMechanism.SinkToSourceShift => "sink → source shift",
        ChangeMechanism.SourceWeakening => "source weakening",
        ChangeMechanism.SinkEnhancement => "sink enhancement",
        ChangeMechanism.SourceToSinkShift => "source → sink shift",
        _ => "no change",
    };

    /// <summary>Colours of the mechanism raster: reds for increments, greens/blues for reductions, value 0 grey.</summary>
    public static Raster.ColorTable ColorTable() => new(
    [
        Raster.Rgba.FromHex("#D9D9D9"), Raster.Rgba.FromHex("#FC8D59"), Raster.Rgba.FromHex("#FEE08B"),
        Raster.Rgba.FromHex("#D73027"), Raster.Rgba.FromHex("#91CF60"), Raster.Rgba.FromHex("#1A9850"),
        Raster.Rgba.FromHex("#4575B4"),
    ]);
}
