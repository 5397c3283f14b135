using System.Text.Json.Serialization;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Processing;

namespace LandCarbon.Core.Study;

/// <summary>Tile size and threads of a run (results never depend on them).</summary>
public sealed record TileSettings(int Width = 0, int Height = 0, int Threads = 0)
{
    /// <summary>The tile options for the tile driver.</summary>
    public TileOptions ToOptions(IProgress<double>? progress = null, CancellationToken cancellationToken = default) => new()
    {
        TileWidth = Width,
        TileHeight = Height,
        MaxDegreeOfParallelism = Threads,
        Progress = progress,
        CancellationToken = cancellationToken,
    };
}

/// <summary>
/// A validated study file (see docs/study-file.md): region, years → land-use rasters, class scheme, accounting
/// options, seed, tiles, and the sections of later modules (null when absent, which disables their stage).
/// All paths are absolute, resolved against the study file's folder.
/// </summary>
public sealed record StudyDefinition
{
    /// <summary>The study file (absolute path).</summary>
    public required string SourcePath { get; init; }

    /// <summary>Region name for titles and the report.</summary>
    public string Region { get; init; } = "";

    /// <summary>Year → land-use raster (absolute path), in year order.</summary>
    public required IReadOnlyDictionary<int, string> Years { get; init; }

    /// <summary>Source codes → six classes, labels and colours.</summary>
    public ClassScheme Classes { get; init; } = ClassScheme.Clcd;

    /// <summary>Stock mode without <c>classes.map</c>: the pool table's raw codes are the categories of the
    /// transitions and change tables (<see cref="ClassScheme.IsRawCodes"/>).</summary>
    public bool RawCodes => Classes.IsRawCodes;

    /// <summary>Accounting options.</summary>
    public AccountingSection Accounting { get; init; } = new();

    /// <summary>Seed for sampling and permutations (recorded in run.json).</summary>
    public int Seed { get; init; } = Models.Seeds.Default;

    /// <summary>Tile size and threads.</summary>
    public TileSettings Tiles { get; init; } = new();

    /// <summary>Change analysis (issue: change); null = off.</summary>
    public ChangeSection? Change { get; init; }

    /// <summary>POI engine; null = off.</summary>
    public PoiSection? Poi { get; init; }

    /// <summary>Quantile regression; null = off.</summary>
    public RegressionSection? Regression { get; init; }

    /// <summary>Spatial statistics; null = off.</summary>
    public SpatialSection? Spatial { get; init; }

    /// <summary>Risk early warning; null = off.</summary>
    public RiskSection? Risk { get; init; }

    /// <summary>Monte Carlo settings of the totals; null = defaults (the stage runs whenever a table gives an uncertainty).</summary>
    public UncertaintySection? Uncertainty { get; init; }

    /// <summary>Land-use simulation; null = off.</summary>
    public SimulationSection? Simulation { get; init; }

    /// <summary>Report: `landcarbon run` writes report.html at the end unless the study says <c>report: false</c>
    /// (then null).</summary>
    public ReportSection? Report { get; init; }

    /// <summary>The years in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<int> YearList => [.. Years.Keys.Order()];

    /// <summary>Every input file of the study (study file, land-use rasters, tables, correction rasters, …).</summary>
    public IReadOnlyList<string> InputFiles()
    {
        IStudySection?[] sections = [Accounting, Change, Poi, Regression, Spatial, Risk, Simulation, Uncertainty, Report];
        return [.. new[] { SourcePath }.Concat(Years.Values).Concat(sections.OfType<IStudySection>().SelectMany(x => x.InputFiles())).Distinct(StringComparer.Ordinal)];
    }
}
