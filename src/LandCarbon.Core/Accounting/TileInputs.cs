using System.Buffers;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Poi;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Study;
using LandCarbon.Core.Zonal;

namespace LandCarbon.Core.Accounting;

/// <summary>
/// The open input rasters of one year of flux accounting and the per-tile reading of them into the spans of
/// <see cref="FluxTileInputs"/>: codes → classes, float inputs with nodata → NaN, the DEM with a one-pixel halo
/// → 1/cos(slope), zones → δ_con per pixel.
/// </summary>
internal sealed class YearRasters : IDisposable
{
    private readonly List<IRasterReader> _owned = [];

    /// <param name="open">Opens a raster by path.</param>
    /// <param name="landUsePath">The year's land-use raster.</param>
    /// <param name="corrections">The correction settings (which inputs to open).</param>
    /// <param name="scheme">The class scheme.</param>
    /// <param name="poiDensityPaths">The density raster of every POI function (index = (int)PoiFunction) when F_POI
    /// is computed from densities; null otherwise.</param>
    public YearRasters(Func<string, IRasterReader> open, string landUsePath, CorrectionSettings corrections, ClassScheme scheme,
        IReadOnlyList<string>? poiDensityPaths = null)
    {
        LandUse = Own(open(landUsePath));
        Lookup = scheme.CreateLookup(LandUse.NoData);
        if (corrections.Vegetation is { } v) Vegetation = Own(open(v.RasterPath));
        if (corrections.Climate is { } c)
        {
            Precipitation = Own(open(c.PrecipitationPath));
            Temperature = Own(open(c.TemperaturePath));
        }
        if (corrections.Terrain is { } t) Dem = Own(open(t.DemPath));
        if (corrections.Poi?.RasterPath is string p) Poi = Own(open(p));
        if (poiDensityPaths is not null) PoiDensities = [.. poiDensityPaths.Select(d => Own(open(d)))];
    }

    public IRasterReader LandUse { get; }
    public ClassLookup Lookup { get; }
    public IRasterReader? Vegetation { get; }
    public IRasterReader? Precipitation { get; }
    public IRasterReader? Temperature { get; }
    public IRasterReader? Dem { get; }
    public IRasterReader? Poi { get; }

    /// <summary>Ground areas of the pixels; null or uniform = <see cref="FluxParameters.PixelAreaHa"/>.</summary>
    public PixelAreas? Areas { get; init; }

    /// <summary>The POI density rasters (per km², one per function) when F_POI is computed from them.</summary>
    public IReadOnlyList<IRasterReader>? PoiDensities { get; }

    /// <summary>F_POI from the densities per statistical unit (zone key, −1 outside every zone, or
    /// <see cref="NoZones"/> without zones), set once the pass-1 totals are known.</summary>
    public IReadOnlyDictionary<int, PoiFunctionalFactor>? PoiFactors { get; set; }

    /// <summary>The one group of F_POI when the construction coefficient has no zones.</summary>
    public const int NoZones = int.MinValue;

    /// <summary>δ_con per zone: zone raster code → coefficient, or zone-mask index → coefficient.</summary>
    public ZoneCoefficients? Zones { get; set; }

    private IRasterReader Own(IRasterReader r)
    {
        _owned.Add(r);
        return r;
    }

    /// <summary>Reads the class of every pixel of a window.</summary>
    public void ReadClasses(PixelWindow w, Span<byte> classes)
    {
        int n = (int)w.PixelCount;
        if (LandUse.DataType == RasterDataType.UInt8)
        {
            var buf = ArrayPool<byte>.Shared.Rent(n);
            LandUse.Read<byte>(w, buf.AsSpan(0, n));
            Lookup.Apply(buf.AsSpan(0, n), classes);
            ArrayPool<byte>.Shared.Return(buf);
        }
        else
        {
            var buf = ArrayPool<int>.Shared.Rent(n);
            LandUse.Read<int>(w, buf.AsSpan(0, n));
            Lookup.Apply(buf.AsSpan(0, n), classes);
            ArrayPool<int>.Shared.Return(buf);
        }
        // Codes the study check let through are all known; an unknown code here can only come from a raster
        // changed after the check, and is treated as nodata.
        for (int i = 0; i < n; i++) if (classes[i] == ClassLookup.Unknown) classes[i] = 0;
    }

    /// <summary>Reads a float input; its nodata value becomes NaN.</summary>
    public static void ReadFloat(IRasterReader r, PixelWindow w, Span<float> values)
    {
        r.Read(w, values);
        if (r.NoData is double nd)
        {
            float f = (float)nd;
            for (int i = 0; i < values.Length; i++) if (values[i] == f) values[i] = float.NaN;
        }
    }

    /// <summary>Reads every POI density of a window into <paramref name="densities"/> (one span of n per
    /// function, rented by the caller); nodata becomes NaN.</summary>
    public void ReadPoiDensities(PixelWindow w, double[][] densities)
    {
        int n = (int)w.PixelCount;
        for (int f = 0; f < PoiDensities!.Count; f++)
        {
            var r = PoiDensities[f];
            var d = densities[f].AsSpan(0, n);
            r.Read(w, d);
            if (r.NoData is double nd)
                for (int i = 0; i < n; i++) if (d[i] == nd) d[i] = double.NaN;
        }
    }

    /// <summary>F_POI of n pixels (1 off construction land) from densities already read (<see cref="ReadPoiDensities"/>; one read serves every year), as float: each construction pixel
    /// gets the factor of its unit (<paramref name="zones"/>, empty without zones), 1 when its unit has none.</summary>
    public void FillPoiFactor(double[][] d, int n, ReadOnlySpan<byte> classes, ReadOnlySpan<int> zones, Span<float> factor)
    {
        var factors = PoiFactors!;
        PoiFunctionalFactor? unit = null;
        int unitZone = 0;
        bool looked = false;
        for (int i = 0; i < n; i++)
        {
            if (classes[i] != (byte)LandClass.Construction)
            {
                factor[i] = 1f;
                continue;
            }
            int zone = zones.IsEmpty ? NoZones : zones[i];
            if (!looked || zone != unitZone)
            {
                factors.TryGetValue(zone, out unit);
                unitZone = zone;
                looked = true;
            }
            factor[i] = unit is null ? 1f : (float)unit.ConstructionFactor(d, i);
        }
    }

    /// <summary>
    /// Adds the construction pixels of one tile to the F_POI pass-1 totals of their units (<paramref name="zones"/>,
    /// empty without zones), from the densities' terms computed once for the tile: the totals of
    /// <see cref="PoiConstructionTotals.Add{TClass}"/> on each unit's masked classes, bit for bit. Every unit with a
    /// construction pixel gets an entry, also when all its pixels are nodata.
    /// </summary>
    public static void AddPoiTotals(ReadOnlySpan<byte> classes, ReadOnlySpan<int> zones, PoiDensityTerms terms,
        SortedDictionary<int, PoiConstructionTotals> byUnit)
    {
        PoiConstructionTotals? unit = null;
        int unitZone = 0;
        for (int i = 0; i < classes.Length; i++)
        {
            if (classes[i] != (byte)LandClass.Construction) continue;
            int zone = zones.IsEmpty ? NoZones : zones[i];
            if (unit is null || zone != unitZone)
            {
                if (!byUnit.TryGetValue(zone, out unit)) byUnit[zone] = unit = new PoiConstructionTotals();
                unitZone = zone;
            }
            if (terms.NoData[i] != 0) continue;
            unit.AddFixed(terms.ZeroPattern[i], terms.Scaled.AsSpan(i * PoiFunctions.Count, PoiFunctions.Count));
        }
    }

    /// <summary>The units (zone keys) that have construction pixels in a tile, ascending; [<see cref="NoZones"/>]
    /// without zones.</summary>
    public static List<int> ZonesOf(ReadOnlySpan<byte> classes, ReadOnlySpan<int> zones)
    {
        if (zones.IsEmpty) return [NoZones];
        var set = new SortedSet<int>();
        for (int i = 0; i < classes.Length; i++) if (classes[i] == (byte)LandClass.Construction) set.Add(zones[i]);
        return [.. set];
    }

    /// <summary>The classes of one unit's pixels; every other pixel becomes 0 (nodata).</summary>
    public static void Mask(ReadOnlySpan<byte> classes, ReadOnlySpan<int> zones, int zone, Span<byte> masked)
    {
        for (int i = 0; i < classes.Length; i++) masked[i] = zones.IsEmpty || zones[i] == zone ? classes[i] : (byte)0;
    }

    /// <summary>Rents one density buffer of at least n per POI function.</summary>
    public double[][] RentDensities(int n) => [.. PoiDensities!.Select(_ => ArrayPool<double>.Shared.Rent(n))];

    /// <summary>Returns buffers from <see cref="RentDensities"/>.</summary>
    public static void ReturnDensities(double[][] d)
    {
        foreach (var a in d) ArrayPool<double>.Shared.Return(a);
    }

    /// <summary>The first n values of every density buffer, as the POI factor's input.</summary>
    public static IReadOnlyList<ReadOnlyMemory<double>> AsMemory(double[][] d, int n) => [.. d.Select(a => (ReadOnlyMemory<double>)a.AsMemory(0, n))];

    /// <summary>1/cos(slope) for a window, reading the DEM with a one-pixel halo inside the grid.</summary>
    public void ReadTerrain(PixelWindow w, Span<float> factor)
    {
        var g = Dem!.Grid;
        int c0 = Math.Max(0, w.Col - 1), r0 = Math.Max(0, w.Row - 1);
        int c1 = Math.Min(g.Width, w.ColEnd + 1), r1 = Math.Min(g.Height, w.RowEnd + 1);
        var halo = new PixelWindow(c0, r0, c1 - c0, r1 - r0);
        var buf = ArrayPool<float>.Shared.Rent((int)halo.PixelCount);
        var span = buf.AsSpan(0, (int)halo.PixelCount);
        Dem.Read(halo, span);
        TerrainFactor.Compute(span, halo.Width, halo.Height, w.Col - c0, w.Row - r0, w.Width, w.Height,
            g.Transform.PixelWidth, g.Transform.PixelHeight, Dem.NoData, factor);
        ArrayPool<float>.Shared.Return(buf);
    }

    public void Dispose()
    {
        foreach (var r in _owned) r.Dispose();
    }
}

/// <summary>
/// The F_POI pass-1 terms of every pixel of a tile, computed once for all years from its densities: whether any
/// density is nodata (NaN), the zero pattern (bit f set where function f's density is 0) and each density on
/// <see cref="Numerics.ExactSum"/>'s fixed-point grid (pixel-major, <see cref="PoiFunctions.Count"/> per pixel).
/// </summary>
internal sealed class PoiDensityTerms : IDisposable
{
    private const double Limit = 4194304.0;   // 2^22: |x|·2^40 < 2^62 fits a long exactly

    public long[] Scaled { get; }
    public byte[] ZeroPattern { get; }
    public byte[] NoData { get; }

    private PoiDensityTerms(int n)
    {
        Scaled = ArrayPool<long>.Shared.Rent(n * PoiFunctions.Count);
        ZeroPattern = ArrayPool<byte>.Shared.Rent(n);
        NoData = ArrayPool<byte>.Shared.Rent(n);
    }

    /// <summary>The terms of n pixels, computed where some year's classes (<paramref name="classes"/>: one run of
    /// n per year) are construction land, or null when a density there is outside ±2^22 (the caller then adds unit
    /// by unit).</summary>
    public static PoiDensityTerms? TryCreate(double[][] d, int n, ReadOnlySpan<byte> classes)
    {
        if (d.Length != PoiFunctions.Count) return null;
        var t = new PoiDensityTerms(n);
        for (int i = 0; i < n; i++)
        {
            bool used = false;
            for (int y = i; y < classes.Length; y += n) used |= classes[y] == (byte)LandClass.Construction;
            if (!used) continue;
            int zero = 0;
            byte nodata = 0;
            for (int f = 0; f < PoiFunctions.Count; f++)
            {
                double v = d[f][i];
                if (double.IsNaN(v)) { nodata = 1; break; }
                if (!(Math.Abs(v) < Limit))
                {
                    t.Dispose();
                    return null;
                }
                if (v == 0) zero |= 1 << f;
                t.Scaled[i * PoiFunctions.Count + f] = (long)Math.Round(v * Numerics.ExactSum.FixedScale, MidpointRounding.ToEven);
            }
            t.NoData[i] = nodata;
            t.ZeroPattern[i] = (byte)zero;
        }
        return t;
    }

    public void Dispose()
    {
        ArrayPool<long>.Shared.Return(Scaled);
        ArrayPool<byte>.Shared.Return(ZeroPattern);
        ArrayPool<byte>.Shared.Return(NoData);
    }
}

/// <summary>
/// δ_con per zone for one year, and the zone of each pixel (a zone raster on the grid, or a rasterised polygon
/// layer). Pixels outside every zone get <see cref="OutsideTonnesCPerHa"/> (the study-wide E/A).
/// </summary>
internal sealed class ZoneCoefficients(IRasterReader? zoneRaster, ZoneMask? mask)
{
    public Dictionary<long, float> ByCode { get; } = [];
    public float OutsideTonnesCPerHa { get; set; } = float.NaN;

    /// <summary>The zone key of each pixel: the raster value, or the mask's zone index; −1 outside.</summary>
    public void ReadZones(PixelWindow w, Span<int> zones)
    {
        if (mask is not null)
        {
            mask.Fill(w, zones);
            return;
        }
        zoneRaster!.Read(w, zones);
        if (zoneRaster.NoData is double nd)
            for (int i = 0; i < zones.Length; i++) if (zones[i] == nd) zones[i] = -1;
    }

    /// <summary>The unit name of a zone key (matched against the statistics' unit column).</summary>
    public string UnitOf(int zone) => mask is not null ? mask.Zones[zone].Id : zone.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Fill(ReadOnlySpan<int> zones, ReadOnlySpan<byte> classes, Span<float> coefficient)
    {
        for (int i = 0; i < zones.Length; i++)
            coefficient[i] = classes[i] != (byte)LandClass.Construction ? 0
                : zones[i] >= 0 && ByCode.TryGetValue(zones[i], out float v) ? v : OutsideTonnesCPerHa;
    }
}
