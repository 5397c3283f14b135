using System.Numerics;
using System.Runtime.Intrinsics;

namespace LandCarbon.Core.Processing;

/// <summary>
/// Runs of equal codes in byte rows (a class raster, or a pair of them), 32 pixels per step: kernels whose result
/// per pixel depends only on its codes update their tallies once per run instead of once per pixel.
/// </summary>
internal static class ByteRuns
{
    /// <summary>Writes the exclusive end of every maximal run of equal values of <paramref name="a"/> into
    /// <paramref name="ends"/> (at least a.Length + 1 long) and returns the number of runs; the last end is a.Length.</summary>
    public static int Ends(ReadOnlySpan<byte> a, Span<int> ends) => Ends(a, a, ends);

    /// <summary>As <see cref="Ends(ReadOnlySpan{byte}, Span{int})"/> for runs of equal pairs (a[i], b[i]).</summary>
    public static int Ends(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<int> ends)
    {
        if (a.Length != b.Length) throw new ArgumentException("The rows differ in length.", nameof(b));
        if (ends.Length < a.Length + 1) throw new ArgumentException("The run buffer is too short.", nameof(ends));
        if (a.IsEmpty) return 0;
        int n = 0, i = 1;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 32 <= a.Length; i += 32)
            {
                var changed = ~(Vector256.Equals(Vector256.Create(a.Slice(i, 32)), Vector256.Create(a.Slice(i - 1, 32)))
                    & Vector256.Equals(Vector256.Create(b.Slice(i, 32)), Vector256.Create(b.Slice(i - 1, 32))));
                uint mask = changed.ExtractMostSignificantBits();
                while (mask != 0)
                {
                    ends[n++] = i + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                }
            }
        }
        for (; i < a.Length; i++)
            if (a[i] != a[i - 1] || b[i] != b[i - 1]) ends[n++] = i;
        ends[n++] = a.Length;
        return n;
    }
}
