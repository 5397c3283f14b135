using LandCarbon.Core.Outputs;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Risk;

/// <summary>The warning for the next, unobserved interval by one forecaster.</summary>
/// <param name="Forecast">Forecaster name.</param>
/// <param name="Method">Threshold method grading it (the best of the hindcast for this forecaster).</param>
/// <param name="Interval">The future interval, e.g. "2013_2016".</param>
/// <param name="Grading">The grading (thresholds from every observed interval).</param>
/// <param name="Description">How the forecaster forecast.</param>
/// <param name="RasterPath">rasters/risk_forecast_&lt;forecast&gt;_&lt;t1&gt;_&lt;t2&gt;.tif.</param>
public sealed record RiskOutlookItem(string Forecast, string Method, string Interval, RiskMethodResult Grading, string Description, string RasterPath);

/// <summary>The warnings for the next interval and the future key monitoring areas (null without zones).</summary>
public sealed record RiskOutlookResult(IReadOnlyList<RiskOutlookItem> Items, ZonalSummary? KeyAreas, string? KeyAreasForecast, IReadOnlyList<string> Files);

/// <summary>
/// Warns about the next, unobserved interval: every forecaster forecasts it from the whole observed series, the
/// threshold methods are fitted on every observed interval, and each forecast is graded by the method that did best
/// for that forecaster in the hindcast (weighted kappa; <c>risk.zones.method</c> when there was no hindcast). The
/// future key monitoring areas come from the best method × forecaster of the hindcast.
/// </summary>
public static class RiskOutlook
{
    /// <summary>Forecasts, grades and writes rasters, <c>risk_forecast.csv</c> and the future zonal tables.</summary>
    public static RiskOutlookResult Run(UnitSeries series, RiskHindcastResult? hindcast, RiskOptions options, RiskZones? zones,
        TileOptions tiles, Func<string, string> rasterPath, Func<string, string> tablePath, ICollection<string>? warnings, ISimulatedIndex? simulation = null,
        Func<UnitSeries, int, UnitSeries>? indexAt = null, Processing.AreaModel areaModel = Processing.AreaModel.True)
    {
        ArgumentNullException.ThrowIfNull(series);
        series = indexAt?.Invoke(series, series.IntervalCount) ?? series;
        ArgumentNullException.ThrowIfNull(options);
        int from = series.Years[^1], to = from + (options.ForecastYears ?? series.IntervalYears(series.IntervalCount - 1));
        string key = $"{from}_{to}";
        var summary = hindcast?.Summary().Where(r => r.Forecast != "-").ToList() ?? [];
        string fallback = zones?.Method ?? ErrorTheoryThresholds.MethodName;
        var training = series.Index.Select(a => (IRiskIndexSource)new ArrayIndexSource(series.Grid, a)).ToList();
        var items = new List<RiskOutlookItem>();
        var sources = new Dictionary<string, IRiskIndexSource>();
        var files = new List<string>();
        foreach (var f in options.Forecasts)
        {
            string name = RiskForecasts.Name(f);
            var fc = RiskForecaster.Forecast(f, series, to, options, simulation);
            var map = new ArrayIndexSource(series.Grid, fc.Values);
            var grading = RiskGrader.Grade(new RiskInputs(training, map), options with { StratifiedSample = false }, tiles);
            string method = summary.FirstOrDefault(r => r.Forecast == name)?.Method ?? fallback;
            var chosen = grading.Method(method);
            string raster = OutputCatalog.RiskForecastRaster.Name(name, key);
            files.AddRange(RiskRasters.Write(grading with { Methods = [chosen] }, map, _ => rasterPath(raster), tiles));
            items.Add(new RiskOutlookItem(name, method, key, chosen, fc.Description, rasterPath(raster)));
            sources[name] = map;
        }
        string table = tablePath(OutputCatalog.RiskForecast.Name());
        Table(items).Save(table);
        files.Add(table);
        ZonalSummary? zonal = null;
        string? best = null;
        if (zones is not null && items.Count > 0)
        {
            var top = summary.FirstOrDefault();
            var item = top is null ? items[0] : items.Single(i => i.Forecast == top.Forecast);
            best = $"{item.Method} × {item.Forecast}";
            zonal = RiskWarning.Zonal(zones, series.Grid, sources[item.Forecast], item.Grading.Thresholds, sources[item.Forecast], options.StableEpsilon, tiles, warnings, areaModel);
            files.AddRange(RiskWarning.WriteZonal(zonal, tablePath, key));
        }
        return new RiskOutlookResult(items, zonal, best, files);
    }

    /// <summary>risk_forecast.csv: per forecaster the interval, method, units and share per level, and the model.</summary>
    public static CsvWriter Table(IReadOnlyList<RiskOutlookItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        int l = items.Count > 0 ? items[0].Grading.Thresholds.Levels.Count : 0;
        var header = new List<string> { "forecast", "method", "interval" };
        header.AddRange(Enumerable.Range(1, l).Select(k => "share_" + k));
        header.AddRange(["units", "model"]);
        var w = new CsvWriter([.. header]);
        foreach (var i in items)
        {
            var row = new List<object?> { i.Forecast, i.Method, i.Interval };
            row.AddRange(Enumerable.Range(1, l).Select(k => (object?)i.Grading.LevelShare(k)));
            row.AddRange([i.Grading.LevelPixelCounts.Skip(1).Sum(), i.Description]);
            w.Row([.. row]);
        }
        return w;
    }
}
