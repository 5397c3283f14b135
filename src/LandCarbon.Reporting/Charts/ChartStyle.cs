using ScottPlot;

namespace LandCarbon.Reporting.Charts;

/// <summary>Shared look of every figure: font (a CJK font for Chinese labels) and sizes.</summary>
public static class ChartStyle
{
    /// <summary>The CJK font family used for Chinese figures (Debian fonts-wqy-zenhei).</summary>
    public const string CjkFont = "WenQuanYi Zen Hei";

    private static readonly Lazy<string> Cjk = new(() =>
    {
        string detected = Fonts.Detect("中文");
        return string.IsNullOrEmpty(detected) ? CjkFont : detected;
    });

    /// <summary>The font family of Chinese figures: the system font ScottPlot finds for Chinese text (detected once),
    /// <see cref="CjkFont"/> when none is found.</summary>
    public static string ChineseFont => Cjk.Value;

    /// <summary>ScottPlot's default font as the process started (this class never changes it).</summary>
    private static readonly string Latin = Fonts.Default;

    /// <summary>The font family of figures in <paramref name="lang"/>.</summary>
    public static string FontFor(ReportLanguage lang) => lang == ReportLanguage.Chinese ? ChineseFont : Latin;

    /// <summary>
    /// Sets the font for <paramref name="lang"/> on this plot's title, axis labels, ticks and legend. Unlike
    /// <c>plt.Font.Set</c> it leaves ScottPlot's process-wide <c>Fonts.Default</c> alone, which that call
    /// overwrites: figures of either language can then be drawn at the same time and each is the same as when drawn
    /// alone. Text added later (colour-bar labels) takes <see cref="FontFor"/> explicitly.
    /// </summary>
    public static void Apply(Plot plt, ReportLanguage lang)
    {
        ArgumentNullException.ThrowIfNull(plt);
        string font = FontFor(lang);
        plt.Axes.Title.Label.FontName = font;
        foreach (var axis in plt.Axes.GetAxes())
        {
            axis.Label.FontName = font;
            axis.TickLabelStyle.FontName = font;
        }
        plt.Legend.FontName = font;
    }
}
