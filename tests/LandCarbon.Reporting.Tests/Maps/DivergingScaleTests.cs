using System.Globalization;
using LandCarbon.Reporting.Maps;

namespace LandCarbon.Reporting.Tests.Maps;

public class DivergingScaleTests
{
    private const string Oracle = "oracles/numpy-breaks";

    [Fact]
    public void Quantile_interpolates_linearly_between_order_statistics()
    {
        // By hand, h = (n − 1)·p on 1…5: p = 0.2 → h = 0.8 → 1.8; p = 0.4 → 2.6; 0.6 → 3.4; 0.8 → 4.2; 1 → 5.
        double[] x = [1, 2, 3, 4, 5];
        Assert.Equal(1.8, DivergingScale.Quantile(x, 0.2), 12);
        Assert.Equal(2.6, DivergingScale.Quantile(x, 0.4), 12);
        Assert.Equal(3.4, DivergingScale.Quantile(x, 0.6), 12);
        Assert.Equal(4.2, DivergingScale.Quantile(x, 0.8), 12);
        Assert.Equal(5, DivergingScale.Quantile(x, 1));
        Assert.Equal(1, DivergingScale.Quantile(x, 0));
    }

    [Fact]
    public void Breaks_are_quantiles_of_the_magnitudes_of_non_zero_values_and_ties_merge()
    {
        // |v| of the non-zero finite values: 1 1 2 2 3 4 4 5 8 100 (n = 10, h = 9p):
        // p = 0.2 → h = 1.8 → 1 + 0.8·(2 − 1) = 1.8; 0.4 → 3.6 → 2 + 0.6·1 = 2.6; 0.6 → 5.4 → 4;
        // 0.8 → 7.2 → 5 + 0.2·3 = 5.6; 1 → 100.
        double[] v = [-8, -4, -2, -1, 0, 0, 1, 2, 3, 4, 5, 100, double.NaN, 0];
        Assert.Equal([1.8, 2.6, 4, 5.6, 100], DivergingScale.SymmetricQuantileBreaks(v), new Tolerance(1e-12));
        // Many ties: |v| = 7 7 7 7 9 → 7, 7, 7, 7.4, 9 → bounds 7, 7.4, 9.
        Assert.Equal([7, 7.4, 9], DivergingScale.SymmetricQuantileBreaks([7, -7, 7, 7, 9]), new Tolerance(1e-12));
        Assert.Empty(DivergingScale.SymmetricQuantileBreaks([0, double.NaN, 0]));
    }

    [Fact]
    public void Classes_are_symmetric_around_a_neutral_zero()
    {
        double[] b = [1.8, 2.6, 4, 5.6, 100];
        Assert.Equal(0, DivergingScale.ClassOf(0, b));
        Assert.Equal(1, DivergingScale.ClassOf(1.8, b)); // bounds belong to the lower class
        Assert.Equal(2, DivergingScale.ClassOf(1.81, b));
        Assert.Equal(-2, DivergingScale.ClassOf(-1.81, b));
        Assert.Equal(-5, DivergingScale.ClassOf(-8, b));
        Assert.Equal(5, DivergingScale.ClassOf(1e9, b)); // beyond the last bound: outer class
        Assert.Null(DivergingScale.ClassOf(double.NaN, b));
    }

    [Fact]
    public void Legend_lists_classes_top_down_with_bounds_clamped_to_the_data_range()
    {
        var legend = DivergingScale.Legend([1.8, 2.6, 4, 5.6, 1234.5], min: -8, max: 1234.5);
        Assert.Equal([5, 4, 3, 2, 1, 0, -1, -2, -3, -4, -5], legend.Select(c => c.Value));
        Assert.Equal("5.6 – 1,230", legend[0].En);
        Assert.Equal("0 – 1.8", legend[4].En);
        Assert.Equal("0", legend[5].En);
        Assert.Equal("−1.8 – 0", legend[6].En);
        Assert.Equal("−8 – −5.6", legend[10].En); // the negative side ends at its own minimum, not at −1,230
        Assert.Equal(DivergingScale.ZeroColor, legend[5].Color);
        Assert.StartsWith("#F", legend[4].Color, StringComparison.Ordinal); // light red next to zero
    }

    [Fact]
    public void Sequential_legend_has_zero_and_the_positive_classes_only()
    {
        // Densities 0 0 0 1 2 3 4 100: non-zero 1 2 3 4 100, h = 4p → 1.8, 2.6, 3.4, 4 + 0.2·96 = 23.2, 100.
        double[] v = [0, 0, 0, 1, 2, 3, 4, 100];
        var breaks = DivergingScale.SymmetricQuantileBreaks(v);
        Assert.Equal([1.8, 2.6, 3.4, 23.2, 100], breaks, new Tolerance(1e-12));
        var legend = DivergingScale.SequentialLegend(breaks, max: 100);
        Assert.Equal([5, 4, 3, 2, 1, 0], legend.Select(c => c.Value));
        Assert.Equal("23.2 – 100", legend[0].En);
        Assert.Equal("0 – 1.8", legend[4].En);
        Assert.Equal(DivergingScale.ZeroColor, legend[5].Color);
        Assert.Equal(0, DivergingScale.ClassOf(0, breaks));
        Assert.Equal(1, DivergingScale.ClassOf(1, breaks));
        Assert.Equal(5, DivergingScale.ClassOf(100, breaks));
    }

    [Fact]
    public void Breaks_and_classes_match_the_numpy_fixture()
    {
        var rows = File.ReadAllLines(TestData.Repo($"{Oracle}/values.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        var values = rows.Select(r => double.Parse(r[0], CultureInfo.InvariantCulture)).ToArray();
        var expected = File.ReadAllLines(TestData.Repo($"{Oracle}/expected.csv")).Skip(1)
            .Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        var breaks = DivergingScale.SymmetricQuantileBreaks(values);
        Assert.Equal(expected.Length, breaks.Length);
        for (int i = 0; i < breaks.Length; i++) Assert.Equal(expected[i], breaks[i], expected[i] * 1e-12);
        for (int i = 0; i < values.Length; i++)
        {
            int? code = DivergingScale.ClassOf(values[i], breaks);
            Assert.Equal(rows[i][1], code is int k ? k.ToString(CultureInfo.InvariantCulture) : "NaN");
        }
    }

    [Fact]
    public void Live_numpy_oracle_reproduces_the_committed_fixture()
    {
        const string py = "/usr/bin/python3";
        if (!File.Exists(py)) TestData.SkipOrFail("Debian python3 is not installed");
        var probe = new System.Diagnostics.ProcessStartInfo(py, ["-c", "import numpy"]) { RedirectStandardError = true };
        using (var p = System.Diagnostics.Process.Start(probe)!)
        {
            p.WaitForExit();
            if (p.ExitCode != 0) TestData.SkipOrFail("python3-numpy is not installed");
        }
        string dir = TestData.TempDir();
        TestData.Run(py, TestData.Repo($"{Oracle}/make_fixtures.py"), dir);
        foreach (var f in new[] { "values.csv", "expected.csv" })
            Assert.Equal(File.ReadAllText(TestData.Repo($"{Oracle}/{f}")), File.ReadAllText(Path.Combine(dir, f)));
    }

    [Theory]
    [InlineData(21018.378, "21,000")]
    [InlineData(3731.41, "3,730")]
    [InlineData(-124.4, "−124")]
    [InlineData(0.86108, "0.861")]
    [InlineData(0, "0")]
    public void Legend_numbers_have_three_significant_digits(double x, string text) =>
        Assert.Equal(text, DivergingScale.Number(x));

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= eps;

        public int GetHashCode(double obj) => 0;
    }
}
