using System.Globalization;

namespace LandCarbon.Core.Tests.Regression;

/// <summary>Loads the R quantreg oracle fixtures (tests/data/oracles/quantreg) and the data sets they describe.</summary>
internal static class QuantregFixtures
{
    public static string Dir => TestData.Repo(Path.Combine("oracles", "quantreg"));

    /// <summary>Rows of a fixture CSV as dictionaries (header → text).</summary>
    public static List<Dictionary<string, string>> Read(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Dir, file));
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var f = l.Split(',');
            return header.Select((h, i) => (h, f[i])).ToDictionary(t => t.h, t => t.Item2);
        }).ToList();
    }

    public static double D(this Dictionary<string, string> row, string key) =>
        row[key] == "NA" ? double.NaN : double.Parse(row[key], CultureInfo.InvariantCulture);

    /// <summary>(regressor columns, names, y) of a named data set: "engel", "syn1e4", "syn1e5".</summary>
    public static (double[][] Columns, string[] Names, double[] Y) Data(string name)
    {
        if (name == "engel")
        {
            var rows = Read("engel.csv");
            return ([rows.Select(r => r.D("income")).ToArray()], ["income"], rows.Select(r => r.D("foodexp")).ToArray());
        }
        var (n, seed) = name switch { "syn1e4" => (10000, 12345L), "syn1e5" => (100000, 54321L), _ => throw new ArgumentException(name) };
        return Synthetic(n, seed);
    }

    /// <summary>The generator documented in make_fixtures.R (bit-identical to R: integers and + − × ÷ only).</summary>
    public static (double[][] Columns, string[] Names, double[] Y) Synthetic(int n, long seed)
    {
        long s = seed;
        var u = new double[10];
        var x1 = new double[n]; var x2 = new double[n]; var x3 = new double[n]; var x4 = new double[n]; var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < 10; k++)
            {
                s = 16807 * s % 2147483647;
                u[k] = s / 2147483647.0;
            }
            x1[i] = 4 * u[0];
            x2[i] = 2 * (u[1] + u[2] + u[3]) - 3;
            x3[i] = Math.Floor(5 * u[4]);
            x4[i] = u[5] - 0.5;
            double e = u[6] + u[7] + u[8] + u[9] - 2;
            y[i] = 1 + 2 * x1[i] - 0.5 * x2[i] + 0.8 * x3[i] + 0.3 * x4[i] + (0.5 + 0.75 * x1[i] + 2 * Math.Abs(x4[i])) * e * 3;
        }
        return ([x1, x2, x3, x4], ["x1", "x2", "x3", "x4"], y);
    }

    public static void Close(double expected, double actual, double relTol, string what)
    {
        double scale = Math.Max(Math.Abs(expected), 1e-12);
        Assert.True(Math.Abs(expected - actual) <= relTol * Math.Max(scale, 1e-8) || (double.IsNaN(expected) && double.IsNaN(actual)),
            $"{what}: expected {expected:R}, got {actual:R} (relative difference {Math.Abs(expected - actual) / scale:E2}, tolerance {relTol:E0})");
    }
}
