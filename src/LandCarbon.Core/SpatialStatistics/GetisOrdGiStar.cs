namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// Getis-Ord Gi* hot spots (Ord and Getis 1995) exactly as spdep 1.2-7 <c>localG(x, nb2listw(include.self(nb),
/// style))</c>: each observation is its own neighbour (weight as its other neighbours: 1 for binary, 1/(k+1) for
/// row-standardised), and with x̄ and s² = Σ(x − x̄)²/n over all n observations, W_i = Σ_j w_ij and
/// S1_i = Σ_j w_ij², Z_i = (Σ_j w_ij x_j − W_i x̄) / √(s² (n S1_i − W_i²)/(n − 1)).
/// Bins follow ArcGIS Hot Spot Analysis (Gi_Bin) on the two-sided normal p-value.
/// </summary>
public static class GetisOrdGiStar
{
    /// <summary>Computes Gi* for <paramref name="values"/> (one finite value per observation, n ≥ 2).</summary>
    public static GetisOrdGiStarResult Compute(ReadOnlySpan<double> values, SpatialWeights weights, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var z = MoranI.Centred(values, weights);
        int n = z.Length;
        double sum = 0, ss = 0;
        foreach (double v in values) sum += v;
        foreach (double v in z) ss += v * v;
        double mean = sum / n, s2 = ss / n;
        var x = values.ToArray();
        var zs = new double[n];
        var p = new double[n];
        var bin = new sbyte[n];
        var po = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount };
        Parallel.For(0, n, po, i =>
        {
            int k = weights.NeighbourCount(i) + 1;
            double w = weights.Style == WeightStyle.Binary ? 1.0 : 1.0 / k;
            double lag = w * (weights.NeighbourSum(i, x) + x[i]);
            double wi = k * w, s1 = k * w * w;
            zs[i] = (lag - wi * mean) / Math.Sqrt(s2 * ((n * s1 - wi * wi) / (n - 1)));
            p[i] = NormalTail.PValue(zs[i], Alternative.TwoSided);
            bin[i] = Bin(zs[i], p[i]);
        });
        return new GetisOrdGiStarResult(n, zs, p, bin);
    }

    /// <summary>
    /// The same result with false discovery rate control (ArcGIS Hot Spot Analysis "Apply FDR correction"): the
    /// two-sided p-values are adjusted by Benjamini–Hochberg (<see cref="FalseDiscoveryRate.Adjust"/>) and the bins
    /// use the adjusted values, so a cell is a ±3 / ±2 / ±1 hot or cold spot only when it stays significant at 99 / 95
    /// / 90 % with the false discovery rate held at 1 / 5 / 10 %. Z and P are unchanged.
    /// </summary>
    public static GetisOrdGiStarResult WithFalseDiscoveryRate(GetisOrdGiStarResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var adjusted = FalseDiscoveryRate.Adjust(result.P);
        var bin = new sbyte[result.N];
        for (int i = 0; i < bin.Length; i++) bin[i] = Bin(result.Z[i], adjusted[i]);
        return result with { Bin = bin, PFalseDiscoveryRate = adjusted };
    }

    /// <summary>ArcGIS Gi_Bin: ±3 at 99 %, ±2 at 95 %, ±1 at 90 % confidence, 0 otherwise (and for NaN).</summary>
    public static sbyte Bin(double z, double p)
    {
        if (double.IsNaN(p)) return 0;
        sbyte level = p < 0.01 ? (sbyte)3 : p < 0.05 ? (sbyte)2 : p < 0.10 ? (sbyte)1 : (sbyte)0;
        return z < 0 ? (sbyte)-level : level;
    }
}
