using LandCarbon.Core.Models;
using LandCarbon.Core.Simulation;

namespace LandCarbon.Core.Tests.Simulation;

/// <summary>
/// The allocation against its definition: <see cref="Reference"/> evaluates every pixel in every round (no tile bounds,
/// no pixel cut, no bounds kept from year to year), so the tiled, cut and session paths of <see cref="Allocation"/> must
/// give the same maps, byte for byte, on landscapes where thresholds move, classes stop and start gaining, and
/// years follow each other.
/// </summary>
public class AllocationReferenceTests(ITestOutputHelper output)
{
    private const int Classes = 7;

    /// <summary>A patchy landscape: noise-driven classes 1–4, construction cores and scattered construction, a nodata corner.</summary>
    private static (SimulationGrid Grid, byte[] Map, Dictionary<int, ushort[]> P) Landscape(int width, int height, ulong seed)
    {
        var grid = new SimulationGrid(width, height, 30, 30);
        var map = new byte[grid.PixelCount];
        var p = new Dictionary<int, ushort[]> { [2] = new ushort[map.Length], [3] = new ushort[map.Length], [5] = new ushort[map.Length] };
        for (int r = 0; r < height; r++)
            for (int c = 0; c < width; c++)
            {
                long i = (long)r * width + c;
                double u = CounterRandom.At(seed, 1, (ulong)(r / 4 * 1000 + c / 4)), v = CounterRandom.At(seed, 2, (ulong)i);
                double core = Math.Min(Math.Sqrt(Math.Pow(r - height / 3, 2) + Math.Pow(c - width / 3, 2)),
                    Math.Sqrt(Math.Pow(r - 2 * height / 3, 2) + Math.Pow(c - 3 * width / 4, 2)));
                map[i] = core < 4 || CounterRandom.At(seed, 4, (ulong)i) < 0.03 ? (byte)5 : u < 0.45 ? (byte)1 : u < 0.75 ? (byte)2 : u < 0.9 ? (byte)3 : (byte)4;
                if (r < 3 && c > width - 6) map[i] = 0;
                p[5][i] = (ushort)(65535 * Math.Exp(-core / 12) * (0.5 + 0.5 * v));
                p[2][i] = (ushort)(65535 * (c < width / 2 ? 0.5 : 0.1) * v);
                p[3][i] = (ushort)(65535 * 0.3 * CounterRandom.At(seed, 3, (ulong)i));
            }
        return (grid, map, p);
    }

    private static long[] Counts(byte[] m)
    {
        var n = new long[Classes];
        foreach (var v in m) if (v != 0) n[v]++;
        return n;
    }

    private static bool[,] All()
    {
        var p = new bool[Classes, Classes];
        for (int i = 0; i < Classes; i++)
            for (int j = 0; j < Classes; j++) p[i, j] = true;
        return p;
    }

    public static TheoryData<int, bool, bool, bool> Cases() => new()
    {
        { 1, false, false, false },
        { 2, true, false, false },    // restricted block
        { 3, false, true, false },    // forest may not become construction (Hall check)
        { 4, false, false, true },    // carbon term
        { 5, true, true, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TiledCutAndSessionAllocations_EqualTheEveryPixelReference(int seed, bool restricted, bool matrix, bool carbonTerm)
    {
        var (grid, start, p) = Landscape(240, 200, (ulong)seed);
        Func<long, bool> convertible = restricted ? i => i % grid.Width < 150 || i / grid.Width > 100 : _ => true;
        var permitted = All();
        if (matrix) permitted[2, 5] = false;
        double[,]? carbon = null;
        if (carbonTerm)
        {
            carbon = new double[Classes, Classes];
            for (int i = 0; i < Classes; i++)
                for (int j = 0; j < Classes; j++) carbon[i, j] = 1 + 0.1 * i - 0.05 * j;
        }
        // Three years: construction grows and cultivated land shrinks every year; forest and grassland take turns
        // (grassland loses, then gains, then loses again: the pixels it gained in the second year may convert in the
        // third, which makes no class lose for the first time).
        var n = Counts(start);
        long[] y1 = [.. n], y2, y3;
        y1[5] += 300; y1[2] += 120; y1[1] -= 330; y1[3] -= 90;
        y2 = [.. y1];
        y2[5] += 250; y2[3] += 60; y2[1] -= 250; y2[2] -= 60;
        y3 = [.. y2];
        y3[5] += 200; y3[2] += 40; y3[1] -= 200; y3[3] -= 40;
        var options = new AllocationOptions { Seed = 0, Threads = 2, Iterations = 6 };
        CarbonFactor? term = carbon;

        var reference = (byte[])start.Clone();
        var separate = (byte[])start.Clone();
        var session = (byte[])start.Clone();
        using var s = new Allocation.Session(grid, session, p, convertible, permitted, term, options);
        ulong year = 0;
        foreach (var demand in new[] { y1, y2, y3 })
        {
            ulong yearSeed = CounterRandom.Hash((ulong)seed, 7, year++);
            Reference(grid, reference, demand, p, convertible, permitted, term, options with { Seed = yearSeed });
            Allocation.Run(grid, separate, demand, p, convertible, permitted, term, options with { Seed = yearSeed });
            s.Run(demand, yearSeed);
            Assert.Equal(demand, Counts(reference));
            Assert.Equal(reference, separate);
            Assert.Equal(reference, session);
        }
        Assert.NotEqual(start, reference);
        // Both paths of a cut round ran: rounds that evaluated only the pixels above the cut, and rounds whose
        // threshold fell below it and were evaluated again without it.
        output.WriteLine(s.Statistics.ToString());
        Assert.InRange(s.Statistics.CutFallbacks, 1, s.Statistics.CutRounds - 1);
    }

    /// <summary>
    /// The allocation as docs/methods/simulation.md defines it, every pixel evaluated every round: the roulette
    /// proposal of each candidate pixel, per gaining class the highest score key whose count from the top reaches
    /// 4 × quota + 64 (or every proposal), the proposals at or above it ranked by score, tie hash and index, and
    /// accepted while quotas, losses and Hall's condition allow; relaxed rounds when a round accepts nothing.
    /// </summary>
    private static void Reference(SimulationGrid grid, byte[] map, long[] demand, Dictionary<int, ushort[]> prob,
        Func<long, bool> convertible, bool[,] permitted, CarbonFactor? carbon, AllocationOptions o)
    {
        int nc = demand.Length, w = grid.Width, h = grid.Height;
        var counts = Counts(map);
        var loss = new long[nc];
        var gain = new long[nc];
        for (int k = 1; k < nc; k++)
        {
            long net = demand[k] - counts[k];
            loss[k] = Math.Max(0, -net);
            gain[k] = net + loss[k];
        }
        var gap0 = (long[])gain.Clone();
        var blocked = new bool[map.Length];
        for (long i = 0; i < map.Length; i++) blocked[i] = !convertible(i);
        int round = 0, quiet = 0;
        while (gain.Any(g => g > 0))
        {
            bool relaxed = quiet > 0;
            var quota = new long[nc];
            for (int k = 1; k < nc; k++)
                quota[k] = gain[k] <= 0 ? 0 : round < o.Iterations && !relaxed ? Math.Min(gain[k], (gap0[k] + o.Iterations - 1) / o.Iterations) : gain[k];
            ulong Stream(ulong s) => CounterRandom.StreamKey(o.Seed, ((ulong)round << 16) | s);
            var picks = new (int K, float Score)[map.Length];
            var hist = new long[nc, 1 << 16];
            var n = new int[nc];
            var weight = new double[nc];
            for (int r = 0; r < h; r++)
                for (int c = 0; c < w; c++)
                {
                    long i = (long)r * w + c;
                    int j = map[i];
                    if (j == 0 || loss[j] <= 0 || blocked[i]) continue;
                    Array.Clear(n);
                    for (int dr = -1; dr <= 1; dr++)
                        for (int dc = -1; dc <= 1; dc++)
                            if ((dr != 0 || dc != 0) && r + dr >= 0 && r + dr < h && c + dc >= 0 && c + dc < w) n[map[(r + dr) * w + c + dc]]++;
                    double keep = 1 - o.Inertia * n[j] / 8.0, total = 0;
                    for (int k = 1; k < nc; k++)
                    {
                        weight[k] = 0;
                        if (quota[k] <= 0 || !prob.TryGetValue(k, out var pk) || k == j || !permitted[j, k]) continue;
                        double pv = pk[i] / 65535.0, omega = n[k] / 8.0;
                        if (relaxed)
                        {
                            pv = Math.Max(pv, 1 / 65535.0);
                            omega = Math.Max(omega, 1 / 8.0);
                        }
                        else if (omega == 0 && pv > 0 && CounterRandom.AtKeyed(Stream(0x100UL | (uint)k), (ulong)i) < pv * o.PatchSeedRate)
                        {
                            omega = 1 / 8.0;
                        }
                        weight[k] = pv * omega * Math.Max(keep, 1e-3) * (carbon?.Factor(i, j, k) ?? 1);
                        total += weight[k];
                    }
                    if (!(total > 0)) continue;
                    double u = CounterRandom.AtKeyed(Stream(0x200), (ulong)i) * total;
                    int pick = 0;
                    for (int k = 1; k < nc; k++)
                    {
                        if (weight[k] <= 0) continue;
                        pick = k;
                        u -= weight[k];
                        if (u < 0) break;
                    }
                    float score = (float)weight[pick];
                    picks[i] = (pick, score);
                    hist[pick, BitConverter.SingleToUInt32Bits(score) >> 16]++;
                }
            var threshold = new int[nc];
            for (int k = 1; k < nc; k++)
            {
                long want = 4 * quota[k] + 64, count = 0;
                for (int b = (1 << 16) - 1; b > 0 && threshold[k] == 0; b--)
                    if ((count += hist[k, b]) >= want) threshold[k] = b;
            }
            var ranked = Enumerable.Range(0, map.Length)
                .Where(i => picks[i].K != 0 && (BitConverter.SingleToUInt32Bits(picks[i].Score) >> 16) >= threshold[picks[i].K])
                .OrderByDescending(i => picks[i].Score).ThenBy(i => CounterRandom.HashKeyed(Stream(0x300), (ulong)i)).ThenBy(i => i).ToList();
            bool check = Enumerable.Range(1, nc - 1).Any(j => Enumerable.Range(1, nc - 1).Any(k => loss[j] > 0 && gain[k] > 0 && !permitted[j, k]));
            long accepted = 0;
            foreach (int i in ranked)
            {
                int to = picks[i].K, from = map[i];
                if (quota[to] == 0 || loss[from] == 0) continue;
                if (check)
                {
                    loss[from]--;
                    gain[to]--;
                    bool ok = Hall(loss, gain, permitted);
                    loss[from]++;
                    gain[to]++;
                    if (!ok) continue;
                }
                gain[to]--;
                quota[to]--;
                loss[from]--;
                map[i] = (byte)to;
                blocked[i] = true;
                accepted++;
            }
            round++;
            if (accepted > 0) quiet = relaxed ? 1 : 0;
            else if (relaxed) throw new InvalidOperationException("The reference allocation cannot meet the demand.");
            else quiet = 1;
        }
    }

    private static bool Hall(long[] loss, long[] gain, bool[,] permitted)
    {
        int nc = loss.Length;
        var losers = Enumerable.Range(1, nc - 1).Where(j => loss[j] > 0).ToArray();
        for (int set = 1; set < 1 << losers.Length; set++)
        {
            var members = Enumerable.Range(0, losers.Length).Where(b => (set & (1 << b)) != 0).Select(b => losers[b]).ToList();
            long need = members.Sum(j => loss[j]);
            long have = Enumerable.Range(1, nc - 1).Where(k => members.Any(j => permitted[j, k])).Sum(k => gain[k]);
            if (need > have) return false;
        }
        return true;
    }
}
