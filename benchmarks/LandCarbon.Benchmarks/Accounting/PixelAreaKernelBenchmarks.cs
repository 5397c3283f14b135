using BenchmarkDotNet.Attributes;
using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Study;

namespace LandCarbon.Benchmarks.Accounting;

/// <summary>
/// The flux kernel (one coefficient per class) on one 256×256 tile under the area models of
/// docs/methods/raster.md §6: an equal-area grid (one scalar area, the fast path), a geographic grid (areas per row)
/// and a UTM grid (areas per pixel from the interpolated 1/k²), each including the tile's <c>PixelAreas.Fill</c>.
/// Run: dotnet run -c Release --project benchmarks/LandCarbon.Benchmarks -- --filter '*PixelAreaKernel*' --job short
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class PixelAreaKernelBenchmarks
{
    private const int N = 256;
    private readonly byte[] _classes = new byte[N * N];
    private readonly float[] _cbi = new float[N * N];
    private readonly double[] _area = new double[N * N];
    private PixelAreas _areas = null!;
    private FluxParameters _p = null!;
    private readonly PixelWindow _window = new(2560, 2560, N, N);

    /// <summary>Area model of the grid.</summary>
    [Params("albers", "geographic", "utm")]
    public string Grid { get; set; } = "albers";

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        for (int i = 0; i < _classes.Length; i++) _classes[i] = (byte)rng.Next(1, 7);
        var grid = Grid switch
        {
            "albers" => new GridSpec(10000, 10000, GeoTransform.NorthUp(0, 3_500_000, 30), SpatialReferences.ClcdAlbers),
            "geographic" => new GridSpec(10000, 10000, new GeoTransform(110, 0.00025, 0, 32, 0, -0.00025), SpatialReferences.Wgs84),
            _ => new GridSpec(10000, 10000, GeoTransform.NorthUp(600000, 3_500_000, 30), SpatialReferences.FromEpsg(32649)),
        };
        _areas = PixelAreas.For(grid, AreaModel.True, Grid);
        var coefficients = LandClasses.All.ToDictionary(c => c, c => CoefficientTable.Default[c] ?? 50);
        _p = FluxParameters.Create(coefficients, new CorrectionSettings(), _areas.IsUniform ? _areas.UniformAreaM2 / 1e4 : double.NaN, null);
    }

    [Benchmark]
    public double Tile()
    {
        var t = new FluxTotals();
        var inputs = new FluxTileInputs { Classes = _classes };
        if (!_areas.IsUniform)
        {
            _areas.Fill(_window, _area);
            inputs.AreaM2 = _area;
        }
        CompositeCoefficient.Compute(inputs, _p, [], _cbi, t);
        return t.NetTonnesC;
    }
}
