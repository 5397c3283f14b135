using System.Globalization;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Models;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Accounting;

/// <summary>One row of the base coefficient table: class, value (t C/ha/yr, positive = source), unit, source, and
/// the value's uncertainty (optional columns <c>low,high</c> or <c>sd</c>).</summary>
public sealed record CoefficientRow(LandClass Class, double? TonnesCPerHaPerYear, string Unit, string Source)
{
    /// <summary>The uncertainty of the value (none unless the row gives a range or a standard deviation).</summary>
    public ValueUncertainty Uncertainty { get; init; } = ValueUncertainty.None;
}

/// <summary>
/// Base carbon coefficients of the flux approach (METHOD-SPEC (b1)), t C · ha⁻¹ · yr⁻¹, positive = source.
/// CSV columns <c>class,value,unit,source</c>, optionally <c>low,high</c> (uniform range) or <c>sd</c> (truncated
/// normal) for the Monte Carlo of the totals; one row per class. The construction row may be empty: its
/// coefficient then comes from energy statistics (<see cref="ConstructionCoefficients"/>).
/// </summary>
public sealed class CoefficientTable
{
    /// <summary>The accepted unit text.</summary>
    public const string Unit = "tC/ha/yr";

    private CoefficientTable(string path, IReadOnlyList<CoefficientRow> rows)
    {
        Path = path;
        Rows = rows;
    }

    /// <summary>The file the table came from ("(built-in)" for the defaults).</summary>
    public string Path { get; }

    /// <summary>Rows in file order.</summary>
    public IReadOnlyList<CoefficientRow> Rows { get; }

    /// <summary>The coefficient of a class, or null when its value is empty (construction from energy).</summary>
    public double? this[LandClass c] => Rows.FirstOrDefault(r => r.Class == c)?.TonnesCPerHaPerYear;

    /// <summary>True when some row gives an uncertainty.</summary>
    public bool HasUncertainty => Rows.Any(r => r.Uncertainty.IsUncertain);

    /// <summary>The built-in literature defaults of METHOD-SPEC (b1).</summary>
    public static CoefficientTable Default { get; } = Parse(DefaultTables.BuiltInName("coefficients.csv"), DefaultTables.Bytes("coefficients.csv"));

    /// <summary>Reads a coefficient CSV, reporting every bad row at once.</summary>
    public static CoefficientTable Read(string path) =>
        Parse(path, File.Exists(path) ? File.ReadAllBytes(path) : throw new InputException($"{path}: file not found."));

    /// <summary>Parses a coefficient CSV (see <see cref="Read"/>).</summary>
    public static CoefficientTable Parse(string path, byte[] bytes)
    {
        var t = CsvTable.Parse(path, bytes);
        t.RequireColumns("class", "value");
        var problems = new List<string>();
        var rows = new List<CoefficientRow>();
        foreach (var r in t.Rows)
        {
            string cls = t.Text(r, "class");
            if (!LandClasses.TryParse(cls, out var c))
            {
                problems.Add($"{path}, line {r.Line}: class '{cls}' is not one of {string.Join(", ", LandClasses.All.Select(x => x.Key()))}.");
                continue;
            }
            if (rows.Any(x => x.Class == c))
            {
                problems.Add($"{path}, line {r.Line}: class '{cls}' appears twice.");
                continue;
            }
            string unit = t.HasColumn("unit") ? t.Text(r, "unit") : Unit;
            if (unit.Length > 0 && !string.Equals(unit.Replace(" ", "", StringComparison.Ordinal), Unit, StringComparison.OrdinalIgnoreCase))
                problems.Add($"{path}, line {r.Line}: unit '{unit}' is not {Unit} (t C per hectare per year, positive = source).");
            string v = t.Text(r, "value");
            double? value = null;
            if (v.Length > 0)
            {
                if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)) value = d;
                else problems.Add($"{path}, line {r.Line}, column 'value': '{v}' is not a finite number.");
            }
            else if (c != LandClass.Construction)
            {
                problems.Add($"{path}, line {r.Line}: class '{cls}' has no value (only construction may be empty, when it comes from energy statistics).");
            }
            var uncertainty = ValueUncertainty.Parse(t, r, value, "low", "high", "sd", problems);
            rows.Add(new CoefficientRow(c, value, Unit, t.HasColumn("source") ? t.Text(r, "source") : "") { Uncertainty = uncertainty });
        }
        foreach (var c in LandClasses.All.Where(c => rows.All(r => r.Class != c)))
            problems.Add($"{path}: no row for class '{c.Key()}'.");
        if (problems.Count > 0) throw new InputException($"{path}: the coefficient table has problems:", problems);
        return new CoefficientTable(path, rows);
    }
}
