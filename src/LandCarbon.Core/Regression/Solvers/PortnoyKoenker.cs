namespace LandCarbon.Core.Regression.Solvers;

/// <summary>
/// Frisch–Newton with Portnoy and Koenker's (1997) preprocessing, as quantreg's <c>rq.fit.pfn</c>: a fit on a
/// random subsample of m = round(√p · n^(2/3)) rows predicts, with a confidence band, which observations lie surely
/// below or surely above the τ-th regression quantile; those are "globbed" into one pseudo-observation each
/// (Σx_i, Σy_i), the reduced problem of about m rows is solved exactly, and the signs of the globbed residuals are
/// checked. Wrong signs are released back into the problem and it is solved again; more than 0.1·M of them double m
/// and start over. The answer is the solution of the full linear program (to Frisch–Newton's duality gap), so it
/// agrees with <see cref="FrischNewton"/> on the full data; only the work differs: O(n p) row passes instead of an
/// O(n p²) pass per interior-point iteration.
/// Same constants as quantreg (Mm.factor 0.8, eps 1e-6); the subsample is drawn from a seeded generator, so the
/// result is identical for a given seed and any thread count.
/// </summary>
internal static class PortnoyKoenker
{
    /// <summary>quantreg's <c>Mm.factor</c>: M = 0.8·m observations are kept around the quantile.</summary>
    public const double MmFactor = 0.8;

    /// <summary>quantreg's <c>eps</c>: the smallest band width.</summary>
    public const double Eps = 1e-6;

    /// <summary>Solves min Σ ρ_τ(y − Xβ); falls back to plain Frisch–Newton when the subsample would be all of n.</summary>
    public static FrischNewtonSolution Solve(DesignMatrix design, double tau, int seed)
    {
        int n = design.N, p = design.P;
        long m = (long)Math.Round(Math.Sqrt(p) * Math.Pow(n, 2.0 / 3.0), MidpointRounding.ToEven);
        var rng = new Random(seed);
        int iterations = 0;
        while (true)
        {
            if (m >= n) return FrischNewton.Solve(design, tau);
            var sample = Sample(rng, n, (int)m);
            var sub = Rows(design, sample, null);
            var z = FrischNewton.Solve(sub, tau);
            iterations += z.Iterations;
            var band = Band(design, sub);
            var r = design.Residuals(z.Coefficients);
            double bigM = MmFactor * m;
            double loQ = Math.Max(1.0 / n, tau - bigM / (2.0 * n));
            double hiQ = Math.Min(tau + bigM / (2.0 * n), (n - 1.0) / n);
            var ratio = new double[n];
            for (int i = 0; i < n; i++) ratio[i] = r[i] / Math.Max(Eps, band[i]);
            Array.Sort(ratio);
            double kLo = Quantile7(ratio, loQ), kHi = Quantile7(ratio, hiQ);
            var below = new bool[n];
            var above = new bool[n];
            for (int i = 0; i < n; i++)
            {
                below[i] = r[i] < band[i] * kLo;
                above[i] = r[i] > band[i] * kHi;
            }
            while (true)
            {
                var reduced = Reduced(design, below, above);
                z = FrischNewton.Solve(reduced, tau);
                iterations += z.Iterations;
                r = design.Residuals(z.Coefficients);
                int bad = 0;
                for (int i = 0; i < n; i++)
                    if ((above[i] && r[i] < 0) || (below[i] && r[i] > 0)) bad++;
                if (bad == 0) return z with { Iterations = iterations };
                if (bad > 0.1 * bigM)
                {
                    m *= 2;   // the band was too narrow: a larger subsample, as quantreg ("Too many fixups")
                    break;
                }
                for (int i = 0; i < n; i++)
                {
                    if (above[i] && r[i] < 0) above[i] = false;
                    if (below[i] && r[i] > 0) below[i] = false;
                }
            }
        }
    }

    /// <summary>m distinct row indices in ascending order (partial Fisher–Yates on 0..n−1).</summary>
    private static int[] Sample(Random rng, int n, int m)
    {
        var idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        for (int i = 0; i < m; i++)
        {
            int j = i + rng.Next(n - i);
            (idx[i], idx[j]) = (idx[j], idx[i]);
        }
        var s = idx[..m];
        Array.Sort(s);
        return s;
    }

    /// <summary>band_i = √(x_iᵀ (X_sᵀX_s)⁻¹ x_i) = ‖L⁻¹ x_i‖ with X_sᵀX_s = L Lᵀ from the subsample.</summary>
    private static double[] Band(DesignMatrix design, DesignMatrix sub)
    {
        int p = design.P;
        var l = sub.Gram(null);
        if (!SmallMatrix.Cholesky(l, p))
            throw new Models.InputException("The quantile-regression subsample's design matrix is singular; use method fn on the full data.");
        var band = new double[design.N];
        var x = design.Values;
        design.ForEachBlock((_, start, end) =>
        {
            Span<double> v = stackalloc double[p];
            for (int i = start; i < end; i++)
            {
                double ss = 0;
                for (int a = 0; a < p; a++)
                {
                    double s = x[(long)i * p + a];
                    for (int k = 0; k < a; k++) s -= l[a * p + k] * v[k];
                    v[a] = s / l[a * p + a];
                    ss += v[a] * v[a];
                }
                band[i] = Math.Sqrt(ss);
            }
        });
        return band;
    }

    /// <summary>R's default quantile (type 7) of sorted values.</summary>
    internal static double Quantile7(double[] sorted, double q)
    {
        double h = (sorted.Length - 1) * q;
        int lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1) return sorted[^1];
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }

    /// <summary>The rows neither below nor above, then one globbed row for each non-empty side (below first).</summary>
    private static DesignMatrix Reduced(DesignMatrix design, bool[] below, bool[] above)
    {
        int n = design.N, p = design.P;
        var keep = new List<int>();
        var globLo = new double[p];
        var globHi = new double[p];
        double yLo = 0, yHi = 0;
        bool anyLo = false, anyHi = false;
        var x = design.Values;
        for (int i = 0; i < n; i++)
        {
            if (below[i])
            {
                anyLo = true;
                for (int a = 0; a < p; a++) globLo[a] += x[(long)i * p + a];
                yLo += design.Y[i];
            }
            else if (above[i])
            {
                anyHi = true;
                for (int a = 0; a < p; a++) globHi[a] += x[(long)i * p + a];
                yHi += design.Y[i];
            }
            else keep.Add(i);
        }
        var extra = new List<(double[] X, double Y)>();
        if (anyLo) extra.Add((globLo, yLo));
        if (anyHi) extra.Add((globHi, yHi));
        return Rows(design, keep.ToArray(), extra);
    }

    private static DesignMatrix Rows(DesignMatrix design, int[] rows, List<(double[] X, double Y)>? extra)
    {
        int p = design.P, k = rows.Length + (extra?.Count ?? 0);
        var v = new double[(long)k * p];
        var y = new double[k];
        for (int r = 0; r < rows.Length; r++)
        {
            Array.Copy(design.Values, (long)rows[r] * p, v, (long)r * p, p);
            y[r] = design.Y[rows[r]];
        }
        if (extra is not null)
            for (int e = 0; e < extra.Count; e++)
            {
                Array.Copy(extra[e].X, 0, v, (long)(rows.Length + e) * p, p);
                y[rows.Length + e] = extra[e].Y;
            }
        return new DesignMatrix(v, y, k, p, design.Terms, 0, design.MaxThreads);
    }
}
