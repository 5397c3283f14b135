namespace LandCarbon.Core.SpatialStatistics;

/// <summary>Benjamini–Hochberg false discovery rate control, as GeoDa's "FDR" significance filter.</summary>
public static class FalseDiscoveryRate
{
    /// <summary>
    /// The largest p-value still significant when the false discovery rate is held at <paramref name="alpha"/>:
    /// with the m finite p-values sorted, p_(r) for the largest r such that p_(r) ≤ α·r/m; 0 when none qualifies
    /// (nothing significant). NaN p-values are ignored and do not count in m.
    /// </summary>
    public static double Threshold(ReadOnlySpan<double> pValues, double alpha)
    {
        var p = new List<double>(pValues.Length);
        foreach (double v in pValues) if (!double.IsNaN(v)) p.Add(v);
        p.Sort();
        double m = p.Count, best = 0;
        for (int r = 0; r < p.Count; r++)
            if (p[r] <= alpha * (r + 1) / m) best = p[r];
        return best;
    }
}
