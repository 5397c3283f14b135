using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    public static double Ridged(double xMeters, double yMeters, double scaleMeters, int octaves, ulong seed, int channel) =>
        RidgedOf(Fbm(xMeters, yMeters, scaleMeters, octaves, seed, channel));

    /// <summary>Ridged noise from the value of its underlying fBm.</summary>
    public static double RidgedOf(double fbm)
    {
        double r = 1 - Math.Abs(fbm);
        return r * r;
    }

    /// <summary>
    /// The same noise through a per-thread cache of lattice cells: neighbouring pixels fall in the same lattice cell
    /// of every octave coarser than a pixel, so the four corner hashes of a cell are computed once per run of pixels
    /// instead of once per pixel. The cache only remembers hashes, which are a pure function of (seed, channel,
    /// cell), so every value is bit for bit that of <see cref="Value"/>, <see cref="Fbm"/> and <see cref="Ridged"/>.
    /// Not thread-safe: one per thread (a generated tile owns one).
    /// </summary>
    public sealed class Cache
    {
        private const int Slots = 64 * 16;
        private readonly ulong _seed;
        private readonly Cell[] _cells = new Cell[Slots];

        private struct Cell
        {
            public long Ix, Iy;
            public double A, B, C, D;
            public ulong Hc;
            public bool Ready, Valid;

            // Corner values of lattice columns RowIx0 … RowIx0 + RowCells − 1 on lattice rows RowIy (first half of
            // RowCorners) and RowIy + 1 (second half), kept for the next rows of points in the same lattice row.
            public long RowIx0, RowIy;
            public int RowCells;
            public double[]? RowCorners;
        }

        /// <summary>A cache for noise of <paramref name="seed"/>.</summary>
        public Cache(ulong seed) => _seed = seed;

        /// <summary>The seed of the noise this cache serves.</summary>
        public ulong Seed => _seed;

        /// <summary>Bit for bit <see cref="DemoNoise.Value"/>.</summary>
        public double Value(double x, double y, int channel)
        {
            if ((uint)channel >= Slots) return DemoNoise.Value(x, y, _seed, channel);
            double fx = Math.Floor(x), fy = Math.Floor(y);
            long ix = (long)fx, iy = (long)fy;
            double tx = x - fx, ty = y - fy;
            tx = tx * tx * tx * (tx * (tx * 6 - 15) + 10);
            ty = ty * ty * ty * (ty * (ty * 6 - 15) + 10);
            ref Cell c = ref _cells[channel];
            if (!c.Valid || c.Ix != ix || c.Iy != iy) Load(ref c, channel, ix, iy);
            double top = c.A + (c.B - c.A) * tx, bottom = c.C + (c.D - c.C) * tx;
            return top + (bottom - top) * ty;
        }

        private void Load(ref Cell c, int channel, long ix, long iy)
        {
            if (!c.Ready)
            {
                c.Hc = Mix(_seed ^ ((ulong)channel * 0xD6E8FEB86659FD93UL));
                c.Ready = true;
            }
            ulong h0 = Mix(c.Hc ^ (ulong)ix), h1 = Mix(c.Hc ^ (ulong)(ix + 1));
            ulong k0 = (ulong)iy * 0x9E3779B97F4A7C15UL, k1 = (ulong)(iy + 1) * 0x9E3779B97F4A7C15UL;
            c.A = Unit(Mix(h0 ^ k0));
            c.B = Unit(Mix(h1 ^ k0));
            c.C = Unit(Mix(h0 ^ k1));
            c.D = Unit(Mix(h1 ^ k1));
            c.Ix = ix;
            c.Iy = iy;
            c.Valid = true;
        }

        /// <summary>Bit for bit <see cref="DemoNoise.Fbm"/>.</summary>
        public double Fbm(double xMeters, double yMeters, double scaleMeters, int octaves, int channel)
        {
            double sum = 0, amp = 1, norm = 0, f = 1 / scaleMeters;
            for (int o = 0; o < octaves; o++)
            {
                sum += amp * (2 * Value(xMeters * f, yMeters * f, channel * 16 + o) - 1);
                norm += amp;
                amp *= 0.5;
                f *= 2;
            }
            return sum / norm;
        }

        /// <summary>
        /// <see cref="Fbm"/> of every point (<paramref name="xs"/>[i], <paramref name="y"/>) of a row into
        /// <paramref name="result"/>, bit for bit. <paramref name="xs"/> must not decrease. Per octave the lattice
        /// row's corner hashes are computed once per cell (and kept while the next rows stay in the same lattice
        /// row), and the interpolation runs four points at a time with the same operations in the same order as
        /// <see cref="Value"/> (IEEE multiply, add and floor give the same bits in a vector lane as in a scalar).
        /// </summary>
        public void FbmRow(ReadOnlySpan<double> xs, double y, double scaleMeters, int octaves, int channel, Span<double> result)
        {
            int len = xs.Length;
            var sum = result[..len];
            sum.Clear();
            double amp = 1, norm = 0, f = 1 / scaleMeters;
            for (int o = 0; o < octaves; o++)
            {
                AddOctave(xs, y * f, f, channel * 16 + o, amp, sum);
                norm += amp;
                amp *= 0.5;
                f *= 2;
            }
            for (int i = 0; i < len; i++) sum[i] /= norm;
        }

        private void LoadRow(ref Cell c, int slot, long ix0, int cells, long iy)
        {
            if (!c.Ready)
            {
                c.Hc = Mix(_seed ^ ((ulong)slot * 0xD6E8FEB86659FD93UL));
                c.Ready = true;
            }
            if (c.RowCorners is null || c.RowCorners.Length < 2 * cells) c.RowCorners = new double[2 * cells];
            double[] corners = c.RowCorners;
            ulong k0 = (ulong)iy * 0x9E3779B97F4A7C15UL, k1 = (ulong)(iy + 1) * 0x9E3779B97F4A7C15UL;
            for (int j = 0; j < cells; j++)
            {
                ulong h = Mix(c.Hc ^ (ulong)(ix0 + j));
                corners[j] = Unit(Mix(h ^ k0));
                corners[cells + j] = Unit(Mix(h ^ k1));
            }
            c.RowIx0 = ix0;
            c.RowIy = iy;
            c.RowCells = cells;
        }

        private unsafe void AddOctave(ReadOnlySpan<double> xs, double yl, double f, int slot, double amp, Span<double> sum)
        {
            int len = xs.Length;
            if (len == 0) return;
            double fx0 = Math.Floor(xs[0] * f), fx1 = Math.Floor(xs[len - 1] * f);
            if ((uint)slot >= Slots || !(fx1 >= fx0) || fx1 - fx0 > 1 << 16)
            {
                for (int i = 0; i < len; i++) sum[i] += amp * (2 * Value(xs[i] * f, yl, slot) - 1);
                return;
            }
            double fy = Math.Floor(yl);
            long iy = (long)fy;
            double ty = yl - fy;
            ty = ty * ty * ty * (ty * (ty * 6 - 15) + 10);
            long ix0 = (long)fx0;
            int cells = (int)((long)fx1 - ix0) + 2;
            ref Cell c = ref _cells[slot];
            if (c.RowCorners is null || c.RowIy != iy || ix0 < c.RowIx0 || ix0 + cells > c.RowIx0 + c.RowCells)
                LoadRow(ref c, slot, ix0 - 2, cells + 4, iy);
            double[] corners = c.RowCorners!;
            int off = (int)(ix0 - c.RowIx0), half = c.RowCells;
            int i0 = 0;
            fixed (double* px = xs, ps = sum, pc = corners)
            {
                if (Avx2.IsSupported)
                {
                    var vf = Vector256.Create(f);
                    var vix0 = Vector256.Create(fx0);
                    var vty = Vector256.Create(ty);
                    var vamp = Vector256.Create(amp);
                    var six = Vector256.Create(6.0);
                    var fifteen = Vector256.Create(15.0);
                    var ten = Vector256.Create(10.0);
                    var two = Vector256.Create(2.0);
                    var one = Vector256.Create(1.0);
                    double* pa = pc + off, pb = pa + 1, pcc = pa + half, pd = pcc + 1;
                    for (; i0 + 4 <= len; i0 += 4)
                    {
                        var xf = Avx.LoadVector256(px + i0) * vf;
                        var fx = Vector256.Floor(xf);
                        var tx = xf - fx;
                        tx = tx * tx * tx * (tx * (tx * six - fifteen) + ten);
                        var idx = Avx.ConvertToVector128Int32WithTruncation(fx - vix0);
                        Vector256<double> a, b, cc, d;
                        int j0 = idx.GetElement(0);
                        if (j0 == idx.GetElement(3))
                        {
                            // The four points share a lattice cell (x does not decrease): broadcast its corners.
                            a = Vector256.Create(pa[j0]);
                            b = Vector256.Create(pb[j0]);
                            cc = Vector256.Create(pcc[j0]);
                            d = Vector256.Create(pd[j0]);
                        }
                        else
                        {
                            a = Avx2.GatherVector256(pa, idx, 8);
                            b = Avx2.GatherVector256(pb, idx, 8);
                            cc = Avx2.GatherVector256(pcc, idx, 8);
                            d = Avx2.GatherVector256(pd, idx, 8);
                        }
                        var top = a + (b - a) * tx;
                        var bottom = cc + (d - cc) * tx;
                        var v = top + (bottom - top) * vty;
                        Avx.Store(ps + i0, Avx.LoadVector256(ps + i0) + vamp * (two * v - one));
                    }
                }
            }
            for (int i = i0; i < len; i++)
            {
                double xf = xs[i] * f;
                double fx = Math.Floor(xf);
                int j = (int)((long)fx - ix0);
                double tx = xf - fx;
                tx = tx * tx * tx * (tx * (tx * 6 - 15) + 10);
                j += off;
                double a = corners[j], b = corners[j + 1], cc = corners[half + j], d = corners[half + j + 1];
                double top = a + (b - a) * tx, bottom = cc + (d - cc) * tx;
                sum[i] += amp * (2 * (top + (bottom - top) * ty) - 1);
            }
        }

        /// <summary>Bit for bit <see cref="DemoNoise.Ridged"/>.</summary>
        public double Ridged(double xMeters, double yMeters, double scaleMeters, int octaves, int channel) =>
            RidgedOf(Fbm(xMeters, yMeters, scaleMeters, octaves, channel));
    }
}
