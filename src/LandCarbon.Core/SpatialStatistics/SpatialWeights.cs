namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// Neighbour relations between <see cref="Count"/> observations, numbered 0…Count−1, with binary or
/// row-standardised weights. Every weight of row i is the same (<see cref="RowWeight"/>): 1 (binary) or 1/|N(i)|
/// (row-standardised), which is what contiguity, distance-band and k-nearest-neighbour weights give. An
/// observation without neighbours (an island) has row weight 0 and a lag of 0, as spdep with
/// <c>zero.policy = TRUE</c>. Implementations are immutable and safe to share between threads.
/// </summary>
public abstract class SpatialWeights
{
    /// <summary>Sets the weight style.</summary>
    protected SpatialWeights(WeightStyle style) => Style = style;

    /// <summary>Binary or row-standardised.</summary>
    public WeightStyle Style { get; }

    /// <summary>Number of observations.</summary>
    public abstract int Count { get; }

    /// <summary>The largest neighbour count (buffer size for <see cref="GetNeighbours"/>).</summary>
    public abstract int MaxNeighbourCount { get; }

    /// <summary>True when j ∈ N(i) exactly when i ∈ N(j) (contiguity, distance band).</summary>
    public abstract bool IsSymmetric { get; }

    /// <summary>Number of neighbours of observation <paramref name="i"/>.</summary>
    public abstract int NeighbourCount(int i);

    /// <summary>Writes the neighbours of <paramref name="i"/> in ascending order; returns how many.</summary>
    public abstract int GetNeighbours(int i, Span<int> destination);

    /// <summary>Σ_{j ∈ N(i)} values[j] (unweighted), in ascending j.</summary>
    public virtual double NeighbourSum(int i, ReadOnlySpan<double> values)
    {
        Span<int> nb = MaxNeighbourCount <= 64 ? stackalloc int[MaxNeighbourCount] : new int[MaxNeighbourCount];
        int k = GetNeighbours(i, nb);
        double s = 0;
        for (int t = 0; t < k; t++) s += values[nb[t]];
        return s;
    }

    /// <summary>True when <paramref name="j"/> is a neighbour of <paramref name="i"/>.</summary>
    public virtual bool IsNeighbour(int i, int j)
    {
        Span<int> nb = MaxNeighbourCount <= 64 ? stackalloc int[MaxNeighbourCount] : new int[MaxNeighbourCount];
        int k = GetNeighbours(i, nb);
        return nb[..k].BinarySearch(j) >= 0;
    }

    /// <summary>The weight w_ij of every neighbour j of i: 1 (binary), 1/|N(i)| (row-standardised), 0 for an island.</summary>
    public double RowWeight(int i)
    {
        int k = NeighbourCount(i);
        if (k == 0) return 0;
        return Style == WeightStyle.Binary ? 1.0 : 1.0 / k;
    }

    /// <summary>The spatial lag Σ_j w_ij values[j] (0 for an island).</summary>
    public double Lag(int i, ReadOnlySpan<double> values) => NeighbourCount(i) == 0 ? 0 : RowWeight(i) * NeighbourSum(i, values);

    /// <summary>Every observation's <see cref="RowWeight"/>, for hot loops.</summary>
    public double[] RowWeights()
    {
        var w = new double[Count];
        for (int i = 0; i < w.Length; i++) w[i] = RowWeight(i);
        return w;
    }

    /// <summary>Observations without neighbours.</summary>
    public int IslandCount()
    {
        int c = 0;
        for (int i = 0; i < Count; i++) if (NeighbourCount(i) == 0) c++;
        return c;
    }

    /// <summary>S0, S1, S2 and the number of observations with neighbours (spdep <c>spweights.constants</c>).</summary>
    public SpatialWeightsConstants Constants()
    {
        int n = Count;
        var colSum = new double[n];
        var rowSum = new double[n];
        var nb = new int[Math.Max(1, MaxNeighbourCount)];
        double s0 = 0, s1 = 0;
        int islands = 0;
        for (int i = 0; i < n; i++)
        {
            int k = GetNeighbours(i, nb);
            if (k == 0) { islands++; continue; }
            double wi = RowWeight(i);
            rowSum[i] = wi * k;
            s0 += wi * k;
            for (int t = 0; t < k; t++)
            {
                int j = nb[t];
                colSum[j] += wi;
                // w_ji is j's row weight when i is among j's neighbours (always, for symmetric relations).
                double wji = IsSymmetric || IsNeighbour(j, i) ? RowWeight(j) : 0;
                s1 += wi * wi + wi * wji;
            }
        }
        double s2 = 0;
        for (int i = 0; i < n; i++) { double t = rowSum[i] + colSum[i]; s2 += t * t; }
        return new SpatialWeightsConstants(n - islands, islands, s0, s1, s2);
    }
}
