namespace LandCarbon.Core.Risk;

/// <summary>
/// Box-Cox λ by maximum likelihood (Box &amp; Cox 1964), the estimator of <c>scipy.stats.boxcox</c> /
/// <c>boxcox_llf</c>: for positive y₁…yₙ it maximises the profile log-likelihood
/// <c>llf(λ) = −n/2 · ln σ̂²(λ) + (λ − 1) · Σ ln yᵢ</c>, where σ̂²(λ) is the population variance (divisor n) of the
/// transformed values. The maximum is found by golden-section search refined with parabolic steps (Brent) on
/// [<see cref="MinLambda"/>, <see cref="MaxLambda"/>]; the result agrees with scipy to about 1e-6.
/// </summary>
public static class BoxCox
{
    /// <summary>Lower end of the λ search interval.</summary>
    public const double MinLambda = -5;

    /// <summary>Upper end of the λ search interval.</summary>
    public const double MaxLambda = 5;

    /// <summary>
    /// The shift c that makes an index with minimum <paramref name="min"/> positive: 0 when min &gt; 0, otherwise
    /// 1 − min (the shifted minimum is 1, the same offset as log1p).
    /// </summary>
    public static double DefaultShift(double min) => min > 0 ? 0 : 1 - min;

    /// <summary>
    /// Fits λ to the values shifted by <paramref name="shift"/> (NaN values are skipped). Throws when fewer than two
    /// values remain, when a shifted value is not positive, or when all values are equal (λ is not identified).
    /// </summary>
    public static IndexTransform Fit(ReadOnlySpan<double> values, double shift)
    {
        var y = new List<double>(values.Length);
        foreach (double v in values)
        {
            if (double.IsNaN(v)) continue;
            double s = v + shift;
            if (!(s > 0)) throw new ArgumentException($"Box-Cox needs positive shifted values; {v:R} + {shift:R} is not.", nameof(values));
            y.Add(s);
        }
        if (y.Count < 2) throw new ArgumentException("Box-Cox needs at least two values.", nameof(values));
        var ys = y.ToArray();
        if (ys.Min() == ys.Max()) throw new ArgumentException("Box-Cox λ is not identified when all values are equal.", nameof(values));
        double sumLog = 0;
        var logs = new double[ys.Length];
        for (int i = 0; i < ys.Length; i++) { logs[i] = Math.Log(ys[i]); sumLog += logs[i]; }
        double lambda = Maximize(l => LogLikelihood(logs, sumLog, l), MinLambda, MaxLambda);
        return new IndexTransform(IndexTransformKind.BoxCox, lambda, shift);
    }

    /// <summary>The profile log-likelihood llf(λ) of positive values <paramref name="y"/> (scipy's boxcox_llf).</summary>
    public static double LogLikelihood(ReadOnlySpan<double> y, double lambda)
    {
        var logs = new double[y.Length];
        double sumLog = 0;
        for (int i = 0; i < y.Length; i++) { logs[i] = Math.Log(y[i]); sumLog += logs[i]; }
        return LogLikelihood(logs, sumLog, lambda);
    }

    private static double LogLikelihood(double[] logs, double sumLog, double lambda)
    {
        int n = logs.Length;
        // Transformed values via logs: (e^{λ ln y} − 1)/λ = expm1(λ ln y)/λ; two-pass variance.
        double mean = 0;
        for (int i = 0; i < n; i++) mean += T(logs[i], lambda);
        mean /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) { double d = T(logs[i], lambda) - mean; ss += d * d; }
        double variance = ss / n;
        return -0.5 * n * Math.Log(variance) + (lambda - 1) * sumLog;
    }

    private static double T(double logY, double lambda)
    {
        if (Math.Abs(lambda) < 1e-12) return logY;
        double x = lambda * logY;
        // expm1 for small arguments keeps precision near λ = 0.
        double em1 = Math.Abs(x) < 1e-5 ? x + x * x / 2 + x * x * x / 6 : Math.Exp(x) - 1;
        return em1 / lambda;
    }

    /// <summary>Brent's method for the maximum of a unimodal function on [a, b].</summary>
    internal static double Maximize(Func<double, double> f, double a, double b, double tolerance = 1e-10)
    {
        const double Golden = 0.3819660112501051;
        double x = a + Golden * (b - a), w = x, v = x;
        double fx = -f(x), fw = fx, fv = fx;
        double d = 0, e = 0;
        for (int iter = 0; iter < 500; iter++)
        {
            double m = 0.5 * (a + b);
            double tol1 = tolerance * Math.Abs(x) + 1e-12, tol2 = 2 * tol1;
            if (Math.Abs(x - m) <= tol2 - 0.5 * (b - a)) break;
            bool golden = true;
            if (Math.Abs(e) > tol1)
            {
                double r = (x - w) * (fx - fv), q = (x - v) * (fx - fw), p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) p = -p;
                q = Math.Abs(q);
                if (Math.Abs(p) < Math.Abs(0.5 * q * e) && p > q * (a - x) && p < q * (b - x))
                {
                    e = d;
                    d = p / q;
                    double u0 = x + d;
                    if (u0 - a < tol2 || b - u0 < tol2) d = x < m ? tol1 : -tol1;
                    golden = false;
                }
            }
            if (golden)
            {
                e = (x < m ? b : a) - x;
                d = Golden * e;
            }
            double u = Math.Abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
            double fu = -f(u);
            if (fu <= fx)
            {
                if (u < x) b = x; else a = x;
                v = w; fv = fw; w = x; fw = fx; x = u; fx = fu;
            }
            else
            {
                if (u < x) a = u; else b = u;
                if (fu <= fw || w == x) { v = w; fv = fw; w = u; fw = fu; }
                else if (fu <= fv || v == x || v == w) { v = u; fv = fu; }
            }
        }
        return x;
    }
}
