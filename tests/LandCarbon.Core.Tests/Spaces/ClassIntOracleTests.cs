using System.Globalization;
using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.Tests.Spaces;

/// <summary>Jenks (Fisher), quantile and equal-interval breaks against R classInt (tests/data/oracles/classint).</summary>
public class ClassIntOracleTests
{
    private static readonly string Dir = TestData.Repo("oracles/classint");

    public static TheoryData<string, string, int> Cases()
    {
        var d = new TheoryData<string, string, int>();
        foreach (var (set, style, k) in ReadBreaks(Path.Combine(Dir, "breaks.csv")).Keys) d.Add(set, style, k);
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Breaks_AgreeWithClassInt(string set, string style, int k)
    {
        var expected = ReadBreaks(Path.Combine(Dir, "breaks.csv"))[(set, style, k)];
        var values = ReadValues(Path.Combine(Dir, $"values_{set}.csv"));
        double[] inner = style switch
        {
            "fisher" => FisherJenks.Thresholds(values.Values, values.Weights, k),
            "quantile" => [.. Enumerable.Range(1, k - 1).Select(i => SpaceGrading.QuantileType7(values, (double)i / k))],
            "equal" => [.. SpaceGrading.Compute(values, new GradingOptions { Method = GradingMethod.EqualInterval, Grades = k }).Thresholds],
            _ => throw new InvalidOperationException(style),
        };
        double[] actual = [values.Values[0], .. inner, values.Values[^1]];
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            if (style == "fisher") Assert.Equal(expected[i], actual[i]); // same arithmetic: exact
            else Assert.Equal(expected[i], actual[i], 1e-12 * Math.Max(1, Math.Abs(expected[i])));
        }
    }

    [Fact]
    public void Live_ClassIntReproducesCommittedFixtures()
    {
        string rscript = TestData.RequireTool("Rscript");
        string tmp = TestData.TempDir();
        foreach (var f in Directory.GetFiles(Dir)) File.Copy(f, Path.Combine(tmp, Path.GetFileName(f)));
        var psi = new System.Diagnostics.ProcessStartInfo(rscript, "make_fixtures.R") { WorkingDirectory = tmp, RedirectStandardError = true };
        using (var p = System.Diagnostics.Process.Start(psi)!)
        {
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, err);
        }
        Assert.Equal(File.ReadAllText(Path.Combine(Dir, "breaks.csv")), File.ReadAllText(Path.Combine(tmp, "breaks.csv")));
    }

    internal static WeightedValues ReadValues(string path)
    {
        var lines = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        return new WeightedValues(
            [.. lines.Select(p => double.Parse(p[0], CultureInfo.InvariantCulture))],
            [.. lines.Select(p => long.Parse(p[1], CultureInfo.InvariantCulture))]);
    }

    private static Dictionary<(string, string, int), double[]> ReadBreaks(string path) =>
        File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .GroupBy(p => (p[0], p[1], int.Parse(p[2], CultureInfo.InvariantCulture)))
            .ToDictionary(g => g.Key, g => g.OrderBy(p => int.Parse(p[3], CultureInfo.InvariantCulture))
                .Select(p => double.Parse(p[4], CultureInfo.InvariantCulture)).ToArray());
}
