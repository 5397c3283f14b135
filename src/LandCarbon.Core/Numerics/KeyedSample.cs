namespace LandCarbon.Core.Numerics;

/// <summary>
/// Keeps the <see cref="Capacity"/> items with the smallest (key, index) pairs seen (<see cref="SampleKey"/>):
/// a seeded random sample without replacement that is identical however the items arrive. Mergeable.
/// </summary>
public sealed class KeyedSample<T>
{
    private readonly PriorityQueue<(ulong Key, long Index, T Item), (ulong Key, long Index)> _heap =
        new(Comparer<(ulong Key, long Index)>.Create((a, b) => b.CompareTo(a)));

    /// <summary>Creates an empty sample of at most <paramref name="capacity"/> items.</summary>
    public KeyedSample(int capacity) => Capacity = Math.Max(0, capacity);

    /// <summary>Maximum size.</summary>
    public int Capacity { get; }

    /// <summary>Items held.</summary>
    public int Count => _heap.Count;

    /// <summary>Offers one item.</summary>
    public void Offer(ulong key, long index, T item)
    {
        if (Capacity == 0) return;
        if (_heap.Count < Capacity) { _heap.Enqueue((key, index, item), (key, index)); return; }
        var top = _heap.Peek();
        if ((key, index).CompareTo((top.Key, top.Index)) < 0)
        {
            _heap.Dequeue();
            _heap.Enqueue((key, index, item), (key, index));
        }
    }

    /// <summary>Offers every item of another sample.</summary>
    public void Merge(KeyedSample<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (e, _) in other._heap.UnorderedItems) Offer(e.Key, e.Index, e.Item);
    }

    /// <summary>The items ordered by unit index.</summary>
    public IReadOnlyList<(long Index, T Item)> Items() =>
        [.. _heap.UnorderedItems.Select(x => (x.Element.Index, x.Element.Item)).OrderBy(x => x.Index)];
}
