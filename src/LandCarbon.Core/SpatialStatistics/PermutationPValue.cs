namespace LandCarbon.Core.SpatialStatistics;

/// <summary>Pseudo p-values from permutation counts.</summary>
public static class PermutationPValue
{
    /// <summary>
    /// The folded pseudo-p of spdep <c>localmoran_perm</c> "Pr(folded) Sim", GeoDa and esda <c>p_sim</c>:
    /// (min(M, N − M) + 1) / (N + 1), where M counts permuted statistics ≥ the observed one and N is the number
    /// of permutations. Smallest possible value 1/(N+1).
    /// </summary>
    public static double Folded(int countAtLeast, int permutations)
    {
        int m = Math.Min(countAtLeast, permutations - countAtLeast);
        return (m + 1.0) / (permutations + 1.0);
    }

    /// <summary>
    /// The one- or two-sided pseudo-p of a global test: greater (M≥ + 1)/(N + 1), less (M≤ + 1)/(N + 1),
    /// two-sided min(1, 2·min of both).
    /// </summary>
    public static double ForAlternative(int countAtLeast, int countAtMost, int permutations, Alternative alternative)
    {
        double g = (countAtLeast + 1.0) / (permutations + 1.0), l = (countAtMost + 1.0) / (permutations + 1.0);
        return alternative switch
        {
            Alternative.Greater => g,
            Alternative.Less => l,
            _ => Math.Min(1.0, 2 * Math.Min(g, l)),
        };
    }
}
