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
    public static readonly string[] Columns = ["tau", "term", "estimate", "stdError", "tValue", "pValue", "ciLower", "ciUpper"];

    /// <summary>Builds the table in memory.</summary>
    public static CsvWriter Build(QuantileRegressionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var w = new CsvWriter(Columns);
        foreach (var fit in result.Fits)
            foreach (var c in fit.Coefficients)
                w.Row(fit.Tau, c.Term, c.Estimate, c.StdError, c.TValue, c.PValue, c.CiLower, c.CiUpper);
        return w;
    }

    /// <summary>Writes the table atomically to <paramref name="path"/> (e.g. <c>RunContext.TablePath("quantile_regression")</c>).</summary>
    public static void Write(QuantileRegressionResult result, string path) => Build(result).Save(path);
}
