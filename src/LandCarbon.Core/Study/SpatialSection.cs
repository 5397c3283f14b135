namespace LandCarbon.Core.Study;

/// <summary>The <c>spatial:</c> section: fishnet aggregation, Moran's I, LISA, Gi*, ellipse (METHOD-SPEC (i)).</summary>
public sealed record SpatialSection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template =
        "# spatial:    # fishnet aggregation, Moran's I, LISA, Gi*, ellipse (METHOD-SPEC (i))\n" +
        "#   fishnetMeters: 1000          # fishnet cell side, rounded to whole pixels\n" +
        "#   permutations: 999            # Moran and LISA permutations (0 = analytic inference only)\n";

    /// <summary>Fishnet cell side in metres (rounded to a whole number of pixels). Default 1000.</summary>
    public double FishnetMeters { get; init; } = 1000;

    /// <summary>Permutations for Moran's I and LISA. Default 999.</summary>
    public int Permutations { get; init; } = 999;

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static SpatialSection Parse(StudySection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var s = new SpatialSection
        {
            FishnetMeters = section.Double("fishnetMeters", 1000, 1e-9),
            Permutations = section.Int("permutations", 999, 0, 99999),
        };
        section.Finish();
        return s;
    }
}
