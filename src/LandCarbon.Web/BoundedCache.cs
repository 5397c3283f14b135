namespace LandCarbon.Web;

/// <summary>
/// A least-recently-used cache bounded by the total size of its values (a size given with each value, e.g. its
/// bytes), safe for many threads: a lookup or an insert takes one short lock. Adding past the bound evicts the
/// least recently used entries, so the memory it holds stays under <see cref="Capacity"/> whatever the requests.
/// </summary>
public sealed class BoundedCache<TKey, TValue> where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _map;
    private readonly LinkedList<Entry> _order = new();   // most recently used first
    private readonly Lock _lock = new();
    private long _size;

    private readonly record struct Entry(TKey Key, TValue Value, long Size);

    /// <summary>A cache holding values of at most <paramref name="capacity"/> size units in total.</summary>
    public BoundedCache(long capacity, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
        _map = new Dictionary<TKey, LinkedListNode<Entry>>(comparer);
    }

    /// <summary>The bound on the total size of the values held.</summary>
    public long Capacity { get; }

    /// <summary>Total size of the values held now.</summary>
    public long Size
    {
        get { lock (_lock) return _size; }
    }

    /// <summary>Number of values held now.</summary>
    public int Count
    {
        get { lock (_lock) return _map.Count; }
    }

    /// <summary>Lookups that found their value, and lookups in all (for logs and benchmarks).</summary>
    public (long Hits, long Lookups) Stats
    {
        get { lock (_lock) return (_hits, _lookups); }
    }

    private long _hits, _lookups;

    /// <summary>The value of <paramref name="key"/>, marked as the most recently used, if the cache holds it.</summary>
    public bool TryGet(TKey key, out TValue value)
    {
        lock (_lock)
        {
            _lookups++;
            if (_map.TryGetValue(key, out var node))
            {
                _hits++;
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                return true;
            }
        }
        value = default!;
        return false;
    }

    /// <summary>
    /// Adds <paramref name="value"/> of <paramref name="size"/> units under <paramref name="key"/> (a value larger
    /// than the whole capacity is not kept) and evicts the least recently used entries beyond the capacity. When the
    /// cache holds the key already (another thread added it meanwhile), that value stays and is returned, unless
    /// <paramref name="replace"/> says the new value is to take its place.
    /// </summary>
    public TValue Add(TKey key, TValue value, long size, Func<TValue, bool>? replace = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (size > Capacity) return value;
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var existing))
            {
                if (replace is null || !replace(existing.Value.Value)) return existing.Value.Value;
                _order.Remove(existing);
                _size -= existing.Value.Size;
            }
            _map[key] = _order.AddFirst(new Entry(key, value, size));
            _size += size;
            while (_size > Capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
                _size -= last.Value.Size;
            }
        }
        return value;
    }
}
