namespace LandCarbon.Core.SpatialStatistics;

/// <summary>Options of <see cref="MoranI"/>.</summary>
public sealed record MoranIOptions
{
    /// <summary>Random permutations for the pseudo p-value; 0 skips them. Default 999.</summary>
    public int Permutations { get; init; } = 999;

    /// <summary>Seed of the permutations; permutation p uses stream (Seed, p), so results do not depend on threads.</summary>
    public long Seed { get; init; } = Models.Seeds.Default;

    /// <summary>Alternative hypothesis for all p-values; default Greater (spdep moran.test).</summary>
    public Alternative Alternative { get; init; } = Alternative.Greater;

    /// <summary>Threads for the permutations; 0 = all cores. Never changes the result.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>The defaults.</summary>
    public static MoranIOptions Default { get; } = new();
}
