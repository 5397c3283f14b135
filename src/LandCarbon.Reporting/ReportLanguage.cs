namespace LandCarbon.Reporting;

/// <summary>Language of the report's labels.</summary>
public enum ReportLanguage
{
    /// <summary>English (default).</summary>
    English,
    /// <summary>Simplified Chinese (labels from the glossary; needs a CJK font such as fonts-wqy-zenhei for figures).</summary>
    Chinese,
}

/// <summary>Report labels in English and Chinese (the glossary's terms).</summary>
public static class Labels
{
    private static readonly Dictionary<string, (string En, string Zh)> Text = new(StringComparer.Ordinal)
    {
        ["title"] = ("Carbon budget report", "碳收支报告"),
        ["contents"] = ("Contents", "目录"),
        ["manifest"] = ("Inputs and manifest", "输入与运行清单"),
        ["landuse"] = ("Land use by year", "各年份土地利用"),
        ["transitions"] = ("Land-use transitions", "土地利用转移"),
        ["budget"] = ("Carbon budget by year", "各年份碳收支"),
        ["change"] = ("Carbon budget change (ΔCBI)", "碳收支变化（ΔCBI）"),
        ["spaces"] = ("Carbon-increment and carbon-reduction spaces", "增碳空间与减碳空间"),
        ["mechanisms"] = ("Mechanisms of change", "变化机制"),
        ["offset"] = ("Offset ratio by period", "各时段抵消系数"),
        ["poi"] = ("POI functional densities", "POI 功能空间核密度"),
        ["regression"] = ("Quantile regression", "分位数回归"),
        ["spatial"] = ("Spatial association (Moran's I, LISA, Gi*)", "空间关联（莫兰指数、LISA、Gi*）"),
        ["risk"] = ("Carbon risk warning", "碳风险预警"),
        ["zonal"] = ("Zonal ranking and key monitoring areas", "分区排序与重点监测区"),
        ["checks"] = ("Checks", "校验"),
        ["tables"] = ("Other tables", "其他表格"),
        ["unit"] = ("unit", "单位"),
        ["rowsShown"] = ("first {0} of {1} rows shown; the full table is {2}", "仅显示前 {0} 行（共 {1} 行），完整表格见 {2}"),
        ["generated"] = ("Generated from the run folder {0}.", "由运行目录 {0} 生成。"),
        ["pending"] = ("Not in this run (the stage is disabled or not yet available): ", "本次运行未包含（该阶段未启用或尚不可用）："),
        ["file"] = ("file", "文件"),
        ["key"] = ("key", "项"),
        ["value"] = ("value", "值"),
        ["year"] = ("year", "年份"),
        ["tau"] = ("quantile τ", "分位点 τ"),
        ["coefficient"] = ("coefficient (95% interval)", "系数（95% 置信区间）"),
        ["source"] = ("source", "碳源"),
        ["sink"] = ("sink", "碳汇"),
        ["net"] = ("net", "净排放"),
        ["tc"] = ("t C/yr", "t C/年"),
        ["offsetRatio"] = ("offset ratio (%)", "抵消系数（%）"),
        ["interval"] = ("interval", "时段"),
        ["from"] = ("from (rows)", "转出（行）"),
        ["to"] = ("to (columns)", "转入（列）"),
        ["areaKm2"] = ("area (km²)", "面积（km²）"),
        ["accuracy"] = ("identification accuracy (%)", "识别精度（%）"),
        ["method"] = ("method", "方法"),
        ["eastingKm"] = ("easting (km, EPSG grid)", "东坐标（km）"),
        ["northingKm"] = ("northing (km)", "北坐标（km）"),
        ["passed"] = ("passed", "通过"),
        ["failed"] = ("FAILED", "未通过"),
        ["unknownCode"] = ("code {0} (no label)", "代码 {0}（无标签）"),
    };

    /// <summary>The label for <paramref name="key"/> in <paramref name="lang"/> (the key itself when unknown).</summary>
    public static string Get(string key, ReportLanguage lang) =>
        Text.TryGetValue(key, out var t) ? (lang == ReportLanguage.Chinese ? t.Zh : t.En) : key;

    /// <summary>Parses "en" / "zh" (also "zh-CN", "cn").</summary>
    public static ReportLanguage Parse(string? text) => (text ?? "en").Trim().ToLowerInvariant() switch
    {
        "zh" or "zh-cn" or "cn" or "chinese" => ReportLanguage.Chinese,
        "en" or "english" or "" => ReportLanguage.English,
        var t => throw new ArgumentException($"language '{t}' is not supported; use en or zh."),
    };

    /// <summary>The six land classes and the CLCD codes: English and Chinese labels and colours.</summary>
    public static IReadOnlyDictionary<int, (string En, string Zh, string Color)> Clcd { get; } = new Dictionary<int, (string, string, string)>
    {
        [1] = ("Cropland (cultivated)", "耕地", "#FAE39C"),
        [2] = ("Forest", "林地", "#446F33"),
        [3] = ("Shrub", "灌木林地", "#33A02C"),
        [4] = ("Grassland", "草地", "#ABD37B"),
        [5] = ("Water", "水域", "#1E69B4"),
        [6] = ("Snow/ice", "冰雪", "#A6CEE3"),
        [7] = ("Barren (unused)", "裸地（未利用地）", "#CFBDA3"),
        [8] = ("Impervious (construction)", "不透水面（建设用地）", "#E24290"),
        [9] = ("Wetland", "湿地", "#289BE8"),
    };
}
