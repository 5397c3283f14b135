namespace LandCarbon.Core.Numerics;

/// <summary>
/// The pseudo-random sort key of a unit for seeded sampling: SplitMix64 of (seed, unit index). A sample is "the k
/// units with the smallest keys", which depends only on the seed and the data, never on tile size, thread count or
/// visiting order.
/// </summary>
public static class SampleKey
{
    /// <summary>The key of unit <paramref name="index"/> under <paramref name="seed"/>.</summary>
    public static ulong Of(long seed, long index)
    {
        ulong z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)index + 0x632BE59BD9B4E019UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
