using LandCarbon.Core.Simulation;

namespace LandCarbon.Core.Tests.Simulation;

public class CounterRandomTests
{
    /// <summary>SplitMix64's finaliser, written out here as the reference the hashes must equal.</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    [Theory]
    [InlineData(0UL, 0UL)]
    [InlineData(20260628UL, 0x10300UL)]
    [InlineData(ulong.MaxValue, 0x1F0107UL)]
    public void KeyedStream_GivesTheSameNumbersAsTheFullKey(ulong seed, ulong stream)
    {
        ulong key = CounterRandom.StreamKey(seed, stream);
        foreach (ulong counter in new ulong[] { 0, 1, 63, 4_000_000, 63_999_999, ulong.MaxValue })
        {
            ulong expected = Mix(Mix(Mix(seed + 0x9E3779B97F4A7C15UL) ^ (stream + 0xD1B54A32D192ED03UL)) ^ (counter + 0x8CB92BA72F3D8DD7UL));
            Assert.Equal(expected, CounterRandom.Hash(seed, stream, counter));
            Assert.Equal(expected, CounterRandom.HashKeyed(key, counter));
            Assert.Equal(CounterRandom.At(seed, stream, counter), CounterRandom.AtKeyed(key, counter));
            Assert.Equal(((expected >> 11) + 0.5) / (1UL << 53), CounterRandom.AtKeyed(key, counter));
        }
    }
}
