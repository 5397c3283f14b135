namespace LandCarbon.Core.Numerics;

/// <summary>
/// A counter-based random stream (SplitMix64, Steele, Lea and Flood 2014) whose state is derived from
/// (seed, stream index) alone, so the draws for cell i or permutation p do not depend on which thread runs them or
/// in which order. Bounded integers use Lemire's unbiased multiply-and-reject method.
/// </summary>
public struct PermutationRandom
{
    private ulong _state;
    private ulong _spare;
    private bool _hasSpare;

    /// <summary>The stream <paramref name="stream"/> of generator <paramref name="seed"/>.</summary>
    public PermutationRandom(long seed, long stream)
    {
        _state = Mix(Mix((ulong)seed ^ 0x6A09E667F3BCC909UL) + (ulong)stream * 0x9E3779B97F4A7C15UL);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>The next 32 random bits (each 64-bit output serves two calls: high half, then low half).</summary>
    public uint NextUInt32()
    {
        if (_hasSpare) { _hasSpare = false; return (uint)_spare; }
        ulong r = NextUInt64();
        _spare = r;
        _hasSpare = true;
        return (uint)(r >> 32);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), exactly (no modulo bias).</summary>
    public uint NextBelow(uint bound)
    {
        ulong m = (ulong)NextUInt32() * bound;
        uint low = (uint)m;
        if (low < bound)
        {
            uint threshold = (0u - bound) % bound;
            while (low < threshold)
            {
                m = (ulong)NextUInt32() * bound;
                low = (uint)m;
            }
        }
        return (uint)(m >> 32);
    }

    /// <summary>
    /// Draws <paramref name="destination"/>.Length distinct integers uniformly from [0, <paramref name="bound"/>)
    /// with Floyd's algorithm (a sparse partial Fisher–Yates: k draws and at most k² comparisons, no array of
    /// size bound). The order of the sample is not random; only the set is.
    /// </summary>
    public void SampleWithoutReplacement(uint bound, Span<int> destination)
    {
        int k = destination.Length;
        if ((uint)k > bound) throw new ArgumentOutOfRangeException(nameof(destination), "Sample larger than the population.");
        int filled = 0;
        for (uint j = bound - (uint)k; j < bound; j++)
        {
            int t = (int)NextBelow(j + 1);
            for (int q = 0; q < filled; q++)
            {
                if (destination[q] == t) { t = (int)j; break; }
            }
            destination[filled++] = t;
        }
    }
}
