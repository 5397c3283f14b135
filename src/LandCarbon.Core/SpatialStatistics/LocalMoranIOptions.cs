namespace LandCarbon.Core.SpatialStatistics;

/// <summary>Options of <see cref="LocalMoranI"/> and <see cref="LocalBivariateMoranI"/>.</summary>
public sealed record LocalMoranIOptions
{
    /// <summary>Conditional permutations per observation; 0 skips them (clusters then use the normal p-value). Default 999.</summary>
    public int Permutations { get; init; } = 999;

    /// <summary>Seed; observation i draws from stream (Seed, i), so results do not depend on threads.</summary>
    public long Seed { get; init; } = Models.Seeds.Default;

    /// <summary>Significance level for the cluster classes. Default 0.05.</summary>
    public double SignificanceLevel { get; init; } = 0.05;

    /// <summary>When true, the cut-off is the Benjamini–Hochberg threshold at <see cref="SignificanceLevel"/>.</summary>
    public bool FalseDiscoveryRate { get; init; }

    /// <summary>Threads; 0 = all cores. Never changes the result.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>The defaults.</summary>
    public static LocalMoranIOptions Default { get; } = new();

    internal ParallelOptions Parallel => new() { MaxDegreeOfParallelism = MaxDegreeOfParallelism > 0 ? MaxDegreeOfParallelism : Environment.ProcessorCount };
}
