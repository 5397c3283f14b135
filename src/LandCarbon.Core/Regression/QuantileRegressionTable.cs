using LandCarbon.Core.Outputs;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Regression;

/// <summary>
/// The pipeline's <c>tables/quantile_regression.csv</c>: one row per (τ, term) with columns
/// <c>tau,term,estimate,stdError,tValue,pValue,ciLower,ciUpper</c>, τ ascending and terms in model order
/// (intercept first). Values the inference does not give (standard error, t and p under rank inference) are
/// empty; unbounded rank intervals are written as -Infinity / Infinity. Doubles round-trip.
/// </summary>
public static class QuantileRegressionTable
{
    /// <summary>The header, in order.</summary>
    public static readonly string[] Columns = [.. OutputCatalog.QuantileRegression.Header().Where(h => h != "response")];

    /// <summary>Builds the table in memory.</summary>
    public static CsvWriter Build(QuantileRegressionResult result) => Build(result, null);

    private static CsvWriter Build(QuantileRegressionResult result, string? response)
    {
        ArgumentNullException.ThrowIfNull(result);
        var w = new CsvWriter(response is null ? Columns : [.. Columns, "response"]);
        foreach (var fit in result.Fits)
            foreach (var c in fit.Coefficients)
            {
                object?[] row = [fit.Tau, c.Term, c.Estimate, c.StdError, c.TValue, c.PValue, c.CiLower, c.CiUpper];
                w.Row(response is null ? row : [.. row, response]);
            }
        return w;
    }

    /// <summary>Writes the table atomically to <paramref name="path"/> (e.g. <c>RunContext.TablePath("quantile_regression")</c>).</summary>
    public static void Write(QuantileRegressionResult result, string path) => Build(result).Save(path);

    /// <summary>The pipeline's table: <see cref="Columns"/> and a last column <c>response</c> naming what y is
    /// (<c>deltaCbiWithoutPoiFactor</c>, <c>deltaCbiPoiWeighted</c> or <c>deltaCbi</c>; see
    /// <see cref="QuantileRegressionInputs"/>).</summary>
    public static void Write(QuantileRegressionResult result, string path, string response) => Build(result, response).Save(path);
}
