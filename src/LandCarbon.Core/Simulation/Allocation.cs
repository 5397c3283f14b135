using LandCarbon.Core.Models;

namespace LandCarbon.Core.Simulation;

/// <summary>Settings of the cellular-automaton allocation (defaults documented in docs/methods/simulation.md).</summary>
public sealed record AllocationOptions
{
    /// <summary>Rounds over which each class's gap is spread (a round converts at most ⌈gap₀/rounds⌉ pixels per class).</summary>
    public int Iterations { get; init; } = 20;

    /// <summary>Patch seeds: a pixel with no neighbour of class k may start a new patch of k with probability P_k × this rate per round (the CARS random seeds).</summary>
    public double PatchSeedRate { get; init; } = 0.1;

    /// <summary>Inertia ι ∈ [0, 1]: the score of leaving class j is multiplied by 1 − ι·Ω_j (Ω_j = share of the pixel's own class among its 8 neighbours).</summary>
    public double Inertia { get; init; } = 0.5;

    /// <summary>Threads (results do not depend on it).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Seed of the per-pixel random numbers.</summary>
    public ulong Seed { get; init; } = Models.Seeds.Default;

    /// <summary>
    /// Net (false, default): each class only gains or only loses. Gross (true): each class also loses the pixels
    /// the calibration interval's Markov chain says it loses (1 − persistence), and gains them back elsewhere, so
    /// swaps are simulated too; the totals still meet the demand exactly.
    /// </summary>
    public bool Gross { get; init; }
}

/// <summary>
/// The work of an allocation's rounds: pixels evaluated, pixel bounds computed, rounds that evaluated only the pixels
/// whose bound reaches the cut, and those of them that had to start again without it.
/// </summary>
public readonly record struct AllocationStatistics(long PixelsEvaluated, long BoundsComputed, int CutRounds, int CutFallbacks);

/// <summary>What the allocation did: final class pixels, rounds and pixels converted.</summary>
public sealed record AllocationResult(long[] Pixels, int Rounds, long Converted);

/// <summary>
/// Cellular-automaton allocation of a demand (the CARS idea of PLUS, with exact demand). Each round reads the map
/// as it was at the start of the round (synchronous update). A pixel of a class above its demand that is not
/// restricted proposes one of the classes below their demand that it may convert to (conversion matrix), chosen
/// by a roulette on the weights w_k = P_k · Ω′_k · (1 − ι·Ω_j) · C_jk: P_k its development probability, Ω′_k the
/// share of class k among its 8 neighbours (or, with none, a patch seed 1/8 with probability P_k × seed rate),
/// ι the inertia and C_jk the carbon term (1 except in the low-carbon scenario). Proposals are ranked by weight
/// (ties by a per-pixel hash, then pixel index) and accepted while the round's quota of the gaining class and the
/// remaining loss of the losing class last. After <see cref="AllocationOptions.Iterations"/> rounds quotas are the
/// whole remaining gap; when a round accepts nothing, rounds relax (no seed draw, every permitted pixel counts as
/// having a neighbour), and when even those accept nothing the demand cannot be met: an <see cref="InputException"/>.
/// Every random number is a hash of (seed, round, class, pixel) and ranking is a total order, so the result does
/// not depend on threads. A round evaluates only the tiles that can hold a proposal above a threshold (RoundState), with
/// the same result as a pass over every pixel. Memory: the map (1 byte per pixel), P_k (2 bytes per pixel and gaining
/// class) and the round state (4 bytes per pixel: converted/restricted flag, score key, proposed class).
/// </summary>
public static partial class Allocation
{
    private const int HistogramBins = 1 << 16;

    private readonly record struct Proposal(float Score, ulong Tie, long Index, byte To, byte From);

    /// <summary>
    /// Allocates <paramref name="demand"/> (pixels per class value) on <paramref name="map"/> in place.
    /// <paramref name="probability"/> holds P_k × 65535 for each class that may gain; <paramref name="convertible"/>
    /// is false for restricted pixels; <paramref name="permitted"/>[from, to] is the conversion matrix;
    /// <paramref name="carbon"/> the carbon term C(pixel, from, to) (null = 1).
    /// </summary>
    public static AllocationResult Run(SimulationGrid grid, byte[] map, IReadOnlyList<long> demand,
        IReadOnlyDictionary<int, ushort[]> probability, Func<long, bool> convertible, bool[,] permitted, CarbonFactor? carbon,
        AllocationOptions options, IReadOnlyList<long>? grossLoss = null)
    {
        using var session = new Session(grid, map, probability, convertible, permitted, carbon, options);
        return session.Run(demand, options.Seed, grossLoss);
    }

    /// <summary>
    /// Allocations of one scenario year after year on one map (<see cref="Run(IReadOnlyList{long}, ulong, IReadOnlyList{long}?)"/>
    /// per year, each from the map the last one left): the same results as <see cref="Allocation.Run"/> per year, but
    /// the tile bounds are kept from one year to the next and only those of the tiles the last year converted pixels
    /// in are computed again (issue 17: a bound pass over every pixel per year at 64 Mpx). Nothing else may change
    /// the map between two years.
    /// </summary>
    public sealed class Session : IDisposable
    {
        private readonly byte[] _map;
        private readonly IReadOnlyDictionary<int, ushort[]> _probability;
        private readonly bool[,] _permitted;
        private readonly AllocationOptions _options;
        private readonly RoundState _state;

        /// <summary>A session on <paramref name="map"/> (see <see cref="Allocation.Run"/> for the arguments; the
        /// options' seed is replaced by each year's).</summary>
        public Session(SimulationGrid grid, byte[] map, IReadOnlyDictionary<int, ushort[]> probability, Func<long, bool> convertible,
            bool[,] permitted, CarbonFactor? carbon, AllocationOptions options)
        {
            ArgumentNullException.ThrowIfNull(grid);
            ArgumentNullException.ThrowIfNull(map);
            ArgumentNullException.ThrowIfNull(probability);
            ArgumentNullException.ThrowIfNull(convertible);
            ArgumentNullException.ThrowIfNull(permitted);
            ArgumentNullException.ThrowIfNull(options);
            _map = map;
            _probability = probability;
            _permitted = permitted;
            _options = options;
            _state = new RoundState(grid, map, convertible, probability, permitted, carbon, options);
        }

        /// <inheritdoc />
        public void Dispose()
        {
            var done = _state.Statistics;
            PhaseProfile.Count("allocation.evaluated", done.PixelsEvaluated);
            PhaseProfile.Count("allocation.bounds", done.BoundsComputed);
            PhaseProfile.Count("allocation.cutRounds", done.CutRounds);
            PhaseProfile.Count("allocation.cutFallbacks", done.CutFallbacks);
            _state.Dispose();
        }

        /// <summary>The work of the session's rounds so far.</summary>
        public AllocationStatistics Statistics => _state.Statistics;

        /// <summary>Allocates <paramref name="demand"/> on the session's map in place, with the random numbers of <paramref name="seed"/>.</summary>
        public AllocationResult Run(IReadOnlyList<long> demand, ulong seed, IReadOnlyList<long>? grossLoss = null)
        {
            ArgumentNullException.ThrowIfNull(demand);
            var map = _map;
            var probability = _probability;
            var permitted = _permitted;
            var options = _options;
            int nc = demand.Count;
            var counts = new long[nc];
            foreach (byte v in map)
                if (v != 0) counts[v]++;
            if (demand[0] != 0 || counts.Sum() != demand.Sum())
                throw new ArgumentException($"The demand totals {demand.Sum()} pixels but the map has {counts.Sum()} valid pixels.", nameof(demand));
            // Loss and gain targets: net (a class only gains or only loses) unless gross losses are given; then
            // gain_k = demand_k − count_k + loss_k, so the totals still end exactly at the demand.
            var lossLeft = new long[nc];
            var gainLeft = new long[nc];
            for (int k = 1; k < nc; k++)
            {
                long net = demand[k] - counts[k];
                lossLeft[k] = Math.Max(Math.Max(0, -net), grossLoss is null ? 0 : Math.Min(grossLoss[k], counts[k]));
                gainLeft[k] = net + lossLeft[k];
            }
            var gap0 = (long[])gainLeft.Clone();
            var state = _state;
            state.Begin(lossLeft, gainLeft, seed);
            int round = 0, quiet = 0;
            long converted = 0;
            while (true)
            {
                if (!gainLeft.Any(g => g > 0)) break;
                bool relaxed = quiet > 0;
                var quota = new long[nc];
                for (int k = 1; k < nc; k++)
                    quota[k] = gainLeft[k] <= 0 ? 0 : round < options.Iterations && !relaxed ? Math.Min(gainLeft[k], (gap0[k] + options.Iterations - 1) / options.Iterations) : gainLeft[k];
                foreach (int k in Enumerable.Range(1, nc - 1).Where(k => quota[k] > 0 && !probability.ContainsKey(k)))
                    throw new ArgumentException($"Class {k} must gain pixels but has no development probability.", nameof(demand));

                // The proposals of the round above the per-class thresholds, ranked (a total order), accepted greedily.
                var all = state.Proposals(quota, round, relaxed);
                bool check = NeedsHallCheck(lossLeft, gainLeft, permitted);
                long accepted = 0;
                foreach (var p in all)
                {
                    if (quota[p.To] == 0 || lossLeft[p.From] == 0) continue;
                    if (check)
                    {
                        lossLeft[p.From]--;
                        gainLeft[p.To]--;
                        bool ok = HallHolds(lossLeft, gainLeft, permitted);
                        lossLeft[p.From]++;
                        gainLeft[p.To]++;
                        if (!ok) continue;
                    }
                    gainLeft[p.To]--;
                    quota[p.To]--;
                    lossLeft[p.From]--;
                    map[p.Index] = p.To;
                    state.Converted(p.Index);
                    counts[p.To]++;
                    counts[p.From]--;
                    accepted++;
                }
                converted += accepted;
                round++;
                if (accepted > 0)
                {
                    quiet = relaxed ? 1 : 0;
                    continue;
                }
                if (relaxed && grossLoss is not null && Enumerable.Range(1, nc - 1).Any(k => lossLeft[k] != Math.Max(0, counts[k] - demand[k])))
                {
                    // Gross targets that nobody may take any more (restricted or forbidden pixels): finish on the net gap.
                    for (int k = 1; k < nc; k++)
                    {
                        lossLeft[k] = Math.Max(0, counts[k] - demand[k]);
                        gainLeft[k] = Math.Max(0, demand[k] - counts[k]);
                    }
                    continue;
                }
                if (relaxed)
                {
                    var short_ = Enumerable.Range(1, nc - 1).Where(k => gainLeft[k] > 0).Select(k => $"class {k} needs {gainLeft[k]} more pixels");
                    throw new InputException($"The land demand cannot be met: {string.Join("; ", short_)}, but no unrestricted pixel of a class above its demand may convert to it (conversion matrix, restricted area).");
                }
                quiet = 1;
            }
            return new AllocationResult(counts, round, converted);
        }
    }

    /// <summary>True when some class that must lose pixels may not convert to some class that must gain.</summary>
    private static bool NeedsHallCheck(long[] loss, long[] gain, bool[,] permitted)
    {
        for (int j = 1; j < loss.Length; j++)
            for (int k = 1; k < gain.Length; k++)
                if (loss[j] > 0 && gain[k] > 0 && !permitted[j, k]) return true;
        return false;
    }

    /// <summary>
    /// Hall's condition for the remaining class-level flow: every set S of losing classes can give its remaining
    /// loss to the classes it may convert to (Σ_{j∈S} loss_j ≤ Σ_{k∈N(S)} gain_k). Accepting a conversion that
    /// breaks it would leave a loss nobody may take, so such a conversion is skipped.
    /// </summary>
    private static bool HallHolds(long[] loss, long[] gain, bool[,] permitted)
    {
        int nc = loss.Length;
        Span<int> losers = stackalloc int[nc];
        int nl = 0;
        for (int j = 1; j < nc; j++) if (loss[j] > 0) losers[nl++] = j;
        for (int set = 1; set < 1 << nl; set++)
        {
            long need = 0;
            int reach = 0;
            for (int b = 0; b < nl; b++)
            {
                if ((set & (1 << b)) == 0) continue;
                need += loss[losers[b]];
                for (int k = 1; k < nc; k++) if (permitted[losers[b], k]) reach |= 1 << k;
            }
            long have = 0;
            for (int k = 1; k < nc; k++) if ((reach & (1 << k)) != 0) have += gain[k];
            if (need > have) return false;
        }
        return true;
    }

    private static int Key(float score) => (int)(BitConverter.SingleToUInt32Bits(score) >> 16);
}
