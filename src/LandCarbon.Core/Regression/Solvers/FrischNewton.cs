namespace LandCarbon.Core.Regression.Solvers;

/// <summary>What <see cref="FrischNewton.Solve"/> returns.</summary>
/// <param name="Coefficients">β̂(τ), length p.</param>
/// <param name="Iterations">Newton (affine) steps taken.</param>
/// <param name="Converged">True when the duality gap fell below the tolerance within the iteration limit.</param>
internal sealed record FrischNewtonSolution(double[] Coefficients, int Iterations, bool Converged);

/// <summary>
/// The Frisch–Newton interior-point method of Portnoy and Koenker (1997) for the quantile regression linear
/// program, as in quantreg's <c>rq.fit.fnb</c> (Mehrotra predictor–corrector on the bounded dual
/// max{yᵀa : Xᵀa = (1−τ)Xᵀ1, 0 ≤ a ≤ 1}), with the same starting point, step factor β = 0.99995, stopping rule
/// (duality gap &lt; 1e-6) and 50-iteration limit. The solution is accurate to the gap, not a vertex.
/// Each iteration is O(n p²): the normal matrix XᵀDX is accumulated in a tight loop over fixed row blocks run in
/// parallel and summed in block order (deterministic for any thread count), then factored by a p × p Cholesky.
/// </summary>
internal static class FrischNewton
{
    public const double Beta = 0.99995;
    public const double Epsilon = 1e-6;
    public const int MaxIterations = 50;

    /// <summary>Solves min Σ ρ_τ(y − Xβ) for τ in (0, 1). Throws when XᵀDX is not positive definite.</summary>
    public static FrischNewtonSolution Solve(DesignMatrix design, double tau)
    {
        int n = design.N, p = design.P;
        double[] a = design.Values;
        int blocks = design.BlockCount;
        // primal (x, s), dual (y, z, w) and directions
        var x = new double[n]; var s = new double[n]; var z = new double[n]; var w = new double[n];
        var d = new double[n]; var dx = new double[n]; var ds = new double[n]; var dz = new double[n];
        var dw = new double[n]; var dr = new double[n]; var c = new double[n];
        var yv = new double[p]; var dy = new double[p]; var rhs = new double[p]; var b = new double[p];
        var ada = new double[p * p];
        var partialMat = new double[blocks * p * p];
        var partialVec = new double[blocks * p];
        var partialScalars = new double[blocks * 7];
        var partialMin = new double[blocks * 2];

        for (int i = 0; i < n; i++) { c[i] = -design.Y[i]; x[i] = 1 - tau; }
        // b = (1 − τ) Xᵀ1 and y = X c ... then the first least-squares step y = (XᵀX)⁻¹ Xᵀc
        var colSums = design.TransposeMultiply(Ones(n));
        for (int j = 0; j < p; j++) b[j] = (1 - tau) * colSums[j];
        var xc = design.TransposeMultiply(c);
        Array.Copy(xc, yv, p);
        Array.Fill(d, 1.0);
        Array.Copy(design.Gram(d), ada, p * p);
        if (!SmallMatrix.Cholesky(ada, p)) throw Singular();
        SmallMatrix.CholeskySolve(ada, p, yv);

        // s = c − Xᵀ... (residual of the dual), z, w start from its positive and negative parts
        design.ForEachBlock((_, start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                double si = c[i] - Dot(a, i, p, yv);
                if (Math.Abs(si) < Epsilon)
                {
                    z[i] = Math.Max(si, 0) + Epsilon;
                    w[i] = Math.Max(-si, 0) + Epsilon;
                }
                else
                {
                    z[i] = Math.Max(si, 0);
                    w[i] = Math.Max(-si, 0);
                }
                s[i] = 1 - x[i];
            }
        });
        double gap = SumBlocks(design, partialScalars, (start, end) =>
        {
            double g = 0;
            for (int i = start; i < end; i++) g += z[i] * x[i] + w[i] * s[i];
            return g;
        });

        int it = 0;
        while (gap > Epsilon && it < MaxIterations)
        {
            it++;
            // affine-scaling (predictor) direction
            design.ForEachBlock((blk, start, end) =>
            {
                var acc = new Span<double>(partialMat, blk * p * p, p * p);
                acc.Clear();
                var vec = new Span<double>(partialVec, blk * p, p);
                vec.Clear();
                for (int i = start; i < end; i++)
                {
                    double di = 1 / (z[i] / x[i] + w[i] / s[i]);
                    d[i] = di;
                    double dsi = z[i] - w[i];
                    ds[i] = dsi;
                    double dzi = di * dsi;
                    dz[i] = dzi;
                    double coef = dzi - x[i];
                    int o = i * p;
                    for (int q = 0; q < p; q++)
                    {
                        double aq = a[o + q];
                        vec[q] += aq * coef;
                        double va = di * aq;
                        int r = q * p;
                        for (int k = q; k < p; k++) acc[r + k] += va * a[o + k];
                    }
                }
            });
            CombineNormal(partialMat, partialVec, p, blocks, ada, dy, b);
            Array.Copy(dy, rhs, p);
            if (!SmallMatrix.Cholesky(ada, p)) throw Singular();
            SmallMatrix.CholeskySolve(ada, p, dy);

            (double deltap, double deltad) = StepLengths(design, partialMin, (start, end, mins) =>
            {
                double dp = double.MaxValue, dd = double.MaxValue;
                for (int i = start; i < end; i++)
                {
                    double dsi = Dot(a, i, p, dy) - ds[i];
                    double dxi = d[i] * dsi;
                    dx[i] = dxi;
                    dsi = -dxi;
                    ds[i] = dsi;
                    double dzi = -z[i] * (dxi / x[i] + 1);
                    double dwi = -w[i] * (dsi / s[i] + 1);
                    dz[i] = dzi;
                    dw[i] = dwi;
                    if (dxi < 0) dp = Math.Min(dp, -x[i] / dxi);
                    if (dsi < 0) dp = Math.Min(dp, -s[i] / dsi);
                    if (dzi < 0) dd = Math.Min(dd, -z[i] / dzi);
                    if (dwi < 0) dd = Math.Min(dd, -w[i] / dwi);
                }
                mins[0] = dp;
                mins[1] = dd;
            });
            deltap = Math.Min(Beta * deltap, 1);
            deltad = Math.Min(Beta * deltad, 1);

            if (Math.Min(deltap, deltad) < 1)
            {
                // centering-corrector (Mehrotra) direction
                double dpl = deltap, ddl = deltad;
                double mu0 = 0, gsum = 0;
                SumBlocksVector(design, partialScalars, 2, (start, end, acc) =>
                {
                    double m0 = 0, g0 = 0;
                    for (int i = start; i < end; i++)
                    {
                        double xz = x[i] * z[i] + s[i] * w[i];
                        m0 += xz;
                        g0 += xz + dpl * dx[i] * z[i] + ddl * dz[i] * x[i] + dpl * ddl * dz[i] * dx[i]
                              + dpl * ds[i] * w[i] + ddl * dw[i] * s[i] + dpl * ddl * ds[i] * dw[i];
                    }
                    acc[0] = m0;
                    acc[1] = g0;
                }, out var sums);
                mu0 = sums[0];
                gsum = sums[1];
                double mu = mu0 * Math.Pow(gsum / mu0, 3) / (2.0 * n);
                design.ForEachBlock((blk, start, end) =>
                {
                    var vec = new Span<double>(partialVec, blk * p, p);
                    vec.Clear();
                    for (int i = start; i < end; i++)
                    {
                        double dri = d[i] * (mu * (1 / s[i] - 1 / x[i]) + dx[i] * dz[i] / x[i] - ds[i] * dw[i] / s[i]);
                        dr[i] = dri;
                        int o = i * p;
                        for (int q = 0; q < p; q++) vec[q] += a[o + q] * dri;
                    }
                });
                // dy = rhs + X dr, solved with the same factor
                for (int q = 0; q < p; q++)
                {
                    double v = rhs[q];
                    for (int blk = 0; blk < blocks; blk++) v += partialVec[blk * p + q];
                    dy[q] = v;
                }
                SmallMatrix.CholeskySolve(ada, p, dy);
                (deltap, deltad) = StepLengths(design, partialMin, (start, end, mins) =>
                {
                    double dp = double.MaxValue, dd = double.MaxValue;
                    for (int i = start; i < end; i++)
                    {
                        double ui = Dot(a, i, p, dy);
                        double dxdz = dx[i] * dz[i];
                        double dsdw = ds[i] * dw[i];
                        double dxi = d[i] * (ui - z[i] + w[i]) - dr[i];
                        double dsi = -dxi;
                        double dzi = -z[i] + (mu - z[i] * dxi - dxdz) / x[i];
                        double dwi = -w[i] + (mu - w[i] * dsi - dsdw) / s[i];
                        dx[i] = dxi; ds[i] = dsi; dz[i] = dzi; dw[i] = dwi;
                        if (dxi < 0) dp = Math.Min(dp, -x[i] / dxi);
                        if (dsi < 0) dp = Math.Min(dp, -s[i] / dsi);
                        if (dzi < 0) dd = Math.Min(dd, -z[i] / dzi);
                        if (dwi < 0) dd = Math.Min(dd, -w[i] / dwi);
                    }
                    mins[0] = dp;
                    mins[1] = dd;
                });
                deltap = Math.Min(Beta * deltap, 1);
                deltad = Math.Min(Beta * deltad, 1);
            }
            double sp = deltap, sd = deltad;
            for (int q = 0; q < p; q++) yv[q] += sd * dy[q];
            gap = SumBlocks(design, partialScalars, (start, end) =>
            {
                double g = 0;
                for (int i = start; i < end; i++)
                {
                    x[i] += sp * dx[i];
                    s[i] += sp * ds[i];
                    z[i] += sd * dz[i];
                    w[i] += sd * dw[i];
                    g += z[i] * x[i] + w[i] * s[i];
                }
                return g;
            });
        }
        var coef = new double[p];
        for (int q = 0; q < p; q++) coef[q] = -yv[q];
        return new FrischNewtonSolution(coef, it, gap <= Epsilon);
    }

    private static Models.InputException Singular() =>
        new("The Frisch–Newton normal matrix XᵀDX is not positive definite: the design is (nearly) singular.");

    private static double[] Ones(int n)
    {
        var o = new double[n];
        Array.Fill(o, 1.0);
        return o;
    }

    private static double Dot(double[] a, int i, int p, double[] v)
    {
        int o = i * p;
        double r = 0;
        for (int q = 0; q < p; q++) r += a[o + q] * v[q];
        return r;
    }

    private static void CombineNormal(double[] partialMat, double[] partialVec, int p, int blocks, double[] ada,
        double[] dy, double[] b)
    {
        Array.Clear(ada);
        for (int blk = 0; blk < blocks; blk++)
            for (int k = 0; k < p * p; k++) ada[k] += partialMat[blk * p * p + k];
        for (int q = 0; q < p; q++)
            for (int k = 0; k < q; k++) ada[q * p + k] = ada[k * p + q];
        for (int q = 0; q < p; q++)
        {
            double v = b[q];
            for (int blk = 0; blk < blocks; blk++) v += partialVec[blk * p + q];
            dy[q] = v;
        }
    }

    private static double SumBlocks(DesignMatrix design, double[] partial, Func<int, int, double> body)
    {
        design.ForEachBlock((blk, start, end) => partial[blk] = body(start, end));
        double total = 0;
        for (int blk = 0; blk < design.BlockCount; blk++) total += partial[blk];
        return total;
    }

    private static void SumBlocksVector(DesignMatrix design, double[] partial, int width,
        Action<int, int, Span<double>> body, out double[] sums)
    {
        design.ForEachBlock((blk, start, end) => body(start, end, new Span<double>(partial, blk * width, width)));
        sums = new double[width];
        for (int blk = 0; blk < design.BlockCount; blk++)
            for (int k = 0; k < width; k++) sums[k] += partial[blk * width + k];
    }

    private static (double Primal, double Dual) StepLengths(DesignMatrix design, double[] partialMin,
        Action<int, int, Span<double>> body)
    {
        design.ForEachBlock((blk, start, end) => body(start, end, new Span<double>(partialMin, blk * 2, 2)));
        double dp = 1e20, dd = 1e20;
        for (int blk = 0; blk < design.BlockCount; blk++)
        {
            dp = Math.Min(dp, partialMin[blk * 2]);
            dd = Math.Min(dd, partialMin[blk * 2 + 1]);
        }
        return (dp, dd);
    }
}
