namespace LandCarbon.Core.Study;

/// <summary>The <c>spatial:</c> section: fishnet aggregation, Moran's I, LISA, Gi*, ellipse (METHOD-SPEC (i)).</summary>
public sealed record SpatialSection : ModuleSection
{
    /// <summary>The section's keys (defaults, ranges, help): parser, `init` template and docs.</summary>
    public static StudyKey Spec { get; } = StudyKeys.Module("spatial",
        "fishnet aggregation, Moran's I, LISA, Gi*, ellipse (METHOD-SPEC (i))",
        StudyKeys.Number("fishnetMeters", null, "fishnet cell side in metres, a whole number of pixels (990 or 1020 at 30 m); null = the whole number of pixels nearest 1 km", 1e-9)
            with { DefaultDoc = "≈ 1 km", Doc = "fishnet cell side in metres: a whole number of pixels, else exit 2 before the run naming the key and the two nearest valid sizes (`methods/spatial-statistics.md`); absent = the whole number of pixels nearest 1 km" },
        StudyKeys.Whole("permutations", 999, "Moran and LISA permutations (0 = analytic inference only)", 0, 99999),
        StudyKeys.Choice("giStarWeights", "distanceBand", "Gi* neighbours (binary, cell itself included)", "distanceBand", "queen", "rook"),
        StudyKeys.Number("giStarBandMeters", 3000, "Gi* fixed distance band between cell centres (METHOD-SPEC (i) default 3 km)", 1e-9),
        StudyKeys.Flag("fdr", false, "Benjamini-Hochberg false discovery rate control of LISA and Gi* significance"));

    /// <summary>
    /// Fishnet cell side in metres, a whole number of pixels (refused otherwise, before the run starts); null = the
    /// whole number of pixels nearest 1 km (<see cref="SpatialStatistics.FishnetAggregation.DefaultFactor"/>).
    /// </summary>
    public double? FishnetMeters { get; init; }

    /// <summary>Permutations for Moran's I and LISA. Default 999.</summary>
    public int Permutations { get; init; } = 999;

    /// <summary>Gi* neighbourhood. Default a fixed distance band (METHOD-SPEC (i)).</summary>
    public SpatialStatistics.GiStarWeighting GiStarWeights { get; init; } = SpatialStatistics.GiStarWeighting.DistanceBand;

    /// <summary>Gi* distance band between fishnet cell centres, metres. Default 3000 (METHOD-SPEC (i)).</summary>
    public double GiStarBandMeters { get; init; } = 3000;

    /// <summary>Benjamini–Hochberg false discovery rate control of the LISA, bivariate LISA and Gi* significance.</summary>
    public bool FalseDiscoveryRate { get; init; }

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static SpatialSection Parse(StudySection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var s = new SpatialSection
        {
            FishnetMeters = section.OptionalDouble("fishnetMeters"),
            Permutations = section.Int("permutations"),
            GiStarWeights = section.Choice("giStarWeights") switch
            {
                "queen" => SpatialStatistics.GiStarWeighting.Queen,
                "rook" => SpatialStatistics.GiStarWeighting.Rook,
                _ => SpatialStatistics.GiStarWeighting.DistanceBand,
            },
            GiStarBandMeters = section.Double("giStarBandMeters"),
            FalseDiscoveryRate = section.Bool("fdr"),
        };
        section.Finish();
        return s;
    }
}
