using System.Buffers;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Risk;

/// <summary>
/// The dominant-factor risk index: the fitted upper-quantile regression predictor R = β₀ + Σ_f β_f·x_f
/// (METHOD-SPEC §(j), τ = 0.9 by default in the study), from factor rasters x_f (e.g. industrial and transport
/// kernel densities, construction expansion) and coefficients of the quantile-regression result. A pixel is
/// nodata (NaN) when any factor is.
/// </summary>
public sealed class DominantFactorIndexSource : IRiskIndexSource
{
    private readonly IReadOnlyList<IRiskIndexSource> _factors;
    private readonly double[] _beta;
    private readonly double _intercept;

    /// <summary>Creates the predictor from factor sources (same grid) and their coefficients.</summary>
    public DominantFactorIndexSource(IReadOnlyList<IRiskIndexSource> factors, double intercept, IReadOnlyList<double> coefficients)
    {
        ArgumentNullException.ThrowIfNull(factors);
        ArgumentNullException.ThrowIfNull(coefficients);
        if (factors.Count == 0) throw new ArgumentException("The predictor needs at least one factor.", nameof(factors));
        if (factors.Count != coefficients.Count)
            throw new ArgumentException($"{factors.Count} factors but {coefficients.Count} coefficients.", nameof(coefficients));
        for (int i = 1; i < factors.Count; i++) factors[0].Grid.EnsureAlignedWith(factors[i].Grid, "factor 1", $"factor {i + 1}");
        _factors = factors;
        _beta = [.. coefficients];
        _intercept = intercept;
    }

    /// <inheritdoc />
    public GridSpec Grid => _factors[0].Grid;

    /// <inheritdoc />
    public int BlockWidth => _factors[0].BlockWidth;

    /// <inheritdoc />
    public int BlockHeight => _factors[0].BlockHeight;

    /// <inheritdoc />
    public void Read(PixelWindow window, Span<double> destination)
    {
        int n = checked((int)window.PixelCount);
        var dst = destination[..n];
        dst.Fill(_intercept);
        var buf = ArrayPool<double>.Shared.Rent(n);
        try
        {
            for (int f = 0; f < _factors.Count; f++)
            {
                _factors[f].Read(window, buf.AsSpan(0, n));
                double b = _beta[f];
                for (int i = 0; i < n; i++) dst[i] += b * buf[i]; // NaN factors propagate
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buf);
        }
    }
}
