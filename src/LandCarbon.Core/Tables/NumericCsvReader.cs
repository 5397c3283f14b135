using System.Globalization;
using System.Text;
using LandCarbon.Core.Models;

namespace LandCarbon.Core.Tables;

/// <summary>Named numeric columns read from a CSV file.</summary>
/// <param name="Names">The requested column names, in the requested order.</param>
/// <param name="Columns">One array per name, all of length <paramref name="Rows"/>.</param>
/// <param name="Rows">Data rows read (blank lines skipped).</param>
/// <param name="MissingValues">Fields that were empty, NA or NaN (read as NaN).</param>
public sealed record NumericColumns(IReadOnlyList<string> Names, IReadOnlyList<double[]> Columns, int Rows, long MissingValues);

/// <summary>
/// Streams selected numeric columns out of a large CSV file (millions of rows) without holding its text: one
/// pass, fields parsed as invariant-culture doubles straight from the line buffer. The delimiter is guessed from
/// the header (comma, tab or semicolon). Empty fields, NA and NaN become NaN (callers drop or count them); any
/// other non-numeric text throws an <see cref="InputException"/> naming the file, line and column. UTF-8 (BOM
/// optional). For small tables with text columns use <see cref="CsvTable"/>.
/// </summary>
public static class NumericCsvReader
{
    /// <summary>Reads the columns <paramref name="names"/> (matched case-insensitively after trimming).</summary>
    public static NumericColumns Read(string path, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (!File.Exists(path)) throw new InputException($"{path}: file not found.");
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 20);
        string? headerLine = reader.ReadLine();
        if (headerLine is null) throw new InputException($"{path}: the file is empty; expected a header row.");
        char delimiter = headerLine.Contains('\t', StringComparison.Ordinal) ? '\t'
            : headerLine.Contains(',', StringComparison.Ordinal) ? ',' : headerLine.Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var header = headerLine.Split(delimiter).Select(h => h.Trim().Trim('"').Trim()).ToArray();
        var fieldToColumn = new int[header.Length];
        Array.Fill(fieldToColumn, -1);
        var missing = new List<string>();
        for (int k = 0; k < names.Count; k++)
        {
            int idx = Array.FindIndex(header, h => string.Equals(h, names[k].Trim(), StringComparison.OrdinalIgnoreCase));
            if (idx < 0) missing.Add(names[k]);
            else fieldToColumn[idx] = k;
        }
        if (missing.Count > 0)
            throw new InputException($"{path}: no column {string.Join(", ", missing.Select(m => "'" + m + "'"))}; the header has: {string.Join(", ", header)}.");
        int lastNeeded = Array.FindLastIndex(fieldToColumn, c => c >= 0);

        var cols = new double[names.Count][];
        for (int k = 0; k < cols.Length; k++) cols[k] = new double[1024];
        int rows = 0;
        long nMissing = 0;
        int lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            var span = line.AsSpan();
            if (span.IsWhiteSpace()) continue;
            if (rows == cols[0].Length)
                for (int k = 0; k < cols.Length; k++) Array.Resize(ref cols[k], cols[k].Length * 2);
            int field = 0;
            while (field <= lastNeeded)
            {
                int cut = span.IndexOf(delimiter);
                var f = cut < 0 ? span : span[..cut];
                int target = fieldToColumn[field];
                if (target >= 0)
                {
                    double v = ParseField(f.Trim(), path, lineNo, header[field], ref nMissing);
                    cols[target][rows] = v;
                }
                field++;
                if (cut < 0) break;
                span = span[(cut + 1)..];
            }
            if (field <= lastNeeded)
                throw new InputException($"{path}, line {lineNo}: only {field} fields; column '{header[lastNeeded]}' is field {lastNeeded + 1}.");
            rows++;
        }
        for (int k = 0; k < cols.Length; k++) Array.Resize(ref cols[k], rows);
        return new NumericColumns(names.ToArray(), cols, rows, nMissing);
    }

    private static double ParseField(ReadOnlySpan<char> f, string path, int line, string column, ref long missing)
    {
        if (f.Length >= 2 && f[0] == '"' && f[^1] == '"') f = f[1..^1].Trim();
        if (f.IsEmpty || f.Equals("NA", StringComparison.OrdinalIgnoreCase) || f.Equals("NaN", StringComparison.OrdinalIgnoreCase))
        {
            missing++;
            return double.NaN;
        }
        if (double.TryParse(f, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)) return v;
        throw new InputException($"{path}, line {line}, column '{column}': '{f.ToString()}' is not a number.");
    }
}
