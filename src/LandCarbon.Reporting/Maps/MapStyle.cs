using LandCarbon.Core.LandUse;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Risk;
using LandCarbon.Core.Spaces;
using LandCarbon.Core.SpatialStatistics;

namespace LandCarbon.Reporting.Maps;

/// <summary>One legend entry of a categorical map: pixel value, labels, colour (#RRGGBB).</summary>
public sealed record LegendClass(int Value, string En, string Zh, string Color)
{
    /// <summary>The label in <paramref name="lang"/>.</summary>
    public string Label(ReportLanguage lang) => lang == ReportLanguage.Chinese ? Zh : En;
}

/// <summary>
/// How a raster is drawn: categorical (legend classes), classed diverging around zero (<see cref="Diverging"/>:
/// quantile breaks of |v|, see <see cref="DivergingScale"/>) or continuous (colour bar), with the unit shown in the
/// legend heading or on the colour bar.
/// </summary>
public sealed record MapStyle
{
    /// <summary>Classes of a categorical map; null for continuous maps.</summary>
    public IReadOnlyList<LegendClass>? Classes { get; init; }

    /// <summary>Signed values classed by symmetric quantile breaks around a neutral zero (ΔCBI, CBI).</summary>
    public bool Diverging { get; init; }

    /// <summary>Non-negative skewed values (kernel densities) classed by quantile breaks of the non-zero values,
    /// zero its own class (<see cref="DivergingScale.SequentialLegend"/>).</summary>
    public bool Sequential { get; init; }

    /// <summary>Unit label of a continuous map (legend heading or colour bar), e.g. "t C/yr per pixel".</summary>
    public string Unit { get; init; } = "";

    /// <summary>True for categorical maps.</summary>
    public bool IsCategorical => Classes is not null;

    /// <summary>
    /// Take each class's colour from the raster's own colour table when it has one (UInt8 rasters written by the
    /// pipeline), so the report shows the colours a GIS shows; the style's colours otherwise.
    /// </summary>
    public bool UseRasterColors { get; init; }

    /// <summary>The legend label of pixel value <paramref name="code"/>, or null when the style has no such class.</summary>
    public string? LabelOf(int code, ReportLanguage lang) =>
        Classes?.FirstOrDefault(c => c.Value == code)?.Label(lang);

    /// <summary>This style with the colours of <paramref name="table"/> for the codes it defines (alpha &gt; 0).</summary>
    public MapStyle WithColors(ColorTable? table)
    {
        if (table is null || Classes is null || !UseRasterColors) return this;
        return this with
        {
            Classes = [.. Classes.Select(c => c.Value >= 0 && c.Value < table.Count && table[c.Value].A > 0
                ? c with { Color = table[c.Value].ToHex()[..7] } : c)],
        };
    }

    /// <summary>CLCD land use (input rasters of the CLCD scheme).</summary>
    public static MapStyle LandUse { get; } = new()
    {
        Classes = [.. Labels.Clcd.Select(kv => new LegendClass(kv.Key, kv.Value.En, kv.Value.Zh, kv.Value.Color))],
    };

    /// <summary>
    /// The six land classes of the reclassified rasters (<c>rasters/landuse_YEAR.tif</c>, pixel value =
    /// <see cref="LandClass"/>), labels and colours from the study's class styles when given (class key →
    /// English label, Chinese label, colour), else the glossary's defaults.
    /// </summary>
    public static MapStyle LandClassesOf(IReadOnlyDictionary<string, (string En, string Zh, string Color)>? styles = null) => new()
    {
        Classes = [.. Core.LandUse.LandClasses.All.Select(c => styles is not null && styles.TryGetValue(c.Key(), out var s)
            ? new LegendClass((int)c, s.En, s.Zh, s.Color)
            : new LegendClass((int)c, c.DefaultEnglishLabel(), c.DefaultChineseLabel(), c.DefaultColor().ToHex()[..7]))],
    };

    /// <summary>Input land-use codes through the study's class map (code → class key), labelled as the class.</summary>
    public static MapStyle InputCodesOf(IReadOnlyDictionary<int, string> map, IReadOnlyDictionary<string, (string En, string Zh, string Color)>? styles)
    {
        ArgumentNullException.ThrowIfNull(map);
        var byKey = LandClassesOf(styles).Classes!.ToDictionary(c => ((LandClass)c.Value).Key(), StringComparer.OrdinalIgnoreCase);
        return new()
        {
            Classes = [.. map.OrderBy(kv => kv.Key).Where(kv => byKey.ContainsKey(kv.Value))
                .Select(kv => byKey[kv.Value] with { Value = kv.Key })],
        };
    }

    /// <summary>
    /// Space and grade (the Int8 raster of <see cref="ChangeRasterSink"/>): −g…−1 reduction, 0 stable, 1…g
    /// increment, colours of the writer's QGIS sidecar style.
    /// </summary>
    public static MapStyle SpaceGrades(int grades)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(grades, 1);
        var colors = QmlColors(ChangeRasterSink.GradeStyle(grades));
        var classes = new List<LegendClass>();
        for (int g = grades; g >= 1; g--)
            classes.Add(new(-g, $"reduction, {GradeEn(g)}", $"减碳空间·{GradeZh(g)}", colors.GetValueOrDefault(-g, "#4292C6")));
        classes.Add(new(0, "stable", "稳定", colors.GetValueOrDefault(0, "#F0F0F0")));
        for (int g = 1; g <= grades; g++)
            classes.Add(new(g, $"increment, {GradeEn(g)}", $"增碳空间·{GradeZh(g)}", colors.GetValueOrDefault(g, "#FB6A4A")));
        return new() { Classes = classes };
    }

    /// <summary>Space and grade with the default four grades.</summary>
    public static MapStyle SpaceGrade { get; } = SpaceGrades(4);

    private static string GradeEn(int g) => g switch
    {
        (int)IntensityGrade.Weak => "weak",
        (int)IntensityGrade.Moderate => "moderate",
        (int)IntensityGrade.Strong => "strong",
        (int)IntensityGrade.ExtremelyStrong => "extremely strong",
        _ => $"grade {g}",
    };

    private static string GradeZh(int g) => g switch
    {
        (int)IntensityGrade.Weak => "弱",
        (int)IntensityGrade.Moderate => "中等",
        (int)IntensityGrade.Strong => "强",
        (int)IntensityGrade.ExtremelyStrong => "极强",
        _ => $"{g} 级",
    };

    /// <summary>value → #RRGGBB of the paletteEntry elements of a QGIS style.</summary>
    public static Dictionary<int, string> QmlColors(string qml)
    {
        ArgumentNullException.ThrowIfNull(qml);
        var d = new Dictionary<int, string>();
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(qml,
                     "<paletteEntry\\s+value=\"(-?\\d+)\"\\s+color=\"(#[0-9A-Fa-f]{6})\""))
            d[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)] = m.Groups[2].Value.ToUpperInvariant();
        return d;
    }

    /// <summary>Mechanism types (METHOD-SPEC (d)): the values of <see cref="ChangeMechanism"/>, the English labels of
    /// <see cref="ChangeMechanisms.Label"/>, the raster's colour table.</summary>
    public static MapStyle Mechanism { get; } = new()
    {
        UseRasterColors = true,
        Classes = [.. Enum.GetValues<ChangeMechanism>().Select(m => new LegendClass((int)m, m.Label(), m switch
        {
            ChangeMechanism.SourceIntensification => "碳源增强",
            ChangeMechanism.SinkDecline => "碳汇减弱",
            ChangeMechanism.SinkToSourceShift => "汇转源",
            ChangeMechanism.SourceWeakening => "碳源减弱",
            ChangeMechanism.SinkEnhancement => "碳汇增强",
            ChangeMechanism.SourceToSinkShift => "源转汇",
            _ => "未变化",
        }, ChangeMechanisms.ColorTable()[(int)m].ToHex()[..7]))],
    };

    /// <summary>LISA clusters: the values of <see cref="LisaCluster"/> (GeoDa codes), GeoDa colours.</summary>
    public static MapStyle Lisa { get; } = new()
    {
        UseRasterColors = true,
        Classes = [.. Enum.GetValues<LisaCluster>().Select(c => c switch
        {
            LisaCluster.HighHigh => new LegendClass((int)c, "High-High", "高-高", "#D7191C"),
            LisaCluster.LowLow => new LegendClass((int)c, "Low-Low", "低-低", "#2C7BB6"),
            LisaCluster.LowHigh => new LegendClass((int)c, "Low-High", "低-高", "#ABD9E9"),
            LisaCluster.HighLow => new LegendClass((int)c, "High-Low", "高-低", "#FDAE61"),
            LisaCluster.Neighbourless => new LegendClass((int)c, "no neighbours", "无邻居", "#999999"),
            _ => new LegendClass((int)c, "not significant", "不显著", "#F0F0F0"),
        })],
    };

    /// <summary>The Gi_Bin raster of <see cref="SpatialRasters.WriteGiBins"/> stores bin + 3 (0…6, bins −3…3).</summary>
    public const int GiBinOffset = 3;

    /// <summary>Gi* confidence bins: pixel value = bin + <see cref="GiBinOffset"/>.</summary>
    public static MapStyle GiBins { get; } = new()
    {
        UseRasterColors = true,
        Classes =
        [
            new(-3 + GiBinOffset, "cold spot, 99%", "冷点 99%", "#4575B4"),
            new(-2 + GiBinOffset, "cold spot, 95%", "冷点 95%", "#91BFDB"),
            new(-1 + GiBinOffset, "cold spot, 90%", "冷点 90%", "#E0F3F8"),
            new(0 + GiBinOffset, "not significant", "不显著", "#F7F7F7"),
            new(1 + GiBinOffset, "hot spot, 90%", "热点 90%", "#FEE090"),
            new(2 + GiBinOffset, "hot spot, 95%", "热点 95%", "#FC8D59"),
            new(3 + GiBinOffset, "hot spot, 99%", "热点 99%", "#D73027"),
        ],
    };

    private static readonly string[] Roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

    private static readonly Dictionary<string, string> RiskZh = new(StringComparer.OrdinalIgnoreCase)
    {
        ["low"] = "低风险", ["relatively low"] = "较低风险", ["medium"] = "中风险", ["high"] = "高风险", ["extremely high"] = "极高风险",
    };

    /// <summary>Risk levels 1…L of a grading scheme (0 = nodata), labelled "I low" … with the levels' colours.</summary>
    public static MapStyle RiskLevelsOf(RiskLevels levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var table = levels.ColorTable();
        return new()
        {
            UseRasterColors = true,
            Classes = [.. Enumerable.Range(1, levels.Count).Select(k =>
            {
                string label = levels.Label(k), roman = k <= Roman.Length ? Roman[k - 1] + " " : $"{k} ";
                string zh = RiskZh.TryGetValue(label, out var z) ? z : label.StartsWith("level ", StringComparison.Ordinal) ? $"{k} 级" : label;
                return new LegendClass(k, roman + label, roman + zh, table[k].ToHex()[..7]);
            })],
        };
    }

    /// <summary>The default five risk levels.</summary>
    public static MapStyle Risk { get; } = RiskLevelsOf(RiskLevels.Five);
}
