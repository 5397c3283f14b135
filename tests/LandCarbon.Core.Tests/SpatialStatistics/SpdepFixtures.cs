using System.Globalization;
using LandCarbon.Core.SpatialStatistics;

namespace LandCarbon.Core.Tests.SpatialStatistics;

/// <summary>Reads the spdep oracle fixtures (tests/data/oracles/spdep, or a fresh run of make_fixtures.R).</summary>
internal sealed class SpdepFixtures(string dir)
{
    public static SpdepFixtures Committed { get; } = new(TestData.Repo("oracles/spdep"));

    public string Dir { get; } = dir;

    /// <summary>Rows of a fixture CSV as name → text.</summary>
    public List<Dictionary<string, string>> Table(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Dir, file));
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split(',');
            return header.Select((h, i) => (h, f[i])).ToDictionary(t => t.h, t => t.Item2);
        }).ToList();
    }

    public static double D(string s) => s == "NA" ? double.NaN : double.Parse(s, CultureInfo.InvariantCulture);

    public static int I(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    /// <summary>The full grid of a case (NaN = nodata) with its size.</summary>
    public (int Rows, int Cols, double[] Values) Grid(string name)
    {
        var rows = Table("grid_values.csv").Where(r => r["case"] == name).ToList();
        int nr = I(rows[0]["nrow"]), nc = I(rows[0]["ncol"]);
        var v = new double[nr * nc];
        foreach (var r in rows) v[I(r["row"]) * nc + I(r["col"])] = D(r["value"]);
        return (nr, nc, v);
    }

    public static WeightStyle Style(string s) => s == "W" ? WeightStyle.RowStandardised : WeightStyle.Binary;

    /// <summary>Weights and values (observation order) for a case and weights name.</summary>
    public (SpatialWeights Weights, double[] Values, Func<int, (int Row, int Col)> Key) Case(string name, string weights, string style)
    {
        if (name == "columbus")
        {
            var vals = Table("columbus_values.csv").Select(r => D(r["CRIME"])).ToArray();
            var w = Lists("columbus_nb.csv", vals.Length, Style(style));
            return (w, vals, i => (i, -1));
        }
        if (name.StartsWith("points", StringComparison.Ordinal))
        {
            var vals = Table("points.csv").Select(r => D(r["value"])).ToArray();
            var w = Lists(weights == "knn5" ? "points_knn5_nb.csv" : "points_dband900_nb.csv", vals.Length, Style(style));
            return (w, vals, i => (i, -1));
        }
        var (nr, nc, grid) = Grid(name);
        var g = new GridContiguityWeights(nc, nr, grid, weights == "queen" ? ContiguityRule.Queen : ContiguityRule.Rook, Style(style));
        return (g, g.Compact(grid), i => g.CellOf(i));
    }

    public NeighbourListWeights Lists(string file, int n, WeightStyle style)
    {
        var lists = Enumerable.Range(0, n).Select(_ => new List<int>()).ToArray();
        foreach (var r in Table(file)) lists[I(r["id"])].Add(I(r["neighbour"]));
        return NeighbourListWeights.FromLists(lists, style);
    }

    public (double[] X, double[] Y) Points()
    {
        var t = Table("points.csv");
        return (t.Select(r => D(r["x"])).ToArray(), t.Select(r => D(r["y"])).ToArray());
    }

    /// <summary>Asserts |actual − expected| ≤ tol · max(1, |expected|); NaN must match NaN.</summary>
    public static void Close(double expected, double actual, double tol, string what)
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual:R}"); return; }
        Assert.True(Math.Abs(actual - expected) <= tol * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");
    }
}
