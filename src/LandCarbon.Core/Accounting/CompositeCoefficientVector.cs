using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Numerics;

namespace LandCarbon.Core.Accounting;

public static partial class CompositeCoefficient
{
    private const double Two40 = ExactSum.FixedScale;
    private const double Magic = 6755399441055744.0;         // 1.5 · 2^52: x + Magic rounds x to an integer, ties to even, for |x| < 2^51
    private const double FixedLimit = 2251799813685248.0;    // 2^51
    private const int FlushGroups = 1024;                    // 1024 values below 2^52 per lane stay below 2^62

    /// <summary>
    /// The general kernel eight pixels at a time (AVX-512), operation for operation the double arithmetic of
    /// <see cref="ComputeScalar"/>: per-class parameters come from 8-entry tables by permutation, each correction
    /// is applied where its class takes it (a blend, never an extra operation on a pixel it does not apply to),
    /// and the totals are added as integers on <see cref="ExactSum"/>'s fixed-point grid, rounded as
    /// <see cref="ExactSum.Add(double)"/> rounds. A group of eight with a CBI of 2048 t C/yr or more in magnitude,
    /// or an area outside [0, 4096) m², goes through <see cref="ComputeScalar"/> instead. Returns the number of pixels
    /// done (a multiple of 8); the caller does the rest with <see cref="ComputeScalar"/>. Without AVX-512 it does
    /// nothing.
    /// </summary>
    private static int ComputeVector(FluxTileInputs t, FluxParameters p, Span<float> cc, Span<float> cbi, Span<float> cbiWithoutPoi, FluxTotals totals)
    {
        if (!Avx512F.IsSupported || !Avx512DQ.IsSupported) return 0;
        var cls = t.Classes;
        int n = cls.Length & ~7;
        if (n == 0) return 0;
        const int K = LandClasses.ArraySize;
        const byte Con = (byte)LandClass.Construction;
        Span<double> bpRef = stackalloc double[K], btRef = stackalloc double[K], spRef = stackalloc double[K];
        ClimateReferences(p, bpRef, btRef, spRef);
        var coefT = Table(p.Coefficients);
        var vegScaleT = Table(p.VegScale);
        var climScaleT = Table(p.ClimScale);
        var terScaleT = Table(p.TerScale);
        var bpRefT = Table(bpRef);
        var btRefT = Table(btRef);
        var spRefT = Table(spRef);
        var vegT = Mask(p.VegApplies);
        var climT = Mask(p.ClimApplies);
        var terT = Mask(p.TerApplies);
        bool anyVeg = p.VegApplies.Any(x => x), anyClim = p.ClimApplies.Any(x => x), anyTer = p.TerApplies.Any(x => x);
        bool conPerPixel = !t.Construction.IsEmpty, perPixel = !t.AreaM2.IsEmpty, poi = p.PoiApplies;
        // Every input the kernel reads must cover the pixels (the scalar kernel reports a missing one).
        if ((conPerPixel && t.Construction.Length < n) || (perPixel && t.AreaM2.Length < n)
            || (anyVeg && t.Vegetation.Length < n) || (anyTer && t.Terrain.Length < n) || (poi && t.PoiWeight.Length < n)
            || (anyClim && (t.Precipitation.Length < n || t.Temperature.Length < n || t.BiomassFromPrecipitation.Length < n))
            || cbi.Length < n || (!cc.IsEmpty && cc.Length < n) || (!cbiWithoutPoi.IsEmpty && cbiWithoutPoi.Length < n))
            return 0;
        var vegMin = Vector512.Create(p.VegMin);
        var vegMax = Vector512.Create(p.VegMax);
        var wB = Vector512.Create(p.BiomassShare);
        var wS = Vector512.Create(1 - p.BiomassShare);
        var poiScale = Vector512.Create(p.PoiScale);
        var poiMin = Vector512.Create(p.PoiMin);
        var areaHa = Vector512.Create(p.PixelAreaHa);
        var nan = Vector512.Create(double.NaN);
        var nanF = Vector256.Create(float.NaN);
        var inf = Vector512.Create(double.PositiveInfinity);
        var con = Vector512.Create((long)Con);
        var two40 = Vector512.Create(Two40);
        var magic = Vector512.Create(Magic);
        var magicBits = Vector512.Create(BitConverter.DoubleToInt64Bits(Magic));
        var limit = Vector512.Create(FixedLimit);
        // Areas are not negative: x + 2^52 rounds to an integer, ties to even, for 0 ≤ x < 2^52 (areas below 4096 m²).
        var areaLimit = Vector512.Create(4503599627370496.0);
        var areaMagic = areaLimit;
        var areaMagicBits = Vector512.Create(BitConverter.DoubleToInt64Bits(4503599627370496.0));
        var zero = Vector512<double>.Zero;
        // Per-class lane accumulators: pixels with a valid CBI (as −1 per pixel), pixels of the class, Σ CBI, Σ area.
        Span<Vector512<long>> valid = stackalloc Vector512<long>[K], all = stackalloc Vector512<long>[K];
        Span<Vector512<long>> tonnes = stackalloc Vector512<long>[K], area = stackalloc Vector512<long>[K];
        valid.Clear(); all.Clear(); tonnes.Clear(); area.Clear();
        Vector512<long> source = default, sink = default;
        ref byte c0 = ref MemoryMarshal.GetReference(cls);
        int groups = 0;
        for (int i = 0; i < n; i += 8)
        {
            var k = Avx512F.ConvertToVector512Int64(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref c0, i))).AsByte());
            if (Vector512.GreaterThanAny(k, Vector512.Create((long)(K - 1))))
            {
                ComputeScalar(t, p, cc, cbi, cbiWithoutPoi, totals, i, i + 8);   // not a class code: as the scalar kernel has it
                continue;
            }
            var nonzero = ~Vector512.Equals(k, Vector512<long>.Zero);
            var c = Avx512F.PermuteVar8x64(coefT, k);
            var isCon = Vector512.Equals(k, con);
            if (conPerPixel) c = Vector512.ConditionalSelect(isCon.AsDouble(), Widen(t.Construction, i), c);
            var ok = nonzero & Vector512.LessThan(Vector512.Abs(c), inf).AsInt64();
            if (anyVeg)
            {
                var f = Widen(t.Vegetation, i) * Avx512F.PermuteVar8x64(vegScaleT, k);
                f = Vector512.ConditionalSelect(Vector512.LessThan(f, vegMin), vegMin, Vector512.ConditionalSelect(Vector512.GreaterThan(f, vegMax), vegMax, f));
                c = Vector512.ConditionalSelect(Avx512F.PermuteVar8x64(vegT, k).AsDouble(), Mul(c, f), c);
            }
            if (anyClim)
            {
                var pr = Widen(t.Precipitation, i);
                var tc = Widen(t.Temperature, i);
                var bp = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(t.BiomassFromPrecipitation), (nuint)i);
                var bt = Vector512.Create(28.0) * tc + Vector512.Create(398.0);
                var sp = Vector512.Create(3.3968) * pr + Vector512.Create(3996.1);
                var blended = Add(wB * Mul(bp / Avx512F.PermuteVar8x64(bpRefT, k), bt / Avx512F.PermuteVar8x64(btRefT, k)),
                    wS * (sp / Avx512F.PermuteVar8x64(spRefT, k)));
                c = Vector512.ConditionalSelect(Avx512F.PermuteVar8x64(climT, k).AsDouble(), Mul(c, blended * Avx512F.PermuteVar8x64(climScaleT, k)), c);
            }
            if (anyTer)
                c = Vector512.ConditionalSelect(Avx512F.PermuteVar8x64(terT, k).AsDouble(), Mul(c, Widen(t.Terrain, i) * Avx512F.PermuteVar8x64(terScaleT, k)), c);
            var areaM2 = perPixel ? Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(t.AreaM2), (nuint)i) : zero;
            var a = perPixel ? areaM2 / Vector512.Create(1e4) : areaHa;
            var noPoi = Narrow(Vector512.ConditionalSelect(ok.AsDouble(), c * a, nan));
            if (poi)
            {
                var w = Widen(t.PoiWeight, i);
                var f = Vector512.ConditionalSelect(Vector512.GreaterThan(w, zero), w * poiScale,
                    Vector512.ConditionalSelect(Vector512.Equals(w, w), poiMin, nan));
                c = Vector512.ConditionalSelect(isCon.AsDouble(), c * f, c);
            }
            var fin = ok & Vector512.LessThan(Vector512.Abs(c), inf).AsInt64();
            var ccf = Narrow(c);
            var cbif = Narrow(c * a);
            // Totals on the fixed-point grid: y = round(x · 2^40) for |x · 2^40| < 2^51.
            var y = Avx512F.ConvertToVector512Double(cbif) * two40;
            var ya = areaM2 * two40;
            var inRange = Vector512.LessThan(Vector512.Abs(y), limit) & Vector512.GreaterThanOrEqual(ya, zero) & Vector512.LessThan(ya, areaLimit);
            if (!Vector512.EqualsAll((inRange.AsInt64() | ~fin), Vector512<long>.AllBitsSet))
            {
                ComputeScalar(t, p, cc, cbi, cbiWithoutPoi, totals, i, i + 8);
                continue;
            }
            var fixedT = (y + magic).AsInt64() - magicBits;
            var fixedA = (ya + areaMagic).AsInt64() - areaMagicBits;
            var finF = Avx512F.ConvertToVector256Int32(fin).AsSingle();   // 64-bit lane masks narrowed to 32 (−1 stays −1)
            if (!cc.IsEmpty) Vector256.ConditionalSelect(finF, ccf, nanF).StoreUnsafe(ref MemoryMarshal.GetReference(cc), (nuint)i);
            Vector256.ConditionalSelect(finF, cbif, nanF).StoreUnsafe(ref MemoryMarshal.GetReference(cbi), (nuint)i);
            if (!cbiWithoutPoi.IsEmpty) noPoi.StoreUnsafe(ref MemoryMarshal.GetReference(cbiWithoutPoi), (nuint)i);
            var fixedFin = fixedT & fin;
            source += fixedFin & Vector512.GreaterThan(y, zero).AsInt64();
            sink -= fixedFin & Vector512.LessThan(y, zero).AsInt64();
            for (int kk = 1; kk < K; kk++)
            {
                var m = Vector512.Equals(k, Vector512.Create((long)kk));
                var mf = m & fin;
                all[kk] += m;
                valid[kk] += mf;
                tonnes[kk] += fixedT & mf;
                if (perPixel) area[kk] += fixedA & mf;
            }
            if (++groups == FlushGroups)
            {
                Flush(totals, valid, all, tonnes, area, ref source, ref sink, perPixel);
                groups = 0;
            }
        }
        Flush(totals, valid, all, tonnes, area, ref source, ref sink, perPixel);
        return n;
    }

    /// <summary>Moves the lane accumulators into the totals (pixel counts were added as −1 per pixel).</summary>
    private static void Flush(FluxTotals totals, Span<Vector512<long>> valid, Span<Vector512<long>> all, Span<Vector512<long>> tonnes,
        Span<Vector512<long>> area, ref Vector512<long> source, ref Vector512<long> sink, bool perPixel)
    {
        for (int k = 1; k < LandClasses.ArraySize; k++)
        {
            long v = -Vector512.Sum(valid[k]);
            totals.ClassPixels[k] += v;
            totals.ExcludedPixels[k] += -Vector512.Sum(all[k]) - v;
            totals.ClassTonnesC[k].AddFixed(Lanes(tonnes[k]));
            if (perPixel) totals.ClassAreaM2[k].AddFixed(Lanes(area[k]));
            valid[k] = all[k] = tonnes[k] = area[k] = default;
        }
        totals.SourceTonnesC.AddFixed(Lanes(source));
        totals.SinkTonnesC.AddFixed(Lanes(sink));
        source = sink = default;
    }

    /// <summary>The sum of eight lanes below 2^62 each, in 128 bits.</summary>
    private static Int128 Lanes(Vector512<long> v)
    {
        Int128 s = 0;
        for (int j = 0; j < 8; j++) s += v.GetElement(j);
        return s;
    }

    private static Vector512<double> Table(ReadOnlySpan<double> perClass)
    {
        Span<double> t = stackalloc double[8];
        t.Clear();
        perClass[..Math.Min(8, perClass.Length)].CopyTo(t);
        return Vector512.Create<double>(t);
    }

    private static Vector512<double> Mask(bool[] perClass)
    {
        Span<long> t = stackalloc long[8];
        t.Clear();
        for (int k = 0; k < Math.Min(8, perClass.Length); k++) t[k] = perClass[k] ? -1 : 0;
        return Vector512.Create<long>(t).AsDouble();
    }

    // a · b and a + b where both operands may be NaN: a's NaN then, as ComputeScalar's MulNaN and AddNaN give it,
    // whichever operand order the instruction gets. All NaNs here are quiet (they come from float → double
    // conversions or arithmetic), so a is the result as is.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Mul(Vector512<double> a, Vector512<double> b) => Vector512.ConditionalSelect(Vector512.IsNaN(a), a, a * b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => Vector512.ConditionalSelect(Vector512.IsNaN(a), a, a + b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Widen(ReadOnlySpan<float> s, int i) =>
        Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(s), (nuint)i));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Narrow(Vector512<double> v) => Avx512F.ConvertToVector256Single(v);
}
