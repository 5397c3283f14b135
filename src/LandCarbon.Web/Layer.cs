using System.Globalization;
using System.Text.RegularExpressions;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Raster;
using LandCarbon.Reporting.Maps;

namespace LandCarbon.Web;

/// <summary>One resolution of a layer: a reader and how many full-resolution pixels one of its pixels spans.</summary>
public sealed record RasterLevel(IRasterReader Reader, double Factor);

/// <summary>
/// One raster of the run as the server shows it. The id is the file name without extension; requests name layers
/// only by id, looked up in the catalogue, so no request ever reaches a path.
/// </summary>
public sealed partial class Layer : IDisposable
{
    private readonly Lazy<LayerLegend> _legend;
    private readonly Lazy<TileSource> _tiles;

    internal Layer(string id, string section, string path, IReadOnlyList<RasterLevel> levels, MapStyle styleEn, MapStyle styleZh,
        CoordinateTransformer transformer, int maxMapPixels, BoundedCache<BlockKey, Array> blockCache)
    {
        Id = id;
        Section = section;
        Path = path;
        Levels = levels;
        StyleZh = styleZh;
        Transformer = transformer;
        TitleEn = Reporting.Labels.MapTitle(id, Reporting.ReportLanguage.English);
        TitleZh = Reporting.Labels.MapTitle(id, Reporting.ReportLanguage.Chinese);
        var m = YearPair().Match(id);
        if (m.Success) Interval = [ParseYear(m.Groups[1].Value), ParseYear(m.Groups[2].Value)];
        else if (SingleYear().Match(id) is { Success: true } y) Year = ParseYear(y.Groups[1].Value);
        Bounds = BoundsOf(Grid, transformer);
        _legend = new Lazy<LayerLegend>(() => LayerLegend.Build(Reader, styleEn, maxMapPixels), LazyThreadSafetyMode.ExecutionAndPublication);
        _tiles = new Lazy<TileSource>(() => new TileSource(this, blockCache), LazyThreadSafetyMode.ExecutionAndPublication);
        var info = new FileInfo(path);
        Version = string.Create(CultureInfo.InvariantCulture, $"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}");
    }

    /// <summary>File name without extension.</summary>
    public string Id { get; }

    /// <summary>The report section the raster belongs to ("landuse", "budget", …, "other").</summary>
    public string Section { get; }

    /// <summary>The raster file (never sent to clients).</summary>
    internal string Path { get; }

    /// <summary>Full resolution first, then the overviews from finest to coarsest.</summary>
    public IReadOnlyList<RasterLevel> Levels { get; }

    /// <summary>The full-resolution reader.</summary>
    public IRasterReader Reader => Levels[0].Reader;

    /// <summary>The full-resolution grid.</summary>
    public GridSpec Grid => Reader.Grid;

    /// <summary>WGS84 → grid CRS.</summary>
    public CoordinateTransformer Transformer { get; }

    /// <summary>Title in English.</summary>
    public string TitleEn { get; }

    /// <summary>Title in Chinese.</summary>
    public string TitleZh { get; }

    /// <summary>The Chinese style (its unit label).</summary>
    public MapStyle StyleZh { get; }

    /// <summary>The year of a single-year raster (landuse_2020), else null.</summary>
    public int? Year { get; }

    /// <summary>[start, end] of an interval raster (delta_cbi_2000_2020), else null.</summary>
    public int[]? Interval { get; }

    /// <summary>[west, south, east, north] in WGS84 degrees.</summary>
    public double[] Bounds { get; }

    /// <summary>Changes when the file changes (size and time), for ETags.</summary>
    public string Version { get; }

    /// <summary>Colours and legend (computed on first use, as the report computes them).</summary>
    public LayerLegend Legend => _legend.Value;

    /// <summary>The palette codes of the pixels, as tiles draw them (after the legend).</summary>
    public TileSource Tiles => _tiles.Value;

    /// <summary>Value at WGS84 (lon, lat): the pixel containing the point, null outside the grid or at nodata.</summary>
    public double? ValueAt(double lon, double lat)
    {
        var (x, y) = Transformer.Forward(lon, lat);
        var (c, r) = Grid.Transform.MapToPixel(x, y);
        if (!(c >= 0 && r >= 0 && c < Grid.Width && r < Grid.Height)) return null;
        Span<double> v = stackalloc double[1];
        Reader.Read<double>(new PixelWindow((int)c, (int)r, 1, 1), v);
        return IsNoData(v[0]) ? null : v[0];
    }

    /// <summary>True for NaN and the declared nodata value.</summary>
    public bool IsNoData(double v) => double.IsNaN(v) || (Reader.NoData is double nd && v == nd);

    /// <summary>The grid's outline in WGS84 (21 points along each edge), as [west, south, east, north].</summary>
    private static double[] BoundsOf(GridSpec g, CoordinateTransformer t)
    {
        double w = double.PositiveInfinity, s = double.PositiveInfinity, e = double.NegativeInfinity, n = double.NegativeInfinity;
        const int Steps = 20;
        for (int i = 0; i <= Steps; i++)
        {
            double f = i / (double)Steps;
            foreach (var (c, r) in new[] { (f * g.Width, 0.0), (f * g.Width, (double)g.Height), (0.0, f * g.Height), ((double)g.Width, f * g.Height) })
            {
                var (x, y) = g.Transform.PixelToMap(c, r);
                var (lon, lat) = t.Inverse(x, y);
                w = Math.Min(w, lon); e = Math.Max(e, lon); s = Math.Min(s, lat); n = Math.Max(n, lat);
            }
        }
        return [w, s, e, n];
    }

    private static int ParseYear(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\d{4})_(\d{4})$")]
    private static partial Regex YearPair();

    [GeneratedRegex(@"_(\d{4})$")]
    private static partial Regex SingleYear();

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var l in Levels) l.Reader.Dispose();
    }
}
