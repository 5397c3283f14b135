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

    /// <summary>
    /// Benjamini–Hochberg adjusted p-values, as R's <c>p.adjust(p, "fdr")</c>: with the m finite p-values sorted,
    /// p̃_(r) = min over s ≥ r of min(1, m·p_(s)/s). p̃_i ≤ α exactly when p_i is at or below
    /// <see cref="Threshold"/>(α). NaN stays NaN and does not count in m (R's default <c>n = sum(!is.na(p))</c>).
    /// </summary>
    public static double[] Adjust(ReadOnlySpan<double> pValues)
    {
        var adjusted = new double[pValues.Length];
        var order = new List<int>(pValues.Length);
        for (int i = 0; i < pValues.Length; i++)
        {
            if (double.IsNaN(pValues[i])) adjusted[i] = double.NaN;
            else order.Add(i);
        }
        // Ties keep their input order (a stable sort), as R's order(p, decreasing = TRUE) then cummin does.
        var p = pValues.ToArray();
        order.Sort((a, b) => p[a] != p[b] ? p[a].CompareTo(p[b]) : a.CompareTo(b));
        double m = order.Count, running = 1;
        for (int r = order.Count - 1; r >= 0; r--)
        {
            running = Math.Min(running, m / (r + 1) * p[order[r]]);
            adjusted[order[r]] = Math.Min(1, running);
        }
        return adjusted;
    }
}
