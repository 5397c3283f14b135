namespace LandCarbon.Core.Processing;

/// <summary>
/// How the tile driver runs: tile size (0 = follow the input's blocks), threads (0 = all cores), progress and
/// cancellation. Results never depend on <see cref="TileWidth"/>, <see cref="TileHeight"/> or
/// <see cref="MaxDegreeOfParallelism"/>.
/// </summary>
public sealed record TileOptions
{
    /// <summary>Tile width in pixels; 0 follows the first input's block layout.</summary>
    public int TileWidth { get; init; }

    /// <summary>Tile height in pixels; 0 follows the first input's block layout.</summary>
    public int TileHeight { get; init; }

    /// <summary>Threads; 0 or less means <see cref="Environment.ProcessorCount"/>.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Receives the fraction of tiles done, 0…1.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>Stops the run between tiles.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Defaults: input block layout, all cores.</summary>
    public static TileOptions Default { get; } = new();

    /// <summary>The effective thread count.</summary>
    public int Threads => MaxDegreeOfParallelism > 0 ? MaxDegreeOfParallelism : Environment.ProcessorCount;

    /// <summary>The layout to use on a grid whose first input has the given block size.</summary>
    public TileLayout LayoutFor(int width, int height, int blockWidth, int blockHeight) =>
        TileWidth > 0 && TileHeight > 0
            ? new TileLayout(width, height, TileWidth, TileHeight)
            : TileLayout.ForBlocks(width, height, blockWidth, blockHeight);
}
