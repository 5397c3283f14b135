using LandCarbon.Core.Outputs;

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
        ["scenarios"] = ("Scenario simulation: projected years", "情景模拟：预测年份"),
        ["scenarioBudget"] = ("Net carbon budget by year and scenario (scenario_budget.csv)", "各情景各年份净碳收支（scenario_budget.csv）"),
        ["scenarioNote"] = ("Each projected map is accounted per pixel like an observed year (same coefficients and corrections; inputs without a future value are those of the last observed year), and the interval from the last observed year to each projected year goes through the change analysis and the risk grading with the thresholds of the observed intervals (docs/methods/simulation.md).",
            "每幅预测土地利用图与观测年份一样逐像元核算（相同系数与修正；无未来值的输入取最后观测年份），从最后观测年份到各预测年份的时段经过变化分析，并以观测时段的阈值进行风险分级（见模拟方法文档 simulation.md）。"),
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
        ["mcInterval"] = ("Monte Carlo interval (budget_uncertainty.csv)", "蒙特卡洛区间（budget_uncertainty.csv）"),
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
        ["mapCaption"] = ("{0} — {1}, {2}×{2} source pixels per map pixel", "{0} — {1}，每个地图像元对应 {2}×{2} 个源像元"),
        ["unitDensity"] = ("kernel density, POIs per km²", "核密度，POI 个/km²"),
        ["blockMean"] = (" (block mean)", "（块均值）"),
    };

    /// <summary>Every label key (for tests: each has both languages).</summary>
    public static IReadOnlyCollection<string> Keys => Text.Keys;

    /// <summary>The label for <paramref name="key"/> in <paramref name="lang"/> (the key itself when unknown).</summary>
    public static string Get(string key, ReportLanguage lang) =>
        Text.TryGetValue(key, out var t) ? (lang == ReportLanguage.Chinese ? t.Zh : t.En) : key;

    private static readonly Dictionary<string, string> JsonZh = new(StringComparer.Ordinal)
    {
        ["inputs"] = "输入文件", ["stages"] = "阶段", ["warnings"] = "警告", ["study"] = "研究配置", ["stageTimings"] = "阶段耗时",
        ["tiles"] = "分块", ["outputs"] = "输出文件",
    };

    /// <summary>A run.json property name as a heading: Chinese for the manifest's known lists, else the name.</summary>
    public static string JsonName(string name, ReportLanguage lang) =>
        lang == ReportLanguage.Chinese && JsonZh.TryGetValue(name, out var zh) ? zh : name;

    private static readonly Dictionary<string, (string En, string Zh)> Terms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["cultivated"] = ("cultivated", "耕地"), ["forest"] = ("forest", "林地"), ["grassland"] = ("grassland", "草地"),
        ["water"] = ("water", "水域"), ["construction"] = ("construction", "建设用地"), ["unused"] = ("unused", "未利用地"),
        ["industrial"] = ("industrial", "工业"), ["transport"] = ("transport", "交通"), ["residential"] = ("residential", "居住"),
        ["commercialservice"] = ("commercial-service", "商业服务"), ["commercial"] = ("commercial", "商业服务"),
        ["publicservice"] = ("public-service", "公共服务"), ["other"] = ("other", "其他"),
        ["errortheory"] = ("error-theory thresholds", "误差理论阈值法"), ["parameter"] = ("parameter-based thresholds", "参数法"),
        ["fluctuation"] = ("fluctuation thresholds", "波动法"),
        ["drivers"] = ("driver-based forecast", "驱动因子预测"), ["persistence"] = ("persistence forecast", "持续性预测"), ["trend"] = ("trend forecast", "趋势外推预测"),
        // The built-in scenario templates (a user's own scenario name is shown as written).
        ["natural"] = ("natural development", "自然发展情景"), ["lowcarbon"] = ("low-carbon", "低碳情景"),
        ["cultivatedprotection"] = ("cultivated-land protection", "耕地保护情景"), ["ecologicalprotection"] = ("ecological protection", "生态保护情景"),
    };

    /// <summary>
    /// A code name of the glossary (land class, POI function, risk method; case, '-' and '_' ignored) in
    /// <paramref name="lang"/>; the name itself when unknown.
    /// </summary>
    public static string Term(string name, ReportLanguage lang)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Terms.TryGetValue(key, out var t) ? (lang == ReportLanguage.Chinese ? t.Zh : t.En) : name;
    }

    /// <summary>
    /// The title of the map of raster <paramref name="name"/> (file name without extension): the title
    /// <see cref="OutputCatalog"/> declares for its family ("delta_cbi_2000_2024" → "Carbon budget change (ΔCBI)"),
    /// then its POI function, risk method, forecaster or scenario in <paramref name="lang"/> and its year or interval
    /// ("2000–2024"). Names the catalogue does not declare are shown with '_' as spaces.
    /// </summary>
    public static string MapTitle(string name, ReportLanguage lang)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (OutputCatalog.Match("rasters/" + name + ".tif") is not { } m) return name.Replace('_', ' ');
        bool zh = lang == ReportLanguage.Chinese;
        string title = m.File.Title(zh);
        var v = m.Values;
        string? word = v.GetValueOrDefault("function") ?? v.GetValueOrDefault("method") ?? v.GetValueOrDefault("forecast") ?? v.GetValueOrDefault("scenario");
        string? time = v.TryGetValue("interval", out var iv) ? iv.Replace('_', '–') : v.GetValueOrDefault("year");
        if (word is not null) title += (zh ? "：" : ": ") + Term(word, lang);
        return time is null ? title : $"{title} {time}";
    }

    private static readonly Dictionary<string, string> UnitZh = new(StringComparer.Ordinal)
    {
        ["t C/yr"] = "t C/年", ["t C over the interval"] = "t C（区间累计）", ["t C per pixel over the interval"] = "t C/像元（区间累计）", ["t C/ha/yr"] = "t C/ha/年", ["t CO2e/yr"] = "t CO2e/年", ["t CO2e/ha/yr"] = "t CO2e/ha/年",
        ["ratio (0–1)"] = "比值（0–1）", ["ratio"] = "比值", ["count"] = "个数", ["pixels"] = "像元数", ["year"] = "年份",
        ["quantile (0–1)"] = "分位点（0–1）", ["probability"] = "概率", ["t statistic"] = "t 统计量", ["z score"] = "z 得分",
        ["per SD of the regressor (t C/yr)"] = "每个自变量标准差（t C/年）", ["as estimate"] = "同估计值", ["rank"] = "排序",
        ["grade (1–4)"] = "等级（1–4）", ["risk level"] = "风险等级", ["true/false"] = "是/否", ["t C/yr per pixel"] = "t C/年/像元",
        ["index units"] = "指数单位", ["Moran's I"] = "莫兰指数 I", ["per km²"] = "个/km²",
        ["t C"] = "t C", ["t C per pixel"] = "t C/像元", ["t C/yr per fishnet cell"] = "t C/年/渔网单元", ["t C per fishnet cell"] = "t C/渔网单元",
        ["t C over the interval per fishnet cell"] = "t C/渔网单元（区间累计）", ["POIs per km²"] = "POI 个/km²", ["grade"] = "等级",
    };

    /// <summary>A unit of <see cref="Units.Of"/> in <paramref name="lang"/> (symbols such as km², % and — stay).</summary>
    public static string Unit(string unit, ReportLanguage lang) =>
        lang == ReportLanguage.Chinese && UnitZh.TryGetValue(unit, out var zh) ? zh : unit;

    /// <summary>Every unit with a Chinese form (for tests).</summary>
    public static IReadOnlyCollection<string> TranslatedUnits => UnitZh.Keys;

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
