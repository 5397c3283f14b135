using LandCarbon.Core.LandUse;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Accounting;

/// <summary>
/// The inputs of one tile, row-major and all the same length: the class of each pixel (0 = nodata) and the
/// optional per-pixel inputs (empty = not used). Float inputs carry NaN where their raster is nodata.
/// </summary>
public ref struct FluxTileInputs
{
    /// <summary>Class per pixel (<see cref="LandClass"/> values, 0 = nodata).</summary>
    public ReadOnlySpan<byte> Classes;

    /// <summary>δ_con per pixel (t C/ha/yr) from the zone of the pixel; empty = the construction coefficient of
    /// <see cref="FluxParameters.Coefficients"/>.</summary>
    public ReadOnlySpan<float> Construction;

    /// <summary>NDVI or NPP.</summary>
    public ReadOnlySpan<float> Vegetation;

    /// <summary>Annual precipitation, mm.</summary>
    public ReadOnlySpan<float> Precipitation;

    /// <summary>Annual mean temperature, °C.</summary>
    public ReadOnlySpan<float> Temperature;

    /// <summary>1/cos(slope) (<see cref="TerrainFactor"/>).</summary>
    public ReadOnlySpan<float> Terrain;

    /// <summary>POI functional weight of construction pixels.</summary>
    public ReadOnlySpan<float> PoiWeight;

    /// <summary>Ground area of each pixel in m² (<see cref="Processing.PixelAreas.Fill"/>); empty = every pixel has
    /// <see cref="FluxParameters.PixelAreaHa"/>.</summary>
    public ReadOnlySpan<double> AreaM2;

    /// <summary>6.798·exp(0.0054·P) of each pixel (<see cref="ClimateFactor.BiomassFromPrecipitation"/> of
    /// <see cref="Precipitation"/>), computed once for a tile that several years share; empty = computed per pixel.</summary>
    internal ReadOnlySpan<double> BiomassFromPrecipitation;

    /// <summary>Fills <paramref name="biomass"/> with <see cref="ClimateFactor.BiomassFromPrecipitation"/> of each
    /// precipitation value (the first factor of K_B, the same for every year and class).</summary>
    internal static void FillBiomassFromPrecipitation(ReadOnlySpan<float> precipitation, Span<double> biomass)
    {
        for (int i = 0; i < precipitation.Length; i++) biomass[i] = ClimateFactor.BiomassFromPrecipitation(precipitation[i]);
    }
}

/// <summary>
/// Per-class sums of the raw correction inputs: the first pass of the composite coefficient, from which the class
/// means used for normalisation and for the climate reference come. Sums are <see cref="ExactSum"/>s, so the
/// means (and hence every output) are identical for any tile size and thread count.
/// </summary>
public sealed class FactorSums
{
    private readonly int K;

    internal readonly ExactSum[] Vegetation, Precipitation, Temperature, BiomassProduct, Soil, Terrain, Poi;

    internal readonly long[] VegetationCount, ClimateCount, TerrainCount, PoiCount;

    /// <summary>Sums per class (the six classes).</summary>
    public FactorSums() : this(LandClasses.ArraySize)
    {
    }

    /// <summary>Sums per group 1…<paramref name="groups"/> − 1 (0 = nodata): the classes, or the rows of a
    /// carbon pool table in stock mode.</summary>
    public FactorSums(int groups)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(groups, 256);
        K = groups;
        Vegetation = new ExactSum[K]; Precipitation = new ExactSum[K]; Temperature = new ExactSum[K];
        BiomassProduct = new ExactSum[K]; Soil = new ExactSum[K]; Terrain = new ExactSum[K]; Poi = new ExactSum[K];
        VegetationCount = new long[K]; ClimateCount = new long[K]; TerrainCount = new long[K]; PoiCount = new long[K];
    }

    /// <summary>Adds the valid pixels of one tile.</summary>
    public void AddTile(FluxTileInputs t)
    {
        var cls = t.Classes;
        // One deferred-sum buffer per (sum, class): bit-identical to adding to the ExactSums directly, but faster.
        Span<ExactSumBuffer> b = K <= LandClasses.ArraySize ? stackalloc ExactSumBuffer[7 * LandClasses.ArraySize] : new ExactSumBuffer[7 * K];
        for (int i = 0; i < cls.Length; i++)
        {
            int k = cls[i];
            if (k == 0) continue;
            if (!t.Vegetation.IsEmpty && float.IsFinite(t.Vegetation[i])) { b[k].Add(t.Vegetation[i], ref Vegetation[k]); VegetationCount[k]++; }
            if (!t.Precipitation.IsEmpty && float.IsFinite(t.Precipitation[i]) && float.IsFinite(t.Temperature[i]))
            {
                double p = t.Precipitation[i], temp = t.Temperature[i];
                b[K + k].Add(p, ref Precipitation[k]);
                b[2 * K + k].Add(temp, ref Temperature[k]);
                // exp(0.0054 P)·(28 T + 398): the biomass density product without its constant 6.798.
                b[3 * K + k].Add(Math.Exp(0.0054 * p) * ClimateFactor.BiomassFromTemperature(temp), ref BiomassProduct[k]);
                b[4 * K + k].Add(ClimateFactor.SoilFromPrecipitation(p), ref Soil[k]);
                ClimateCount[k]++;
            }
            if (!t.Terrain.IsEmpty && float.IsFinite(t.Terrain[i])) { b[5 * K + k].Add(t.Terrain[i], ref Terrain[k]); TerrainCount[k]++; }
            if (!t.PoiWeight.IsEmpty && float.IsFinite(t.PoiWeight[i])) { b[6 * K + k].Add(t.PoiWeight[i], ref Poi[k]); PoiCount[k]++; }
        }
        ExactSum[][] targets = [Vegetation, Precipitation, Temperature, BiomassProduct, Soil, Terrain, Poi];
        for (int j = 0; j < 7; j++)
            for (int k = 0; k < K; k++) b[j * K + k].Flush(ref targets[j][k]);
    }

    /// <summary>
    /// Adds the valid pixels of one tile whose inputs were turned into fixed-point terms once
    /// (<see cref="FactorTerms"/>, shared by every year of the tile): the same totals as
    /// <see cref="AddTile(FluxTileInputs)"/> on those inputs, bit for bit, as integer additions.
    /// </summary>
    internal void AddTile(ReadOnlySpan<byte> classes, FactorTerms terms)
    {
        int n = classes.Length;
        Span<Int128> acc = K <= LandClasses.ArraySize ? stackalloc Int128[LandClasses.ArraySize] : new Int128[K];
        Span<long> count = K <= LandClasses.ArraySize ? stackalloc long[LandClasses.ArraySize] : new long[K];
        void Group(ReadOnlySpan<byte> cls, ReadOnlySpan<byte> ok, long[] counts, ReadOnlySpan<long> v1, ExactSum[] s1, Span<Int128> a, Span<long> c)
        {
            a.Clear();
            c.Clear();
            for (int i = 0; i < cls.Length; i++)
            {
                int k = cls[i];
                a[k] += v1[i];
                c[k] += ok[i];
            }
            for (int k = 1; k < K; k++)
            {
                s1[k].AddFixed(a[k]);
                counts[k] += c[k];
            }
        }
        void Sum<T>(ReadOnlySpan<byte> cls, ReadOnlySpan<T> v, ExactSum[] s, Span<Int128> a) where T : System.Numerics.IBinaryInteger<T>
        {
            a.Clear();
            for (int i = 0; i < cls.Length; i++) a[cls[i]] += Int128.CreateTruncating(v[i]);
            for (int k = 1; k < K; k++) s[k].AddFixed(a[k]);
        }
        if (terms.Vegetation is { } veg) Group(classes, terms.VegetationOk.AsSpan(0, n), VegetationCount, veg.AsSpan(0, n), Vegetation, acc, count);
        if (terms.Precipitation is { } pr)
        {
            Group(classes, terms.ClimateOk.AsSpan(0, n), ClimateCount, pr.AsSpan(0, n), Precipitation, acc, count);
            Sum<long>(classes, terms.Temperature!.AsSpan(0, n), Temperature, acc);
            Sum<Int128>(classes, terms.BiomassProduct!.AsSpan(0, n), BiomassProduct, acc);
            Sum<long>(classes, terms.Soil!.AsSpan(0, n), Soil, acc);
        }
        if (terms.Terrain is { } ter) Group(classes, terms.TerrainOk.AsSpan(0, n), TerrainCount, ter.AsSpan(0, n), Terrain, acc, count);
        if (terms.Poi is { } poi) Group(classes, terms.PoiOk.AsSpan(0, n), PoiCount, poi.AsSpan(0, n), Poi, acc, count);
    }

    /// <summary>Adds another partial (tile order does not matter: the sums are exact).</summary>
    public FactorSums Add(FactorSums other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.K != K) throw new ArgumentException("The partial sums have another number of groups.", nameof(other));
        for (int k = 0; k < K; k++)
        {
            Vegetation[k].Add(other.Vegetation[k]); Precipitation[k].Add(other.Precipitation[k]);
            Temperature[k].Add(other.Temperature[k]); BiomassProduct[k].Add(other.BiomassProduct[k]);
            Soil[k].Add(other.Soil[k]); Terrain[k].Add(other.Terrain[k]); Poi[k].Add(other.Poi[k]);
            VegetationCount[k] += other.VegetationCount[k]; ClimateCount[k] += other.ClimateCount[k];
            TerrainCount[k] += other.TerrainCount[k]; PoiCount[k] += other.PoiCount[k];
        }
        return this;
    }

    internal static double Mean(in ExactSum s, long n) => n > 0 ? s.Value / n : double.NaN;
}

/// <summary>
/// The terms <see cref="FactorSums"/> adds per pixel, computed once per tile from the static inputs (the same for
/// every year): each value rounded to <see cref="ExactSum"/>'s fixed-point grid (0 where the pixel's input is not
/// valid, so that it adds nothing) and a 0/1 flag of validity per input, so that each year only adds integers per
/// class. Class 0 (nodata) also receives terms; its sums are never used. Built by <see cref="TryCreate"/>, which
/// declines a tile with a value outside ±2^22 (any finite value for the biomass product, which reaches 10^7 and
/// more where it rains 1800 mm, and is kept in 128 bits) or a biomass product that is not finite (the caller then
/// adds pixel by pixel, as before).
/// </summary>
internal sealed class FactorTerms : IDisposable
{
    private const double Limit = 4194304.0;   // 2^22: |x|·2^40 < 2^62, the rounded value fits a long exactly

    public long[]? Vegetation, Precipitation, Temperature, Soil, Terrain, Poi;
    public Int128[]? BiomassProduct;
    public byte[]? VegetationOk, ClimateOk, TerrainOk, PoiOk;

    private FactorTerms()
    {
    }

    /// <summary>The terms of the tile's inputs, or null when a value is outside the fast range.</summary>
    public static FactorTerms? TryCreate(FluxTileInputs t, int n)
    {
        var f = new FactorTerms();
        try
        {
            if (!t.Vegetation.IsEmpty && !One(t.Vegetation[..n], out f.Vegetation, out f.VegetationOk)) return Decline(f);
            if (!t.Precipitation.IsEmpty && !Climate(t.Precipitation[..n], t.Temperature[..n], f)) return Decline(f);
            if (!t.Terrain.IsEmpty && !One(t.Terrain[..n], out f.Terrain, out f.TerrainOk)) return Decline(f);
            if (!t.PoiWeight.IsEmpty && !One(t.PoiWeight[..n], out f.Poi, out f.PoiOk)) return Decline(f);
            return f;
        }
        catch
        {
            f.Dispose();
            throw;
        }
    }

    private static FactorTerms? Decline(FactorTerms f)
    {
        f.Dispose();
        return null;
    }

    // The value ExactSum.Add adds for x (|x| < 2^22): round(x·2^40), ties to even, exact in a long.
    private static long Fixed(double x) => (long)Math.Round(x * ExactSum.FixedScale, MidpointRounding.ToEven);

    private static bool One(ReadOnlySpan<float> x, out long[] values, out byte[] ok)
    {
        int n = x.Length;
        values = System.Buffers.ArrayPool<long>.Shared.Rent(n);
        ok = System.Buffers.ArrayPool<byte>.Shared.Rent(n);
        for (int i = 0; i < n; i++)
        {
            float v = x[i];
            if (!float.IsFinite(v))
            {
                values[i] = 0;
                ok[i] = 0;
                continue;
            }
            if (!(Math.Abs(v) < Limit)) return false;
            values[i] = Fixed(v);
            ok[i] = 1;
        }
        return true;
    }

    private static bool Climate(ReadOnlySpan<float> precipitation, ReadOnlySpan<float> temperature, FactorTerms f)
    {
        int n = precipitation.Length;
        var pool = System.Buffers.ArrayPool<long>.Shared;
        long[] pr = f.Precipitation = pool.Rent(n), tc = f.Temperature = pool.Rent(n), soil = f.Soil = pool.Rent(n);
        Int128[] bio = f.BiomassProduct = System.Buffers.ArrayPool<Int128>.Shared.Rent(n);
        byte[] ok = f.ClimateOk = System.Buffers.ArrayPool<byte>.Shared.Rent(n);
        for (int i = 0; i < n; i++)
        {
            if (!float.IsFinite(precipitation[i]) || !float.IsFinite(temperature[i]))
            {
                pr[i] = tc[i] = soil[i] = 0;
                bio[i] = 0;
                ok[i] = 0;
                continue;
            }
            double p = precipitation[i], temp = temperature[i];
            // As FactorSums.AddTile: exp(0.0054 P)·(28 T + 398) and the soil density.
            double b = Math.Exp(0.0054 * p) * ClimateFactor.BiomassFromTemperature(temp), s = ClimateFactor.SoilFromPrecipitation(p);
            if (!(Math.Abs(p) < Limit && Math.Abs(temp) < Limit && double.IsFinite(b) && Math.Abs(s) < Limit)) return false;
            pr[i] = Fixed(p);
            tc[i] = Fixed(temp);
            // What ExactSum.Add adds for a finite value of any size.
            bio[i] = Math.Abs(b) < Limit ? Fixed(b) : (Int128)Math.Round(b * ExactSum.FixedScale, MidpointRounding.ToEven);
            soil[i] = Fixed(s);
            ok[i] = 1;
        }
        return true;
    }

    public void Dispose()
    {
        foreach (var a in new[] { Vegetation, Precipitation, Temperature, Soil, Terrain, Poi })
            if (a is not null) System.Buffers.ArrayPool<long>.Shared.Return(a);
        if (BiomassProduct is not null) System.Buffers.ArrayPool<Int128>.Shared.Return(BiomassProduct);
        foreach (var a in new[] { VegetationOk, ClimateOk, TerrainOk, PoiOk })
            if (a is not null) System.Buffers.ArrayPool<byte>.Shared.Return(a);
        Vegetation = Precipitation = Temperature = Soil = Terrain = Poi = null;
        BiomassProduct = null;
        VegetationOk = ClimateOk = TerrainOk = PoiOk = null;
    }
}

/// <summary>
/// Everything the composite-coefficient kernel needs for one year, per class (arrays indexed by the class value):
/// base coefficient, and for each correction whether it applies, its normalisation scale (1/class mean when
/// normalised, else 1) and the climate reference. Built by <see cref="Create"/> from the settings and the first
/// pass's <see cref="FactorSums"/>.
/// </summary>
public sealed class FluxParameters
{
    private const int K = LandClasses.ArraySize;

    /// <summary>Base coefficient C_k, t C/ha/yr (NaN for construction when δ_con comes per pixel).</summary>
    public double[] Coefficients { get; } = new double[K];

    /// <summary>Pixel area in hectares when every pixel has the same area; per-pixel areas come in
    /// <see cref="FluxTileInputs.AreaM2"/>.</summary>
    public double PixelAreaHa { get; init; }

    internal readonly bool[] VegApplies = new bool[K], ClimApplies = new bool[K], TerApplies = new bool[K];
    internal readonly double[] VegScale = new double[K], ClimScale = new double[K], TerScale = new double[K];
    internal readonly double[] RefPrecipitation = new double[K], RefTemperature = new double[K];
    internal double VegMin, VegMax = double.PositiveInfinity, BiomassShare = 0.5, PoiScale = 1, PoiMin = 0.3;
    internal bool PoiApplies;

    /// <summary>True when no correction applies, so each class has one coefficient.</summary>
    public bool IsUniformPerClass => !VegApplies.Any(x => x) && !ClimApplies.Any(x => x) && !TerApplies.Any(x => x) && !PoiApplies;

    /// <summary>
    /// Builds the parameters. Class means come from <paramref name="sums"/> (null when no correction is on).
    /// A normalised factor whose class mean is 0 or undefined (no valid pixels) is left at 1 for that class.
    /// </summary>
    public static FluxParameters Create(IReadOnlyDictionary<LandClass, double> coefficients, CorrectionSettings corrections,
        double pixelAreaHa, FactorSums? sums)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentNullException.ThrowIfNull(corrections);
        var p = new FluxParameters { PixelAreaHa = pixelAreaHa };
        foreach (var c in LandClasses.All) p.Coefficients[(int)c] = coefficients.TryGetValue(c, out double v) ? v : double.NaN;
        sums ??= new FactorSums();
        static double Scale(bool normalize, double mean) => normalize && double.IsFinite(mean) && mean != 0 ? 1 / mean : 1;
        if (corrections.Vegetation is { } veg)
        {
            p.VegMin = veg.Min;
            p.VegMax = veg.Max;
            foreach (var c in veg.Classes)
            {
                int k = (int)c;
                p.VegApplies[k] = true;
                p.VegScale[k] = Scale(veg.Normalize, FactorSums.Mean(sums.Vegetation[k], sums.VegetationCount[k]));
            }
        }
        if (corrections.Climate is { } clim)
        {
            p.BiomassShare = clim.BiomassShare;
            foreach (var c in clim.Classes)
            {
                int k = (int)c;
                long n = sums.ClimateCount[k];
                double pr = clim.Reference == ClimateReference.National ? clim.NationalPrecipitationMm : FactorSums.Mean(sums.Precipitation[k], n);
                double tr = clim.Reference == ClimateReference.National ? clim.NationalTemperatureC : FactorSums.Mean(sums.Temperature[k], n);
                if (!double.IsFinite(pr) || !double.IsFinite(tr)) { pr = clim.NationalPrecipitationMm; tr = clim.NationalTemperatureC; }
                p.ClimApplies[k] = true;
                p.RefPrecipitation[k] = pr;
                p.RefTemperature[k] = tr;
                // Class mean of F_clim, from the sums of its two terms (see ClimateFactor):
                // mean(K_B) = mean(exp(0.0054P)(28T+398)) / (exp(0.0054Pref)(28Tref+398)); mean(K_S) = mean(C_SP)/C_SP(Pref).
                double meanKb = FactorSums.Mean(sums.BiomassProduct[k], n) / (Math.Exp(0.0054 * pr) * ClimateFactor.BiomassFromTemperature(tr));
                double meanKs = FactorSums.Mean(sums.Soil[k], n) / ClimateFactor.SoilFromPrecipitation(pr);
                p.ClimScale[k] = Scale(clim.Normalize, clim.BiomassShare * meanKb + (1 - clim.BiomassShare) * meanKs);
            }
        }
        if (corrections.Terrain is { } ter)
        {
            foreach (var c in ter.Classes)
            {
                int k = (int)c;
                p.TerApplies[k] = true;
                p.TerScale[k] = Scale(ter.Normalize, FactorSums.Mean(sums.Terrain[k], sums.TerrainCount[k]));
            }
        }
        if (corrections.Poi is { } poi)
        {
            int k = (int)LandClass.Construction;
            p.PoiApplies = true;
            p.PoiMin = poi.MinFactor;
            p.PoiScale = Scale(poi.Normalize, FactorSums.Mean(sums.Poi[k], sums.PoiCount[k]));
        }
        return p;
    }
}

/// <summary>Totals of one tile or of a whole year: per class pixel count and CBI sum, source and sink sums, and
/// pixels excluded because a correction input was nodata where it applies.</summary>
public sealed class FluxTotals
{
    private const int K = LandClasses.ArraySize;

    /// <summary>Σ CBI per class, t C/yr (sums of the float32 values written).</summary>
    public ExactSum[] ClassTonnesC { get; } = new ExactSum[K];

    /// <summary>Pixels per class with a valid CBI.</summary>
    public long[] ClassPixels { get; } = new long[K];

    /// <summary>Σ ground area (m²) per class of the pixels with a valid CBI; accumulated only with per-pixel areas
    /// (<see cref="FluxTileInputs.AreaM2"/>), otherwise area = <see cref="ClassPixels"/> × pixel area.</summary>
    public ExactSum[] ClassAreaM2 { get; } = new ExactSum[K];

    /// <summary>Pixels per class dropped because a correction input was nodata.</summary>
    public long[] ExcludedPixels { get; } = new long[K];

    /// <summary>Σ CBI over pixels with CBI &gt; 0 (sources), t C/yr.</summary>
    public ExactSum SourceTonnesC;

    /// <summary>Σ |CBI| over pixels with CBI &lt; 0 (sinks), t C/yr.</summary>
    public ExactSum SinkTonnesC;

    /// <summary>Net: source − sink.</summary>
    public double NetTonnesC => SourceTonnesC.Value - SinkTonnesC.Value;

    /// <summary>Adds another partial.</summary>
    public FluxTotals Add(FluxTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (int k = 0; k < K; k++)
        {
            ClassTonnesC[k].Add(other.ClassTonnesC[k]);
            ClassAreaM2[k].Add(other.ClassAreaM2[k]);
            ClassPixels[k] += other.ClassPixels[k];
            ExcludedPixels[k] += other.ExcludedPixels[k];
        }
        SourceTonnesC.Add(other.SourceTonnesC);
        SinkTonnesC.Add(other.SinkTonnesC);
        return this;
    }
}

/// <summary>
/// The fused per-pixel kernel of flux accounting (METHOD-SPEC (c), (d)):
/// CC = C_k × F_veg × F_clim × F_terrain (vegetated classes), CC = δ_con × F_POI (construction),
/// CBI = CC × pixel area (ha) in t C/yr. Each factor applies only to its configured classes and is its raw value
/// times the class's normalisation scale; F_veg is then clamped to [min, max]; F_POI = w × scale, or
/// <c>minFactor</c> where w ≤ 0. Nodata: class 0, or a NaN input where a factor applies, gives NaN in both
/// outputs and the pixel is left out of every total (counted in <see cref="FluxTotals.ExcludedPixels"/>).
/// </summary>
public static partial class CompositeCoefficient
{
    /// <summary>Computes CC and CBI for one tile and adds its totals. <paramref name="cc"/> may be empty when the
    /// coefficient raster is not wanted.</summary>
    public static void Compute(FluxTileInputs t, FluxParameters p, Span<float> cc, Span<float> cbi, FluxTotals totals) =>
        Compute(t, p, cc, cbi, [], totals);

    /// <summary>As <see cref="Compute(FluxTileInputs, FluxParameters, Span{float}, Span{float}, FluxTotals)"/>, and
    /// also the CBI before POI weighting (F_POI = 1; every other factor applied) into
    /// <paramref name="cbiWithoutPoi"/> when it is not empty: the response of the quantile regression, which must
    /// not contain the POI weights its regressors built (issue 14 item 5). It adds nothing to the totals.</summary>
    public static void Compute(FluxTileInputs t, FluxParameters p, Span<float> cc, Span<float> cbi, Span<float> cbiWithoutPoi, FluxTotals totals)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(totals);
        var cls = t.Classes;
        if (cbi.Length < cls.Length || (!cc.IsEmpty && cc.Length < cls.Length)) throw new ArgumentException("Output spans are shorter than the tile.");
        if (!cbiWithoutPoi.IsEmpty && cbiWithoutPoi.Length < cls.Length) throw new ArgumentException("Output spans are shorter than the tile.");
        if (p.IsUniformPerClass && t.Construction.IsEmpty && cbiWithoutPoi.IsEmpty)
        {
            if (t.AreaM2.IsEmpty) ComputeUniform(cls, p, cc, cbi, totals);
            else if (!TryComputeUniformPerPixelAreaRuns(cls, t.AreaM2, p, cc, cbi, totals)) ComputeUniformPerPixelArea(cls, t.AreaM2, p, cc, cbi, totals);
            return;
        }
        double[]? rented = null;
        if (!t.Precipitation.IsEmpty && t.BiomassFromPrecipitation.IsEmpty)
        {
            rented = System.Buffers.ArrayPool<double>.Shared.Rent(cls.Length);
            FluxTileInputs.FillBiomassFromPrecipitation(t.Precipitation[..cls.Length], rented);
            t.BiomassFromPrecipitation = rented.AsSpan(0, cls.Length);
        }
        try
        {
            int done = ComputeVector(t, p, cc, cbi, cbiWithoutPoi, totals);
            ComputeScalar(t, p, cc, cbi, cbiWithoutPoi, totals, done, cls.Length);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>The per-class reference terms of F_clim (K_B = C'_BP/C''_BP · (C'_BT/C''_BT), K_S = C'_SP/C''_SP): the
    /// values <see cref="ClimateFactor.Blended"/> computes at every pixel, once.</summary>
    private static void ClimateReferences(FluxParameters p, Span<double> bp, Span<double> bt, Span<double> sp)
    {
        for (int k = 0; k < LandClasses.ArraySize; k++)
        {
            bp[k] = ClimateFactor.BiomassFromPrecipitation(p.RefPrecipitation[k]);
            bt[k] = ClimateFactor.BiomassFromTemperature(p.RefTemperature[k]);
            sp[k] = ClimateFactor.SoilFromPrecipitation(p.RefPrecipitation[k]);
        }
    }

    /// <summary>The general kernel, pixel by pixel, on pixels [<paramref name="start"/>, <paramref name="end"/>): the
    /// definition the vector kernel follows operation for operation.</summary>
    internal static void ComputeScalar(FluxTileInputs t, FluxParameters p, Span<float> cc, Span<float> cbi, Span<float> cbiWithoutPoi,
        FluxTotals totals, int start, int end)
    {
        if (start >= end) return;
        var cls = t.Classes;
        bool perPixel = !t.AreaM2.IsEmpty;
        Span<double> bpRef = stackalloc double[LandClasses.ArraySize], btRef = stackalloc double[LandClasses.ArraySize];
        Span<double> spRef = stackalloc double[LandClasses.ArraySize];
        ClimateReferences(p, bpRef, btRef, spRef);
        double wB = p.BiomassShare, wS = 1 - p.BiomassShare;
        var bpTile = t.BiomassFromPrecipitation;
        Span<ExactSumBuffer> classBuf = stackalloc ExactSumBuffer[LandClasses.ArraySize];
        Span<ExactSumBuffer> areaBuf = stackalloc ExactSumBuffer[LandClasses.ArraySize];
        ExactSumBuffer sourceBuf = default, sinkBuf = default;
        for (int i = start; i < end; i++)
        {
            int k = cls[i];
            // This pixel's ground area (ha): every output of the pixel, including the CBI before POI weighting,
            // uses its own area, never a neighbour's (a value carried over would depend on the tile layout).
            double area = perPixel ? t.AreaM2[i] / 1e4 : p.PixelAreaHa;
            double c = k == 0 ? double.NaN : (k == (int)LandClass.Construction && !t.Construction.IsEmpty ? t.Construction[i] : p.Coefficients[k]);
            if (k != 0 && double.IsFinite(c))
            {
                // Where two NaN inputs meet (say an NDVI nodata written as +NaN and a temperature nodata as −NaN),
                // the product or sum carries the first operand's NaN (MulNaN, AddNaN), whatever operand order the
                // compiled code gives the instruction: a fixed rule, which the vector kernel follows too.
                if (p.VegApplies[k]) c = MulNaN(c, Math.Clamp(t.Vegetation[i] * p.VegScale[k], p.VegMin, p.VegMax));
                if (p.ClimApplies[k])
                {
                    double pr = t.Precipitation[i], tc = t.Temperature[i];
                    double bp = bpTile.IsEmpty ? ClimateFactor.BiomassFromPrecipitation(pr) : bpTile[i];
                    // ClimateFactor.Blended(pr, tc, refP, refT, w), operation for operation.
                    double blended = AddNaN(wB * MulNaN(bp / bpRef[k], ClimateFactor.BiomassFromTemperature(tc) / btRef[k]),
                        wS * (ClimateFactor.SoilFromPrecipitation(pr) / spRef[k]));
                    c = MulNaN(c, blended * p.ClimScale[k]);
                }
                if (p.TerApplies[k]) c = MulNaN(c, t.Terrain[i] * p.TerScale[k]);
                if (!cbiWithoutPoi.IsEmpty) cbiWithoutPoi[i] = (float)(c * area);
                if (p.PoiApplies && k == (int)LandClass.Construction)
                {
                    double w = t.PoiWeight[i];
                    c *= w > 0 ? w * p.PoiScale : double.IsNaN(w) ? double.NaN : p.PoiMin;
                }
            }
            else if (!cbiWithoutPoi.IsEmpty) cbiWithoutPoi[i] = float.NaN;
            if (!double.IsFinite(c))
            {
                if (!cc.IsEmpty) cc[i] = float.NaN;
                cbi[i] = float.NaN;
                if (k != 0) totals.ExcludedPixels[k]++;
                continue;
            }
            if (perPixel) areaBuf[k].Add(t.AreaM2[i], ref totals.ClassAreaM2[k]);
            float ccf = (float)c, cbif = (float)(c * area);
            if (!cc.IsEmpty) cc[i] = ccf;
            cbi[i] = cbif;
            totals.ClassPixels[k]++;
            classBuf[k].Add(cbif, ref totals.ClassTonnesC[k]);
            if (cbif > 0) sourceBuf.Add(cbif, ref totals.SourceTonnesC);
            else if (cbif < 0) sinkBuf.Add(-(double)cbif, ref totals.SinkTonnesC);
        }
        for (int k = 0; k < LandClasses.ArraySize; k++)
        {
            classBuf[k].Flush(ref totals.ClassTonnesC[k]);
            areaBuf[k].Flush(ref totals.ClassAreaM2[k]);
        }
        sourceBuf.Flush(ref totals.SourceTonnesC);
        sinkBuf.Flush(ref totals.SinkTonnesC);
    }

    /// <summary>a · b, or a itself when it is NaN (so that of two NaNs the first one wins).</summary>
    private static double MulNaN(double a, double b) => double.IsNaN(a) ? a : a * b;

    /// <summary>a + b, or a itself when it is NaN.</summary>
    private static double AddNaN(double a, double b) => double.IsNaN(a) ? a : a + b;

    // One coefficient per class and a ground area per pixel (any area model), class run by class run: each pixel's
    // CBI as in ComputeUniformPerPixelArea, and the run's CBI and area sums as integers on ExactSum's fixed-point
    // grid (each value rounded exactly as ExactSum.Add rounds it), added to the totals once per run. A class's
    // CBI has the sign of its coefficient (areas are not negative), so the run's sum goes whole to the sources or
    // the sinks. Returns false, having added nothing, when a value leaves the range of that integer rounding
    // (|CBI| ≥ 2048 t C/yr or an area outside [0, 4096) m² in a pixel); the caller then takes the general path.
    private static bool TryComputeUniformPerPixelAreaRuns(ReadOnlySpan<byte> cls, ReadOnlySpan<double> areaM2, FluxParameters p,
        Span<float> cc, Span<float> cbi, FluxTotals totals)
    {
        const int K = LandClasses.ArraySize;
        const int Chunk = 1024;                       // run sums: 1024 values below 2^52 fit a long
        const double Two52 = 4503599627370496.0, OneAndHalfTwo52 = 6755399441055744.0, Scale = ExactSum.FixedScale;
        long two52Bits = BitConverter.DoubleToInt64Bits(Two52), signedBits = BitConverter.DoubleToInt64Bits(OneAndHalfTwo52);
        Span<double> coef = stackalloc double[256];
        coef.Fill(double.NaN);
        for (int k = 1; k < K; k++) if (double.IsFinite(p.Coefficients[k])) coef[k] = p.Coefficients[k];
        int len = cls.Length;
        Span<int> ends = stackalloc int[Chunk + 1];
        Span<long> pixels = stackalloc long[K], excluded = stackalloc long[K];
        Span<Int128> tonnes = stackalloc Int128[K], area = stackalloc Int128[K];
        pixels.Clear(); excluded.Clear(); tonnes.Clear(); area.Clear();
        for (int start = 0; start < len; start += Chunk)
        {
            int end = Math.Min(len, start + Chunk);
            int runs = ByteRuns.Ends(cls[start..end], ends);
            int s = start;
            for (int r = 0; r < runs; r++)
            {
                int e = start + ends[r];
                byte k = cls[s];
                double c = coef[k];
                if (double.IsNaN(c))
                {
                    cbi[s..e].Fill(float.NaN);
                    if (!cc.IsEmpty) cc[s..e].Fill(float.NaN);
                    if (k != 0) excluded[k] += e - s;
                    s = e;
                    continue;
                }
                long sumV = 0, sumA = 0;
                bool inRange = true;
                for (int i = s; i < e; i++)
                {
                    double a = areaM2[i];
                    float v = (float)(c * (a / 1e4));
                    cbi[i] = v;
                    double yv = v * Scale, ya = a * Scale;
                    inRange &= Math.Abs(yv) < 2251799813685248.0 & ya >= 0 & ya < Two52;   // 2^51, 2^52
                    sumV += BitConverter.DoubleToInt64Bits(yv + OneAndHalfTwo52) - signedBits;
                    sumA += BitConverter.DoubleToInt64Bits(ya + Two52) - two52Bits;
                }
                if (!inRange) return false;
                if (!cc.IsEmpty) cc[s..e].Fill((float)c);
                pixels[k] += e - s;
                tonnes[k] += sumV;
                area[k] += sumA;
                s = e;
            }
        }
        for (int k = 1; k < K; k++)
        {
            totals.ExcludedPixels[k] += excluded[k];
            if (pixels[k] == 0) continue;
            totals.ClassPixels[k] += pixels[k];
            totals.ClassTonnesC[k].AddFixed(tonnes[k]);
            totals.ClassAreaM2[k].AddFixed(area[k]);
            if (coef[k] > 0) totals.SourceTonnesC.AddFixed(tonnes[k]);
            else if (coef[k] < 0) totals.SinkTonnesC.AddFixed(-tonnes[k]);
        }
        return true;
    }

    // One coefficient per class and a ground area per pixel: CBI = C_k × a_p (ha). Runs of pixels with one area (a
    // row of a geographic or Mercator grid) take the table path of ComputeUniform, with sums from counts; other
    // pixels (transverse Mercator) are summed one by one. Both give bit-identical values and totals.
    private static void ComputeUniformPerPixelArea(ReadOnlySpan<byte> cls, ReadOnlySpan<double> areaM2, FluxParameters p,
        Span<float> cc, Span<float> cbi, FluxTotals totals)
    {
        const int K = LandClasses.ArraySize;
        Span<double> coef = stackalloc double[256];
        coef.Fill(double.NaN);
        for (int k = 1; k < K; k++) coef[k] = p.Coefficients[k];
        Span<float> cbiOf = stackalloc float[256];
        Span<long> n = stackalloc long[256];
        Span<ExactSumBuffer> classBuf = stackalloc ExactSumBuffer[K];
        Span<ExactSumBuffer> areaBuf = stackalloc ExactSumBuffer[K];
        ExactSumBuffer sourceBuf = default, sinkBuf = default;
        int len = cls.Length;
        for (int start = 0; start < len;)
        {
            double a = areaM2[start];
            int end = start + 1;
            while (end < len && areaM2[end] == a) end++;
            if (end - start >= 16)
            {
                cbiOf.Fill(float.NaN);
                for (int k = 1; k < K; k++) if (double.IsFinite(coef[k])) cbiOf[k] = (float)(coef[k] * (a / 1e4));
                n.Clear();
                for (int i = start; i < end; i++)
                {
                    byte k = cls[i];
                    cbi[i] = cbiOf[k];
                    if (!cc.IsEmpty) cc[i] = double.IsFinite(coef[k]) ? (float)coef[k] : float.NaN;
                    n[k]++;
                }
                for (int k = 1; k < K; k++)
                {
                    if (n[k] == 0) continue;
                    float v = cbiOf[k];
                    if (float.IsNaN(v)) { totals.ExcludedPixels[k] += n[k]; continue; }
                    totals.ClassPixels[k] += n[k];
                    totals.ClassTonnesC[k].Add(v, n[k]);
                    totals.ClassAreaM2[k].Add(a, n[k]);
                    if (v > 0) totals.SourceTonnesC.Add(v, n[k]);
                    else if (v < 0) totals.SinkTonnesC.Add(-(double)v, n[k]);
                }
                start = end;
                continue;
            }
            for (int i = start; i < end; i++)
            {
                byte k = cls[i];
                double c = coef[k];
                if (!double.IsFinite(c))
                {
                    if (!cc.IsEmpty) cc[i] = float.NaN;
                    cbi[i] = float.NaN;
                    if (k != 0) totals.ExcludedPixels[k]++;
                    continue;
                }
                float v = (float)(c * (a / 1e4));
                if (!cc.IsEmpty) cc[i] = (float)c;
                cbi[i] = v;
                totals.ClassPixels[k]++;
                classBuf[k].Add(v, ref totals.ClassTonnesC[k]);
                areaBuf[k].Add(a, ref totals.ClassAreaM2[k]);
                if (v > 0) sourceBuf.Add(v, ref totals.SourceTonnesC);
                else if (v < 0) sinkBuf.Add(-(double)v, ref totals.SinkTonnesC);
            }
            start = end;
        }
        for (int k = 0; k < K; k++)
        {
            classBuf[k].Flush(ref totals.ClassTonnesC[k]);
            areaBuf[k].Flush(ref totals.ClassAreaM2[k]);
        }
        sourceBuf.Flush(ref totals.SourceTonnesC);
        sinkBuf.Flush(ref totals.SinkTonnesC);
    }

    // One coefficient per class: two table loads per pixel, totals from counts (ExactSum.Add(x, n) equals n
    // single additions, so both paths give identical totals).
    private static void ComputeUniform(ReadOnlySpan<byte> cls, FluxParameters p, Span<float> cc, Span<float> cbi, FluxTotals totals)
    {
        Span<float> ccOf = stackalloc float[256];
        Span<float> cbiOf = stackalloc float[256];
        ccOf.Fill(float.NaN);
        cbiOf.Fill(float.NaN);
        for (int k = 1; k < LandClasses.ArraySize; k++)
        {
            ccOf[k] = (float)p.Coefficients[k];
            cbiOf[k] = (float)(p.Coefficients[k] * p.PixelAreaHa);
        }
        Span<long> n = stackalloc long[256];
        n.Clear();
        if (cc.IsEmpty)
        {
            for (int i = 0; i < cls.Length; i++)
            {
                byte k = cls[i];
                cbi[i] = cbiOf[k];
                n[k]++;
            }
        }
        else
        {
            for (int i = 0; i < cls.Length; i++)
            {
                byte k = cls[i];
                cc[i] = ccOf[k];
                cbi[i] = cbiOf[k];
                n[k]++;
            }
        }
        for (int k = 1; k < LandClasses.ArraySize; k++)
        {
            if (n[k] == 0) continue;
            float v = cbiOf[k];
            if (float.IsNaN(v)) { totals.ExcludedPixels[k] += n[k]; continue; }
            totals.ClassPixels[k] += n[k];
            totals.ClassTonnesC[k].Add(v, n[k]);
            if (v > 0) totals.SourceTonnesC.Add(v, n[k]);
            else if (v < 0) totals.SinkTonnesC.Add(-(double)v, n[k]);
        }
    }
}
