using System.CommandLine;
using LandCarbon.Core.Models;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.SpatialStatistics;

namespace LandCarbon.Cli.Commands.Spatial;

/// <summary>The options every `landcarbon spatial` command shares, and reading the input grid.</summary>
internal sealed class SpatialOptions
{
    public Argument<string> Grid { get; } = new("GRID") { Description = "A single-band GeoTIFF (a fishnet or any grid); nodata cells are left out." };

    public Option<string> Weights { get; } = new("--weights")
    {
        Description = "Contiguity: queen (8 neighbours) or rook (4).",
        DefaultValueFactory = _ => "queen",
    };

    public Option<string> Style { get; } = new("--style")
    {
        Description = "Weights: W (row-standardised) or B (binary).",
        DefaultValueFactory = _ => "W",
    };

    public Option<int> Permutations { get; } = new("--permutations")
    {
        Description = "Random permutations for pseudo p-values (0 = none).",
        DefaultValueFactory = _ => 999,
    };

    public Option<long> Seed { get; } = CommonOptions.Seed("Seed of the permutations.");

    /// <summary>--json and --threads (the whole grid is read at once, so there is no --tile-size).</summary>
    public CommonOptions Common { get; } = new();

    public Option<int> Threads => Common.Threads;

    public Option<bool> Json => Common.Json;

    /// <summary>Adds the shared options to <paramref name="cmd"/>.</summary>
    public void AddTo(Command cmd, bool withPermutations = true)
    {
        cmd.Arguments.Add(Grid);
        cmd.Options.Add(Weights);
        cmd.Options.Add(Style);
        if (withPermutations)
        {
            cmd.Options.Add(Permutations);
            cmd.Options.Add(Seed);
        }
        Common.AddTo(cmd, tiles: false);
    }

    /// <summary>The weights style named by --style.</summary>
    public WeightStyle StyleOf(ParseResult pr) => pr.GetValue(Style)?.ToUpperInvariant() switch
    {
        "W" => WeightStyle.RowStandardised,
        "B" => WeightStyle.Binary,
        var s => throw new InputException($"--style '{s}' is not known; expected W or B."),
    };

    /// <summary>The contiguity named by --weights.</summary>
    public ContiguityRule RuleOf(ParseResult pr) => pr.GetValue(Weights)?.ToLowerInvariant() switch
    {
        "queen" => ContiguityRule.Queen,
        "rook" => ContiguityRule.Rook,
        var s => throw new InputException($"--weights '{s}' is not known; expected queen or rook."),
    };

    /// <summary>Permutations, checked.</summary>
    public int PermutationsOf(ParseResult pr)
    {
        int n = pr.GetValue(Permutations);
        if (n < 0) throw new InputException($"--permutations must be 0 or more, got {n}.");
        return n;
    }

    /// <summary>
    /// Reads the whole grid as doubles (NaN at nodata; tiles decoded in parallel) and builds its contiguity
    /// weights. The statistics need every cell at once; memory is about 16 bytes per cell.
    /// </summary>
    public (GridSpec Grid, double[] Values, GridContiguityWeights Weights) Load(ParseResult pr, CancellationToken ct)
    {
        string path = pr.GetValue(Grid)!;
        using var reader = GeoTiffReader.Open(path);
        var g = reader.Grid;
        if (g.PixelCount > int.MaxValue / 2)
            throw new InputException($"{path}: {g.Width}×{g.Height} cells is too many for one spatial-statistics grid; aggregate it to a fishnet first.");
        var values = new double[g.PixelCount];
        var tiles = Common.TileOptions(pr, ct);
        double? nodata = reader.NoData;
        TileProcessor.ForEach(tiles.LayoutFor(g.Width, g.Height, reader.BlockWidth, reader.BlockHeight), tiles, w =>
        {
            var buf = new double[w.PixelCount];
            reader.Read<double>(w, buf);
            for (int r = 0; r < w.Height; r++)
                for (int c = 0; c < w.Width; c++)
                {
                    double v = buf[r * w.Width + c];
                    values[(long)(w.Row + r) * g.Width + w.Col + c] = nodata is double nd && v == nd ? double.NaN : v;
                }
        });
        var weights = new GridContiguityWeights(g.Width, g.Height, values, RuleOf(pr), StyleOf(pr));
        if (weights.Count < 4) throw new InputException($"{path}: only {weights.Count} valid cells; spatial statistics need at least 4.");
        return (g, values, weights);
    }
}
