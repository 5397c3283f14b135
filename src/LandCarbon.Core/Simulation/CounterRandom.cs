namespace LandCarbon.Core.Simulation;

/// <summary>
/// Counter-based random numbers: each value is a hash of (seed, stream, counter) (the SplitMix64 finaliser,
/// Steele, Lea &amp; Flood 2014), so a pixel's number depends only on its key — never on which thread or tile
/// draws it, nor on how many numbers were drawn before. <see cref="At"/> gives the number of one key; an instance
/// walks the counter of one stream.
/// </summary>
public struct CounterRandom(ulong seed, ulong stream)
{
    private ulong _counter;

    /// <summary>The next 64 random bits of this stream.</summary>
    public ulong NextBits() => Hash(seed, stream, _counter++);

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) (multiply-shift; bias below 2⁻³²  for bounds under 2³²).</summary>
    public ulong NextBelow(ulong bound) => (ulong)(((UInt128)NextBits() * bound) >> 64);

    /// <summary>The 64-bit hash of a key.</summary>
    public static ulong Hash(ulong seed, ulong stream, ulong counter) => HashKeyed(StreamKey(seed, stream), counter);

    /// <summary>A uniform number in (0, 1) for a key (53 random bits, never exactly 0 or 1).</summary>
    public static double At(ulong seed, ulong stream, ulong counter) => ToUnit(Hash(seed, stream, counter));

    /// <summary>
    /// The part of <see cref="Hash"/> that depends only on (seed, stream): two of its three mixes. A loop drawing one
    /// stream for many counters (a pixel pass) computes it once and calls <see cref="HashKeyed"/> or
    /// <see cref="AtKeyed"/>, with the same numbers as <see cref="Hash"/> and <see cref="At"/>.
    /// </summary>
    public static ulong StreamKey(ulong seed, ulong stream) =>
        Mix(Mix(seed + 0x9E3779B97F4A7C15UL) ^ (stream + 0xD1B54A32D192ED03UL));

    /// <summary><see cref="Hash"/> of (seed, stream, <paramref name="counter"/>) from the <see cref="StreamKey"/> of (seed, stream).</summary>
    public static ulong HashKeyed(ulong streamKey, ulong counter) => Mix(streamKey ^ (counter + 0x8CB92BA72F3D8DD7UL));

    /// <summary><see cref="At"/> of (seed, stream, <paramref name="counter"/>) from the <see cref="StreamKey"/> of (seed, stream).</summary>
    public static double AtKeyed(ulong streamKey, ulong counter) => ToUnit(HashKeyed(streamKey, counter));

    private static double ToUnit(ulong bits) => ((bits >> 11) + 0.5) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
