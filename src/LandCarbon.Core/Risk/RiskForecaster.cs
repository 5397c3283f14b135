using System.Globalization;
using LandCarbon.Core.Models;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Regression;

namespace LandCarbon.Core.Risk;

/// <summary>A forecast of the index of one interval per unit (NaN = no forecast) and how it was made, in words.</summary>
/// <param name="Values">Forecast index per unit.</param>
/// <param name="Description">The model (e.g. the fitted driver coefficients).</param>
public sealed record UnitForecast(double[] Values, string Description);

/// <summary>
/// The forecasters of <see cref="RiskForecast"/>. Each takes only a <see cref="UnitSeries.Past"/> view that ends at
/// the forecast origin, so it cannot use data of the target interval.
/// </summary>
public static class RiskForecaster
{
    /// <summary>Forecasts the index (per year) of <c>past.Years[^1]</c> → <paramref name="toYear"/>.</summary>
    public static UnitForecast Forecast(RiskForecast kind, UnitSeries past, int toYear, RiskOptions options, ISimulatedIndex? simulation = null)
    {
        ArgumentNullException.ThrowIfNull(past);
        ArgumentNullException.ThrowIfNull(options);
        if (past.IntervalCount < 1) throw new InputException("risk.forecast: a forecast needs at least one observed interval before its origin.");
        int origin = past.Years[^1];
        if (toYear <= origin) throw new ArgumentOutOfRangeException(nameof(toYear), "The target ends after the forecast origin.");
        return kind switch
        {
            RiskForecast.Persistence => new UnitForecast([.. past.Index[^1]], $"index per year of {past.IntervalKey(past.IntervalCount - 1)}"),
            RiskForecast.Trend => Trend(past, toYear),
            RiskForecast.Drivers => Drivers(past, toYear, options),
            RiskForecast.Simulation => simulation is null
                ? throw new InputException("risk.forecast: 'simulation' needs a scenario simulation stage in the run, and this run has none; remove it or add the simulation.")
                : new UnitForecast([.. simulation.Project(past.Grid, origin, toYear).Select(v => v / (toYear - origin))], $"simulated land use {origin}→{toYear}"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static UnitForecast Trend(UnitSeries past, int toYear)
    {
        int n = past.UnitCount, m = past.IntervalCount, origin = past.Years[^1];
        double target = (origin + toYear) / 2.0;
        var mid = Enumerable.Range(0, m).Select(j => (past.Years[j] + past.Years[j + 1]) / 2.0).ToArray();
        var v = new double[n];
        for (int u = 0; u < n; u++)
        {
            // Least squares of rate on midpoint over the valid intervals; one valid interval: its rate.
            double sx = 0, sy = 0;
            int c = 0;
            for (int j = 0; j < m; j++)
            {
                double r = past.Index[j][u];
                if (double.IsNaN(r)) continue;
                sx += mid[j];
                sy += r;
                c++;
            }
            if (c == 0) { v[u] = double.NaN; continue; }
            double mx = sx / c, my = sy / c, sxy = 0, sxx = 0;
            for (int j = 0; j < m; j++)
            {
                double r = past.Index[j][u];
                if (double.IsNaN(r)) continue;
                sxy += (mid[j] - mx) * (r - my);
                sxx += (mid[j] - mx) * (mid[j] - mx);
            }
            double slope = sxx > 0 ? sxy / sxx : 0;
            v[u] = my + slope * (target - mx);
        }
        return new UnitForecast(v, string.Create(CultureInfo.InvariantCulture,
            $"per-unit least-squares line of the index per year on the interval midpoints over {m} interval(s), at {target:0.#}"));
    }

    private static UnitForecast Drivers(UnitSeries past, int toYear, RiskOptions o)
    {
        int n = past.UnitCount, m = past.IntervalCount;
        bool lag = o.DriverLagIndex && m >= 2;
        var notes = new List<string>();
        if (o.DriverLagIndex && !lag) notes.Add("no earlier interval for the lagged index, left out");
        var names = past.FactorNames.ToList();
        if (lag) names.Add("lastIndex");
        int q = names.Count;

        // Rows: (interval j, unit u) with every value known; x measured at Years[j], y = index rate of interval j.
        var rows = new List<(ulong Key, int J, int U)>();
        for (int j = lag ? 1 : 0; j < m; j++)
            for (int u = 0; u < n; u++)
            {
                if (double.IsNaN(past.Index[j][u])) continue;
                if (lag && double.IsNaN(past.Index[j - 1][u])) continue;
                bool ok = true;
                for (int f = 0; f < past.FactorNames.Count && ok; f++) ok = !double.IsNaN(past.Factors[j][f][u]);
                if (ok) rows.Add((SampleKey.Of(o.Seed, (long)j * n + u), j, u));
            }
        if (rows.Count > o.DriverMaxUnits)
        {
            rows.Sort((a, b) => a.Key.CompareTo(b.Key));
            rows.RemoveRange(o.DriverMaxUnits, rows.Count - o.DriverMaxUnits);
            rows.Sort((a, b) => a.J != b.J ? a.J.CompareTo(b.J) : a.U.CompareTo(b.U));
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"fitted on a seeded sample of {o.DriverMaxUnits} unit-intervals"));
        }
        double X(int f, int j, int u) => f < past.FactorNames.Count ? past.Factors[j][f][u] : past.Index[j - 1][u];
        var y = rows.Select(r => past.Index[r.J][r.U]).ToArray();

        var keep = new List<int>();
        var mean = new double[q];
        var sd = new double[q];
        var cols = new List<double[]>();
        for (int f = 0; f < q; f++)
        {
            var col = rows.Select(r => X(f, r.J, r.U)).ToArray();
            var s = new ExactSum();
            foreach (double x in col) s.Add(x);
            mean[f] = col.Length > 0 ? s.Value / col.Length : 0;
            var ss = new ExactSum();
            foreach (double x in col) ss.Add((x - mean[f]) * (x - mean[f]));
            sd[f] = col.Length > 1 ? Math.Sqrt(ss.Value / (col.Length - 1)) : 0;
            if (!(sd[f] > 0)) { notes.Add($"{names[f]} constant, left out"); continue; }
            for (int i = 0; i < col.Length; i++) col[i] = (col[i] - mean[f]) / sd[f];
            keep.Add(f);
            cols.Add(col);
        }
        if (rows.Count == 0) throw new InputException("risk.forecast: drivers: no unit has both an observed index and every driver factor in the past intervals.");

        double intercept;
        var beta = new double[q];
        try
        {
            if (rows.Count < keep.Count + 2) throw new InputException($"{rows.Count} unit-intervals for {keep.Count + 1} parameters");
            var fit = QuantileRegression.Fit(cols, keep.Select(f => names[f]).ToList(), y, o.DriverTau, new QuantileRegressionOptions
            {
                Method = rows.Count <= Regression.QuantileRegressionStage.SimplexMaxUnits ? QuantileRegressionMethod.BarrodaleRoberts : QuantileRegressionMethod.FrischNewton,
                Inference = QuantileInference.None,
            });
            var c = fit.Fits[0].Coefficients;
            intercept = c[0].Estimate;
            for (int i = 0; i < keep.Count; i++) beta[keep[i]] = c[i + 1].Estimate;
        }
        catch (InputException e)
        {
            // E.g. a constant response or collinear factors: the τ-quantile of the past rates (intercept only).
            var sorted = y.Order().ToArray();
            intercept = sorted.Length == 0 ? 0 : ObservedGrade.Quantile7(sorted, o.DriverTau);
            Array.Clear(beta);
            keep.Clear();
            notes.Add($"regression not possible ({e.Message}); τ-quantile of the past rates used");
        }

        var v = new double[n];
        int last = m;
        for (int u = 0; u < n; u++)
        {
            double r = intercept;
            foreach (int f in keep)
            {
                double x = f < past.FactorNames.Count ? past.Factors[last][f][u] : past.Index[m - 1][u];
                r += beta[f] * (x - mean[f]) / sd[f];
            }
            v[u] = r;
        }
        var ci = CultureInfo.InvariantCulture;
        string model = string.Join(" + ", keep.Select(f => string.Create(ci, $"{beta[f]:G4}·z({names[f]})")));
        string text = string.Create(ci, $"τ = {o.DriverTau:G3} quantile regression of the index per year on the factors at each interval's start, {rows.Count} unit-intervals: index = {intercept:G4}{(model.Length > 0 ? " + " + model : "")}")
            + (notes.Count > 0 ? " (" + string.Join("; ", notes) + ")" : "");
        return new UnitForecast(v, text);
    }
}
