using BenchmarkDotNet.Attributes;
using LandCarbon.Core.Regression;
using LandCarbon.Core.Regression.Solvers;

namespace LandCarbon.Benchmarks.Regression;

/// <summary>
/// Solver kernels on a heteroscedastic synthetic design (5 regressors + intercept, the generator of the quantreg
/// fixtures): Frisch–Newton at n = 10⁵ and 10⁶ (one τ), Barrodale–Roberts at n = 10⁴, the X'WX accumulation.
/// Run: dotnet run -c Release --project benchmarks/LandCarbon.Benchmarks -- --filter '*QuantileRegression*'
/// </summary>
[MemoryDiagnoser]
public class QuantileRegressionBenchmarks
{
    private DesignMatrix _design = null!;
    private double[] _weights = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        long s = 20240601;
        var cols = new double[5][];
        for (int j = 0; j < 5; j++) cols[j] = new double[N];
        var y = new double[N];
        for (int i = 0; i < N; i++)
        {
            double Next() { s = 16807 * s % 2147483647; return s / 2147483647.0; }
            for (int j = 0; j < 5; j++) cols[j][i] = 4 * Next() - 2;
            double e = Next() + Next() + Next() + Next() - 2;
            y[i] = 1 + 2 * cols[0][i] - 0.5 * cols[1][i] + 0.8 * cols[2][i] + 0.3 * cols[3][i] + (0.5 + 0.75 * Math.Abs(cols[0][i])) * e * 3;
        }
        _design = DesignMatrix.Create(cols, ["x1", "x2", "x3", "x4", "x5"], y, intercept: true, maxThreads: 0);
        _weights = y.Select(Math.Abs).ToArray();
    }

    [Benchmark]
    public double[] WeightedGram() => _design.Gram(_weights);

    [Benchmark]
    public double[] FrischNewtonMedian() => FrischNewton.Solve(_design, 0.5).Coefficients;

    [Benchmark]
    public double[]? BarrodaleRobertsMedian() => N <= 10_000 ? BarrodaleRoberts.Solve(_design, 0.5).Coefficients : null;
}
