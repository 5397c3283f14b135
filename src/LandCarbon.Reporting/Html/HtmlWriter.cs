using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;
using LandCarbon.Core.Tables;

namespace LandCarbon.Reporting.Html;

/// <summary>Builds the page text; every piece of data goes through <see cref="Encode"/>.</summary>
internal sealed class HtmlWriter
{
    private readonly StringBuilder _sb = new();

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>HTML-encodes text (&lt; &gt; &amp; quotes), keeping all other Unicode characters readable.</summary>
    public static string Encode(string? s) => Encoder.Encode(s ?? "");

    public HtmlWriter Raw(string html)
    {
        _sb.Append(html);
        return this;
    }

    public HtmlWriter Text(string text)
    {
        _sb.Append(Encode(text));
        return this;
    }

    public HtmlWriter Element(string tag, string text, string? cls = null)
    {
        _sb.Append('<').Append(tag);
        if (cls is not null) _sb.Append(" class=\"").Append(Encode(cls)).Append('"');
        _sb.Append('>').Append(Encode(text)).Append("</").Append(tag).Append(">\n");
        return this;
    }

    /// <summary>A figure: the PNG inlined as a data URI, with its caption.</summary>
    public static string FigureHtml(byte[] png, string caption) =>
        new StringBuilder().Append("<figure><img alt=\"").Append(Encode(caption)).Append("\" src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(png)).Append("\"><figcaption>").Append(Encode(caption)).Append("</figcaption></figure>\n").ToString();

    /// <summary>A table with a units row under the header (<paramref name="unitOf"/> gives a column's unit, from the
    /// output catalogue).</summary>
    public HtmlWriter Table(CsvTable t, string displayName, int maxRows, ReportLanguage lang, Func<string, string> unitOf, Func<string, string, string?>? cellClass = null)
    {
        _sb.Append("<div class=\"table\"><table>\n<caption>").Append(Encode(displayName)).Append("</caption>\n<thead><tr>");
        foreach (var h in t.Header) _sb.Append("<th>").Append(Encode(h)).Append("</th>");
        _sb.Append("</tr>\n<tr class=\"units\">");
        foreach (var h in t.Header) _sb.Append("<td>").Append(Encode(Labels.Unit(unitOf(h), lang))).Append("</td>");
        _sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var r in t.Rows.Take(maxRows))
        {
            _sb.Append("<tr>");
            for (int c = 0; c < t.Header.Count; c++)
            {
                string v = t.Text(r, c);
                string? cls = cellClass?.Invoke(t.Header[c], v);
                bool numeric = double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d);
                _sb.Append(cls is null ? (numeric ? "<td class=\"num\">" : "<td>") : $"<td class=\"{Encode(cls)}\">")
                    .Append(Encode(numeric ? FormatNumber(d, v) : v)).Append("</td>");
            }
            _sb.Append("</tr>\n");
        }
        _sb.Append("</tbody></table>");
        if (t.Rows.Count > maxRows)
            _sb.Append("<p class=\"note\">").Append(Encode(string.Format(CultureInfo.InvariantCulture,
                Labels.Get("rowsShown", lang), maxRows, t.Rows.Count, displayName))).Append("</p>");
        _sb.Append("</div>\n");
        return this;
    }

    /// <summary>Numbers with at most 6 significant decimals; integers as written.</summary>
    private static string FormatNumber(double d, string original)
    {
        if (!original.Contains('.', StringComparison.Ordinal) && !original.Contains('E', StringComparison.OrdinalIgnoreCase)) return original;
        if (d != 0 && Math.Abs(d) < 1e-3) return d.ToString("0.###E+0", CultureInfo.InvariantCulture);
        return d.ToString(Math.Abs(d) >= 1000 ? "#,0.##" : "0.######", CultureInfo.InvariantCulture);
    }

    public override string ToString() => _sb.ToString();
}
