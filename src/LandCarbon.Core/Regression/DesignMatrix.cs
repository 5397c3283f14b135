using LandCarbon.Core.Models;

namespace LandCarbon.Core.Regression;

/// <summary>
/// A dense design matrix stored row by row (n × p, row i at <c>Values[i*p .. i*p+p)</c>) with the response, after
/// rows with a NaN or infinite value were dropped. Products over rows run in parallel over fixed blocks of
/// <see cref="BlockRows"/> rows whose partial results are combined in block order, so every result is identical
/// for any thread count.
/// </summary>
internal sealed class DesignMatrix
{
    /// <summary>Rows per parallel block (fixed: the combination order depends only on n).</summary>
    public const int BlockRows = 16384;

    public DesignMatrix(double[] values, double[] y, int n, int p, string[] terms, int droppedRows, int maxThreads)
    {
        Values = values;
        Y = y;
        N = n;
        P = p;
        Terms = terms;
        DroppedRows = droppedRows;
        MaxThreads = maxThreads <= 0 ? Environment.ProcessorCount : maxThreads;
    }

    public double[] Values { get; }
    public double[] Y { get; }
    public int N { get; }
    public int P { get; }
    public string[] Terms { get; }
    public int DroppedRows { get; }
    public int MaxThreads { get; }

    public int BlockCount => (N + BlockRows - 1) / BlockRows;

    /// <summary>
    /// Builds the design from regressor columns (an intercept column first when <paramref name="intercept"/>),
    /// dropping rows where y or any regressor is not finite, and checks it: n &gt; p, no column collinear with
    /// earlier ones, y not constant. Problems throw <see cref="InputException"/>.
    /// </summary>
    public static DesignMatrix Create(IReadOnlyList<double[]> columns, IReadOnlyList<string> names, double[] y,
        bool intercept, int maxThreads)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(y);
        if (columns.Count != names.Count)
            throw new ArgumentException($"{columns.Count} columns but {names.Count} names.", nameof(names));
        for (int j = 0; j < columns.Count; j++)
            if (columns[j].Length != y.Length)
                throw new InputException($"Regressor '{names[j]}' has {columns[j].Length} values but y has {y.Length}.");
        int q = columns.Count, p = q + (intercept ? 1 : 0);
        if (p == 0) throw new InputException("The model has no coefficients: give at least one regressor or an intercept.");
        var terms = new string[p];
        if (intercept) terms[0] = "(Intercept)";
        for (int j = 0; j < q; j++) terms[j + (intercept ? 1 : 0)] = names[j];

        int nAll = y.Length, n = 0;
        var keep = new bool[nAll];
        for (int i = 0; i < nAll; i++)
        {
            bool ok = double.IsFinite(y[i]);
            for (int j = 0; ok && j < q; j++) ok = double.IsFinite(columns[j][i]);
            keep[i] = ok;
            if (ok) n++;
        }
        var values = new double[(long)n * p];
        var yy = new double[n];
        int r = 0;
        for (int i = 0; i < nAll; i++)
        {
            if (!keep[i]) continue;
            int o = r * p;
            if (intercept) values[o++] = 1.0;
            for (int j = 0; j < q; j++) values[o + j] = columns[j][i];
            yy[r++] = y[i];
        }
        var d = new DesignMatrix(values, yy, n, p, terms, nAll - n, maxThreads);
        d.Validate();
        return d;
    }

    /// <summary>Row-major data as given (no intercept added); used by the bootstrap and by tests.</summary>
    public static DesignMatrix FromRows(double[] values, double[] y, int p, string[] terms, int maxThreads = 0)
    {
        var d = new DesignMatrix(values, y, y.Length, p, terms, 0, maxThreads);
        return d;
    }

    private void Validate()
    {
        string dropped = DroppedRows > 0 ? $" ({DroppedRows} rows with missing or non-finite values were dropped)" : "";
        if (N <= P)
            throw new InputException(
                $"Only n = {N} complete rows{dropped} for p = {P} coefficients ({string.Join(", ", Terms)}); quantile regression needs n > p.");
        double y0 = Y[0];
        bool constant = true;
        for (int i = 1; i < N && constant; i++) constant = Y[i] == y0;
        if (constant)
            throw new InputException($"The response is constant (every one of the {N} values is {y0}); the quantile regression is degenerate.");
        // Collinearity: Cholesky of the Gram matrix scaled to unit diagonal; a pivot that loses all but ~1e-10 of
        // its column's length means that column is (numerically) a combination of the earlier ones.
        var g = Gram(null);
        int p = P;
        var scale = new double[p];
        for (int j = 0; j < p; j++)
        {
            if (g[j * p + j] == 0)
                throw new InputException($"Regressor '{Terms[j]}' is zero in every row; it cannot be estimated.");
            scale[j] = 1 / Math.Sqrt(g[j * p + j]);
        }
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++) g[a * p + b] *= scale[a] * scale[b];
        for (int j = 0; j < p; j++)
        {
            double dj = g[j * p + j];
            for (int k = 0; k < j; k++) dj -= g[j * p + k] * g[j * p + k];
            if (dj <= 1e-10)
                throw new InputException(
                    $"Regressor '{Terms[j]}' is collinear with {string.Join(", ", Terms.Take(j).Select(t => "'" + t + "'"))} " +
                    "(the design matrix is rank-deficient); drop or combine the collinear columns.");
            double ljj = Math.Sqrt(dj);
            g[j * p + j] = ljj;
            for (int i = j + 1; i < p; i++)
            {
                double s = g[i * p + j];
                for (int k = 0; k < j; k++) s -= g[i * p + k] * g[j * p + k];
                g[i * p + j] = s / ljj;
            }
        }
    }

    /// <summary>Σ_i w_i x_i x_iᵀ (all ones when <paramref name="weights"/> is null), full symmetric p × p, row-major.</summary>
    public double[] Gram(double[]? weights)
    {
        int p = P;
        var partial = new double[BlockCount * p * p];
        ForEachBlock((b, start, end) =>
        {
            var acc = new Span<double>(partial, b * p * p, p * p);
            AccumulateGram(Values, weights, start, end, p, acc);
        });
        return CombineSymmetric(partial, p);
    }

    /// <summary>Upper triangle of Σ w_i x_i x_iᵀ over rows [start, end) added to <paramref name="acc"/>.</summary>
    internal static void AccumulateGram(double[] x, double[]? w, int start, int end, int p, Span<double> acc)
    {
        for (int i = start; i < end; i++)
        {
            var row = new ReadOnlySpan<double>(x, i * p, p);
            double wi = w is null ? 1.0 : w[i];
            if (wi == 0) continue;
            for (int a = 0; a < p; a++)
            {
                double va = wi * row[a];
                int o = a * p;
                for (int c = a; c < p; c++) acc[o + c] += va * row[c];
            }
        }
    }

    /// <summary>Sums per-block upper triangles in block order and mirrors to a full symmetric matrix.</summary>
    internal static double[] CombineSymmetric(double[] partial, int p)
    {
        int blocks = partial.Length / (p * p);
        var g = new double[p * p];
        for (int b = 0; b < blocks; b++)
            for (int k = 0; k < p * p; k++) g[k] += partial[b * p * p + k];
        for (int a = 0; a < p; a++)
            for (int c = 0; c < a; c++) g[a * p + c] = g[c * p + a];
        return g;
    }

    /// <summary>Xᵀv (length p), block-parallel and deterministic.</summary>
    public double[] TransposeMultiply(double[] v)
    {
        int p = P;
        var partial = new double[BlockCount * p];
        ForEachBlock((b, start, end) =>
        {
            var acc = new Span<double>(partial, b * p, p);
            for (int i = start; i < end; i++)
            {
                double vi = v[i];
                var row = new ReadOnlySpan<double>(Values, i * p, p);
                for (int a = 0; a < p; a++) acc[a] += row[a] * vi;
            }
        });
        var r = new double[p];
        for (int b = 0; b < BlockCount; b++)
            for (int a = 0; a < p; a++) r[a] += partial[b * p + a];
        return r;
    }

    /// <summary>X·beta into <paramref name="output"/> (length n).</summary>
    public void Multiply(ReadOnlySpan<double> beta, double[] output)
    {
        int p = P;
        var bcopy = beta.ToArray();
        ForEachBlock((_, start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                var row = new ReadOnlySpan<double>(Values, i * p, p);
                double s = 0;
                for (int a = 0; a < p; a++) s += row[a] * bcopy[a];
                output[i] = s;
            }
        });
    }

    /// <summary>Residuals y − X·beta.</summary>
    public double[] Residuals(ReadOnlySpan<double> beta)
    {
        var r = new double[N];
        Multiply(beta, r);
        for (int i = 0; i < N; i++) r[i] = Y[i] - r[i];
        return r;
    }

    /// <summary>Runs <paramref name="body"/>(block, start, end) for every block of rows, in parallel.</summary>
    public void ForEachBlock(Action<int, int, int> body)
    {
        int blocks = BlockCount, n = N;
        if (blocks <= 1 || MaxThreads == 1)
        {
            for (int b = 0; b < blocks; b++) body(b, b * BlockRows, Math.Min(n, (b + 1) * BlockRows));
            return;
        }
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = MaxThreads },
            b => body(b, b * BlockRows, Math.Min(n, (b + 1) * BlockRows)));
    }

    /// <summary>A new design holding the given rows (bootstrap resample).</summary>
    public DesignMatrix Subset(int[] rows)
    {
        int p = P;
        var v = new double[(long)rows.Length * p];
        var yy = new double[rows.Length];
        for (int k = 0; k < rows.Length; k++)
        {
            Array.Copy(Values, (long)rows[k] * p, v, (long)k * p, p);
            yy[k] = Y[rows[k]];
        }
        return new DesignMatrix(v, yy, rows.Length, p, Terms, 0, 1);
    }
}
