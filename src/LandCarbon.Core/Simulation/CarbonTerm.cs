namespace LandCarbon.Core.Simulation;

/// <summary>
/// The carbon term C of the allocation weight: the factor on converting a pixel from one class to another. A
/// [from, to] matrix converts to the class-pair term.
/// </summary>
public abstract class CarbonFactor
{
    /// <summary>C(pixel, from, to) &gt; 0 (1 = neutral).</summary>
    public abstract double Factor(long pixel, int from, int to);

    /// <summary>The class-pair term of a [from, to] matrix (null stays null).</summary>
    public static implicit operator CarbonFactor?(double[,]? matrix) => matrix is null ? null : new ClassPairCarbonTerm(matrix);
}

/// <summary>A carbon term per class pair, the same at every pixel: C[from, to].</summary>
public sealed class ClassPairCarbonTerm(double[,] factor) : CarbonFactor
{
    /// <summary>C[from, to].</summary>
    public double[,] Matrix { get; } = factor ?? throw new ArgumentNullException(nameof(factor));

    /// <inheritdoc />
    public override double Factor(long pixel, int from, int to) => Matrix[from, to];
}

/// <summary>Per pixel and class, the carbon budget coefficient (t C/ha/yr) the pixel would have as that class; NaN = none.</summary>
public interface IPixelClassCoefficients
{
    /// <summary>c_k(pixel).</summary>
    double At(long pixel, int k);
}

/// <summary>
/// <see cref="IPixelClassCoefficients"/> held as one float per pixel per class that has a coefficient
/// (4 bytes × classes per pixel; classes without one take no memory and read NaN).
/// </summary>
public sealed class PixelClassCoefficients : IPixelClassCoefficients
{
    private readonly float[]?[] _byClass;

    /// <summary>An empty store (every value NaN) for <paramref name="classCount"/> class slots; fill with <see cref="Set"/>.</summary>
    public PixelClassCoefficients(int classCount, long pixels, IEnumerable<int> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        _byClass = new float[]?[classCount];
        foreach (int k in classes)
        {
            var a = new float[pixels];
            Array.Fill(a, float.NaN);
            _byClass[k] = a;
        }
    }

    /// <summary>Sets c_k at <paramref name="pixel"/> (classes not held are ignored).</summary>
    public void Set(long pixel, int k, float value)
    {
        var a = _byClass[k];
        if (a is not null) a[pixel] = value;
    }

    /// <inheritdoc />
    public double At(long pixel, int k) => k < _byClass.Length && _byClass[k] is { } a ? a[pixel] : double.NaN;
}

/// <summary>
/// The per-pixel carbon term of the low-carbon scenario: C(pixel, j, k) = exp(−β·(c_k(pixel) − c_j(pixel))/s), with
/// c the coefficients the accounting would give the pixel as each class and s a fixed scale; 1 where either
/// coefficient is undefined.
/// </summary>
public sealed class PixelCarbonTerm(IPixelClassCoefficients coefficients, double beta, double scale) : CarbonFactor
{
    /// <inheritdoc />
    public override double Factor(long pixel, int from, int to)
    {
        double cj = coefficients.At(pixel, from), ck = coefficients.At(pixel, to);
        return scale > 0 && double.IsFinite(cj) && double.IsFinite(ck) ? Math.Exp(-beta * (ck - cj) / scale) : 1;
    }
}
