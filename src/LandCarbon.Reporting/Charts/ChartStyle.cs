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

    /// <summary>Applies the font for <paramref name="lang"/>.</summary>
    public static void Apply(Plot plt, ReportLanguage lang)
    {
        ArgumentNullException.ThrowIfNull(plt);
        if (lang == ReportLanguage.Chinese) plt.Font.Set(ChineseFont);
    }
}
