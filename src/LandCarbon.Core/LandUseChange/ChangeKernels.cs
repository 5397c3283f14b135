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
        for (int i = 0; i < n; i++)
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
        for (int i = 0; i < delta.Length; i++)
        {
            double d = delta[i];
            if (double.IsNaN(d)) mechanism[i] = ChangeMechanisms.NoData;
            else if (Math.Abs(d) <= epsilon) mechanism[i] = (byte)ChangeMechanism.None;
            else
            {
                // Within-class changes (scope All) and transitions are typed alike, from the two CBI values.
                var m = ChangeMechanisms.Classify(cbiFrom[i], cbiTo[i]);
                mechanism[i] = (byte)m;
            }
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
        for (int i = 0; i < delta.Length; i++)
        {
            double d = delta[i];
            if (double.IsNaN(d)) code[i] = SpaceGradeNoData;
            else if (d > epsilon) code[i] = (sbyte)increment.GradeOf(d);
            else if (d < -epsilon) code[i] = (sbyte)-reduction.GradeOf(-d);
            else code[i] = 0;
        }
    }
}
