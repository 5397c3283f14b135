using ScottPlot;

namespace LandCarbon.Reporting.Charts;

/// <summary>Shared look of every figure: font (a CJK font for Chinese labels) and sizes.</summary>
public static class ChartStyle
{
    /// <summary>The CJK font family used for Chinese figures (Debian fonts-wqy-zenhei).</summary>
    public const string CjkFont = "WenQuanYi Zen Hei";

    /// <summary>Applies the font for <paramref name="lang"/>.</summary>
    public static void Apply(Plot plt, ReportLanguage lang)
    {
        ArgumentNullException.ThrowIfNull(plt);
        if (lang == ReportLanguage.Chinese)
        {
            string detected = Fonts.Detect("中文");
            plt.Font.Set(string.IsNullOrEmpty(detected) ? CjkFont : detected);
        }
    }
}
