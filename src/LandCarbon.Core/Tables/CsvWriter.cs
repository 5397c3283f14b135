using System.Globalization;
using System.Text;

namespace LandCarbon.Core.Tables;

/// <summary>
/// Builds a CSV table in memory and writes it atomically (<see cref="AtomicFile"/>). Numbers are written with the
/// invariant culture; doubles in round-trip form ("R"), so tables reproduce values to the last bit and are
/// byte-identical between runs. Fields with commas, quotes or line breaks are quoted (RFC 4180). UTF-8, no BOM, LF.
/// </summary>
public sealed class CsvWriter
{
    private readonly StringBuilder _sb = new();
    private readonly int _columns;

    /// <summary>Starts a table with the given header.</summary>
    public CsvWriter(params string[] header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _columns = header.Length;
        AppendRow(header);
    }

    /// <summary>Number of data rows so far.</summary>
    public int RowCount { get; private set; }

    /// <summary>Adds a row; its length must match the header.</summary>
    public CsvWriter Row(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != _columns)
            throw new ArgumentException($"Row has {values.Length} values, the header has {_columns}.", nameof(values));
        AppendRow(values);
        RowCount++;
        return this;
    }

    /// <summary>Formats one value as CSV text (empty for null and NaN).</summary>
    public static string Format(object? v) => v switch
    {
        null => "",
        double d => double.IsNaN(d) ? "" : d.ToString("R", CultureInfo.InvariantCulture),
        float f => float.IsNaN(f) ? "" : f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private void AppendRow(IEnumerable<object?> values)
    {
        bool first = true;
        foreach (var v in values)
        {
            if (!first) _sb.Append(',');
            first = false;
            string s = Format(v);
            if (s.AsSpan().IndexOfAny(",\"\n\r") >= 0) _sb.Append('"').Append(s.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else _sb.Append(s);
        }
        _sb.Append('\n');
    }

    /// <summary>The table as text.</summary>
    public override string ToString() => _sb.ToString();

    /// <summary>Writes the table to <paramref name="path"/> atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, _sb.ToString());
}
