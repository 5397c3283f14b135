namespace LandCarbon.Reporting;

/// <summary>Units of table columns, read from the naming convention (units in names: TonnesC, Km2, Percent…).</summary>
public static class Units
{
    private static readonly (string Suffix, string Unit)[] Suffixes =
    [
        ("TonnesCCumulative", "t C over the interval"), ("Cumulative", "t C per pixel over the interval"), ("TonnesCPerHa", "t C/ha/yr"), ("TonnesCO2ePerHa", "t CO2e/ha/yr"), ("TonnesCO2e", "t CO2e/yr"), ("TonnesC", "t C/yr"),
        ("Km2", "km²"), ("Ha", "ha"), ("M2", "m²"), ("Meters", "m"), ("Km", "km"), ("Percent", "%"), ("PerKm2", "per km²"),
        ("Mm", "mm"), ("Degrees", "°"), ("TemperatureC", "°C"),
    ];

    private static readonly Dictionary<string, string> Exact = new(StringComparer.OrdinalIgnoreCase)
    {
        ["pixels"] = "pixels", ["n"] = "count", ["count"] = "count", ["year"] = "year", ["tau"] = "quantile (0–1)",
        ["offsetRatio"] = "ratio (0–1)", ["balanceRatio"] = "ratio", ["overallAccuracy"] = "ratio (0–1)", ["kappa"] = "ratio",
        ["hitRate"] = "ratio (0–1)", ["falseAlarmRate"] = "ratio (0–1)", ["pValue"] = "probability", ["tValue"] = "t statistic",
        ["zValue"] = "z score", ["z"] = "z score", ["p"] = "probability", ["estimate"] = "per SD of the regressor (t C/yr)",
        ["stdError"] = "as estimate", ["ciLower"] = "as estimate", ["ciUpper"] = "as estimate", ["rank"] = "rank",
        ["grade"] = "grade (1–4)", ["level"] = "risk level", ["passed"] = "true/false",
        ["lowerBound"] = "t C/yr per pixel", ["upperBound"] = "t C/yr per pixel", ["threshold"] = "index units",
        ["I"] = "Moran's I", ["expectedI"] = "Moran's I",
    };

    /// <summary>The unit of a column, or "—" for labels and identifiers.</summary>
    public static string Of(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (Exact.TryGetValue(column, out var u)) return u;
        foreach (var (suffix, unit) in Suffixes)
            if (column.Length > suffix.Length && column.EndsWith(suffix, StringComparison.Ordinal)) return unit;
        if (column.EndsWith("Share", StringComparison.Ordinal)) return "ratio (0–1)";
        return "—";
    }
}
