using LandCarbon.Core.LandUse;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Accounting;

/// <summary>Budget of one class in one year: pixels, area and Σ CBI (flux, t C/yr) or Σ stock (stock, t C).</summary>
public sealed record ClassBudget(LandClass Class, long Pixels, double AreaKm2, double TonnesC);

/// <summary>
/// The accounting of one year. Paths are absolute and null when the raster was not written. In flux mode the
/// totals are Σ CBI (t C/yr); in stock mode Source is the total stock, Sink 0 and Net the total stock (t C).
/// </summary>
public sealed record AccountingYear(
    int Year,
    string LandUsePath,
    string LandClassPath,
    string? CoefficientPath,
    string? BudgetPath,
    string? StockPath,
    double SourceTonnesC,
    double SinkTonnesC,
    double NetTonnesC,
    IReadOnlyList<ClassBudget> Classes,
    long ExcludedPixels)
{
    /// <summary>The CBI before POI weighting (<c>rasters/cbi_without_poi_&lt;year&gt;.tif</c>, F_POI = 1), written
    /// for the quantile regression's response when F_POI is on; null otherwise.</summary>
    public string? BudgetWithoutPoiPath { get; init; }

    /// <summary>Carbon balance ratio S/K (source over sink; &gt; 1 = deficit), NaN without sinks.</summary>
    public double BalanceRatio => SinkTonnesC > 0 ? SourceTonnesC / SinkTonnesC : double.NaN;
}

/// <summary>
/// What the accounting stage hands to later stages (change analysis, maps, report): the grid, class scheme, mode
/// and units, and per year the paths of the reclassified class raster (<c>rasters/landuse_&lt;year&gt;.tif</c>,
/// uint8, 0 = nodata, colour table), the composite coefficient and CBI rasters (float32, t C/ha/yr and t C/yr,
/// nodata NaN) or the stock raster (float32, t C), and the totals. Read the rasters tile by tile with
/// <c>GeoTiffReader.Open</c>; they are all on <see cref="Grid"/>.
/// </summary>
public sealed record AccountingResult(
    AccountingMode Mode,
    CarbonUnit Units,
    ClassScheme Classes,
    GridSpec Grid,
    IReadOnlyList<AccountingYear> Years)
{
    /// <summary>δ_con per statistical unit and year when it comes from energy statistics (empty otherwise).</summary>
    public IReadOnlyList<ConstructionCoefficient> ConstructionCoefficients { get; init; } = [];

    /// <summary>The nodata value of the float32 outputs (cc, cbi, stock).</summary>
    public const float FloatNoData = float.NaN;

    /// <summary>The result of one year.</summary>
    public AccountingYear this[int year] => Years.FirstOrDefault(y => y.Year == year)
        ?? throw new KeyNotFoundException($"No accounting for year {year}; years are {string.Join(", ", Years.Select(y => y.Year))}.");
}
