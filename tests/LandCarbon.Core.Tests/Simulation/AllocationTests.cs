using System.Globalization;
using LandCarbon.Core.Models;
using LandCarbon.Core.Simulation;

namespace LandCarbon.Core.Tests.Simulation;

public class AllocationTests
{
    private static readonly SimulationGrid Grid = new(80, 60, 30, 30);

    /// <summary>Cultivated land with a construction core in the middle, a forest block and a water strip; nodata corner.</summary>
    private static byte[] Landscape()
    {
        var m = new byte[Grid.PixelCount];
        for (int r = 0; r < Grid.Height; r++)
            for (int c = 0; c < Grid.Width; c++)
            {
                byte v = 1;
                if (Math.Abs(r - 30) < 5 && Math.Abs(c - 40) < 6) v = 5;
                else if (c < 15 && r < 25) v = 2;
                else if (r >= 55) v = 4;
                if (r < 3 && c > 74) v = 0;
                m[r * Grid.Width + c] = v;
            }
        return m;
    }

    private static Dictionary<int, ushort[]> Probabilities(byte[] map)
    {
        var p5 = new ushort[map.Length];
        var p2 = new ushort[map.Length];
        for (int r = 0; r < Grid.Height; r++)
            for (int c = 0; c < Grid.Width; c++)
            {
                int i = r * Grid.Width + c;
                double d = Math.Sqrt((r - 30) * (r - 30) + (c - 40) * (c - 40));
                p5[i] = (ushort)(65535 * Math.Exp(-d / 15));
                p2[i] = (ushort)(65535 * (c < 30 ? 0.6 : 0.1));
            }
        return new() { [5] = p5, [2] = p2 };
    }

    private static long[] Counts(byte[] m)
    {
        var n = new long[7];
        foreach (var v in m) if (v != 0) n[v]++;
        return n;
    }

    private static bool[,] All()
    {
        var p = new bool[7, 7];
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 7; j++) p[i, j] = true;
        return p;
    }

    [Fact]
    public void MeetsDemandExactly_SameBytesForAnyThreadCount_KeepsRestrictedPixels()
    {
        var start = Landscape();
        var n = Counts(start);
        long[] demand = [.. n];
        demand[5] += 400;
        demand[2] += 90;
        demand[1] -= 450;
        demand[4] -= 40;
        var prob = Probabilities(start);
        bool Convertible(long i) => i % Grid.Width < 70 || i / Grid.Width < 20;   // a restricted block
        byte[]? first = null;
        foreach (int threads in new[] { 1, 2, 4 })
        {
            var map = (byte[])start.Clone();
            var result = Allocation.Run(Grid, map, demand, prob, Convertible, All(), null, new AllocationOptions { Threads = threads, Seed = 99 });
            Assert.Equal(demand, Counts(map));
            Assert.Equal(demand, result.Pixels);
            for (int i = 0; i < map.Length; i++)
                if (!Convertible(i)) Assert.Equal(start[i], map[i]);
            if (first is null) first = map;
            else Assert.Equal(first, map);
        }
        // Construction grows around its core: the new construction pixels lie nearer the core than a random pick.
        double meanDistance = Enumerable.Range(0, first!.Length).Where(i => first[i] == 5 && start[i] != 5)
            .Average(i => Math.Sqrt(Math.Pow(i / Grid.Width - 30, 2) + Math.Pow(i % Grid.Width - 40, 2)));
        Assert.True(meanDistance < 20, meanDistance.ToString(CultureInfo.InvariantCulture));
        var other = (byte[])start.Clone();
        Allocation.Run(Grid, other, demand, prob, Convertible, All(), null, new AllocationOptions { Threads = 2, Seed = 100 });
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Gross_SwapsToo_AndStillMeetsDemandExactly()
    {
        var start = Landscape();
        var n = Counts(start);
        long[] demand = [.. n];
        demand[5] += 300;
        demand[1] -= 300;
        var prob = Probabilities(start);
        prob[1] = new ushort[start.Length];
        Array.Fill(prob[1], (ushort)40000);
        long[] gross = [0, 350, 60, 0, 0, 20, 0];   // forest loses up to 60 and wins them back; construction loses up to 20
        byte[]? first = null;
        foreach (int threads in new[] { 1, 3 })
        {
            var map = (byte[])start.Clone();
            Allocation.Run(Grid, map, demand, prob, _ => true, All(), null, new AllocationOptions { Threads = threads, Seed = 5, Gross = true }, gross);
            Assert.Equal(demand, Counts(map));
            long forestLost = 0, forestWon = 0, constructionLost = 0;
            for (int i = 0; i < map.Length; i++)
            {
                if (start[i] == 2 && map[i] != 2) forestLost++;
                if (start[i] != 2 && map[i] == 2) forestWon++;
                if (start[i] == 5 && map[i] != 5) constructionLost++;
            }
            // Forest's net change is 0, so every forest pixel lost is won back elsewhere; the gross targets are
            // upper bounds: what no permitted pixel can take at the end is settled on the net gap.
            Assert.Equal(forestLost, forestWon);
            Assert.InRange(forestLost, 1, 60);
            Assert.InRange(constructionLost, 1, 20);
            if (first is null) first = map;
            else Assert.Equal(first, map);
        }
    }

    [Fact]
    public void RespectsTheConversionMatrix()
    {
        var start = Landscape();
        var n = Counts(start);
        long[] demand = [.. n];
        demand[5] += 150;
        demand[3] += 50;
        demand[1] -= 150;
        demand[2] -= 50;
        var permitted = All();
        permitted[2, 5] = false;   // forest may not become construction, so the forest it loses must become grassland
        var prob = Probabilities(start);
        prob[3] = new ushort[start.Length];
        Array.Fill(prob[3], (ushort)32768);
        var map = (byte[])start.Clone();
        Allocation.Run(Grid, map, demand, prob, _ => true, permitted, null, new AllocationOptions { Seed = 1 });
        Assert.Equal(demand, Counts(map));
        for (int i = 0; i < map.Length; i++)
            if (start[i] == 2) Assert.NotEqual(5, map[i]);
    }

    [Fact]
    public void ImpossibleDemand_IsAnInputError()
    {
        var start = Landscape();
        var n = Counts(start);
        long[] demand = [.. n];
        demand[5] += 10;
        demand[4] -= 10;
        var permitted = All();
        permitted[4, 5] = false;   // only water may shrink, but water may not become construction
        var e = Assert.Throws<InputException>(() =>
            Allocation.Run(Grid, (byte[])start.Clone(), demand, Probabilities(start), _ => true, permitted, null, new AllocationOptions()));
        Assert.Contains("class 5 needs 10 more pixels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CarbonTerm_PrefersTheCheaperDonor()
    {
        var start = Landscape();
        var n = Counts(start);
        long[] demand = [.. n];
        demand[5] += 100;
        demand[1] -= 50;
        demand[2] -= 50;
        var prob = Probabilities(start);
        for (int i = 0; i < start.Length; i++) prob[5][i] = 30000;   // construction equally likely everywhere
        var neutral = (byte[])start.Clone();
        Allocation.Run(Grid, neutral, demand, prob, _ => true, All(), null, new AllocationOptions { Seed = 3 });
        Assert.Equal(demand, Counts(neutral));
        // Same demand; the carbon term only changes where it lands (which pixels), never how much.
        var carbon = new double[7, 7];
        for (int i = 0; i < 7; i++)
            for (int j = 0; j < 7; j++) carbon[i, j] = 1;
        carbon[1, 5] = 0.05;
        var low = (byte[])start.Clone();
        Allocation.Run(Grid, low, demand, prob, _ => true, All(), carbon, new AllocationOptions { Seed = 3 });
        Assert.Equal(demand, Counts(low));
        Assert.NotEqual(neutral, low);
    }

    [Fact]
    public void Accuracy_EqualsTheNumpyOracle()
    {
        string dir = TestData.Repo("oracles/simulation-accuracy");
        var lines = File.ReadAllLines(Path.Combine(dir, "maps.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        byte[] Col(int k) => [.. lines.Select(f => byte.Parse(f[k], CultureInfo.InvariantCulture))];
        byte[] a = Col(2), b = Col(3), s = Col(4);
        var models = new Dictionary<string, HindcastAccuracy>
        {
            ["simulated"] = HindcastAccuracy.Compare(a, b, s, 7),
            ["persistence"] = HindcastAccuracy.Compare(a, b, a, 7),
        };
        int rows = 0;
        foreach (var f in File.ReadAllLines(Path.Combine(dir, "expected.csv")).Skip(1).Select(l => l.Split(',')))
        {
            var acc = models[f[0]];
            var got = f[1] == "all" ? acc.Overall() : acc.ForClass(int.Parse(f[1], CultureInfo.InvariantCulture));
            Assert.Equal(long.Parse(f[2], CultureInfo.InvariantCulture), got.Pixels);
            double[] values = [got.Fom, got.ProducersAccuracy, got.UsersAccuracy, got.OverallAccuracy, got.Kappa, got.KappaSimulation];
            for (int k = 0; k < 6; k++)
            {
                if (f[3 + k].Length == 0) Assert.True(double.IsNaN(values[k]), $"{f[0]} {f[1]} column {k}");
                else Assert.Equal(double.Parse(f[3 + k], CultureInfo.InvariantCulture), values[k], 1e-12);
            }
            rows++;
        }
        Assert.Equal(14, rows);
    }
}
