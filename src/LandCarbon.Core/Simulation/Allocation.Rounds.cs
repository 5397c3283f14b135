using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace LandCarbon.Core.Simulation;

public static partial class Allocation
{
    /// <summary>
    /// The proposals of each round without a pass over every pixel (issue 17, 64 Mpx). Each pixel keeps an upper bound
    /// of the score it can propose per class (<see cref="PixelBound"/>: P_k · max(Ω′_k, 1/8) · max(1 − ι·Ω_j, 10⁻³) · C_jk,
    /// the round's score with the patch seed assumed, in the same floating-point operations with a factor ≥ Ω′, so never
    /// below a score), and each tile of <see cref="Tile"/>² px the largest of its pixels' per class. A round evaluates
    /// tiles in decreasing bound and stops as soon as the histogram of the gaining classes' scores is complete above
    /// each class's threshold: the next tile's bound lies below it, so no tile left out could add a proposal at or above
    /// it. Within a tile only the pixels whose bound reaches the round's cut are evaluated (<see cref="Cut"/>; a round
    /// whose threshold falls below the cut starts again without one). The thresholds, the proposals above them, their
    /// ranking and so the allocation are exactly those of a pass over every pixel. A conversion computes the bounds of
    /// the pixel and its 8 neighbours again (tile bounds rise with them, and are capped at the tile's largest pixel
    /// bound), as does a converted pixel freed at the start of the next year; every tile is bounded whole only when a
    /// class loses for the first time. Relaxed rounds evaluate every pixel.
    /// </summary>
    private sealed class RoundState : IDisposable
    {
        private const int Tile = 8, TileShift = 3, TilePixels = Tile * Tile;
        private const int CutMargin = 16;   // bins of 2⁻⁷ octave: a cut about 8 % below the last round's lowest threshold
        private readonly SimulationGrid _grid;
        private readonly byte[] _map;
        private long[] _lossLeft = [], _gainLeft = [];   // the year's remaining loss and gain per class (Begin)
        private ulong _seed;                               // the year's seed (Begin)
        private readonly List<long> _converted = [];       // the pixels converted this year
        private readonly List<long> _pending = [];         // the pixels converted since the bounds were last updated
        private readonly Func<long, bool> _convertible;
        private readonly IReadOnlyDictionary<int, ushort[]> _probability;
        private readonly bool[,] _permitted;
        private readonly CarbonFactor? _carbon;
        private readonly AllocationOptions _options;
        private readonly ParallelOptions _po;
        private readonly int _nc, _tilesX, _tilesY;
        private readonly bool[] _blocked;   // restricted, or converted earlier in this allocation
        // Per pixel in tile order (Slot: the 64 pixels of a tile side by side, so a tile is two cache lines of bounds
        // and one of picks, not eight rows of the map's width apart):
        private readonly float[] _score;    // this round's score of each evaluated pixel that proposes
        private readonly byte[] _pick;      // this round's proposed class of each evaluated pixel (0 = none)
        private readonly int[] _boundKey;   // per class and tile (class-major: ByBound reads one class): 1 + the score key of the bound, 0 = no proposal possible
        private readonly int[] _tileKey;    // per tile and class: 1 + the largest score key its evaluation this round proposed, 0 = none
        private readonly int _tiles;
        private bool _bounded0;             // every tile has been bounded
        private readonly bool[] _touched;   // per tile: scratch of UpdateBounds
        private readonly long[][] _hist;
        private readonly bool[] _mayLose;   // the classes that have lost pixels in some round: their pixels count in the bounds
        private readonly ushort[] _pixelBound; // per pixel: 1 + the score key of its bound over the gaining classes, 0 = no proposal possible or off the grid
        private readonly int[] _lastThreshold; // per class: the threshold of the last round that was not relaxed (0 = none yet)
        private readonly int[] _roundThreshold; // per class: the thresholds of the round just ranked
        private long _evaluated, _bounded;    // pixels evaluated and pixel bounds computed (Statistics)
        private int _cutRounds, _fallbacks;

        /// <summary>What the rounds so far did (tests and profiling).</summary>
        public AllocationStatistics Statistics => new(_evaluated, _bounded, _cutRounds, _fallbacks);
        private readonly int[] _count = new int[HistogramBins + 2], _start = new int[HistogramBins + 2];   // ByBound's counting sort

        public RoundState(SimulationGrid grid, byte[] map, Func<long, bool> convertible,
            IReadOnlyDictionary<int, ushort[]> probability, bool[,] permitted, CarbonFactor? carbon, AllocationOptions options)
        {
            _grid = grid;
            _map = map;
            _convertible = convertible;
            _probability = probability;
            _permitted = permitted;
            _carbon = carbon;
            _options = options;
            _po = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Threads) };
            _nc = permitted.GetLength(0);
            _tilesX = (grid.Width + Tile - 1) / Tile;
            _tilesY = (grid.Height + Tile - 1) / Tile;
            // The per-pixel arrays come from the shared pool: a scenario allocates year after year on maps of the same
            // size, and fresh arrays each year would pile up as garbage (peak memory at 64 Mpx, issue 17). Every
            // element is written before it is read.
            _blocked = ArrayPool<bool>.Shared.Rent(map.Length);
            int w = grid.Width;
            Parallel.For(0, grid.Height, _po, r =>
            {
                for (long i = (long)r * w, e = i + w; i < e; i++) _blocked[i] = !convertible(i);
            });
            long slots = (long)_tilesX * _tilesY * Tile * Tile;
            _score = ArrayPool<float>.Shared.Rent((int)slots);
            _pick = ArrayPool<byte>.Shared.Rent((int)slots);
            _pixelBound = ArrayPool<ushort>.Shared.Rent((int)slots);
            Array.Clear(_pixelBound);   // the slots off the grid (edge tiles) stay 0
            _lastThreshold = new int[_nc];
            _roundThreshold = new int[_nc];
            _tiles = _tilesX * _tilesY;
            _touched = new bool[_tiles];
            _boundKey = new int[(long)_tiles * _nc];
            _tileKey = new int[_boundKey.Length];
            _mayLose = new bool[_nc];
            _hist = new long[_nc][];
            for (int k = 0; k < _nc; k++) _hist[k] = new long[HistogramBins];
        }

        /// <inheritdoc />
        public void Dispose()
        {
            ArrayPool<bool>.Shared.Return(_blocked);
            ArrayPool<float>.Shared.Return(_score);
            ArrayPool<byte>.Shared.Return(_pick);
            ArrayPool<ushort>.Shared.Return(_pixelBound);
        }

        /// <summary>
        /// Starts a year: its remaining loss and gain per class (the arrays the allocation updates as it accepts
        /// conversions) and its seed. The pixels the last year converted may convert again, so the bounds of their tiles
        /// are computed again; every other bound stays an upper bound (the map changed only where they were converted,
        /// and more losing or gaining classes make <see cref="UpdateBounds"/> compute them all).
        /// </summary>
        public void Begin(long[] lossLeft, long[] gainLeft, ulong seed)
        {
            if (lossLeft.Length != _nc || gainLeft.Length != _nc)
                throw new ArgumentException($"The demand has {lossLeft.Length} class slots but the conversion matrix {_nc}.", nameof(lossLeft));
            _lossLeft = lossLeft;
            _gainLeft = gainLeft;
            _seed = seed;
            foreach (long i in _converted)
            {
                _blocked[i] = !_convertible(i);
                _pending.Add(i);
            }
            _converted.Clear();
        }

        /// <summary>Pixel <paramref name="i"/> was converted: it proposes no more, and the bounds of it and its
        /// neighbours change (<see cref="UpdateBounds"/>).</summary>
        public void Converted(long i)
        {
            _blocked[i] = true;
            _converted.Add(i);
            _pending.Add(i);
        }

        /// <summary>The round's proposals with a score key at or above their class's threshold, ranked.</summary>
        public List<Proposal> Proposals(long[] quota, int round, bool relaxed)
        {
            if (!relaxed) UpdateBounds();
            int cut = relaxed ? 0 : Cut(quota);
            if (cut > 0) _cutRounds++;
            var proposals = TryProposals(quota, round, relaxed, cut);
            if (proposals is null)
            {
                _fallbacks++;
                proposals = TryProposals(quota, round, relaxed, 0)!;
            }
            if (!relaxed)
                for (int k = 1; k < _nc; k++)
                    if (quota[k] > 0) _lastThreshold[k] = _roundThreshold[k];
            return proposals;
        }

        /// <summary>
        /// The pixel cut of a round that is not relaxed: pixels whose bound key lies below it are not evaluated. It is
        /// the lowest of the gaining classes' thresholds of the last round, less <see cref="CutMargin"/> bins
        /// (thresholds move little from round to round), and 0 (every pixel with a positive bound) when a gaining class
        /// has no threshold yet. Only the speed depends on it: a round whose threshold falls below the cut is evaluated
        /// again without one (<see cref="TryProposals"/>).
        /// </summary>
        private int Cut(long[] quota)
        {
            int cut = int.MaxValue;
            for (int k = 1; k < _nc; k++)
            {
                if (quota[k] <= 0) continue;
                if (_lastThreshold[k] <= 0) return 0;
                cut = Math.Min(cut, _lastThreshold[k] - CutMargin);
            }
            return cut == int.MaxValue ? 0 : Math.Max(0, cut);
        }

        /// <summary>
        /// The proposals of the round when every class's threshold lies at or above <paramref name="cut"/>, else null.
        /// Pixels whose bound key is below the cut are not evaluated, so each class's histogram is complete at and above
        /// the cut only: a threshold found there is the threshold of a pass over every pixel, and one that would need the
        /// bins below it makes the round start again without a cut.
        /// </summary>
        private List<Proposal>? TryProposals(long[] quota, int round, bool relaxed, int cut)
        {
            int nc = _nc, tiles = _tiles;
            var p = new ushort[]?[nc];
            for (int k = 0; k < nc; k++) p[k] = quota[k] > 0 && _probability.TryGetValue(k, out var a) ? a : null;
            var threshold = new int[nc];
            var done = new bool[nc];
            var maxKey = new int[nc];
            var order = new int[nc][];
            var next = new int[nc];
            for (int k = 0; k < nc; k++)
            {
                threshold[k] = HistogramBins;
                done[k] = k == 0 || quota[k] == 0;
            }
            if (relaxed)
            {
                // Relaxed rounds raise every weight above the bounds: every tile, in index order.
                int[] every = [.. Enumerable.Range(0, tiles)];
                for (int k = 1; k < nc; k++) if (!done[k]) order[k] = every;
            }
            else
            {
                for (int k = 1; k < nc; k++) if (!done[k]) order[k] = ByBound(k);
            }
            var keys = new RoundKeys(_seed, round, nc, Targets(p));
            var evaluated = new List<int>();
            var seen = new bool[tiles];
            int chunk = 8;
            while (true)
            {
                // Each undetermined class takes its next tiles in decreasing bound; a tile is evaluated once.
                var batch = new List<int>();
                for (int k = 1; k < nc; k++)
                {
                    if (done[k]) continue;
                    var o = order[k];
                    for (int taken = 0; next[k] < o.Length && taken < chunk; next[k]++)
                    {
                        int t = o[next[k]];
                        if (seen[t]) continue;
                        seen[t] = true;
                        batch.Add(t);
                        taken++;
                    }
                }
                if (batch.Count == 0 && Enumerable.Range(1, nc - 1).All(k => done[k])) break;
                chunk += chunk / 2;
                // In raster order: neighbouring tiles share cache lines of the map and the per-pixel arrays.
                batch.Sort();
                Parallel.For(0, batch.Count, _po, b => EvaluateTile(batch[b], p, keys, relaxed, cut));
                foreach (int t in batch)
                    for (int k = 1; k < nc; k++) maxKey[k] = Math.Max(maxKey[k], _tileKey[(long)t * nc + k] - 1);
                evaluated.AddRange(batch);
                for (int k = 1; k < nc; k++)
                {
                    if (done[k]) continue;
                    var o = order[k];
                    while (next[k] < o.Length && seen[o[next[k]]]) next[k]++;
                    bool complete = next[k] == o.Length;
                    // Bins above the bound of the class's next tile are complete: no tile left can add a score there;
                    // and with a cut, only the bins at or above it.
                    int floor = complete ? 1 : relaxed ? HistogramBins : _boundKey[(long)k * tiles + o[next[k]]];
                    int low = Math.Max(floor, cut);
                    long want = 4 * quota[k] + 64, count = 0;
                    int b = maxKey[k];
                    for (; b >= low; b--)
                    {
                        count += _hist[k][b];
                        if (count >= want) break;
                    }
                    if (b >= low && b > 0)
                    {
                        threshold[k] = b;
                        done[k] = true;
                    }
                    else if (cut > 0 && floor <= cut)
                    {
                        // The threshold lies below the cut, where the histogram misses the pixels left out.
                        for (int q = 1; q < nc; q++) Array.Clear(_hist[q], 0, maxKey[q] + 1);
                        return null;
                    }
                    else if (complete)
                    {
                        threshold[k] = 0;   // fewer proposals than wanted: all of them
                        done[k] = true;
                    }
                }
            }
            for (int k = 1; k < nc; k++) Array.Clear(_hist[k], 0, maxKey[k] + 1);
            threshold.CopyTo(_roundThreshold, 0);

            // Only the tiles whose evaluation proposed a key at or above a threshold hold proposals.
            var holding = evaluated.Where(t => Enumerable.Range(1, nc - 1).Any(k => _tileKey[(long)t * nc + k] > threshold[k])).ToList();
            var bands = new List<Proposal>[holding.Count];
            Parallel.For(0, holding.Count, _po, t =>
            {
                List<Proposal>? list = null;
                int tile = holding[t];
                var (r0, _, c0, _) = Bounds(tile);
                // The pixels EvaluateTile evaluated this round (the same candidate test).
                for (ulong m = Candidates(tile, relaxed, cut); m != 0; m &= m - 1)
                {
                    int q = BitOperations.TrailingZeroCount(m);
                    long slot = (long)tile * TilePixels + q;
                    int k = _pick[slot];
                    float score = _score[slot];
                    if (k == 0 || Key(score) < threshold[k]) continue;
                    int r = r0 + (q >> TileShift), c = c0 + (q & (Tile - 1));
                    long i = (long)r * _grid.Width + c;
                    (list ??= []).Add(new Proposal(score, CounterRandom.HashKeyed(keys.Tie, (ulong)i), i, (byte)k, _map[i]));
                }
                bands[t] = list ?? [];
            });
            var all = new List<Proposal>();
            foreach (var b in bands) all.AddRange(b);
            all.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Tie != b.Tie ? a.Tie.CompareTo(b.Tie) : a.Index.CompareTo(b.Index));
            return all;
        }

        /// <summary>The tiles whose bound for class <paramref name="k"/> is positive, in decreasing bound (ties by
        /// tile index): a counting sort on the 16-bit bound keys.</summary>
        private int[] ByBound(int k)
        {
            int nc = _nc, tiles = _tiles;
            var count = _count;
            Array.Clear(count);
            for (int t = 0; t < tiles; t++) count[_boundKey[(long)k * tiles + t]]++;
            // Start of each key in the output, highest key first; key 0 (no proposal possible) is left out.
            var start = _start;
            int total = 0;
            for (int key = HistogramBins + 1; key >= 1; key--)
            {
                start[key] = total;
                total += count[key];
            }
            var order = new int[total];
            for (int t = 0; t < tiles; t++)
            {
                int key = _boundKey[(long)k * tiles + t];
                if (key > 0) order[start[key]++] = t;
            }
            return order;
        }

        /// <summary>
        /// The pixels of tile <paramref name="t"/> a round visits, as a mask over its slots (bit q: row q / 8, column
        /// q mod 8 of the tile): those whose bound exceeds <paramref name="cut"/> (a relaxed round: every pixel of the
        /// tile on the grid). Off-grid slots have bound 0.
        /// </summary>
        private ulong Candidates(int t, bool relaxed, int cut)
        {
            if (relaxed)
            {
                var (r0, r1, c0, c1) = Bounds(t);
                ulong row = (1UL << (c1 - c0)) - 1, all = 0;
                for (int r = 0; r < r1 - r0; r++) all |= row << (r * Tile);
                return all;
            }
            ref ushort b = ref _pixelBound[(long)t * TilePixels];
            var limit = Vector256.Create((ushort)cut);
            ulong m = 0;
            for (int q = 0; q < TilePixels / 16; q++)
                m |= (ulong)Vector256.GreaterThan(Vector256.LoadUnsafe(ref b, (nuint)(16 * q)), limit).ExtractMostSignificantBits() << (16 * q);
            return m;
        }

        /// <summary>The largest pixel bound (1 + key) of tile <paramref name="t"/>.</summary>
        private int MaxPixelBound(int t)
        {
            ref ushort b = ref _pixelBound[(long)t * TilePixels];
            var most = Vector256<ushort>.Zero;
            for (int q = 0; q < TilePixels / 16; q++) most = Vector256.Max(most, Vector256.LoadUnsafe(ref b, (nuint)(16 * q)));
            int m = 0;
            for (int e = 0; e < 16; e++) m = Math.Max(m, most.GetElement(e));
            return m;
        }

        /// <summary>Rows [r0, r1) and columns [c0, c1) of tile <paramref name="t"/>.</summary>
        private (int R0, int R1, int C0, int C1) Bounds(int t)
        {
            int ty = t / _tilesX, tx = t - ty * _tilesX;
            int r0 = ty * Tile, c0 = tx * Tile;
            return (r0, Math.Min(_grid.Height, r0 + Tile), c0, Math.Min(_grid.Width, c0 + Tile));
        }

        /// <summary>
        /// Evaluates every pixel of tile <paramref name="t"/>: its proposed class and score key, counted in the
        /// classes' histograms (atomically: tiles are evaluated in parallel, and a count does not depend on the order
        /// of its increments), and per class the tile's largest key.
        /// </summary>
        private void EvaluateTile(int t, ushort[]?[] p, RoundKeys keys, bool relaxed, int cut)
        {
            Span<int> n = stackalloc int[_nc];
            Span<double> weight = stackalloc double[_nc];
            Span<int> top = stackalloc int[_nc];
            top.Clear();
            int w = _grid.Width;
            var (r0, _, c0, _) = Bounds(t);
            int evaluated = 0;
            // A pixel whose bound is 0, or below the cut, proposes nothing the round can rank (relaxed rounds raise the
            // weights above the bounds): only the candidates are visited, and the proposal pass visits the same ones.
            for (ulong m = Candidates(t, relaxed, cut); m != 0; m &= m - 1)
            {
                int q = BitOperations.TrailingZeroCount(m);
                long slot = (long)t * TilePixels + q;
                int r = r0 + (q >> TileShift), c = c0 + (q & (Tile - 1));
                long i = (long)r * w + c;
                byte j = _map[i];
                if (j == 0 || _lossLeft[j] <= 0 || _blocked[i])
                {
                    _pick[slot] = 0;
                    continue;
                }
                evaluated++;
                int pick = Evaluate(r, c, i, j, p, keys, relaxed, n, weight, out double score);
                _pick[slot] = (byte)pick;
                if (pick == 0) continue;
                _score[slot] = (float)score;
                int key = Key((float)score);
                Interlocked.Increment(ref _hist[pick][key]);
                top[pick] = Math.Max(top[pick], key + 1);
            }
            top.CopyTo(_tileKey.AsSpan((int)((long)t * _nc), _nc));
            Interlocked.Add(ref _evaluated, evaluated);
        }

        /// <summary>The proposal of pixel (r, c) of class <paramref name="j"/>: the class picked by the roulette and its
        /// weight, or 0 when no weight is positive.</summary>
        private int Evaluate(int r, int c, long i, byte j, ushort[]?[] p, RoundKeys keys, bool relaxed, Span<int> n, Span<double> weight, out double score)
        {
            Neighbours(r, c, n);
            double keep = Math.Max(1 - _options.Inertia * n[j] / 8.0, 1e-3), total = 0;
            var targets = keys.Targets[j];
            for (int x = 0; x < targets.Length; x++)
            {
                int k = targets[x];
                double pv = p[k]![i] / 65535.0;
                double omega = n[k] / 8.0;
                if (relaxed)
                {
                    pv = Math.Max(pv, 1 / 65535.0);
                    omega = Math.Max(omega, 1 / 8.0);
                }
                else if (omega == 0 && pv > 0 && CounterRandom.AtKeyed(keys.Seed[k], (ulong)i) < pv * _options.PatchSeedRate)
                {
                    omega = 1 / 8.0;
                }
                double wk = pv * omega * keep;
                if (_carbon is { } carbon) wk *= carbon.Factor(i, j, k);
                weight[x] = wk;
                total += wk;
            }
            score = 0;
            if (!(total > 0)) return 0;
            double u = CounterRandom.AtKeyed(keys.Roulette, (ulong)i) * total;
            int pick = 0;
            for (int x = 0; x < targets.Length; x++)
            {
                if (weight[x] <= 0) continue;
                pick = targets[x];
                score = weight[x];
                u -= weight[x];
                if (u < 0) break;
            }
            return pick;
        }

        /// <summary>
        /// The <see cref="CounterRandom.StreamKey"/>s of a round's random streams (round · 2¹⁶ plus 0x100 + class for
        /// the patch seeds, 0x200 for the roulette, 0x300 for the tie-break), computed once per round instead of
        /// once per pixel.
        /// </summary>
        private sealed class RoundKeys(ulong seed, int round, int classes, int[][] targets)
        {
            /// <summary>Per class j, the classes a pixel of j may propose this round (gaining, with a probability, permitted), increasing.</summary>
            public int[][] Targets { get; } = targets;

            /// <summary>Per class, the patch seed stream.</summary>
            public ulong[] Seed { get; } = [.. Enumerable.Range(0, classes).Select(k => Key(seed, round, 0x100UL | (uint)k))];

            public ulong Roulette { get; } = Key(seed, round, 0x200UL);

            public ulong Tie { get; } = Key(seed, round, 0x300UL);

            private static ulong Key(ulong seed, int round, ulong stream) => CounterRandom.StreamKey(seed, ((ulong)round << 16) | stream);
        }

        /// <summary>Per class j, the classes of <paramref name="p"/> (non-null) other than j that j may convert to, increasing.</summary>
        private int[][] Targets(ushort[]?[] p)
        {
            var targets = new int[_nc][];
            for (int j = 0; j < _nc; j++)
                targets[j] = [.. Enumerable.Range(1, _nc - 1).Where(k => p[k] is not null && k != j && _permitted[j, k])];
            return targets;
        }

        private void Neighbours(int r, int c, Span<int> n)
        {
            int w = _grid.Width, h = _grid.Height;
            n.Clear();
            if (r > 0 && r < h - 1 && c > 0 && c < w - 1)
            {
                var m = _map;
                long o = (long)(r - 1) * w + c - 1;
                n[m[o]]++;
                n[m[o + 1]]++;
                n[m[o + 2]]++;
                o += w;
                n[m[o]]++;
                n[m[o + 2]]++;
                o += w;
                n[m[o]]++;
                n[m[o + 1]]++;
                n[m[o + 2]]++;
                return;
            }
            for (int dr = -1; dr <= 1; dr++)
            {
                int rr = r + dr;
                if (rr < 0 || rr >= h) continue;
                for (int dc = -1; dc <= 1; dc++)
                {
                    int cc = c + dc;
                    if ((dr == 0 && dc == 0) || cc < 0 || cc >= w) continue;
                    n[_map[(long)rr * w + cc]]++;
                }
            }
        }

        /// <summary>
        /// Recomputes the bounds of the tiles that need it. Bounds are taken over every class with a development
        /// probability and over the pixels of every class that has lost pixels in some round of the session, so they
        /// stay upper bounds when classes stop and start gaining or losing from round to round and year to year; only a
        /// class that loses for the first time (a year with other losers, or the gross targets' reset) makes every
        /// tile's bound be computed again.
        /// </summary>
        private void UpdateBounds()
        {
            bool more = false;
            for (int k = 1; k < _nc; k++)
            {
                if (_lossLeft[k] <= 0 || _mayLose[k]) continue;
                _mayLose[k] = true;
                more = true;
            }
            bool all = more || !_bounded0;
            _bounded0 = true;
            var gaining = new ushort[]?[_nc];
            for (int k = 1; k < _nc; k++) gaining[k] = _probability.TryGetValue(k, out var a) ? a : null;
            // A conversion (or a converted pixel freed at the start of a year) changes the bounds of the pixel and of
            // its 8 neighbours only: theirs are computed again and raise their tile's bounds where they grew. Bounds
            // that would fall are capped at the largest pixel bound of the tile (any class's bound is at most that),
            // so a tile whose best pixel converted drops back without being bounded again whole.
            Span<int> n = stackalloc int[_nc];
            Span<double> u = stackalloc double[_nc];
            var touched = new List<int>();
            if (all) _pending.Clear();   // every tile is bounded whole below
            foreach (long i in _pending)
            {
                int r = (int)(i / _grid.Width), c = (int)(i - (long)r * _grid.Width);
                for (int rr = Math.Max(0, r - 1); rr <= Math.Min(_grid.Height - 1, r + 1); rr++)
                    for (int cc = Math.Max(0, c - 1); cc <= Math.Min(_grid.Width - 1, c + 1); cc++)
                    {
                        int t = (rr >> TileShift) * _tilesX + (cc >> TileShift);
                        if (!_touched[t])
                        {
                            _touched[t] = true;
                            touched.Add(t);
                        }
                        long slot = (long)t * TilePixels + ((rr & (Tile - 1)) << TileShift) + (cc & (Tile - 1));
                        long q = (long)rr * _grid.Width + cc;
                        double most = PixelBound(rr, cc, q, gaining, n, u);
                        _bounded++;
                        _pixelBound[slot] = most > 0 ? (ushort)(Key((float)most) + 1) : (ushort)0;
                        for (int k = 1; k < _nc; k++)
                            if (u[k] > 0) _boundKey[(long)k * _tiles + t] = Math.Max(_boundKey[(long)k * _tiles + t], Key((float)u[k]) + 1);
                    }
            }
            _pending.Clear();
            foreach (int t in touched)
            {
                _touched[t] = false;
                int cap = MaxPixelBound(t);
                for (int k = 1; k < _nc; k++)
                    _boundKey[(long)k * _tiles + t] = Math.Min(_boundKey[(long)k * _tiles + t], cap);
            }
            if (!all) return;
            Parallel.For(0, _tiles, _po, () => new double[_nc], (t, _, best) =>
            {
                TileBound(t, gaining, best);
                for (int k = 0; k < _nc; k++) _boundKey[(long)k * _tiles + t] = best[k] > 0 ? Key((float)best[k]) + 1 : 0;
                return best;
            }, _ => { });
        }

        /// <summary>Per class, the largest score any candidate pixel of tile <paramref name="t"/> can propose (0 = none).</summary>
        private void TileBound(int t, ushort[]?[] gaining, double[] best)
        {
            Span<int> n = stackalloc int[_nc];
            Array.Clear(best);
            int bounded = 0;
            int w = _grid.Width;
            var (r0, r1, c0, c1) = Bounds(t);
            Span<double> u = stackalloc double[_nc];
            for (int r = r0; r < r1; r++)
            {
                for (int c = c0; c < c1; c++)
                {
                    long i = (long)r * w + c;
                    long slot = (long)t * TilePixels + ((r - r0) << TileShift) + (c - c0);
                    double most = PixelBound(r, c, i, gaining, n, u);
                    _pixelBound[slot] = most > 0 ? (ushort)(Key((float)most) + 1) : (ushort)0;
                    if (most == 0) continue;
                    bounded++;
                    for (int k = 1; k < _nc; k++)
                        if (u[k] > best[k]) best[k] = u[k];
                }
            }
            Interlocked.Add(ref _bounded, bounded);
        }

        /// <summary>
        /// Per class <paramref name="u"/>[k], the largest score pixel (r, c) can propose for class k in a round
        /// that is not relaxed (0 = none: a pixel without class, of a class that has never lost, blocked, or without
        /// development probability), and the largest of them: P_k · max(Ω′_k, 1/8) · max(1 − ι·Ω_j, 10⁻³) · C_jk, the
        /// round's score with the patch seed assumed (the same floating-point operations as <see cref="Evaluate"/> with a
        /// factor ≥ Ω′, so never below a score).
        /// </summary>
        private double PixelBound(int r, int c, long i, ushort[]?[] gaining, Span<int> n, Span<double> u)
        {
            u.Clear();
            byte j = _map[i];
            if (j == 0 || !_mayLose[j] || _blocked[i]) return 0;
            Neighbours(r, c, n);
            double keep = Math.Max(1 - _options.Inertia * n[j] / 8.0, 1e-3), most = 0;
            for (int k = 1; k < _nc; k++)
            {
                var pk = gaining[k];
                if (pk is null || k == j || !_permitted[j, k]) continue;
                double pv = pk[i] / 65535.0;
                if (pv == 0) continue;
                u[k] = pv * Math.Max(n[k] / 8.0, 1 / 8.0) * keep * (_carbon?.Factor(i, j, k) ?? 1);
                if (u[k] > most) most = u[k];
            }
            return most;
        }
    }
}
