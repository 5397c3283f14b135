namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// The neighbours of every observation of a <see cref="SpatialWeights"/> as compressed lists (ascending j per
/// observation, as <see cref="SpatialWeights.GetNeighbours"/> gives them), for the permutation loops that evaluate a
/// global statistic hundreds of times: <see cref="NeighbourSum"/> adds the same values in the same order as
/// <see cref="SpatialWeights.NeighbourSum"/>, so the results are bit-identical, without recomputing the neighbours.
/// </summary>
internal sealed class NeighbourLists
{
    private readonly int[] _start;
    private readonly int[] _links;

    public NeighbourLists(SpatialWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        int n = weights.Count;
        _start = new int[n + 1];
        for (int i = 0; i < n; i++) _start[i + 1] = _start[i] + weights.NeighbourCount(i);
        _links = new int[_start[n]];
        for (int i = 0; i < n; i++) weights.GetNeighbours(i, _links.AsSpan(_start[i], _start[i + 1] - _start[i]));
    }

    /// <summary>Σ_{j ∈ N(i)} values[j] in ascending j.</summary>
    public double NeighbourSum(int i, ReadOnlySpan<double> values)
    {
        double s = 0;
        for (int t = _start[i]; t < _start[i + 1]; t++) s += values[_links[t]];
        return s;
    }

    /// <summary>True when observation <paramref name="i"/> has no neighbour.</summary>
    public bool IsIsland(int i) => _start[i] == _start[i + 1];
}
