using System.CommandLine;
using LandCarbon.Core.Processing;

namespace LandCarbon.Cli;

/// <summary>Options shared by commands that stream rasters: threads and tile size (results never depend on them).</summary>
internal sealed class CommonOptions
{
    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON document to stdout and nothing else." };

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Worker threads (0 = all cores). Results are identical for any value.",
        DefaultValueFactory = _ => 0,
    };

    public Option<int> TileSize { get; } = new("--tile-size")
    {
        Description = "Tile edge in pixels (0 = follow the input's blocks). Results are identical for any value.",
        DefaultValueFactory = _ => 0,
    };

    /// <summary>Adds the tile options (and --json when <paramref name="json"/>) to a command.</summary>
    public void AddTo(Command command, bool json = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (json) command.Options.Add(Json);
        command.Options.Add(Threads);
        command.Options.Add(TileSize);
    }

    /// <summary>The tile options chosen on the command line.</summary>
    public TileOptions TileOptions(ParseResult pr, CancellationToken ct)
    {
        int tile = pr.GetValue(TileSize);
        return new TileOptions
        {
            TileWidth = tile,
            TileHeight = tile,
            MaxDegreeOfParallelism = pr.GetValue(Threads),
            CancellationToken = ct,
        };
    }
}
