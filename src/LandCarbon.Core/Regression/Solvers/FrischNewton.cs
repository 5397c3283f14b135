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
        var st = new State(design, tau);
        return st.Run();
    }

    /// <summary>Arrays of one solve. Every per-row pass copies the fields it uses into locals first, so the hot
    /// loops run on locals (no closure or field reloads).</summary>
    private sealed class State
    {
        private readonly DesignMatrix _design;
        private readonly int _n, _p, _blocks;
        private readonly double _tau;
        private readonly double[] _a, _x, _s, _z, _w, _d, _dx, _ds, _dz, _dw, _dr, _c;
        private readonly double[] _yv, _dy, _rhs, _b, _ada, _partialMat, _partialVec, _partialScalars;
        private double _dpl, _ddl, _mu;

        /// <summary>Per-block scalars: [0] sum, [2] primal step, [3] dual step, [4..7] the four sums of the
        /// centering term g(δp, δd) = S4 + δp·S5 + δd·S6 + δp·δd·S7.</summary>
        private const int Stride = 8;

        public State(DesignMatrix design, double tau)
        {
            _design = design;
            _n = design.N; _p = design.P; _blocks = design.BlockCount; _tau = tau;
            _a = design.Values;
            int n = _n, p = _p;
            _x = new double[n]; _s = new double[n]; _z = new double[n]; _w = new double[n]; _d = new double[n];
            _dx = new double[n]; _ds = new double[n]; _dz = new double[n]; _dw = new double[n]; _dr = new double[n];
            _c = new double[n];
            _yv = new double[p]; _dy = new double[p]; _rhs = new double[p]; _b = new double[p];
            _ada = new double[p * p];
            _partialMat = new double[_blocks * p * p];
            _partialVec = new double[_blocks * p];
            _partialScalars = new double[_blocks * Stride];
        }

        public FrischNewtonSolution Run()
        {
            int n = _n, p = _p;
            double tau = _tau;
            for (int i = 0; i < n; i++) { _c[i] = -_design.Y[i]; _x[i] = 1 - tau; }
            var ones = new double[n];
            Array.Fill(ones, 1.0);
            var colSums = _design.TransposeMultiply(ones);
            for (int j = 0; j < p; j++) _b[j] = (1 - tau) * colSums[j];
            // y = (XᵀX)⁻¹ Xᵀc, then z, w from the positive and negative parts of c − Xy
            Array.Copy(_design.TransposeMultiply(_c), _yv, p);
            Array.Copy(_design.Gram(null), _ada, p * p);
            if (!SmallMatrix.Cholesky(_ada, p)) throw Singular();
            SmallMatrix.CholeskySolve(_ada, p, _yv);
            _design.ForEachBlock((_, start, end) => Start(start, end));
            double gap = Sum((blk, start, end) => Gap(start, end));

            int it = 0;
            while (gap > Epsilon && it < MaxIterations)
            {
                it++;
                // affine-scaling (predictor) direction: XᵀDX and b − Xx + X dz in one pass
                _design.ForEachBlock(Predictor);
                CombineNormal();
                Array.Copy(_dy, _rhs, p);
                if (!SmallMatrix.Cholesky(_ada, p)) throw Singular();
                SmallMatrix.CholeskySolve(_ada, p, _dy);
                var (deltap, deltad) = Steps(PredictorSteps);
                if (Math.Min(deltap, deltad) < 1)
                {
                    // centering-corrector (Mehrotra) direction, solved with the same factor
                    double s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                    for (int blk = 0; blk < _blocks; blk++)
                    {
                        int o = blk * Stride;
                        s4 += _partialScalars[o + 4]; s5 += _partialScalars[o + 5]; s6 += _partialScalars[o + 6]; s7 += _partialScalars[o + 7];
                    }
                    double mu0 = s4, g = s4 + deltap * s5 + deltad * s6 + deltap * deltad * s7;
                    _mu = mu0 * Math.Pow(g / mu0, 3) / (2.0 * n);
                    _design.ForEachBlock(Corrector);
                    for (int q = 0; q < p; q++)
                    {
                        double v = _rhs[q];
                        for (int blk = 0; blk < _blocks; blk++) v += _partialVec[blk * p + q];
                        _dy[q] = v;
                    }
                    SmallMatrix.CholeskySolve(_ada, p, _dy);
                    (deltap, deltad) = Steps(CorrectorSteps);
                }
                _dpl = deltap;
                _ddl = deltad;
                for (int q = 0; q < p; q++) _yv[q] += deltad * _dy[q];
                gap = Sum((blk, start, end) => Update(start, end));
            }
            var coef = new double[p];
            for (int q = 0; q < p; q++) coef[q] = -_yv[q];
            return new FrischNewtonSolution(coef, it, gap <= Epsilon);
        }

        private double Sum(Func<int, int, int, double> body)
        {
            _design.ForEachBlock((blk, start, end) => _partialScalars[blk * Stride] = body(blk, start, end));
            double total = 0;
            for (int blk = 0; blk < _blocks; blk++) total += _partialScalars[blk * Stride];
            return total;
        }

        private (double Primal, double Dual) Steps(Action<int, int, int> body)
        {
            _design.ForEachBlock(body);
            double dp = 1e20, dd = 1e20;
            for (int blk = 0; blk < _blocks; blk++)
            {
                dp = Math.Min(dp, _partialScalars[blk * Stride + 2]);
                dd = Math.Min(dd, _partialScalars[blk * Stride + 3]);
            }
            return (Math.Min(Beta * dp, 1), Math.Min(Beta * dd, 1));
        }

        private void CombineNormal()
        {
            int p = _p;
            var ada = _ada;
            Array.Clear(ada);
            for (int blk = 0; blk < _blocks; blk++)
                for (int k = 0; k < p * p; k++) ada[k] += _partialMat[blk * p * p + k];
            for (int q = 0; q < p; q++)
                for (int k = 0; k < q; k++) ada[q * p + k] = ada[k * p + q];
            for (int q = 0; q < p; q++)
            {
                double v = _b[q];
                for (int blk = 0; blk < _blocks; blk++) v += _partialVec[blk * p + q];
                _dy[q] = v;
            }
        }

        private void Start(int start, int end)
        {
            int p = _p;
            double[] a = _a, c = _c, z = _z, w = _w, s = _s, x = _x, yv = _yv;
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
        }

        private double Gap(int start, int end)
        {
            double[] z = _z, w = _w, s = _s, x = _x;
            double g = 0;
            for (int i = start; i < end; i++) g += z[i] * x[i] + w[i] * s[i];
            return g;
        }

        private void Predictor(int blk, int start, int end)
        {
            int p = _p;
            double[] a = _a, x = _x, z = _z, w = _w, s = _s, d = _d, ds = _ds, dz = _dz;
            var acc = new Span<double>(_partialMat, blk * p * p, p * p);
            acc.Clear();
            var vec = new Span<double>(_partialVec, blk * p, p);
            vec.Clear();
            Span<double> row = stackalloc double[p];
            for (int i = start; i < end; i++)
            {
                double xi = x[i];
                double di = 1 / (z[i] / xi + w[i] / s[i]);
                d[i] = di;
                double dsi = z[i] - w[i];
                ds[i] = dsi;
                double dzi = di * dsi;
                dz[i] = dzi;
                double coef = dzi - xi;
                new ReadOnlySpan<double>(a, i * p, p).CopyTo(row);
                for (int q = 0; q < p; q++)
                {
                    double aq = row[q];
                    vec[q] += aq * coef;
                    double va = di * aq;
                    var accRow = acc.Slice(q * p, p);
                    for (int k = q; k < p; k++) accRow[k] += va * row[k];
                }
            }
        }

        private void PredictorSteps(int blk, int start, int end)
        {
            int p = _p;
            double[] a = _a, x = _x, z = _z, w = _w, s = _s, d = _d, dx = _dx, ds = _ds, dz = _dz, dw = _dw, dy = _dy;
            double dp = double.MaxValue, dd = double.MaxValue, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
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
                double xi = x[i], si = s[i], zi = z[i], wi = w[i];
                s4 += xi * zi + si * wi;
                s5 += dxi * zi + dsi * wi;
                s6 += dzi * xi + dwi * si;
                s7 += dzi * dxi + dsi * dwi;
                if (dxi < 0) dp = Math.Min(dp, -x[i] / dxi);
                if (dsi < 0) dp = Math.Min(dp, -s[i] / dsi);
                if (dzi < 0) dd = Math.Min(dd, -z[i] / dzi);
                if (dwi < 0) dd = Math.Min(dd, -w[i] / dwi);
            }
            int o = blk * Stride;
            _partialScalars[o + 2] = dp;
            _partialScalars[o + 3] = dd;
            _partialScalars[o + 4] = s4;
            _partialScalars[o + 5] = s5;
            _partialScalars[o + 6] = s6;
            _partialScalars[o + 7] = s7;
        }

        private void Corrector(int blk, int start, int end)
        {
            int p = _p;
            double[] a = _a, x = _x, s = _s, d = _d, dx = _dx, ds = _ds, dz = _dz, dw = _dw, dr = _dr;
            double mu = _mu;
            var vec = new Span<double>(_partialVec, blk * p, p);
            vec.Clear();
            for (int i = start; i < end; i++)
            {
                double dri = d[i] * (mu * (1 / s[i] - 1 / x[i]) + dx[i] * dz[i] / x[i] - ds[i] * dw[i] / s[i]);
                dr[i] = dri;
                var row = new ReadOnlySpan<double>(a, i * p, p);
                for (int q = 0; q < row.Length; q++) vec[q] += row[q] * dri;
            }
        }

        private void CorrectorSteps(int blk, int start, int end)
        {
            int p = _p;
            double[] a = _a, x = _x, z = _z, w = _w, s = _s, d = _d, dx = _dx, ds = _ds, dz = _dz, dw = _dw, dr = _dr, dy = _dy;
            double mu = _mu, dp = double.MaxValue, dd = double.MaxValue;
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
            _partialScalars[blk * Stride + 2] = dp;
            _partialScalars[blk * Stride + 3] = dd;
        }

        private double Update(int start, int end)
        {
            double[] x = _x, z = _z, w = _w, s = _s, dx = _dx, ds = _ds, dz = _dz, dw = _dw;
            double sp = _dpl, sd = _ddl, g = 0;
            for (int i = start; i < end; i++)
            {
                double xi = x[i] + sp * dx[i], si = s[i] + sp * ds[i], zi = z[i] + sd * dz[i], wi = w[i] + sd * dw[i];
                x[i] = xi; s[i] = si; z[i] = zi; w[i] = wi;
                g += zi * xi + wi * si;
            }
            return g;
        }
    }

    private static Models.InputException Singular() =>
        new("The Frisch–Newton normal matrix XᵀDX is not positive definite: the design is (nearly) singular.");

    private static double Dot(double[] a, int i, int p, double[] v)
    {
        int o = i * p;
        double r = 0;
        for (int q = 0; q < p; q++) r += a[o + q] * v[q];
        return r;
    }
}
