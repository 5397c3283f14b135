namespace LandCarbon.Core.Demo;

/// <summary>
/// Deterministic coordinate noise for the synthetic landscape: every value is a pure function of (x, y, seed,
/// channel), so any tile can be generated on its own, in any order, with identical results. Only integer hashing
/// and IEEE double arithmetic are used (no platform RNG), so outputs are byte-identical across runs.
/// </summary>
public static class DemoNoise
{
    /// <summary>SplitMix64 finaliser: a well-mixed 64-bit hash of <paramref name="z"/>.</summary>
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Hash of an integer lattice point and a channel, uniform in [0, 1).</summary>
    public static double Hash01(long ix, long iy, ulong seed, int channel)
    {
        ulong h = Mix(seed ^ ((ulong)channel * 0xD6E8FEB86659FD93UL));
        h = Mix(h ^ (ulong)ix);
        h = Mix(h ^ ((ulong)iy * 0x9E3779B97F4A7C15UL));
        return Unit(h);
    }

    private static double Unit(ulong h) => (h >> 11) * (1.0 / (1UL << 53));

    /// <summary>Smooth value noise in [0, 1) at (x, y) in lattice units (quintic interpolation).</summary>
    public static double Value(double x, double y, ulong seed, int channel)
    {
        double fx = Math.Floor(x), fy = Math.Floor(y);
        long ix = (long)fx, iy = (long)fy;
        double tx = x - fx, ty = y - fy;
        tx = tx * tx * tx * (tx * (tx * 6 - 15) + 10);
        ty = ty * ty * ty * (ty * (ty * 6 - 15) + 10);
        // The four corner hashes of Hash01, sharing the channel and column rounds (7 SplitMix rounds instead of 12;
        // the same values bit for bit).
        ulong hc = Mix(seed ^ ((ulong)channel * 0xD6E8FEB86659FD93UL));
        ulong h0 = Mix(hc ^ (ulong)ix), h1 = Mix(hc ^ (ulong)(ix + 1));
        ulong k0 = (ulong)iy * 0x9E3779B97F4A7C15UL, k1 = (ulong)(iy + 1) * 0x9E3779B97F4A7C15UL;
        double a = Unit(Mix(h0 ^ k0)), b = Unit(Mix(h1 ^ k0));
        double c = Unit(Mix(h0 ^ k1)), d = Unit(Mix(h1 ^ k1));
        double top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    /// <summary>
    /// Fractal (fBm) noise in about [−1, 1]: <paramref name="octaves"/> octaves of value noise, the first with a
    /// feature size of <paramref name="scaleMeters"/>, each next one half the size and half the amplitude.
    /// </summary>
    public static double Fbm(double xMeters, double yMeters, double scaleMeters, int octaves, ulong seed, int channel)
    {
        double sum = 0, amp = 1, norm = 0, f = 1 / scaleMeters;
        for (int o = 0; o < octaves; o++)
        {
            sum += amp * (2 * Value(xMeters * f, yMeters * f, seed, channel * 16 + o) - 1);
            norm += amp;
            amp *= 0.5;
            f *= 2;
        }
        return sum / norm;
    }

    /// <summary>Ridged noise in [0, 1]: sharp crests where the underlying fBm crosses zero (karst peak clusters).</summary>
    public static double Ridged(double xMeters, double yMeters, double scaleMeters, int octaves, ulong seed, int channel)
    {
        double r = 1 - Math.Abs(Fbm(xMeters, yMeters, scaleMeters, octaves, seed, channel));
        return r * r;
    }
}
