using LandCarbon.Core.Outputs;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Pipeline;

/// <summary>
/// What every stage of a run shares: the output folder layout, the study grid, tile options, the seed, typed
/// results of earlier stages, and the log of warnings and timings that goes into run.json.
/// </summary>
public sealed class RunContext
{
    /// <summary>Creates a context writing under <paramref name="outputDirectory"/>.</summary>
    public RunContext(string outputDirectory, GridSpec grid, TileOptions tiles, int seed)
    {
        OutputDirectory = Path.GetFullPath(outputDirectory);
        Grid = grid;
        Tiles = tiles;
        Seed = seed;
    }

    /// <summary>The validated study this run executes (null only in tests of single stages that need none).</summary>
    public StudyDefinition? Study { get; init; }

    /// <summary>Opens an input raster; GeoTIFF by default (tests substitute in-memory rasters).</summary>
    public Func<string, IRasterReader> OpenRaster { get; init; } = GeoTiffReader.Open;

    /// <summary>The study, or an error when the context was built without one.</summary>
    public StudyDefinition RequireStudy() => Study ?? throw new InvalidOperationException("This stage needs the study of the run.");

    /// <summary>The run's output folder (OUT/ in the architecture doc).</summary>
    public string OutputDirectory { get; }

    /// <summary>The study grid (defined by the first land-use raster).</summary>
    public GridSpec Grid { get; }

    private PixelAreas? _areas;

    /// <summary>The ground area of every pixel of <see cref="Grid"/> under the study's <c>accounting.areaModel</c>
    /// (true without a study). Every stage that turns pixels into areas uses it.</summary>
    public PixelAreas Areas
    {
        get => _areas ??= PixelAreas.For(Grid, Study?.Accounting.AreaModel ?? AreaModel.True,
            Study is { Years.Count: > 0 } s ? s.Years.OrderBy(kv => kv.Key).First().Value : "the study grid");
        init => _areas = value;
    }

    /// <summary>Tile size and thread count; results do not depend on them.</summary>
    public TileOptions Tiles { get; }

    /// <summary>The run's seed for sampling, permutations and bootstraps (recorded in run.json).</summary>
    public int Seed { get; }

    /// <summary>Typed results of the stages that have run.</summary>
    public ResultStore Results { get; } = new();

    /// <summary>Fishnet aggregates of the run's rasters, shared by the stages that aggregate the same raster to the
    /// same cells (risk and spatial statistics), so that each is decoded once.</summary>
    public SpatialStatistics.FishnetCache Fishnets { get; } = new();

    /// <summary>Warnings for the user, in the order they arose (also written to run.json).</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Path of a raster output: OUT/rasters/NAME.tif (folder created).</summary>
    public string RasterPath(string name) => OutputPath("rasters", name + ".tif");

    /// <summary>Path of a table output: OUT/tables/NAME.csv (folder created).</summary>
    public string TablePath(string name) => OutputPath("tables", name + ".csv");

    /// <summary>Path of a figure output: OUT/figures/NAME.png (folder created).</summary>
    public string FigurePath(string name) => OutputPath("figures", name + ".png");

    /// <summary>Path of the declared output <paramref name="output"/> for its placeholder values in order
    /// (<see cref="OutputFile.RelativePath"/>; folder created).</summary>
    public string PathOf(OutputFile output, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(output);
        string path = Path.Combine(OutputDirectory, output.RelativePath(values));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    private string OutputPath(string folder, string file)
    {
        string dir = Path.Combine(OutputDirectory, folder);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, file);
    }
}
