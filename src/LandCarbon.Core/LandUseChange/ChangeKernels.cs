using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.LandUseChange;

/// <summary>
/// Pure per-tile kernels of the change analysis. Inputs are spans of one tile: class codes of t1 and t2
/// (negative = nodata) and CBI of t1 and t2 in t C/yr (NaN = nodata). A pixel that is nodata in any input is
/// nodata (NaN) in ΔCBI and in every derived output.
/// </summary>
public static class ChangeKernels
{
    /// <summary>Grade-raster value of nodata (Int8).</summary>
    public const sbyte SpaceGradeNoData = sbyte.MinValue;

    /// <summary>
    /// ΔCBI = (CBI2 − CBI1) × <paramref name="scale"/> (computed in double): t C/yr with scale 1, t C over the
    /// interval with scale = its years (the cumulative option). With <see cref="ChangeScope.TransitionOnly"/> pixels
    /// whose class did not change get exactly 0.
    /// </summary>
    public static void DeltaCbi(ReadOnlySpan<int> classFrom, ReadOnlySpan<int> classTo, ReadOnlySpan<float> cbiFrom,
        ReadOnlySpan<float> cbiTo, ChangeScope scope, Span<double> delta, double scale = 1)
    {
        int n = classFrom.Length;
        if (classTo.Length != n || cbiFrom.Length != n || cbiTo.Length != n || delta.Length < n)
            throw new ArgumentException("All spans of a tile must have the same length.");
        int i = 0;
        if (Avx2.IsSupported && n >= 4)
        {
            // Four pixels per step, bit for bit the scalar loop below: NaN where an input is nodata, 0 for an
            // unchanged class under TransitionOnly, else (CBI2 − CBI1) × scale in double.
            ref int ra = ref MemoryMarshal.GetReference(classFrom);
            ref int rb = ref MemoryMarshal.GetReference(classTo);
            ref float r1 = ref MemoryMarshal.GetReference(cbiFrom);
            ref float r2 = ref MemoryMarshal.GetReference(cbiTo);
            ref double rd = ref MemoryMarshal.GetReference(delta);
            var vscale = Vector256.Create(scale);
            var nan = Vector256.Create(double.NaN);
            bool transitionOnly = scope == ChangeScope.TransitionOnly;
            for (; i + 4 <= n; i += 4)
            {
                var a = Vector128.LoadUnsafe(ref ra, (nuint)i);
                var b = Vector128.LoadUnsafe(ref rb, (nuint)i);
                var c1 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref r1, (nuint)i));
                var c2 = Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref r2, (nuint)i));
                var d = (c2 - c1) * vscale;
                var bad = Avx2.ConvertToVector256Int64(Vector128.LessThan(a | b, Vector128<int>.Zero)).AsDouble();
                bad |= ~Vector256.Equals(c1, c1) | ~Vector256.Equals(c2, c2);
                if (transitionOnly)
                    d = Vector256.ConditionalSelect(Avx2.ConvertToVector256Int64(Vector128.Equals(a, b)).AsDouble(), Vector256<double>.Zero, d);
                Vector256.ConditionalSelect(bad, nan, d).StoreUnsafe(ref rd, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            int a = classFrom[i], b = classTo[i];
            float c1 = cbiFrom[i], c2 = cbiTo[i];
            if (a < 0 || b < 0 || float.IsNaN(c1) || float.IsNaN(c2)) delta[i] = double.NaN;
            else if (scope == ChangeScope.TransitionOnly && a == b) delta[i] = 0;
            else delta[i] = ((double)c2 - c1) * scale;
        }
    }

    /// <summary>The mechanism of each pixel (255 nodata; 0 where |ΔCBI| ≤ ε).</summary>
    public static void Mechanisms(ReadOnlySpan<float> cbiFrom, ReadOnlySpan<float> cbiTo, ReadOnlySpan<double> delta,
        double epsilon, Span<byte> mechanism)
    {
        int n = delta.Length;
        if (cbiFrom.Length < n || cbiTo.Length < n || mechanism.Length < n)
            throw new ArgumentException("All spans of a tile must have the same length.");
        for (int i = 0; i < n; i++)
        {
            double d = delta[i];
            // Within-class changes (scope All) and transitions are typed alike, from the two CBI values:
            // ChangeMechanisms.Classify, written as selections the JIT can make without jumps.
            double c1 = cbiFrom[i], c2 = cbiTo[i];
            int up = c1 >= 0 ? 1 : c2 <= 0 ? 2 : 3;
            int down = c1 <= 0 ? 5 : c2 >= 0 ? 4 : 6;
            int m = c2 > c1 ? up : c2 < c1 ? down : 0;
            mechanism[i] = (byte)(double.IsNaN(d) ? ChangeMechanisms.NoData : Math.Abs(d) <= epsilon ? 0 : m);
        }
    }

    /// <summary>
    /// The space-grade code of each pixel: +g in the increment space, −g in the reduction space (g = 1…grades),
    /// 0 stable, <see cref="SpaceGradeNoData"/> nodata. The reduction space is graded on |ΔCBI|.
    /// </summary>
    public static void SpaceGrades(ReadOnlySpan<double> delta, double epsilon, GradeBreaks increment,
        GradeBreaks reduction, Span<sbyte> code)
    {
        ArgumentNullException.ThrowIfNull(increment);
        ArgumentNullException.ThrowIfNull(reduction);
        // GradeBreaks.GradeOf over local copies of the thresholds: 1 + the number of thresholds at or below the value.
        Span<double> inc = stackalloc double[increment.Thresholds.Count];
        Span<double> red = stackalloc double[reduction.Thresholds.Count];
        for (int j = 0; j < inc.Length; j++) inc[j] = increment.Thresholds[j];
        for (int j = 0; j < red.Length; j++) red[j] = reduction.Thresholds[j];
        for (int i = 0; i < delta.Length; i++)
        {
            double d = delta[i];
            if (double.IsNaN(d)) code[i] = SpaceGradeNoData;
            else if (d > epsilon) code[i] = (sbyte)GradeOf(d, inc);
            else if (d < -epsilon) code[i] = (sbyte)-GradeOf(-d, red);
            else code[i] = 0;
        }
    }

    private static int GradeOf(double magnitude, ReadOnlySpan<double> thresholds)
    {
        int g = 1;
        foreach (double t in thresholds) g += magnitude >= t ? 1 : 0;
        return g;
    }
}
