using System.Numerics;
using LandCarbon.Core.Models;
using LandCarbon.Core.Numerics;

namespace LandCarbon.Core.Poi;

/// <summary>How POI densities become the construction-land factor F_POI (METHOD-SPEC §c4).</summary>
public enum PoiWeightingMode
{
    /// <summary>(ii) Fixed relative intensities w_f of each function (fallback).</summary>
    FixedWeights,

    /// <summary>(i) Sector totals allocated to construction pixels in proportion to each function's density
    /// (preferred; mass-conserving per sector).</summary>
    SectorShares,
}

/// <summary>Settings of the POI functional factor.</summary>
public sealed record PoiFactorOptions
{
    /// <summary>Fixed weights (METHOD-SPEC §c4 ii, INFERRED): industrial 1.00, transport 0.60, commercial-service
    /// 0.40, residential 0.35, public-service 0.25, other 0.</summary>
    public static IReadOnlyDictionary<PoiFunction, double> DefaultWeights { get; } = new Dictionary<PoiFunction, double>
    {
        [PoiFunction.Industrial] = 1.00,
        [PoiFunction.Transport] = 0.60,
        [PoiFunction.CommercialService] = 0.40,
        [PoiFunction.Residential] = 0.35,
        [PoiFunction.PublicService] = 0.25,
        [PoiFunction.Other] = 0,
    };

    /// <summary>Fixed weights or sector shares.</summary>
    public PoiWeightingMode Mode { get; init; } = PoiWeightingMode.FixedWeights;

    /// <summary>w_f for <see cref="PoiWeightingMode.FixedWeights"/>; missing functions weigh 0.</summary>
    public IReadOnlyDictionary<PoiFunction, double> Weights { get; init; } = DefaultWeights;

    /// <summary>Sector totals T_f (any one unit, e.g. t C/yr) for <see cref="PoiWeightingMode.SectorShares"/>:
    /// industry → industrial, transport/storage/post → transport, wholesale-retail-accommodation-catering →
    /// commercial-service, households → residential, others → public-service. Missing functions are 0.</summary>
    public IReadOnlyDictionary<PoiFunction, double> SectorTotals { get; init; } = new Dictionary<PoiFunction, double>();

    /// <summary>F_POI of construction pixels with no POI of a weighted function within the radius, 0…1
    /// (METHOD-SPEC default 0.3).</summary>
    public double MinPoiFactor { get; init; } = 0.3;

    internal double Weight(PoiFunction f) => Weights.TryGetValue(f, out double w) ? w : 0;

    internal double SectorTotal(PoiFunction f) => SectorTotals.TryGetValue(f, out double t) ? t : 0;

    /// <summary>Checks ranges; throws an <see cref="InputException"/> naming the bad key.</summary>
    public void Validate()
    {
        if (!(MinPoiFactor >= 0 && MinPoiFactor <= 1)) throw new InputException($"poi.minPoiFactor must be in [0, 1]; got {MinPoiFactor}.");
        foreach (var (f, w) in Weights)
            if (!(w >= 0) || !double.IsFinite(w)) throw new InputException($"poi weight of {PoiFunctions.Name(f)} must be a finite number ≥ 0; got {w}.");
        foreach (var (f, t) in SectorTotals)
            if (!(t >= 0) || !double.IsFinite(t)) throw new InputException($"poi sector total of {PoiFunctions.Name(f)} must be a finite number ≥ 0; got {t}.");
    }
}

/// <summary>
/// Pass 1 of the POI factor: over the construction pixels, the number N of pixels, the exact sum of each
/// function's density, and a histogram of which functions are zero at a pixel (so that the pixels "without POI"
/// can be counted afterwards for whichever functions turn out to matter). Sums use <see cref="ExactSum"/>, so
/// the totals are identical for any tile size, tile order and thread count; use one instance per worker and
/// <see cref="Merge"/> them (<c>TileProcessor.Accumulate</c>).
/// </summary>
public sealed class PoiConstructionTotals
{
    private readonly ExactSum[] _sums = new ExactSum[PoiFunctions.Count];
    private readonly long[] _zeroPattern = new long[1 << PoiFunctions.Count];

    /// <summary>Construction pixels seen.</summary>
    public long ConstructionPixels { get; private set; }

    /// <summary>Σ over construction pixels of the density of <paramref name="f"/> (per km²).</summary>
    public double DensitySum(PoiFunction f) => _sums[(int)f].Value;

    /// <summary>Construction pixels where every function in <paramref name="functions"/> has zero density.</summary>
    public long PixelsWithoutAny(IEnumerable<PoiFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        int mask = functions.Aggregate(0, (m, f) => m | 1 << (int)f);
        long n = 0;
        for (int p = 0; p < _zeroPattern.Length; p++)
            if ((p & mask) == mask) n += _zeroPattern[p];
        return n;
    }

    /// <summary>
    /// Adds one tile: <paramref name="classes"/> (row-major, n pixels), the construction class code, and the
    /// density per km² of every function (index = (int)<see cref="PoiFunction"/>, each at least n long). Pixels
    /// whose densities are NaN (nodata) are skipped.
    /// </summary>
    public void Add<TClass>(ReadOnlySpan<TClass> classes, TClass constructionCode, IReadOnlyList<ReadOnlyMemory<double>> densities)
        where TClass : unmanaged, IEquatable<TClass>
    {
        ArgumentNullException.ThrowIfNull(densities);
        if (densities.Count != PoiFunctions.Count) throw new ArgumentException($"Expected {PoiFunctions.Count} density tiles, one per function.", nameof(densities));
        for (int i = 0; i < classes.Length; i++)
        {
            if (!classes[i].Equals(constructionCode)) continue;
            int zero = 0;
            bool nodata = false;
            for (int f = 0; f < PoiFunctions.Count; f++)
            {
                double d = densities[f].Span[i];
                if (double.IsNaN(d)) { nodata = true; break; }
                if (d == 0) zero |= 1 << f;
            }
            if (nodata) continue;
            ConstructionPixels++;
            _zeroPattern[zero]++;
            for (int f = 0; f < PoiFunctions.Count; f++) _sums[f].Add(densities[f].Span[i]);
        }
    }

    /// <summary>Adds one construction pixel with valid densities: its zero pattern (bit f set where function f's
    /// density is 0) and each density already on <see cref="ExactSum"/>'s fixed-point grid (as
    /// <see cref="ExactSum.Add(double)"/> would round it), index = (int)<see cref="PoiFunction"/>.</summary>
    internal void AddFixed(int zeroPattern, ReadOnlySpan<long> scaledDensities)
    {
        ConstructionPixels++;
        _zeroPattern[zeroPattern]++;
        for (int f = 0; f < PoiFunctions.Count; f++) _sums[f].AddFixed(scaledDensities[f]);
    }

    /// <summary>Adds another worker's totals into this one.</summary>
    public void Merge(PoiConstructionTotals other)
    {
        ArgumentNullException.ThrowIfNull(other);
        ConstructionPixels += other.ConstructionPixels;
        for (int f = 0; f < _sums.Length; f++) _sums[f].Add(other._sums[f]);
        for (int p = 0; p < _zeroPattern.Length; p++) _zeroPattern[p] += other._zeroPattern[p];
    }
}

/// <summary>
/// The POI functional factor F_POI of construction pixels (METHOD-SPEC §c4), pass 2: created from the options and
/// the pass-1 <see cref="PoiConstructionTotals"/>, it fills per-pixel factors tile by tile (pure, thread-safe).
/// Both modes give mean F_POI = 1 over the construction pixels, so CC_con = δ_con · F_POI preserves the
/// construction total E_con = δ_con · A_con.
/// <list type="bullet">
/// <item><b>Fixed weights</b>: with m_f the mean density of f over construction pixels and R the functions with
/// w_f &gt; 0 and m_f &gt; 0, S(p) = Σ_{f∈R} w_f·D_f(p)/m_f; pixels with S = 0 (no weighted POI within the radius,
/// n₀ of them) get F = minPoiFactor, the others F = c·S(p) with c = (N − n₀·minPoiFactor)/(N·Σ_{f∈R} w_f).</item>
/// <item><b>Sector shares</b>: with R the sectors with T_f &gt; 0 and some density on construction land, and
/// ρ = n₀·minPoiFactor/N where n₀ counts pixels with no density of any f∈R: each f∈R gives T_f·minPoiFactor/N to
/// every zero pixel and T_f·(1 − ρ)·D_f(p)/Σ_q D_f(q) to the others; sectors with T_f &gt; 0 but no density on
/// construction land are spread evenly, T_f/N per pixel. Every sector total is conserved exactly (up to rounding),
/// and F(p) = N·Σ_f E_f(p)/Σ_f T_f.</item>
/// </list>
/// Non-construction pixels get F = 1 (neutral); construction pixels with a NaN density get NaN. When nothing
/// can be weighted (no construction pixel, no weighted function present, all totals 0) every factor is 1.
/// </summary>
public sealed class PoiFunctionalFactor
{
    private readonly PoiWeightingMode _mode;
    private readonly double _min;
    private readonly long _n;
    private readonly int _relevantMask;
    // Fixed: coefficient per function so that F = Σ coef_f·D_f at non-zero pixels. Sectors: E_f(p) = coef_f·D_f(p)
    // at non-zero pixels, plus the uniform term.
    private readonly double[] _coef = new double[PoiFunctions.Count];
    private readonly double[] _sectorZero = new double[PoiFunctions.Count];
    private readonly double[] _sectorUniform = new double[PoiFunctions.Count];
    private readonly double _sectorTotal;
    private readonly bool _neutral;

    /// <summary>Prepares the factor from pass-1 totals.</summary>
    public PoiFunctionalFactor(PoiFactorOptions options, PoiConstructionTotals totals)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(totals);
        options.Validate();
        _mode = options.Mode;
        _min = options.MinPoiFactor;
        _n = totals.ConstructionPixels;
        var relevant = PoiFunctions.All.Where(f => totals.DensitySum(f) > 0 &&
            (_mode == PoiWeightingMode.FixedWeights ? options.Weight(f) > 0 : options.SectorTotal(f) > 0)).ToList();
        _relevantMask = relevant.Aggregate(0, (m, f) => m | 1 << (int)f);
        long n0 = totals.PixelsWithoutAny(relevant);
        PixelsWithoutPoi = relevant.Count == 0 ? _n : n0;
        if (_mode == PoiWeightingMode.FixedWeights)
        {
            double sumW = relevant.Sum(options.Weight);
            _neutral = _n == 0 || relevant.Count == 0;
            if (_neutral) return;
            double c = (_n - n0 * _min) / (_n * sumW);
            foreach (var f in relevant)
                _coef[(int)f] = c * options.Weight(f) * _n / totals.DensitySum(f); // w_f/m_f, m_f = ΣD_f/N
            return;
        }
        _sectorTotal = PoiFunctions.All.Sum(options.SectorTotal);
        _neutral = _n == 0 || _sectorTotal == 0;
        if (_neutral) return;
        double rho = relevant.Count == 0 ? 0 : (double)n0 * _min / _n;
        foreach (var f in PoiFunctions.All)
        {
            double t = options.SectorTotal(f);
            if (t == 0) continue;
            if (relevant.Contains(f))
            {
                _sectorZero[(int)f] = t * _min / _n;
                _coef[(int)f] = t * (1 - rho) / totals.DensitySum(f);
            }
            else
            {
                _sectorUniform[(int)f] = t / _n;
            }
        }
    }

    /// <summary>Construction pixels that get minPoiFactor (no weighted POI within the radius).</summary>
    public long PixelsWithoutPoi { get; }

    /// <summary>
    /// Fills <paramref name="factor"/> (n = classes.Length) with F_POI: construction pixels per the class doc,
    /// others 1. <paramref name="densities"/> holds one density tile per function (per km², each at least n long).
    /// </summary>
    public void Fill<TClass>(ReadOnlySpan<TClass> classes, TClass constructionCode, IReadOnlyList<ReadOnlyMemory<double>> densities, Span<double> factor)
        where TClass : unmanaged, IEquatable<TClass>
    {
        ArgumentNullException.ThrowIfNull(densities);
        if (densities.Count != PoiFunctions.Count) throw new ArgumentException($"Expected {PoiFunctions.Count} density tiles, one per function.", nameof(densities));
        if (factor.Length < classes.Length) throw new ArgumentException("The factor span is shorter than the class span.", nameof(factor));
        var d = new MemoryDensities(densities);
        for (int i = 0; i < classes.Length; i++)
        {
            if (!classes[i].Equals(constructionCode)) { factor[i] = 1; continue; }
            factor[i] = ConstructionFactor(d, i);
        }
    }

    /// <summary>F_POI of construction pixel <paramref name="i"/> (as <see cref="Fill"/> gives it) from one density
    /// array per function (index = (int)<see cref="PoiFunction"/>).</summary>
    internal double ConstructionFactor(double[][] densities, int i) => ConstructionFactor(new ArrayDensities(densities), i);

    private double ConstructionFactor<TDensities>(TDensities d, int i) where TDensities : struct, IDensities =>
        _neutral ? (AnyNaN(d, i) ? double.NaN : 1) : FactorAt(d, i);

    /// <summary>The density of function f at pixel i (struct implementations, so each caller gets its own
    /// specialised copy of the per-pixel code).</summary>
    private interface IDensities
    {
        int Count { get; }

        double At(int f, int i);
    }

    private readonly struct MemoryDensities(IReadOnlyList<ReadOnlyMemory<double>> d) : IDensities
    {
        public int Count => d.Count;

        public double At(int f, int i) => d[f].Span[i];
    }

    private readonly struct ArrayDensities(double[][] d) : IDensities
    {
        public int Count => d.Length;

        public double At(int f, int i) => d[f][i];
    }

    /// <summary>
    /// Sector-share mode only: fills <paramref name="tonnes"/> with E_f(p), the part of sector
    /// <paramref name="sector"/>'s total allocated to each pixel (0 off construction land). Summed over all
    /// construction pixels it returns T_f.
    /// </summary>
    public void FillSectorAllocation<TClass>(PoiFunction sector, ReadOnlySpan<TClass> classes, TClass constructionCode,
        IReadOnlyList<ReadOnlyMemory<double>> densities, Span<double> tonnes)
        where TClass : unmanaged, IEquatable<TClass>
    {
        ArgumentNullException.ThrowIfNull(densities);
        if (_mode != PoiWeightingMode.SectorShares) throw new InvalidOperationException("Sector allocation needs PoiWeightingMode.SectorShares.");
        var d = new MemoryDensities(densities);
        for (int i = 0; i < classes.Length; i++)
        {
            if (!classes[i].Equals(constructionCode) || _neutral) { tonnes[i] = 0; continue; }
            tonnes[i] = AnyNaN(d, i) ? double.NaN : Sector((int)sector, d, i, IsZeroPixel(d, i));
        }
    }

    private double FactorAt<TDensities>(TDensities densities, int i) where TDensities : struct, IDensities
    {
        if (AnyNaN(densities, i)) return double.NaN;
        bool zero = IsZeroPixel(densities, i);
        if (_mode == PoiWeightingMode.FixedWeights)
        {
            if (zero) return _min;
            double s = 0;
            for (int f = 0; f < PoiFunctions.Count; f++)
                if (_coef[f] != 0) s += _coef[f] * densities.At(f, i);
            return s;
        }
        double e = 0;
        for (int f = 0; f < PoiFunctions.Count; f++) e += Sector(f, densities, i, zero);
        return e * _n / _sectorTotal; // F = E(p) / (E_con / N)
    }

    private double Sector<TDensities>(int f, TDensities densities, int i, bool zero) where TDensities : struct, IDensities =>
        _sectorUniform[f] + (zero ? _sectorZero[f] : _coef[f] * densities.At(f, i));

    private bool IsZeroPixel<TDensities>(TDensities densities, int i) where TDensities : struct, IDensities
    {
        for (int m = _relevantMask; m != 0; m &= m - 1)
            if (densities.At(BitOperations.TrailingZeroCount(m), i) != 0) return false;
        return true;
    }

    private static bool AnyNaN<TDensities>(TDensities densities, int i) where TDensities : struct, IDensities
    {
        for (int f = 0; f < densities.Count; f++)
            if (double.IsNaN(densities.At(f, i))) return true;
        return false;
    }
}
