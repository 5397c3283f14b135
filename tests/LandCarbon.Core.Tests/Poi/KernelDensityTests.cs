using System.Globalization;
using LandCarbon.Core.Poi;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Poi;

public sealed class KernelDensityTests
{
    internal static GridSpec Grid(int width, int height, double originX = 500000, double originY = 3400000, double pixel = 30) =>
        new(width, height, GeoTransform.NorthUp(originX, originY, pixel), new SpatialReference(32651, ""));

    private static double[] EvaluateAll(KernelDensityField field)
    {
        var g = field.Grid;
        var d = new double[g.PixelCount];
        field.Evaluate(g.Extent, d);
        return d;
    }

    [Theory]
    [InlineData(KernelShape.Quartic, 3.0)]
    [InlineData(KernelShape.Epanechnikov, 2.0)]
    public void SinglePointPeakIsTheKernelConstantOverRSquared(KernelShape shape, double c)
    {
        // A point exactly on the centre of pixel (50, 50) of a 30 m grid.
        var g = Grid(101, 101);
        var (x, y) = g.Transform.PixelCenter(50, 50);
        var field = KernelDensityField.Create(g, [x], [y], [1.0], shape, 1000);
        var d = EvaluateAll(field);
        // 3/(π r²) per m² with r = 1000 m = 0.95493 per km² (METHOD-SPEC §5).
        double expected = c / (Math.PI * 1000 * 1000) * 1e6;
        Assert.Equal(expected, d[50 * 101 + 50], 1e-12);
        Assert.Equal(expected, d.Max(), 1e-12);
        if (shape == KernelShape.Quartic) Assert.Equal(0.954929658551372, expected, 1e-12);
        Assert.Equal(expected, field.PeakPerKm2, 1e-12);
    }

    [Fact]
    public void GaussianPeakIsTruncatedNormalConstant()
    {
        var g = Grid(81, 81);
        var (x, y) = g.Transform.PixelCenter(40, 40);
        var d = EvaluateAll(KernelDensityField.Create(g, [x], [y], [2.0], KernelShape.Gaussian, 900));
        Assert.Equal(2 * 4.5 / (Math.PI * 900 * 900 * (1 - Math.Exp(-4.5))) * 1e6, d[40 * 81 + 40], 1e-12);
    }

    [Theory]
    [InlineData(KernelShape.Quartic)]
    [InlineData(KernelShape.Epanechnikov)]
    [InlineData(KernelShape.Gaussian)]
    public void InteriorDensityIntegratesToThePointCount(KernelShape shape)
    {
        // 200 points at least 1 km inside a 6 km × 6 km grid: Σ density · pixel area = Σ weights.
        var g = Grid(200, 200);
        var rng = new Random(7);
        int n = 200;
        var xs = new double[n];
        var ys = new double[n];
        for (int i = 0; i < n; i++)
        {
            xs[i] = 500000 + 1000 + rng.NextDouble() * 4000;
            ys[i] = 3400000 - 1000 - rng.NextDouble() * 4000;
        }
        var d = EvaluateAll(KernelDensityField.Create(g, xs, ys, Enumerable.Repeat(1.0, n).ToArray(), shape, 1000));
        double integral = d.Sum() * g.PixelAreaKm2;
        // The midpoint rule on 30 m pixels under a 1 km kernel is exact to about 1e-4 relative.
        Assert.Equal(n, integral, n * 1e-3);
    }

    [Fact]
    public void ResultsAreBitIdenticalForAnyWindowSplit()
    {
        var g = Grid(137, 91);
        var rng = new Random(3);
        int n = 500;
        var xs = Enumerable.Range(0, n).Select(_ => 500000 - 500 + rng.NextDouble() * 5200).ToArray();
        var ys = Enumerable.Range(0, n).Select(_ => 3400000 + 500 - rng.NextDouble() * 3700).ToArray();
        var ws = Enumerable.Range(0, n).Select(_ => 0.5 + rng.NextDouble()).ToArray();
        var field = KernelDensityField.Create(g, xs, ys, ws, KernelShape.Quartic, 700);
        var whole = EvaluateAll(field);
        foreach (var (tw, th) in new[] { (1, 91), (16, 16), (50, 7), (137, 1) })
        {
            var layout = new TileLayout(g.Width, g.Height, tw, th);
            var tiled = new double[g.PixelCount];
            TileProcessor.ForEach(layout, new TileOptions { MaxDegreeOfParallelism = 2 }, win =>
            {
                var buf = new double[win.PixelCount];
                field.Evaluate(win, buf);
                for (int r = 0; r < win.Height; r++)
                    buf.AsSpan(r * win.Width, win.Width).CopyTo(tiled.AsSpan((win.Row + r) * g.Width + win.Col, win.Width));
            });
            Assert.Equal(whole, tiled);
        }
        // Point order does not matter beyond rounding.
        var rev = KernelDensityField.Create(g, xs.Reverse().ToArray(), ys.Reverse().ToArray(), ws.Reverse().ToArray(), KernelShape.Quartic, 700);
        var r2 = EvaluateAll(rev);
        for (int i = 0; i < whole.Length; i++) Assert.Equal(whole[i], r2[i], Math.Abs(whole[i]) * 1e-12 + 1e-15);
    }

    [Theory]
    [InlineData("quartic", 1000.0)]
    [InlineData("quartic", 437.5)]
    [InlineData("epanechnikov", 1000.0)]
    [InlineData("gaussian", 800.0)]
    public void MatchesTheBruteForceNumpyReference(string kernel, double radius)
    {
        // tests/data/oracles/kde/make_kde_reference.py (numpy) on the same 400 × 300 grid and points.
        var pts = CsvTable.Read(TestData.Repo("oracles/kde/kde_points.csv"));
        var xs = pts.Rows.Select(r => pts.Double(r, "x")).ToArray();
        var ys = pts.Rows.Select(r => pts.Double(r, "y")).ToArray();
        var ws = pts.Rows.Select(r => pts.Double(r, "weight")).ToArray();
        var g = Grid(400, 300);
        var field = KernelDensityField.Create(g, xs, ys, ws, KernelDensity.ParseShape(kernel), radius);
        var expected = CsvTable.Read(TestData.Repo("oracles/kde/kde_expected.csv"));
        var one = new double[1];
        int checkedCount = 0;
        foreach (var row in expected.Rows.Where(r => expected.Text(r, "kernel") == kernel && expected.Double(r, "radius_m") == radius))
        {
            int c = expected.Int(row, "col"), rr = expected.Int(row, "row");
            field.Evaluate(new PixelWindow(c, rr, 1, 1), one);
            double e = expected.Double(row, "density_per_km2");
            Assert.True(Math.Abs(one[0] - e) <= 1e-9 * Math.Abs(e), string.Create(CultureInfo.InvariantCulture, $"({c},{rr}) ours {one[0]:R} numpy {e:R}"));
            checkedCount++;
        }
        Assert.Equal(300, checkedCount);
    }

    [Fact]
    public void LiveNumpyOracleReproducesTheCommittedFixture()
    {
        string py = "/usr/bin/python3";
        if (!File.Exists(py)) TestData.SkipOrFail("Debian python3 is not installed");
        var probe = new System.Diagnostics.ProcessStartInfo(py, ["-c", "import numpy"]) { RedirectStandardError = true };
        using (var p = System.Diagnostics.Process.Start(probe)!) { p.WaitForExit(); if (p.ExitCode != 0) TestData.SkipOrFail("python3-numpy is not installed"); }
        string dir = TestData.TempDir();
        string script = Path.Combine(dir, "make_kde_reference.py");
        File.Copy(TestData.Repo("oracles/kde/make_kde_reference.py"), script);
        TestData.Run(py, script);
        Assert.Equal(File.ReadAllText(TestData.Repo("oracles/kde/kde_expected.csv")), File.ReadAllText(Path.Combine(dir, "kde_expected.csv")));
    }

    [Fact]
    public void DefaultRadiusFollowsTheArcGisRule()
    {
        // Four points on a square of side 2 around the origin: SD = √2, median distance √2, n = 4.
        double[] x = [-1, 1, 1, -1], y = [-1, -1, 1, 1], w = [1, 1, 1, 1];
        double expected = 0.9 * Math.Min(Math.Sqrt(2), Math.Sqrt(1 / Math.Log(2)) * Math.Sqrt(2)) * Math.Pow(4, -0.2);
        Assert.Equal(expected, KernelDensity.DefaultRadius(x, y, w, weighted: false), 1e-12);
        // Weighted: n becomes Σw, the mean centre and SD use the weights.
        double[] w2 = [2, 2, 2, 2];
        Assert.Equal(0.9 * Math.Sqrt(2) * Math.Pow(8, -0.2), KernelDensity.DefaultRadius(x, y, w2, weighted: true), 1e-12);
        Assert.Throws<Models.InputException>(() => KernelDensity.DefaultRadius([1, 1], [2, 2], [1, 1], false));
    }

    [Fact]
    public void PointsBeyondOneRadiusOutsideTheGridAreIgnoredAndNearOnesCount()
    {
        var g = Grid(10, 10);
        // One point 500 m west of the grid (reaches it with r = 1 km), one 5 km west (cannot).
        var field = KernelDensityField.Create(g, [500000 - 500, 500000 - 5000], [3400000 - 150, 3400000 - 150], [1.0, 1.0], KernelShape.Quartic, 1000);
        Assert.Equal(1, field.PointCount);
        var d = EvaluateAll(field);
        Assert.True(d[0] > 0);
    }

    [Fact]
    public void RejectsBadRadiusAndRotatedGrids()
    {
        Assert.Throws<Models.InputException>(() => KernelDensityField.Create(Grid(5, 5), [0.0], [0.0], [1.0], KernelShape.Quartic, 0));
        var rotated = new GridSpec(5, 5, new GeoTransform(0, 30, 1, 0, 1, -30), new SpatialReference(32651, ""));
        Assert.Throws<Models.InputException>(() => KernelDensityField.Create(rotated, [0.0], [0.0], [1.0], KernelShape.Quartic, 100));
    }
}
