namespace LandCarbon.Core.Regression;

/// <summary>Dense p × p helpers (row-major) for the small systems of quantile regression: Cholesky and inverses.</summary>
internal static class SmallMatrix
{
    /// <summary>In-place Cholesky A = L Lᵀ (L in the lower triangle); false when A is not positive definite.</summary>
    public static bool Cholesky(Span<double> a, int p)
    {
        for (int j = 0; j < p; j++)
        {
            double d = a[j * p + j];
            for (int k = 0; k < j; k++) d -= a[j * p + k] * a[j * p + k];
            if (!(d > 0)) return false;
            double l = Math.Sqrt(d);
            a[j * p + j] = l;
            for (int i = j + 1; i < p; i++)
            {
                double s = a[i * p + j];
                for (int k = 0; k < j; k++) s -= a[i * p + k] * a[j * p + k];
                a[i * p + j] = s / l;
            }
        }
        return true;
    }

    /// <summary>Solves L Lᵀ x = b in place given the factor from <see cref="Cholesky"/>.</summary>
    public static void CholeskySolve(ReadOnlySpan<double> l, int p, Span<double> b)
    {
        for (int i = 0; i < p; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i * p + k] * b[k];
            b[i] = s / l[i * p + i];
        }
        for (int i = p - 1; i >= 0; i--)
        {
            double s = b[i];
            for (int k = i + 1; k < p; k++) s -= l[k * p + i] * b[k];
            b[i] = s / l[i * p + i];
        }
    }

    /// <summary>Inverse of a symmetric positive definite matrix, or null when it is singular.</summary>
    public static double[]? InverseSpd(double[] a, int p)
    {
        var l = (double[])a.Clone();
        if (!Cholesky(l, p)) return null;
        var inv = new double[p * p];
        var col = new double[p];
        for (int j = 0; j < p; j++)
        {
            Array.Clear(col);
            col[j] = 1;
            CholeskySolve(l, p, col);
            for (int i = 0; i < p; i++) inv[i * p + j] = col[i];
        }
        return inv;
    }

    /// <summary>C = A·B for p × p matrices.</summary>
    public static double[] Multiply(double[] a, double[] b, int p)
    {
        var c = new double[p * p];
        for (int i = 0; i < p; i++)
            for (int k = 0; k < p; k++)
            {
                double aik = a[i * p + k];
                for (int j = 0; j < p; j++) c[i * p + j] += aik * b[k * p + j];
            }
        return c;
    }
}
