using System.Globalization;
using System.Text;
using LandCarbon.Core.Models;

namespace LandCarbon.Core.Tables;

/// <summary>
/// A small CSV (or TSV) table read whole into memory, for configuration and attribute tables: RFC 4180 quoting,
/// a header row, UTF-8 with or without BOM, or GB18030 (what Chinese Excel writes) when the bytes are not valid
/// UTF-8. Every accessor that can fail throws an <see cref="InputException"/> naming the file, the line and the
/// column. For very large numeric tables use a streaming parser instead.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    private CsvTable(string path, string[] header, List<CsvRow> rows, Encoding encoding)
    {
        Path = path;
        Header = header;
        Rows = rows;
        Encoding = encoding;
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Length; i++) _index.TryAdd(header[i], i);
    }

    /// <summary>The file the table came from (for messages).</summary>
    public string Path { get; }

    /// <summary>Column names, trimmed.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Data rows (blank lines skipped).</summary>
    public IReadOnlyList<CsvRow> Rows { get; }

    /// <summary>The text encoding detected.</summary>
    public Encoding Encoding { get; }

    static CsvTable() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GB18030, the encoding of Chinese CSV files saved by Excel.</summary>
    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    /// <summary>Reads a file. The delimiter is guessed from the header (tab, comma or semicolon) unless given.</summary>
    public static CsvTable Read(string path, char? delimiter = null, Encoding? encoding = null)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: file not found.");
        byte[] bytes = File.ReadAllBytes(path);
        return Parse(path, bytes, delimiter, encoding);
    }

    /// <summary>Decodes bytes: UTF-8 when valid (BOM dropped), otherwise GB18030.</summary>
    public static (string Text, Encoding Encoding) Decode(byte[] bytes, Encoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (encoding is not null) return (encoding.GetString(bytes), encoding);
        ReadOnlySpan<byte> span = bytes;
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) span = span[3..];
        try
        {
            var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
            return (strict.GetString(span), Encoding.UTF8);
        }
        catch (DecoderFallbackException)
        {
            return (Gb18030.GetString(bytes), Gb18030);
        }
    }

    /// <summary>Parses bytes as a CSV table (used by <see cref="Read"/> and by tests).</summary>
    public static CsvTable Parse(string path, byte[] bytes, char? delimiter = null, Encoding? encoding = null)
    {
        var (text, enc) = Decode(bytes, encoding);
        var records = Tokenize(path, text, delimiter ?? GuessDelimiter(text));
        if (records.Count == 0) throw new InputException($"{path}: the file is empty; expected a header row.");
        var header = records[0].Fields.Select(h => h.Trim()).ToArray();
        var rows = new List<CsvRow>(records.Count - 1);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Length == 1 && fields[0].Length == 0) continue;
            rows.Add(new CsvRow(line, fields));
        }
        return new CsvTable(path, header, rows, enc);
    }

    private static char GuessDelimiter(string text)
    {
        int nl = text.IndexOf('\n');
        var first = nl < 0 ? text : text[..nl];
        if (first.Contains('\t')) return '\t';
        if (!first.Contains(',') && first.Contains(';')) return ';';
        return ',';
    }

    private static List<(int Line, string[] Fields)> Tokenize(string path, string text, char delim)
    {
        var result = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1;
        bool inQuotes = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            if (c == '"' && field.Length == 0) { inQuotes = true; any = true; }
            else if (c == delim) { fields.Add(field.ToString()); field.Clear(); any = true; }
            else if (c == '\r') { }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                result.Add((recordLine, fields.ToArray()));
                fields.Clear(); field.Clear(); any = false;
                line++;
                recordLine = line;
            }
            else { field.Append(c); any = true; }
        }
        if (inQuotes) throw new InputException($"{path}, line {recordLine}: a quoted field is not closed.");
        if (any || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            result.Add((recordLine, fields.ToArray()));
        }
        return result;
    }

    /// <summary>True when the table has the column (case-insensitive).</summary>
    public bool HasColumn(string name) => _index.ContainsKey(name);

    /// <summary>The index of a column; throws naming the file and the columns it has.</summary>
    public int Column(string name) =>
        _index.TryGetValue(name, out int i)
            ? i
            : throw new InputException($"{Path}: no column '{name}'; the header has: {string.Join(", ", Header)}.");

    /// <summary>Checks that all <paramref name="names"/> exist, reporting every missing one at once.</summary>
    public void RequireColumns(params string[] names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var missing = names.Where(n => !_index.ContainsKey(n)).ToList();
        if (missing.Count > 0)
            throw new InputException(
                $"{Path}: missing column(s) {string.Join(", ", missing)}; expected {string.Join(", ", names)}; the header has: {string.Join(", ", Header)}.");
    }

    /// <summary>The text of a cell, trimmed; empty when the row is short.</summary>
    public string Text(CsvRow row, int column) => column < row.Fields.Length ? row.Fields[column].Trim() : "";

    /// <summary>The text of a cell by column name.</summary>
    public string Text(CsvRow row, string column) => Text(row, Column(column));

    /// <summary>A cell as a finite double; throws naming file, line and column otherwise.</summary>
    public double Double(CsvRow row, string column)
    {
        int c = Column(column);
        string s = Text(row, c);
        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        throw new InputException($"{Path}, line {row.Line}, column '{Header[c]}': '{s}' is not a finite number.");
    }

    /// <summary>A cell as a double, or null when empty; throws when present but not a finite number.</summary>
    public double? OptionalDouble(CsvRow row, string column)
    {
        if (!HasColumn(column) || Text(row, column).Length == 0) return null;
        return Double(row, column);
    }

    /// <summary>A cell as an integer; throws naming file, line and column otherwise.</summary>
    public int Int(CsvRow row, string column)
    {
        int c = Column(column);
        string s = Text(row, c);
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v)) return v;
        throw new InputException($"{Path}, line {row.Line}, column '{Header[c]}': '{s}' is not a whole number.");
    }
}

/// <summary>One data row of a <see cref="CsvTable"/>: its line number in the file (1-based) and its fields.</summary>
public sealed record CsvRow(int Line, string[] Fields);
