using LandCarbon.Core.Regression;

namespace LandCarbon.Core.Study;

/// <summary>What the quantile regression explains when the POI factor F_POI is on (issue 14 item 5).</summary>
public enum RegressionResponse
{
    /// <summary>ΔCBI before POI weighting: the construction emission δ_con·a (every other factor applied, F_POI = 1)
    /// minus CBI(t1). It does not contain the POI densities the regressors are (default).</summary>
    Unweighted,

    /// <summary>ΔCBI as accounted, with F_POI: its slopes partly echo the POI weights (a warning says so).</summary>
    PoiWeighted,
}

/// <summary>The <c>regression:</c> section: multi-quantile regression of ΔCBI on POI functional densities
/// (METHOD-SPEC (h); docs/methods/quantile-regression.md). Its presence (with <c>poi:</c> and <c>change:</c>)
/// enables the quantile-regression stage, which writes tables/quantile_regression.csv and
/// tables/quantile_regression_tests.csv.</summary>
public sealed record RegressionSection : ModuleSection
{
    /// <summary>The section's keys (defaults, ranges, help): parser, `init` template and docs.</summary>
    public static StudyKey Spec { get; } = StudyKeys.Module("regression",
        "multi-quantile regression of ΔCBI on POI functional densities (METHOD-SPEC (h)); needs poi: and change:",
        StudyKeys.List("taus", "[0.1, 0.25, 0.5, 0.75, 0.9]", "quantiles τ in (0, 1)"),
        StudyKeys.Choice("unit", "pixel", "fishnet: ΔCBI summed, densities averaged over the expansion pixels of a cell", "pixel", "fishnet"),
        StudyKeys.Number("fishnetMeters", null, "fishnet cell size, a whole number of pixels; required for unit: fishnet", 1e-9) with { Example = "990" },
        StudyKeys.Flag("standardize", true, "z-standardise the densities"),
        StudyKeys.Choice("se", "nid", "inference, quantreg's summary.rq se", "rank", "iid", "nid", "ker", "boot"),
        StudyKeys.Whole("maxUnits", 50_000, "larger samples are subsampled with the run seed", 10),
        StudyKeys.List("interval", null, "years [t1, t2] with t1 < t2") with { DefaultDoc = "first → last study year", Example = "[2000, 2020]" },
        StudyKeys.Choice("response", "unweighted", "with the POI factor on: unweighted regresses ΔCBI before POI weighting (F_POI = 1), poiWeighted the accounted ΔCBI (circular; a warning)", "unweighted", "poiWeighted"));

    /// <summary>The quantiles, ascending.</summary>
    public IReadOnlyList<double> Taus { get; init; } = [0.1, 0.25, 0.5, 0.75, 0.9];

    /// <summary>Fishnet cells instead of pixels.</summary>
    public bool Fishnet { get; init; }

    /// <summary>Fishnet cell size in metres (only with <see cref="Fishnet"/>).</summary>
    public double? FishnetMeters { get; init; }

    /// <summary>z-standardise the densities (default true).</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>The inference (default nid).</summary>
    public QuantileInference Inference { get; init; } = QuantileInference.Nid;

    /// <summary>Most units fitted; more are subsampled with the run seed (default 50 000).</summary>
    public int MaxUnits { get; init; } = 50_000;

    /// <summary>The interval (t1, t2); null = first → last study year.</summary>
    public (int From, int To)? Interval { get; init; }

    /// <summary>The response y with F_POI on: ΔCBI before POI weighting (default) or with it (circular).</summary>
    public RegressionResponse Response { get; init; } = RegressionResponse.Unweighted;

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static RegressionSection Parse(StudySection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var taus = section.DoubleList("taus");
        if (taus is not null)
        {
            if (taus.Count == 0) section.Problem("taus", "expected at least one quantile.");
            foreach (double t in taus)
                if (!(t > 0 && t < 1)) section.Problem("taus", $"quantile {t} is outside (0, 1).");
        }
        bool fishnet = section.Choice("unit") == "fishnet";
        double? meters = section.OptionalDouble("fishnetMeters", required: fishnet);
        bool standardize = section.Bool("standardize");
        string se = section.Choice("se");
        int maxUnits = section.Int("maxUnits");
        (int, int)? interval = null;
        var years = section.DoubleList("interval");
        if (years is not null)
        {
            if (years.Count != 2 || years.Any(y => y != Math.Floor(y)) || years[0] >= years[1])
                section.Problem("interval", "expected two study years [t1, t2] with t1 < t2.");
            else interval = ((int)years[0], (int)years[1]);
        }
        var response = section.Choice("response") == "poiWeighted"
            ? RegressionResponse.PoiWeighted : RegressionResponse.Unweighted;
        section.Finish();
        return new RegressionSection
        {
            Response = response,
            Taus = taus is { Count: > 0 } ? [.. taus.Distinct().Order()] : [0.1, 0.25, 0.5, 0.75, 0.9],
            Fishnet = fishnet,
            FishnetMeters = meters,
            Standardize = standardize,
            Inference = Enum.Parse<QuantileInference>(se, ignoreCase: true),
            MaxUnits = maxUnits,
            Interval = interval,
        };
    }
}
