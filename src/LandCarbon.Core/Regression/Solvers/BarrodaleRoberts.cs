namespace LandCarbon.Core.Regression.Solvers;

/// <summary>What the Barrodale–Roberts solver returns.</summary>
/// <param name="Coefficients">β̂(τ), length p.</param>
/// <param name="Dual">The dual solution â_i ∈ [0, 1] (regression rank scores at τ), length n.</param>
/// <param name="NonUnique">True when the solution may be non-unique (quantreg's flag 1).</param>
/// <param name="Premature">True when the simplex stopped early (quantreg's flag 2: conditioning problem in X).</param>
/// <param name="IntervalBounds">With rank intervals requested: 4 × p values (row-major by bound), the four
/// quantreg rank-inversion bounds per coefficient (lower outer, lower inner, upper inner, upper outer).</param>
/// <param name="TestStatistics">The rank test statistics at those four bounds (same layout).</param>
internal sealed record BarrodaleRobertsSolution(
    double[] Coefficients, double[] Dual, bool NonUnique, bool Premature, double[]? IntervalBounds, double[]? TestStatistics);

/// <summary>
/// The Barrodale–Roberts simplex for the ℓ1 / quantile regression linear program, in the modified form of
/// Koenker and d'Orey (1987, AS 229) that quantreg's <c>rq.fit.br</c> uses, including the parametric
/// inversion of the regression rank-score test for confidence intervals (Koenker 1994). The pivoting rules and
/// tolerances follow quantreg so that the same vertex is chosen when the solution is not unique. Exact:
/// the solution interpolates p observations. Cost grows faster than linear in n; use Frisch–Newton for n ≳ 10⁵.
/// </summary>
internal static class BarrodaleRoberts
{
    /// <summary>quantreg's tolerance: machine epsilon^(2/3).</summary>
    public static readonly double Tolerance = Math.Pow(2.220446049250313e-16, 2.0 / 3.0);

    /// <summary>
    /// Solves min Σ ρ_τ(y − Xβ). With <paramref name="qn"/> (length p) and <paramref name="cutoff"/>, also inverts
    /// the rank test for every coefficient: the interval of values b for which |T_n(b)| &lt; cutoff, where
    /// T_n = Σ x_ij (â_i + τ − 1) / sqrt(qn_j τ(1−τ)).
    /// </summary>
    public static BarrodaleRobertsSolution Solve(DesignMatrix design, double tau, double[]? qn = null, double cutoff = 0)
        => Solve(design.Values, design.Y, design.N, design.P, tau, qn, cutoff);

    /// <summary>Row-major overload (x is n × p).</summary>
    public static BarrodaleRobertsSolution Solve(double[] x, double[] y, int n, int p, double tau, double[]? qn, double cutoff)
    {
        var s = new State(x, y, n, p, tau, qn, cutoff);
        s.Run();
        return new BarrodaleRobertsSolution(s.Coef(), s.DualSolution(), s.Flag == 1, s.Flag == 2,
            s.Lci1 ? s.Ci : null, s.Lci1 ? s.Tnmat : null);
    }

    /// <summary>The tableau and bookkeeping of one solve (indices are 1-based as in the published algorithm).</summary>
    private sealed class State
    {
        private readonly double[] _a;   // n × p row-major: a(i,j) = _a[(i-1)*nn + j-1]
        private readonly double[] _b;
        private readonly int _m, _nn, _ld;
        private readonly double[] _wa;  // (m+6) × ld, wa(i,j) = _wa[i*ld + j]
        private readonly double[] _wb;
        private readonly int[] _s;
        private readonly double[] _x;
        private readonly double[] _dsol0, _dsol1;
        private readonly double[] _sol1, _sol2;
        private readonly double[] _qn;
        private readonly double _cutoff, _t, _toler = Tolerance, _big = double.MaxValue;
        public readonly bool Lci1;
        public readonly double[] Ci, Tnmat;
        public int Flag;

        public State(double[] x, double[] y, int n, int p, double tau, double[]? qn, double cutoff)
        {
            _a = x; _b = y; _m = n; _nn = p; _t = tau;
            Lci1 = qn is not null && p > 1;
            _qn = qn ?? new double[p];
            _cutoff = cutoff;
            _ld = p + 5;
            _wa = new double[(long)(n + 6) * _ld];
            _wb = new double[n + 1];
            _s = new int[n + 1];
            _x = new double[p + 1];
            _dsol0 = new double[n + 1];
            _dsol1 = new double[n + 1];
            _sol1 = new double[p + 4];
            _sol2 = new double[p + 4];
            Ci = new double[4 * p];
            Tnmat = new double[4 * p];
        }

        private ref double W(int i, int j) => ref _wa[i * _ld + j];
        private double A(int i, int j) => _a[(i - 1) * _nn + j - 1];
        private static double Sign(double v) => Math.CopySign(1.0, v);
        private ref double CiAt(int row, int j) => ref Ci[(row - 1) * _nn + j - 1];
        private ref double TnAt(int row, int j) => ref Tnmat[(row - 1) * _nn + j - 1];

        public double[] Coef()
        {
            var c = new double[_nn];
            for (int j = 1; j <= _nn; j++) c[j - 1] = _x[j];
            return c;
        }

        public double[] DualSolution()
        {
            var d = new double[_m];
            for (int i = 1; i <= _m; i++) d[i - 1] = _dsol1[i];
            return d;
        }

        public void Run()
        {
            int m = _m, nn = _nn, n = nn;
            int n1 = n + 1, n2 = n + 2, n3 = n + 3, n4 = n + 4;
            int m1 = m + 1, m2 = m + 2, m3 = m + 3, m4 = m + 4, m5 = m + 5;
            double toler = _toler, big = _big, t = _t;
            bool lci2 = false, lup = true, init, stage = false, test = false;
            int idxcf = 0, kr = 1, kl = 1, kount, jin = 0, outRow = 0;
            double tnew = 0, told = 0, tn, smax = 0;

            while (true) // one solve of the (possibly reduced, parametric) problem
            {
                for (int i = 1; i <= m; i++)
                {
                    int k = 1;
                    for (int j = 1; j <= nn; j++)
                    {
                        if (k > nn || j == idxcf) continue;
                        W(i, k) = A(i, j);
                        k++;
                    }
                    W(i, n4) = n + i;
                    W(i, n2) = _b[i - 1];
                    W(i, n3) = idxcf != 0 ? tnew * A(i, idxcf) : 0;
                    W(i, n1) = W(i, n2) - W(i, n3);
                    if (W(i, n1) < 0)
                        for (int j = 1; j <= n4; j++) W(i, j) = -W(i, j);
                }
                for (int j = 1; j <= n; j++)
                {
                    W(m4, j) = j;
                    double s2 = 0, s3 = 0;
                    for (int i = 1; i <= m; i++)
                    {
                        double aux = W(i, j);
                        double sg = Sign(W(i, n4));
                        s2 += aux * (1 - sg);
                        s3 += aux * sg;
                    }
                    W(m2, j) = s2;
                    W(m3, j) = 2 * s3;
                }
                init = false;
                if (!lci2)
                    for (int k = 1; k <= n; k++)
                    {
                        double sum = 0;
                        for (int i = 1; i <= m; i++) sum += A(i, k);
                        W(m5, k) = sum / m;
                    }
                kount = 0;

                bool premature = false;
                bool nextOuter = false;
                while (true) // parametric steps (only repeated while inverting the rank test)
                {
                    for (int j = 1; j <= n; j++) W(m1, j) = W(m2, j) + W(m3, j) * t;
                    bool gotoStage1 = false;
                    if (!init)
                    {
                        stage = true;
                        kr = 1;
                        kl = 1;
                        gotoStage1 = true;
                    }
                    // Stage 1 brings the p columns of X into the basis; stage 2 improves the objective.
                    bool done = false;
                    while (!done)
                    {
                        if (!gotoStage1)
                        {
                            stage = false;
                            // choose the entering column
                            double max = -big;
                            for (int j = kr; j <= n; j++)
                            {
                                double d = W(m1, j);
                                if (d < 0)
                                {
                                    if (d > -2) continue;
                                    d = -d - 2;
                                }
                                if (d > max) { max = d; jin = j; }
                            }
                            if (max <= toler) { done = true; break; }
                            if (W(m1, jin) <= 0)
                            {
                                for (int i = 1; i <= m4; i++) W(i, jin) = -W(i, jin);
                                W(m1, jin) -= 2;
                                W(m2, jin) -= 2;
                            }
                        }
                        // inner loop: ratio tests and pivots until a new entering column is needed
                        while (true)
                        {
                            if (gotoStage1)
                            {
                                gotoStage1 = false;
                                SelectStage1Column(kr, n, m1, m4, ref jin);
                                continue;
                            }
                            int kk = 0;
                            for (int i = kl; i <= m; i++)
                            {
                                double d = W(i, jin);
                                if (d > toler)
                                {
                                    kk++;
                                    _wb[kk] = W(i, n1) / d;
                                    _s[kk] = i;
                                    test = true;
                                }
                            }
                            bool pivotNow = false;
                            bool swapColumn = false;
                            while (true)
                            {
                                if (kk <= 0) test = false;
                                else
                                {
                                    double min = big;
                                    int jj = 0;
                                    for (int i = 1; i <= kk; i++)
                                        if (_wb[i] < min) { jj = i; min = _wb[i]; outRow = _s[i]; }
                                    _wb[jj] = _wb[kk];
                                    _s[jj] = _s[kk];
                                    kk--;
                                }
                                if (!test && stage) { swapColumn = true; break; }
                                if (!test) { premature = true; break; }
                                double pv = W(outRow, jin);
                                if (W(m1, jin) - pv - pv <= toler) { pivotNow = true; break; }
                                for (int j = kr; j <= n3; j++)
                                {
                                    double d = W(outRow, j);
                                    W(m1, j) -= d + d;
                                    W(m2, j) -= d + d;
                                    W(outRow, j) = -d;
                                }
                                W(outRow, n4) = -W(outRow, n4);
                            }
                            if (premature) break;
                            if (swapColumn)
                            {
                                for (int i = 1; i <= m4; i++) (W(i, kr), W(i, jin)) = (W(i, jin), W(i, kr));
                                kr++;
                            }
                            else if (pivotNow)
                            {
                                Pivot(outRow, jin, kr, n3, n4, m3, m4);
                                kount++;
                                if (!stage) break; // stage 2: choose the next entering column
                                kl++;
                                for (int j = kr; j <= n4; j++) (W(outRow, j), W(kount, j)) = (W(kount, j), W(outRow, j));
                            }
                            if (kount + kr == n1) break;
                            SelectStage1Column(kr, n, m1, m4, ref jin);
                        }
                        if (premature) break;
                    }
                    if (premature) break;

                    // optimal: flag possible non-uniqueness, then read the primal and dual solutions
                    if (kr == 1)
                        for (int j = 1; j <= n; j++)
                        {
                            double d = Math.Abs(W(m1, j));
                            if (d <= toler || 2 - d <= toler) { Flag = 1; break; }
                        }
                    if (!lci2)
                        for (int i = 1; i <= kl - 1; i++)
                        {
                            int k = (int)(W(i, n4) * Sign(W(i, n4)));
                            _x[k] = W(i, n1) * Sign(W(i, n4));
                        }
                    var dsol = _dsol0;
                    for (int i = 1; i <= n; i++)
                    {
                        int kd = (int)Math.Abs(W(m4, i)) - n;
                        dsol[kd] = 1 + W(m1, i) / 2;
                        if (W(m4, i) < 0) dsol[kd] = 1 - dsol[kd];
                    }
                    for (int i = kl; i <= m; i++)
                    {
                        int kd = (int)Math.Abs(W(i, n4)) - n;
                        if (W(i, n4) < 0) dsol[kd] = 0;
                        if (W(i, n4) > 0) dsol[kd] = 1;
                    }
                    if (!lci2) Array.Copy(_dsol0, _dsol1, _dsol0.Length);
                    if (lci2)
                    {
                        double a1 = 0;
                        for (int i = 1; i <= m; i++) a1 += A(i, idxcf) * (dsol[i] + t - 1);
                        tn = a1 / Math.Sqrt(_qn[idxcf - 1] * t * (1 - t));
                        if (Math.Abs(tn) < _cutoff)
                        {
                            smax = lup ? big : -big;
                            for (int i = 1; i <= kl - 1; i++)
                            {
                                int k = (int)(W(i, n4) * Sign(W(i, n4)));
                                _sol1[k] = W(i, n2) * Sign(W(i, n4));
                                _sol2[k] = W(i, n3) * Sign(W(i, n4)) / tnew;
                            }
                            for (int i = kl; i <= m; i++)
                            {
                                double aa = 0, bb = 0;
                                int k = (int)(W(i, n4) * Sign(W(i, n4))) - n;
                                int l = 1;
                                for (int j = 1; j <= n; j++)
                                {
                                    if (j == idxcf) l++;
                                    aa += A(k, l) * _sol1[j];
                                    bb += A(k, l) * _sol2[j];
                                    l++;
                                }
                                double tnt = (_b[k - 1] - aa) / (A(k, idxcf) - bb);
                                if (lup) { if (tnt > tnew && tnt < smax) { smax = tnt; outRow = i; } }
                                else if (tnt < tnew && tnt > smax) { smax = tnt; outRow = i; }
                            }
                            if (lup)
                            {
                                told = tnew;
                                tnew = smax + toler;
                                CiAt(3, idxcf) = told - toler;
                                TnAt(3, idxcf) = tn;
                                if (!(tnew < big - toler))
                                {
                                    // no finite upper bound: record it and search downwards
                                    CiAt(3, idxcf) = big; CiAt(4, idxcf) = big;
                                    TnAt(3, idxcf) = tn; TnAt(4, idxcf) = tn;
                                    lup = false;
                                    StartBound(ref tnew, ref told, lup, idxcf);
                                    nextOuter = true;
                                    break;
                                }
                            }
                            else
                            {
                                told = tnew;
                                tnew = smax - toler;
                                CiAt(2, idxcf) = told + toler;
                                TnAt(2, idxcf) = tn;
                                if (!(tnew > -big + toler))
                                {
                                    // no finite lower bound: record it and go to the next coefficient
                                    CiAt(2, idxcf) = -big; CiAt(1, idxcf) = -big;
                                    TnAt(2, idxcf) = tn; TnAt(1, idxcf) = tn;
                                    lup = true;
                                    idxcf++;
                                    if (idxcf > nn) return;
                                    StartBound(ref tnew, ref told, lup, idxcf);
                                    nextOuter = true;
                                    break;
                                }
                            }
                            for (int i = 1; i <= m; i++)
                            {
                                W(i, n3) = W(i, n3) / told * tnew;
                                W(i, n1) = W(i, n2) - W(i, n3);
                            }
                            for (int j = kr; j <= n3; j++)
                            {
                                double d = W(outRow, j);
                                W(m1, j) -= d + d;
                                W(m2, j) -= d + d;
                                W(outRow, j) = -d;
                            }
                            W(outRow, n4) = -W(outRow, n4);
                            init = true;
                            continue; // next parametric step
                        }
                        if (lup)
                        {
                            CiAt(4, idxcf) = tnew - toler;
                            TnAt(4, idxcf) = tn;
                            lup = false;
                        }
                        else
                        {
                            CiAt(1, idxcf) = tnew + toler;
                            TnAt(1, idxcf) = tn;
                            lup = true;
                            idxcf++;
                            if (idxcf > nn) return;
                        }
                        StartBound(ref tnew, ref told, lup, idxcf);
                        nextOuter = true;
                        break;
                    }
                    break; // not inverting: the solution is final
                }
                if (nextOuter) continue;
                if (premature) { Flag = 2; return; }
                // finished the ordinary solve; start the rank inversion if asked
                if (!Lci1) return;
                lci2 = true;
                n = nn - 1; n1 = n + 1; n2 = n + 2; n3 = n + 3; n4 = n + 4;
                idxcf = 1;
                StartBound(ref tnew, ref told, lup, idxcf);
            }
        }

        private void StartBound(ref double tnew, ref double told, bool lup, int idxcf)
        {
            if (lup)
            {
                tnew = _x[idxcf] + _toler;
                told = tnew;
                CiAt(3, idxcf) = _x[idxcf];
                TnAt(3, idxcf) = 0;
            }
            else
            {
                tnew = _x[idxcf] - _toler;
                told = tnew;
                CiAt(2, idxcf) = _x[idxcf];
                TnAt(2, idxcf) = 0;
            }
        }

        private void SelectStage1Column(int kr, int n, int m1, int m4, ref int jin)
        {
            double max = -1;
            for (int j = kr; j <= n; j++)
            {
                if (Math.Abs(W(m4, j)) <= n)
                {
                    double d = Math.Abs(W(m1, j));
                    if (d > max) { max = d; jin = j; }
                }
            }
            if (W(m1, jin) < 0)
                for (int i = 1; i <= m4; i++) W(i, jin) = -W(i, jin);
        }

        private void Pivot(int outRow, int jin, int kr, int n3, int n4, int m3, int m4)
        {
            double pivot = W(outRow, jin);
            int ld = _ld;
            var wa = _wa;
            int ro = outRow * ld;
            for (int j = kr; j <= n3; j++)
                if (j != jin) wa[ro + j] /= pivot;
            for (int i = 1; i <= m3; i++)
            {
                if (i == outRow) continue;
                int io = i * ld;
                double d = wa[io + jin];
                if (d == 0) continue;
                for (int j = kr; j <= n3; j++)
                    if (j != jin) wa[io + j] -= d * wa[ro + j];
            }
            for (int i = 1; i <= m3; i++)
                if (i != outRow) W(i, jin) = -W(i, jin) / pivot;
            W(outRow, jin) = 1 / pivot;
            double t = W(outRow, n4);
            W(outRow, n4) = W(m4, jin);
            W(m4, jin) = t;
        }
    }
}
