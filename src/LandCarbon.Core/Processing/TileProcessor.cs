using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Processing;

/// <summary>
/// Runs a kernel on every tile of a layout in parallel. Three shapes:
/// <list type="bullet">
/// <item><see cref="ForEach"/>: each tile on its own (e.g. compute and write an output tile);</item>
/// <item><see cref="MapReduce{TPartial,TAcc}"/>: a partial result per tile, combined strictly in tile order, so
/// floating-point totals are bit-identical for any thread count (tile size still matters for floating-point
/// sums; use <see cref="Numerics.ExactSum"/> partials where totals must not depend on it);</item>
/// <item><see cref="Accumulate{TState}"/>: one state per worker, merged at the end; only for exact, order-free
/// accumulations such as integer counts.</item>
/// </list>
/// Memory is bounded by the tiles in flight (a batch of a few tiles per thread), never by the raster size.
/// </summary>
public static class TileProcessor
{
    /// <summary>Runs <paramref name="body"/> once per tile.</summary>
    public static void ForEach(TileLayout layout, TileOptions options, Action<PixelWindow> body)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(body);
        var progress = new ProgressCounter(layout.Count, options.Progress);
        Unwrap(() => Parallel.For(0, layout.Count, ParallelOptionsFor(options), i =>
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            body(layout[i]);
            progress.Step();
        }));
    }

    /// <summary>
    /// Maps each tile to a partial result and folds the partials into <paramref name="seed"/> in tile-index order.
    /// Tiles are processed in batches of a few per thread; at most one batch of partials is alive at a time.
    /// </summary>
    public static TAcc MapReduce<TPartial, TAcc>(
        TileLayout layout, TileOptions options, Func<PixelWindow, TPartial> map, TAcc seed,
        Func<TAcc, TPartial, TAcc> combine)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(combine);
        var progress = new ProgressCounter(layout.Count, options.Progress);
        int batch = Math.Max(1, options.Threads * 4);
        var partials = new TPartial[Math.Min(batch, layout.Count)];
        var po = ParallelOptionsFor(options);
        var acc = seed;
        for (int start = 0; start < layout.Count; start += batch)
        {
            int n = Math.Min(batch, layout.Count - start);
            int first = start;
            Unwrap(() => Parallel.For(0, n, po, k =>
            {
                options.CancellationToken.ThrowIfCancellationRequested();
                partials[k] = map(layout[first + k]);
                progress.Step();
            }));
            for (int k = 0; k < n; k++)
            {
                acc = combine(acc, partials[k]);
                partials[k] = default!;
            }
        }
        return acc;
    }

    /// <summary>
    /// Gives each worker its own state from <paramref name="createState"/>, runs <paramref name="body"/> on the
    /// tiles that worker takes, then merges the states into the first one with <paramref name="merge"/>. Use only
    /// when the accumulation is exact and order-free (integer counts, min/max), because tiles reach workers in no
    /// fixed order.
    /// </summary>
    public static TState Accumulate<TState>(
        TileLayout layout, TileOptions options, Func<TState> createState, Action<PixelWindow, TState> body,
        Action<TState, TState> merge) where TState : class
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(createState);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(merge);
        var progress = new ProgressCounter(layout.Count, options.Progress);
        // Parallel.For starts and retires worker replicas as it balances the loop, each with its own local state:
        // a retired replica's state goes back to a pool for the next one, so there are about as many states (and
        // merges) as threads, not as replicas.
        var states = new List<TState>();
        var idle = new System.Collections.Concurrent.ConcurrentStack<TState>();
        TState Take()
        {
            if (idle.TryPop(out var s)) return s;
            s = createState();
            lock (states) states.Add(s);
            return s;
        }
        Unwrap(() => Parallel.For(0, layout.Count, ParallelOptionsFor(options), Take, (i, _, state) =>
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            body(layout[i], state);
            progress.Step();
            return state;
        }, idle.Push));
        if (states.Count == 0) return createState();
        var total = states[0];
        for (int i = 1; i < states.Count; i++) merge(total, states[i]);
        return total;
    }

    /// <summary>Runs independent actions (e.g. finishing several output files) on up to the options' threads;
    /// rethrows the first failure as itself, as the tile loops do.</summary>
    public static void RunAll(TileOptions options, IReadOnlyList<Action> actions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(actions);
        Unwrap(() => Parallel.For(0, actions.Count, ParallelOptionsFor(options), i => actions[i]()));
    }

    /// <summary>Runs a parallel loop and rethrows the first failure of a tile as itself (not wrapped in an
    /// <see cref="AggregateException"/>), so that an <see cref="Models.InputException"/> from a damaged input block
    /// still reaches the CLI as bad input (exit code 2).</summary>
    private static void Unwrap(Action loop)
    {
        try
        {
            loop();
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }
    }

    private static ParallelOptions ParallelOptionsFor(TileOptions o) => new()
    {
        MaxDegreeOfParallelism = o.Threads,
        CancellationToken = o.CancellationToken,
    };

    private sealed class ProgressCounter(int total, IProgress<double>? progress)
    {
        private int _done;
        private int _lastPermille = -1;

        public void Step()
        {
            if (progress is null) return;
            int d = Interlocked.Increment(ref _done);
            int permille = (int)(1000L * d / Math.Max(1, total));
            int last = Volatile.Read(ref _lastPermille);
            if (permille > last && Interlocked.CompareExchange(ref _lastPermille, permille, last) == last)
                progress.Report(permille / 1000.0);
        }
    }
}
