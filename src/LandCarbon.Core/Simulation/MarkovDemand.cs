namespace LandCarbon.Core.Simulation;

/// <summary>
/// Land demand from a Markov chain of observed transitions, with rates per year so that calibration intervals of
/// any length and any horizon work (docs/methods/simulation.md, "Demand").
/// <para>
/// The observed transition counts n_jk over an interval of Δt years give the interval matrix P (rows normalised;
/// a class with no pixels keeps itself). The per-year <b>generator</b> is Q = log(P)/Δt (principal matrix
/// logarithm by inverse scaling and squaring: Denman–Beavers square roots until ‖X − I‖₁ ≤ 1/4, then the series
/// of log(I + A)), regularised to a valid generator as Kreinin &amp; Sidelnikova (2001) do: negative
/// off-diagonal rates are set to 0 and each diagonal to minus its row's off-diagonal sum. When P has no real
/// logarithm (an eigenvalue on the closed negative real axis, e.g. a class that left completely), the
/// first-order rate Q = (P − I)/Δt is used instead, and <see cref="Generator.Exact"/> says so. Projected class
/// areas after h years are a·exp(Q·h) (matrix exponential by scaling and squaring); rows of Q sum to 0, so the
/// total area is kept.
/// </para>
/// Arrays are indexed by class value (index 0 = nodata, never a state of the chain).
/// </summary>
public static class MarkovDemand
{
    /// <summary>A per-year generator and whether it is the regularised logarithm (true) or the first-order fallback.</summary>
    public sealed record Generator(double[,] Rates, bool Exact);

    /// <summary>
    /// The per-year generator of the transition counts <paramref name="counts"/>[from, to] observed over
    /// <paramref name="years"/> years. Classes listed in <paramref name="classes"/> form the chain.
    /// </summary>
    public static Generator FromCounts(long[,] counts, double years, IReadOnlyList<int> classes)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(classes);
        if (!(years > 0)) throw new ArgumentOutOfRangeException(nameof(years), "The calibration interval must be at least one year.");
        int n = classes.Count;
        var p = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            long row = 0;
            for (int j = 0; j < n; j++) row += counts[classes[i], classes[j]];
            for (int j = 0; j < n; j++) p[i, j] = row > 0 ? counts[classes[i], classes[j]] / (double)row : (i == j ? 1 : 0);
        }
        var log = Log(p);
        bool exact = log is not null;
        var q = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                q[i, j] = exact ? log![i, j] / years : (p[i, j] - (i == j ? 1 : 0)) / years;
        Regularise(q);
        var full = new double[counts.GetLength(0), counts.GetLength(1)];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) full[classes[i], classes[j]] = q[i, j];
        return new Generator(full, exact);
    }

    /// <summary>Sets negative off-diagonal rates to 0 and each diagonal to minus the row's off-diagonal sum.</summary>
    internal static void Regularise(double[,] q)
    {
        int n = q.GetLength(0);
        for (int i = 0; i < n; i++)
        {
            double off = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                if (q[i, j] < 0) q[i, j] = 0;
                off += q[i, j];
            }
            q[i, i] = -off;
        }
    }

    /// <summary>The expected class pixels after <paramref name="years"/> years: a·exp(Q·years).</summary>
    public static double[] Project(IReadOnlyList<long> pixels, double[,] rates, double years)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        ArgumentNullException.ThrowIfNull(rates);
        int n = rates.GetLength(0);
        var scaled = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) scaled[i, j] = rates[i, j] * years;
        var e = Exp(scaled);
        var result = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) result[j] += pixels[i] * e[i, j];
        return result;
    }

    /// <summary>
    /// Rounds expected pixels to whole pixels whose sum is exactly <paramref name="total"/> (largest remainder;
    /// ties to the lower class value). Negative expectations count as 0.
    /// </summary>
    public static long[] RoundToPixels(IReadOnlyList<double> expected, long total)
    {
        ArgumentNullException.ThrowIfNull(expected);
        int n = expected.Count;
        var result = new long[n];
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.Max(0, expected[i]);
        if (sum <= 0)
            throw new ArgumentException("The expected demand has no area.", nameof(expected));
        var frac = new double[n];
        long assigned = 0;
        for (int i = 0; i < n; i++)
        {
            double v = Math.Max(0, expected[i]) * total / sum;
            result[i] = (long)Math.Floor(v);
            frac[i] = v - result[i];
            assigned += result[i];
        }
        var order = Enumerable.Range(0, n).OrderByDescending(i => frac[i]).ThenBy(i => i).ToArray();
        for (int k = 0; assigned < total; k = (k + 1) % n)
        {
            if (expected[order[k]] <= 0 && order.Any(i => expected[i] > 0)) continue;
            result[order[k]]++;
            assigned++;
        }
        for (int k = n - 1; assigned > total; k = (k - 1 + n) % n)
        {
            if (result[order[k]] == 0) continue;
            result[order[k]]--;
            assigned--;
        }
        return result;
    }

    /// <summary>The principal logarithm of <paramref name="p"/>, or null when it has no real logarithm.</summary>
    internal static double[,]? Log(double[,] p)
    {
        int n = p.GetLength(0);
        var x = (double[,])p.Clone();
        int k = 0;
        while (NormOne(Minus(x, Identity(n))) > 0.25)
        {
            if (++k > 40) return null;
            x = SquareRoot(x);
            if (x is null) return null;
        }
        var a = Minus(x, Identity(n));
        // log(I + A) = Σ (−1)^(m+1) A^m / m; ‖A‖₁ ≤ 1/4 so 60 terms reach 4^-60.
        var sum = new double[n, n];
        var power = Identity(n);
        for (int m = 1; m <= 60; m++)
        {
            power = Multiply(power, a);
            double c = (m % 2 == 1 ? 1.0 : -1.0) / m;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) sum[i, j] += c * power[i, j];
        }
        double scale = Math.Pow(2, k);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                sum[i, j] *= scale;
                if (!double.IsFinite(sum[i, j])) return null;
            }
        return sum;
    }

    /// <summary>Principal square root by the Denman–Beavers iteration; null when it does not converge.</summary>
    private static double[,]? SquareRoot(double[,] a)
    {
        int n = a.GetLength(0);
        var y = (double[,])a.Clone();
        var z = Identity(n);
        for (int it = 0; it < 100; it++)
        {
            var yi = Inverse(y);
            var zi = Inverse(z);
            if (yi is null || zi is null) return null;
            var y1 = new double[n, n];
            var z1 = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    y1[i, j] = 0.5 * (y[i, j] + zi[i, j]);
                    z1[i, j] = 0.5 * (z[i, j] + yi[i, j]);
                }
            double change = NormOne(Minus(y1, y));
            y = y1;
            z = z1;
            if (change <= 1e-15 * Math.Max(1, NormOne(y))) return y;
        }
        return null;
    }

    /// <summary>exp(A) by scaling and squaring with a Taylor series.</summary>
    internal static double[,] Exp(double[,] a)
    {
        int n = a.GetLength(0);
        double norm = NormOne(a);
        int s = norm > 0.5 ? (int)Math.Ceiling(Math.Log2(norm / 0.5)) : 0;
        double f = Math.Pow(2, -s);
        var x = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) x[i, j] = a[i, j] * f;
        var sum = Identity(n);
        var term = Identity(n);
        for (int m = 1; m <= 30; m++)
        {
            term = Multiply(term, x);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    term[i, j] /= m;
                    sum[i, j] += term[i, j];
                }
        }
        for (int i = 0; i < s; i++) sum = Multiply(sum, sum);
        return sum;
    }

    private static double[,] Identity(int n)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++) m[i, i] = 1;
        return m;
    }

    private static double[,] Minus(double[,] a, double[,] b)
    {
        int n = a.GetLength(0);
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) m[i, j] = a[i, j] - b[i, j];
        return m;
    }

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0);
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++)
            {
                double v = a[i, k];
                if (v == 0) continue;
                for (int j = 0; j < n; j++) m[i, j] += v * b[k, j];
            }
        return m;
    }

    private static double NormOne(double[,] a)
    {
        int n = a.GetLength(0);
        double best = 0;
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int i = 0; i < n; i++) s += Math.Abs(a[i, j]);
            best = Math.Max(best, s);
        }
        return best;
    }

    /// <summary>Gauss–Jordan inverse with partial pivoting; null when singular.</summary>
    private static double[,]? Inverse(double[,] a)
    {
        int n = a.GetLength(0);
        var m = (double[,])a.Clone();
        var inv = Identity(n);
        for (int c = 0; c < n; c++)
        {
            int piv = c;
            for (int r = c + 1; r < n; r++)
                if (Math.Abs(m[r, c]) > Math.Abs(m[piv, c])) piv = r;
            if (Math.Abs(m[piv, c]) < 1e-14) return null;
            if (piv != c)
                for (int j = 0; j < n; j++)
                {
                    (m[c, j], m[piv, j]) = (m[piv, j], m[c, j]);
                    (inv[c, j], inv[piv, j]) = (inv[piv, j], inv[c, j]);
                }
            double d = m[c, c];
            for (int j = 0; j < n; j++)
            {
                m[c, j] /= d;
                inv[c, j] /= d;
            }
            for (int r = 0; r < n; r++)
            {
                if (r == c) continue;
                double f = m[r, c];
                if (f == 0) continue;
                for (int j = 0; j < n; j++)
                {
                    m[r, j] -= f * m[c, j];
                    inv[r, j] -= f * inv[c, j];
                }
            }
        }
        return inv;
    }
}
