using LandCarbon.Core.Models;
using LandCarbon.Core.Regression.Solvers;
using MathNet.Numerics.Distributions;

namespace LandCarbon.Core.Regression;

/// <summary>
/// Linear quantile regression Q_y(τ|x) = xᵀβ(τ), β̂(τ) = argmin Σ ρ_τ(y_i − x_iᵀβ) with ρ_τ(u) = u(τ − 1{u &lt; 0})
/// (Koenker and Bassett 1978), matching R quantreg 5.94: solvers <c>rq.fit.br</c> / <c>rq.fit.fnb</c>, inference
/// as <c>summary.rq</c> (rank, iid, nid, ker, boot), the slope-equality Wald test of <c>anova.rq</c>, and the
/// Koenker–Machado pseudo-R¹. Rows with a missing, NaN or infinite value in y or a regressor are dropped and
/// counted (<see cref="QuantileRegressionResult.DroppedRows"/>); n ≤ p, collinear columns and a constant y throw
/// <see cref="InputException"/>. See docs/methods/quantile-regression.md.
/// </summary>
public static class QuantileRegression
{
    private static readonly double SqrtEps = Math.Sqrt(2.220446049250313e-16);

    /// <summary>Fits one quantile on a matrix of regressors (n × q, no intercept column: it is added unless
    /// <see cref="QuantileRegressionOptions.Intercept"/> is false). Columns are named x1, x2, …</summary>
    public static QuantileRegressionResult Fit(double[,] x, double[] y, double tau, QuantileRegressionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        int n = x.GetLength(0), q = x.GetLength(1);
        var cols = new double[q][];
        for (int j = 0; j < q; j++)
        {
            cols[j] = new double[n];
            for (int i = 0; i < n; i++) cols[j][i] = x[i, j];
        }
        return Fit(cols, Enumerable.Range(1, q).Select(j => "x" + j).ToArray(), y, [tau], options);
    }

    /// <summary>Fits one quantile on regressor columns.</summary>
    public static QuantileRegressionResult Fit(IReadOnlyList<double[]> columns, IReadOnlyList<string> names, double[] y,
        double tau, QuantileRegressionOptions? options = null) => Fit(columns, names, y, [tau], options);

    /// <summary>
    /// Fits every quantile in <paramref name="taus"/> (sorted, duplicates removed) on the same design, with the
    /// requested inference, the slope-equality test (≥ 2 quantiles and an intercept) and the OLS fit.
    /// </summary>
    public static QuantileRegressionResult Fit(IReadOnlyList<double[]> columns, IReadOnlyList<string> names, double[] y,
        IReadOnlyList<double> taus, QuantileRegressionOptions? options = null)
    {
        options ??= new QuantileRegressionOptions();
        ArgumentNullException.ThrowIfNull(taus);
        var sorted = taus.Distinct().OrderBy(t => t).ToArray();
        if (sorted.Length == 0) throw new InputException("No quantile given: pass at least one τ in (0, 1).");
        foreach (double t in sorted)
            if (!(t > 0 && t < 1)) throw new InputException($"Quantile τ = {t} is outside (0, 1).");
        if (!(options.ConfidenceLevel > 0 && options.ConfidenceLevel < 1))
            throw new InputException($"Confidence level {options.ConfidenceLevel} is outside (0, 1).");
        var design = DesignMatrix.Create(columns, names, y, options.Intercept, options.MaxThreads);
        return Fit(design, sorted, options);
    }

    internal static QuantileRegressionResult Fit(DesignMatrix design, double[] taus, QuantileRegressionOptions options)
    {
        int n = design.N, p = design.P;
        var inference = options.Inference ?? (n < 1001 ? QuantileInference.Rank : QuantileInference.Nid);
        double alpha = 1 - options.ConfidenceLevel;
        double[]? sortedY = null;
        var fits = new List<QuantileFit>(taus.Length);
        var nidSandwiches = new List<double[]>();
        double[]? gram = null;
        var coefsPerTau = new List<double[]>();
        foreach (double tau in taus)
        {
            var (beta, nonUnique) = Solve(design, tau, options.Method, options.Seed);
            var resid = design.Residuals(beta);
            double objective = CheckLoss(resid, tau);
            sortedY ??= SortedCopy(design.Y);
            double nullObjective = NullObjective(design.Y, sortedY, tau);
            double r1 = 1 - objective / nullObjective;
            RegressionCoefficient[] coefs;
            switch (inference)
            {
                case QuantileInference.None:
                    coefs = Table(design.Terms, beta, null, n - p, alpha);
                    break;
                case QuantileInference.Rank:
                    coefs = RankIntervals(design, tau, alpha, options);
                    for (int j = 0; j < p; j++) coefs[j] = coefs[j] with { Estimate = beta[j] };
                    break;
                case QuantileInference.Iid:
                    coefs = Table(design.Terms, beta, IidCovariance(design, resid, tau, options), n - p, alpha);
                    break;
                case QuantileInference.Nid:
                {
                    gram ??= design.Gram(null);
                    var hinv = NidHinv(design, beta, tau, options);
                    nidSandwiches.Add(hinv);
                    coefs = Table(design.Terms, beta, Sandwich(hinv, gram, tau, p), n - p, alpha);
                    break;
                }
                case QuantileInference.Ker:
                    gram ??= design.Gram(null);
                    coefs = Table(design.Terms, beta, KernelCovariance(design, resid, gram, tau, options), n - p, alpha);
                    break;
                case QuantileInference.Boot:
                    coefs = Table(design.Terms, beta, BootstrapCovariance(design, tau, options), n - p, alpha);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(options), inference, "Unknown inference.");
            }
            coefsPerTau.Add(beta);
            fits.Add(new QuantileFit(tau, coefs, r1, objective, nonUnique));
        }

        SlopeEqualityTest? slopes = null;
        if (taus.Length > 1 && options.Intercept && p > 1 && inference != QuantileInference.None)
        {
            gram ??= design.Gram(null);
            if (nidSandwiches.Count != taus.Length)
            {
                nidSandwiches.Clear();
                for (int k = 0; k < taus.Length; k++) nidSandwiches.Add(NidHinv(design, coefsPerTau[k], taus[k], options));
            }
            slopes = SlopeEquality(taus, coefsPerTau, nidSandwiches, gram, n, p);
        }
        var ols = OrdinaryLeastSquares(design, gram ?? design.Gram(null), alpha);
        return new QuantileRegressionResult(n, design.DroppedRows, design.Terms, options.Method, inference, fits, slopes, ols);
    }

    /// <summary>Solves for β̂(τ) with the chosen method.</summary>
    internal static (double[] Beta, bool NonUnique) Solve(DesignMatrix design, double tau, QuantileRegressionMethod method, int seed)
    {
        if (method == QuantileRegressionMethod.FrischNewton)
            return (FrischNewton.Solve(design, tau).Coefficients, false);
        if (method == QuantileRegressionMethod.PortnoyKoenker)
            return (PortnoyKoenker.Solve(design, tau, seed).Coefficients, false);
        var br = BarrodaleRoberts.Solve(design, tau);
        if (br.Premature)
            throw new InputException("The Barrodale–Roberts simplex ended prematurely: the design matrix is badly conditioned (rescale or drop regressors).");
        return (br.Coefficients, br.NonUnique);
    }

    /// <summary>Σ ρ_τ(r_i).</summary>
    internal static double CheckLoss(double[] resid, double tau)
    {
        double s = 0;
        foreach (double r in resid) s += r * (tau - (r < 0 ? 1 : 0));
        return s;
    }

    private static double[] SortedCopy(double[] v)
    {
        var c = (double[])v.Clone();
        Array.Sort(c);
        return c;
    }

    /// <summary>Ṽ(τ): the check loss of the intercept-only model, minimised at the order statistic y_(⌈nτ⌉).</summary>
    private static double NullObjective(double[] y, double[] sortedY, double tau)
    {
        int n = y.Length;
        int k = Math.Clamp((int)Math.Ceiling(n * tau) - 1, 0, n - 1);
        double q = sortedY[k];
        double s = 0;
        foreach (double v in y)
        {
            double r = v - q;
            s += r * (tau - (r < 0 ? 1 : 0));
        }
        return s;
    }

    /// <summary>quantreg's <c>bandwidth.rq</c>: Hall–Sheather (hs) or Bofinger, with α = 0.05.</summary>
    public static double Bandwidth(double tau, int n, bool hallSheather)
    {
        double x0 = Normal.InvCDF(0, 1, tau);
        double f0 = Normal.PDF(0, 1, x0);
        if (hallSheather)
            return Math.Pow(n, -1.0 / 3) * Math.Pow(Normal.InvCDF(0, 1, 1 - 0.05 / 2), 2.0 / 3)
                   * Math.Pow(1.5 * f0 * f0 / (2 * x0 * x0 + 1), 1.0 / 3);
        return Math.Pow(n, -0.2) * Math.Pow(4.5 * Math.Pow(f0, 4) / Math.Pow(2 * x0 * x0 + 1, 2), 0.2);
    }

    private static RegressionCoefficient[] Table(string[] terms, double[] beta, double[]? cov, int rdf, double alpha)
    {
        int p = beta.Length;
        var r = new RegressionCoefficient[p];
        double tcrit = cov is null ? double.NaN : StudentT.InvCDF(0, 1, rdf, 1 - alpha / 2);
        for (int j = 0; j < p; j++)
        {
            if (cov is null)
            {
                r[j] = new RegressionCoefficient(terms[j], beta[j], double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
                continue;
            }
            double se = Math.Sqrt(cov[j * p + j]);
            double t = beta[j] / se;
            double pv = 2 * StudentT.CDF(0, 1, rdf, -Math.Abs(t));
            r[j] = new RegressionCoefficient(terms[j], beta[j], se, t, pv, beta[j] - tcrit * se, beta[j] + tcrit * se);
        }
        return r;
    }

    /// <summary>se = "iid": sparsity from a median regression of the ordered smallest residuals.</summary>
    private static double[] IidCovariance(DesignMatrix design, double[] resid, double tau, QuantileRegressionOptions o)
    {
        int n = design.N, p = design.P;
        var xxinv = SmallMatrix.InverseSpd(design.Gram(null), p) ?? throw Singular();
        int pz = 0;
        foreach (double r in resid) if (Math.Abs(r) < SqrtEps) pz++;
        int h = Math.Max(p + 1, (int)Math.Ceiling(n * Bandwidth(tau, n, o.HallSheather)));
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var absr = new double[n];
        for (int i = 0; i < n; i++) absr[i] = Math.Abs(resid[i]);
        Array.Sort(order, (a, b) => { int c = absr[a].CompareTo(absr[b]); return c != 0 ? c : a.CompareTo(b); });
        int first = pz + 1, last = Math.Min(n, h + pz + 1); // 1-based ir = (pz+1):(h+pz+1)
        int m = last - first + 1;
        var ordResid = new double[m];
        for (int k = 0; k < m; k++) ordResid[k] = resid[order[first - 1 + k]];
        Array.Sort(ordResid);
        var xt = new double[m * 2];
        for (int k = 0; k < m; k++) { xt[2 * k] = 1; xt[2 * k + 1] = (double)(first + k) / (n - p); }
        var fit = BarrodaleRoberts.Solve(xt, ordResid, m, 2, 0.5, null, 0);
        double sparsity = fit.Coefficients[1];
        var cov = new double[p * p];
        for (int k = 0; k < p * p; k++) cov[k] = sparsity * sparsity * xxinv[k] * tau * (1 - tau);
        return cov;
    }

    /// <summary>(XᵀFX)⁻¹ with the Hendricks–Koenker densities f_i = max(0, 2h / (x_iᵀ(β̂(τ+h) − β̂(τ−h)) − ε)).</summary>
    private static double[] NidHinv(DesignMatrix design, double[] beta, double tau, QuantileRegressionOptions o)
    {
        int n = design.N, p = design.P;
        double h = Bandwidth(tau, n, o.HallSheather);
        while (tau - h < 0 || tau + h > 1) h /= 2;
        var (bhi, _) = Solve(design, tau + h, o.Method, o.Seed);
        var (blo, _) = Solve(design, tau - h, o.Method, o.Seed);
        var diff = new double[p];
        for (int j = 0; j < p; j++) diff[j] = bhi[j] - blo[j];
        var f = new double[n];
        design.Multiply(diff, f);
        for (int i = 0; i < n; i++) f[i] = Math.Max(0, 2 * h / (f[i] - SqrtEps));
        return SmallMatrix.InverseSpd(design.Gram(f), p) ?? throw Singular();
    }

    /// <summary>τ(1−τ) H⁻¹ J H⁻¹.</summary>
    private static double[] Sandwich(double[] hinv, double[] gram, double tau, int p)
    {
        var c = SmallMatrix.Multiply(SmallMatrix.Multiply(hinv, gram, p), hinv, p);
        for (int k = 0; k < p * p; k++) c[k] *= tau * (1 - tau);
        return c;
    }

    /// <summary>se = "ker": Powell's sandwich with a Gaussian kernel of bandwidth
    /// (Φ⁻¹(τ+h) − Φ⁻¹(τ−h))·min(sd(û), IQR(û)/1.34).</summary>
    private static double[] KernelCovariance(DesignMatrix design, double[] uhat, double[] gram, double tau, QuantileRegressionOptions o)
    {
        int n = design.N, p = design.P;
        double h = Bandwidth(tau, n, o.HallSheather);
        while (tau - h < 0 || tau + h > 1) h /= 2;
        double mean = 0;
        foreach (double u in uhat) mean += u;
        mean /= n;
        double ss = 0;
        foreach (double u in uhat) ss += (u - mean) * (u - mean);
        double sd = Math.Sqrt(ss / (n - 1));
        var sorted = SortedCopy(uhat);
        double iqr = QuantileType7(sorted, 0.75) - QuantileType7(sorted, 0.25);
        double hk = (Normal.InvCDF(0, 1, tau + h) - Normal.InvCDF(0, 1, tau - h)) * Math.Min(sd, iqr / 1.34);
        var f = new double[n];
        for (int i = 0; i < n; i++) f[i] = Normal.PDF(0, 1, uhat[i] / hk) / hk;
        var hinv = SmallMatrix.InverseSpd(design.Gram(f), p) ?? throw Singular();
        return Sandwich(hinv, gram, tau, p);
    }

    /// <summary>R's default sample quantile (type 7) of sorted data.</summary>
    internal static double QuantileType7(double[] sorted, double prob)
    {
        double h = (sorted.Length - 1) * prob;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /// <summary>se = "boot": covariance of β̂ over xy-pair resamples of n rows (with replacement).
    /// Resample indices are drawn in replicate order from one seeded generator, so results do not depend on threads.</summary>
    private static double[] BootstrapCovariance(DesignMatrix design, double tau, QuantileRegressionOptions o)
    {
        int n = design.N, p = design.P, reps = o.BootstrapReplicates;
        if (reps < 2) throw new InputException($"Bootstrap replicates = {reps}; at least 2 are needed.");
        var rng = new Random(o.Seed);
        var draws = new int[reps][];
        for (int r = 0; r < reps; r++)
        {
            draws[r] = new int[n];
            for (int i = 0; i < n; i++) draws[r][i] = rng.Next(n);
        }
        var b = new double[reps][];
        Parallel.For(0, reps, new ParallelOptions { MaxDegreeOfParallelism = o.MaxThreads <= 0 ? Environment.ProcessorCount : o.MaxThreads },
            r =>
            {
                var sub = design.Subset(draws[r]);
                double[] beta;
                if (o.Method != QuantileRegressionMethod.BarrodaleRoberts)
                    beta = FrischNewton.Solve(sub, tau).Coefficients;   // resamples of n rows: pfn would solve the same LP
                else
                    beta = BarrodaleRoberts.Solve(sub, tau).Coefficients;
                b[r] = beta;
            });
        var mean = new double[p];
        foreach (var beta in b) for (int j = 0; j < p; j++) mean[j] += beta[j] / reps;
        var cov = new double[p * p];
        foreach (var beta in b)
            for (int j = 0; j < p; j++)
                for (int k = 0; k < p; k++) cov[j * p + k] += (beta[j] - mean[j]) * (beta[k] - mean[k]) / (reps - 1);
        return cov;
    }

    /// <summary>se = "rank": the rank-score test inverted by parametric programming (quantreg rq.fit.br(ci = TRUE)),
    /// with quantreg's linear interpolation between the bracketing vertices.</summary>
    private static RegressionCoefficient[] RankIntervals(DesignMatrix design, double tau, double alpha, QuantileRegressionOptions o)
    {
        int n = design.N, p = design.P;
        double cutoff = StudentT.InvCDF(0, 1, n - p, 1 - alpha / 2);
        double[] qn;
        if (o.RankIid)
        {
            var xxinv = SmallMatrix.InverseSpd(design.Gram(null), p) ?? throw Singular();
            qn = new double[p];
            for (int j = 0; j < p; j++) qn[j] = 1 / xxinv[j * p + j];
        }
        else
        {
            qn = RankNidScale(design, tau, o.HallSheather);
        }
        var sol = BarrodaleRoberts.Solve(design, tau, qn, cutoff);
        var terms = design.Terms;
        var r = new RegressionCoefficient[p];
        if (sol.IntervalBounds is null)
        {
            for (int j = 0; j < p; j++)
                r[j] = new RegressionCoefficient(terms[j], sol.Coefficients[j], double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
            return r;
        }
        var ci = sol.IntervalBounds;
        var tn = sol.TestStatistics!;
        double big = double.MaxValue;
        for (int j = 0; j < p; j++)
        {
            double c1 = ci[j], c2 = ci[p + j], c3 = ci[2 * p + j], c4 = ci[3 * p + j];
            double t1 = tn[j], t2 = tn[p + j], t3 = tn[2 * p + j], t4 = tn[3 * p + j];
            double upper = c3 + Math.Abs(c4 - c3) * (cutoff - Math.Abs(t3)) / Math.Abs(t4 - t3);
            double lower = c2 - Math.Abs(c1 - c2) * (cutoff - Math.Abs(t2)) / Math.Abs(t1 - t2);
            if (double.IsNaN(lower)) lower = -big;
            if (double.IsNaN(upper)) upper = big;
            if (lower == -big || double.IsInfinity(lower)) lower = double.NegativeInfinity;
            if (upper == big || double.IsInfinity(upper)) upper = double.PositiveInfinity;
            r[j] = new RegressionCoefficient(terms[j], sol.Coefficients[j], double.NaN, double.NaN, double.NaN, lower, upper);
        }
        return r;
    }

    /// <summary>The nid scale of the rank test: qn_j = ‖x_j − X₋ⱼ b_j‖² with b_j the weighted (f) LS fit.</summary>
    private static double[] RankNidScale(DesignMatrix design, double tau, bool hs)
    {
        int n = design.N, p = design.P;
        double tol = BarrodaleRoberts.Tolerance;
        double h = Bandwidth(tau, n, hs);
        while (tau - h < 0 || tau + h > 1) h /= 2;
        var bhi = BarrodaleRoberts.Solve(design, tau + h).Coefficients;
        var blo = BarrodaleRoberts.Solve(design, tau - h).Coefficients;
        var diff = new double[p];
        for (int j = 0; j < p; j++) diff[j] = bhi[j] - blo[j];
        var f = new double[n];
        design.Multiply(diff, f);
        for (int i = 0; i < n; i++) f[i] = Math.Max(tol, 2 * h / (f[i] - tol));
        var gw = design.Gram(f);
        var qn = new double[p];
        var other = new int[p - 1];
        for (int j = 0; j < p; j++)
        {
            for (int k = 0, m = 0; k < p; k++) if (k != j) other[m++] = k;
            int q = p - 1;
            var a = new double[q * q];
            var rhs = new double[q];
            for (int u = 0; u < q; u++)
            {
                rhs[u] = gw[other[u] * p + j];
                for (int v = 0; v < q; v++) a[u * q + v] = gw[other[u] * p + other[v]];
            }
            if (!SmallMatrix.Cholesky(a, q)) throw Singular();
            SmallMatrix.CholeskySolve(a, q, rhs);
            double ss = 0;
            for (int i = 0; i < n; i++)
            {
                int o = i * p;
                double e = design.Values[o + j];
                for (int u = 0; u < q; u++) e -= design.Values[o + other[u]] * rhs[u];
                ss += e * e;
            }
            qn[j] = ss;
        }
        return qn;
    }

    /// <summary>quantreg anova.rq(joint = TRUE) across τ with the nid covariances.</summary>
    private static SlopeEqualityTest SlopeEquality(double[] taus, List<double[]> coefs, List<double[]> hinvs,
        double[] gram, int n, int p)
    {
        int m = taus.Length, q = (p - 1) * (m - 1);
        // W block (a, b) = Ω_ab · H_a J H_b with Ω_ab = min(τ_a, τ_b) − τ_a τ_b
        var blocks = new double[m, m][];
        for (int a = 0; a < m; a++)
            for (int b = 0; b < m; b++)
            {
                double omega = Math.Min(taus[a], taus[b]) - taus[a] * taus[b];
                var w = SmallMatrix.Multiply(SmallMatrix.Multiply(hinvs[a], gram, p), hinvs[b], p);
                for (int k = 0; k < p * p; k++) w[k] *= omega;
                blocks[a, b] = w;
            }
        var dc = new double[q];
        var dwd = new double[q * q];
        for (int a = 0; a < m - 1; a++)
            for (int j = 1; j < p; j++)
            {
                int r = a * (p - 1) + j - 1;
                dc[r] = coefs[a + 1][j] - coefs[a][j];
                for (int b = 0; b < m - 1; b++)
                    for (int k = 1; k < p; k++)
                    {
                        int c = b * (p - 1) + k - 1;
                        int jk = j * p + k;
                        dwd[r * q + c] = blocks[a + 1, b + 1][jk] - blocks[a + 1, b][jk] - blocks[a, b + 1][jk] + blocks[a, b][jk];
                    }
            }
        var sol = (double[])dc.Clone();
        var l = (double[])dwd.Clone();
        if (!SmallMatrix.Cholesky(l, q)) throw Singular();
        SmallMatrix.CholeskySolve(l, q, sol);
        double tn = 0;
        for (int r = 0; r < q; r++) tn += dc[r] * sol[r];
        tn /= q;
        int ddf = n * m - q;
        double pv = 1 - FisherSnedecor.CDF(q, ddf, tn);
        return new SlopeEqualityTest(tn, q, ddf, pv);
    }

    /// <summary>OLS with classical standard errors and t intervals at the same confidence level.</summary>
    private static OlsFit OrdinaryLeastSquares(DesignMatrix design, double[] gram, double alpha)
    {
        int n = design.N, p = design.P;
        var xty = design.TransposeMultiply(design.Y);
        var l = (double[])gram.Clone();
        if (!SmallMatrix.Cholesky(l, p)) throw Singular();
        var beta = (double[])xty.Clone();
        SmallMatrix.CholeskySolve(l, p, beta);
        var resid = design.Residuals(beta);
        double rss = 0;
        foreach (double r in resid) rss += r * r;
        double mean = design.Y.Average(), tss = 0;
        bool intercept = design.Terms[0] == "(Intercept)";
        foreach (double v in design.Y) tss += intercept ? (v - mean) * (v - mean) : v * v;
        double sigma2 = rss / (n - p);
        var xxinv = SmallMatrix.InverseSpd(gram, p) ?? throw Singular();
        var cov = new double[p * p];
        for (int k = 0; k < p * p; k++) cov[k] = sigma2 * xxinv[k];
        return new OlsFit(Table(design.Terms, beta, cov, n - p, alpha), 1 - rss / tss, Math.Sqrt(sigma2));
    }

    private static InputException Singular() =>
        new("The design matrix is numerically singular for this inference (a weighted XᵀX is not positive definite).");
}
