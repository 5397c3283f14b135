using LandCarbon.Core.LandUse;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Accounting;

/// <summary>Stock of one land-use code in one year.</summary>
public sealed record CodeStock(int Lucode, string Name, LandClass Class, long Pixels, double AreaHa,
    double AboveTonnesC, double BelowTonnesC, double SoilTonnesC, double DeadTonnesC)
{
    /// <summary>Σ pools, t C.</summary>
    public double TotalTonnesC => AboveTonnesC + BelowTonnesC + SoilTonnesC + DeadTonnesC;
}

/// <summary>Stock totals of one year (t C), per pool and per code.</summary>
public sealed record StockTotals(double AboveTonnesC, double BelowTonnesC, double SoilTonnesC, double DeadTonnesC, IReadOnlyList<CodeStock> Codes)
{
    /// <summary>Total stock: Σ over codes of Σ pools × pixels × pixel area (ha).</summary>
    public double TotalTonnesC => StockAccounting.Sum(Codes.Select(c => c.TotalTonnesC));
}

/// <summary>
/// InVEST Carbon stock accounting (METHOD-SPEC (b3)): stock of a pixel = (C_above + C_below + C_soil + C_dead)
/// × pixel area in ha (t C); totals are computed from exact pixel counts per code, so
/// total = Σ_code n_code × C_tot,code × a, the InVEST definition without float32 rounding, identical for any
/// tile size and thread count.
/// </summary>
public static class StockAccounting
{
    /// <summary>Totals from pixel counts per code (codes without a pool row must have been rejected by the
    /// study check; they are skipped here). The area of a code is its count × <paramref name="pixelAreaHa"/>, or
    /// <paramref name="areaHaByCode"/> (Σ of the per-pixel ground areas) when given.</summary>
    public static StockTotals Totals(CarbonPoolTable pools, IReadOnlyDictionary<int, long> countsByCode, ClassLookup lookup, double pixelAreaHa,
        IReadOnlyDictionary<int, double>? areaHaByCode = null)
    {
        ArgumentNullException.ThrowIfNull(pools);
        ArgumentNullException.ThrowIfNull(countsByCode);
        ArgumentNullException.ThrowIfNull(lookup);
        var codes = new List<CodeStock>();
        foreach (var (code, n) in countsByCode.OrderBy(kv => kv.Key))
        {
            if (pools.Find(code) is not { } p) continue;
            double ha = areaHaByCode is null ? n * pixelAreaHa : areaHaByCode[code];
            byte cls = lookup[code];
            codes.Add(new CodeStock(code, p.Name, cls is 0 or ClassLookup.Unknown ? LandClass.None : (LandClass)cls, n, ha,
                p.AboveTonnesCPerHa * ha, p.BelowTonnesCPerHa * ha, p.SoilTonnesCPerHa * ha, p.DeadTonnesCPerHa * ha));
        }
        return new StockTotals(Sum(codes.Select(c => c.AboveTonnesC)), Sum(codes.Select(c => c.BelowTonnesC)),
            Sum(codes.Select(c => c.SoilTonnesC)), Sum(codes.Select(c => c.DeadTonnesC)), codes);
    }

    /// <summary>Totals of corrected stock accounting from the per-pool-row sums of the corrected pixel pools
    /// (<see cref="StockCorrection"/>); group g is pool row g − 1. Areas are the sums of the pixels' ground areas.</summary>
    internal static StockTotals Totals(CarbonPoolTable pools, StockTally tally, ClassLookup lookup)
    {
        var codes = new List<CodeStock>();
        foreach (var (p, g) in pools.Rows.Select((p, i) => (p, i + 1)).OrderBy(x => x.p.Lucode))
        {
            long n = tally.Pixels[g];
            if (n == 0) continue;
            byte cls = lookup[p.Lucode];
            codes.Add(new CodeStock(p.Lucode, p.Name, cls is 0 or ClassLookup.Unknown ? LandClass.None : (LandClass)cls, n, tally.AreaHa[g].Value,
                tally.Above[g].Value, tally.Below[g].Value, tally.Soil[g].Value, tally.Dead[g].Value));
        }
        return new StockTotals(Sum(codes.Select(c => c.AboveTonnesC)), Sum(codes.Select(c => c.BelowTonnesC)),
            Sum(codes.Select(c => c.SoilTonnesC)), Sum(codes.Select(c => c.DeadTonnesC)), codes);
    }

    /// <summary>An order-independent sum.</summary>
    public static double Sum(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var s = new ExactSum();
        foreach (var v in values) s.Add(v);
        return s.Value;
    }

    /// <summary>Writes stock_by_year, stock_by_class_year and stock_change (consecutive years and first → last).</summary>
    public static void WriteTables(RunContext context, StudyDefinition study, IReadOnlyList<(int Year, StockTotals Totals)> years)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(years);
        var unit = study.Accounting.Units;
        double f = unit.FromTonnesC();
        bool co2e = unit == CarbonUnit.TonnesCO2e;
        var byYear = new CsvWriter(OutputCatalog.StockByYear.Header(co2e));
        var byCode = new CsvWriter(OutputCatalog.StockByClassYear.Header(co2e));
        foreach (var (year, t) in years)
        {
            byYear.Row(year, t.TotalTonnesC * f, t.AboveTonnesC * f, t.BelowTonnesC * f, t.SoilTonnesC * f, t.DeadTonnesC * f);
            foreach (var c in t.Codes) byCode.Row(year, c.Lucode, c.Name, c.Class.Key(), c.Pixels, c.AreaHa, c.TotalTonnesC * f);
        }
        byYear.Save(context.PathOf(OutputCatalog.StockByYear));
        byCode.Save(context.PathOf(OutputCatalog.StockByClassYear));
        var change = new CsvWriter(OutputCatalog.StockChange.Header(co2e));
        for (int i = 1; i < years.Count; i++)
            change.Row(years[i - 1].Year, years[i].Year, (years[i].Totals.TotalTonnesC - years[i - 1].Totals.TotalTonnesC) * f);
        if (years.Count > 2)
            change.Row(years[0].Year, years[^1].Year, (years[^1].Totals.TotalTonnesC - years[0].Totals.TotalTonnesC) * f);
        change.Save(context.PathOf(OutputCatalog.StockChange));
    }
}
