namespace LandCarbon.Core.Spaces;

/// <summary>
/// Jenks natural breaks by Fisher's (1958) exact optimal partition: the split of the sorted, pixel-weighted
/// distinct values into k contiguous classes with the smallest total within-class sum of squared deviations,
/// Σ_c Σ_{i∈c} w_i (v_i − v̄_c)². Ties are never split (an optimal partition never needs to), so the weighted
/// distinct values give the same optimum as the raw pixel values (R classInt style="fisher").
/// The dynamic programme D_c(j) = min_i D_{c−1}(i) + SS(i, j) uses the monotonicity of the optimal split
/// (the 1-D k-means cost satisfies the quadrangle inequality) in a divide-and-conquer scheme:
/// O(k · m · log m) for m distinct values, still exact. Among equal costs the earliest split wins.
/// </summary>
public static class FisherJenks
{
    /// <summary>
    /// The index of the first value of each class (ascending; the first is 0). With m ≤ k distinct values each
    /// value is its own class (m classes, as classInt does).
    /// </summary>
    public static int[] ClassStarts(ReadOnlySpan<double> values, ReadOnlySpan<long> weights, int classes)
    {
        int m = values.Length;
        if (weights.Length != m) throw new ArgumentException("values and weights differ in length.");
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (m == 0) return [];
        if (m <= classes) return [.. Enumerable.Range(0, m)];

        // Prefix sums of weights and of centred values (centring keeps SS(i, j) accurate).
        double centre = values[m / 2];
        var w = new double[m + 1];
        var s = new double[m + 1];
        var q = new double[m + 1];
        for (int i = 0; i < m; i++)
        {
            double d = values[i] - centre;
            w[i + 1] = w[i] + weights[i];
            s[i + 1] = s[i] + weights[i] * d;
            q[i + 1] = q[i] + weights[i] * d * d;
        }
        double Ss(int i, int j) // values i..j−1
        {
            double ww = w[j] - w[i], ss = s[j] - s[i];
            double r = q[j] - q[i] - ss * ss / ww;
            return r > 0 ? r : 0;
        }

        var prev = new double[m + 1];
        var cur = new double[m + 1];
        var split = new int[classes + 1][];
        for (int j = 1; j <= m; j++) prev[j] = Ss(0, j);
        for (int c = 2; c <= classes; c++)
        {
            var arg = split[c] = new int[m + 1];
            Solve(c, m, c, m, c - 1, m - 1);
            (prev, cur) = (cur, prev);

            void Solve(int cc, int mm, int jLo, int jHi, int optLo, int optHi)
            {
                // Iterative divide and conquer over the prefix lengths j in [jLo, jHi].
                var stack = new Stack<(int JLo, int JHi, int OLo, int OHi)>();
                stack.Push((jLo, jHi, optLo, optHi));
                while (stack.Count > 0)
                {
                    var (lo, hi, oLo, oHi) = stack.Pop();
                    if (lo > hi) continue;
                    int mid = (lo + hi) >>> 1;
                    double best = double.PositiveInfinity;
                    int bestI = Math.Max(oLo, cc - 1);
                    int iHi = Math.Min(oHi, mid - 1);
                    for (int i = Math.Max(oLo, cc - 1); i <= iHi; i++)
                    {
                        double v = prev[i] + Ss(i, mid);
                        if (v < best) { best = v; bestI = i; }
                    }
                    cur[mid] = best;
                    arg[mid] = bestI;
                    stack.Push((lo, mid - 1, oLo, bestI));
                    stack.Push((mid + 1, hi, bestI, oHi));
                }
            }
        }

        var starts = new int[classes];
        int end = m;
        for (int c = classes; c >= 2; c--)
        {
            end = split[c][end];
            starts[c - 1] = end;
        }
        starts[0] = 0;
        return starts;
    }

    /// <summary>
    /// The class boundaries as classInt reports them for style="fisher": the midpoints between the largest value
    /// of each class and the smallest of the next (k − 1 thresholds, ascending).
    /// </summary>
    public static double[] Thresholds(ReadOnlySpan<double> values, ReadOnlySpan<long> weights, int classes)
    {
        var starts = ClassStarts(values, weights, classes);
        var t = new double[Math.Max(0, starts.Length - 1)];
        for (int c = 1; c < starts.Length; c++) t[c - 1] = (values[starts[c] - 1] + values[starts[c]]) / 2;
        return t;
    }
}
