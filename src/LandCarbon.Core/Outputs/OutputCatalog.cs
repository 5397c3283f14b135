namespace LandCarbon.Core.Outputs;

/// <summary>
/// Every file a run writes, declared once: name pattern, raster values or code table, table columns with units,
/// the report section and the title in English and Chinese. The stages take file names and headers from here, the
/// report and the web viewer find and label files through <see cref="Match"/>, and docs/outputs.md is generated from
/// <see cref="All"/> (a test fails when the page differs). To add an output: declare it here, write it with
/// <see cref="OutputFile.RelativePath"/>/<see cref="OutputFile.Header"/>, regenerate docs/outputs.md.
/// </summary>
public static class OutputCatalog
{
    private const string None = "—";
    private const string Km2 = "km²";
    private const string Ratio = "ratio (0–1)";
    private const string Pct = "%";
    private const string Count = "count";
    private const string Pixels = "pixels";
    private const string Year = "year";
    private const string Carbon = "{carbon}";

    private static OutputColumn C(string name, string unit) => new(name, unit);

    private static OutputColumn D(string name, string unit) => new(name, unit) { Delta = true };

    private static OutputFile Raster(string id, string pattern, string section, string en, string zh, string values, bool categorical = false) =>
        new(id, OutputKind.Raster, pattern, section, en, zh) { Values = values, Categorical = categorical };

    private static OutputFile Table(string id, string pattern, string section, string en, string zh, params OutputColumn[] columns) =>
        new(id, OutputKind.Table, pattern, section, en, zh) { Columns = columns };

    // ---- documents -------------------------------------------------------------------------------------------
    /// <summary>run.json: tool version, command, resolved study, SHA-256 of every input, seed, stage timings, warnings.</summary>
    public static readonly OutputFile RunJson = new("run_json", OutputKind.Document, "run.json", "manifest", "Run manifest", "运行清单")
    { WrittenWhen = "every run" };

    /// <summary>report.html: the self-contained report.</summary>
    public static readonly OutputFile Report = new("report_html", OutputKind.Document, "report.html", "", "Report", "报告")
    { WrittenWhen = "every run unless the study says report: false; `landcarbon report`" };

    // ---- accounting ------------------------------------------------------------------------------------------
    /// <summary>rasters/landuse_{year}.tif: the six land classes.</summary>
    public static readonly OutputFile LandUse = Raster("landuse", "rasters/landuse_{year}.tif", "landuse", "Land use", "土地利用",
        "class code: 1 cultivated, 2 forest, 3 grassland, 4 water, 5 construction, 6 unused", categorical: true) with { WrittenWhen = "accounting (six classes)" };

    /// <summary>rasters/lucode_{year}.tif: the raw land-use codes (stock mode without classes.map).</summary>
    public static readonly OutputFile LandUseCodes = Raster("lucode", "rasters/lucode_{year}.tif", "", "Land-use codes", "土地利用代码",
        "the pool table's lucode", categorical: true) with { WrittenWhen = "stock mode without classes.map" };

    /// <summary>rasters/cc_{year}.tif: the composite carbon coefficient.</summary>
    public static readonly OutputFile CompositeCoefficient = Raster("cc", "rasters/cc_{year}.tif", "", "Composite carbon coefficient", "综合碳系数",
        "t C/ha/yr") with { WrittenWhen = "flux mode with accounting.writeCoefficientRasters" };

    /// <summary>rasters/cbi_without_poi_{year}.tif: the CBI before POI weighting.</summary>
    public static readonly OutputFile CbiWithoutPoi = Raster("cbi_without_poi", "rasters/cbi_without_poi_{year}.tif", "budget", "Carbon budget index before POI weighting", "POI 加权前碳收支指数",
        "{carbonPixel}") with { WrittenWhen = "flux mode with POI weighting (last year, or every year the regression needs)" };

    /// <summary>rasters/cbi_{year}.tif: the carbon budget index.</summary>
    public static readonly OutputFile Cbi = Raster("cbi", "rasters/cbi_{year}.tif", "budget", "Carbon budget index (CBI)", "碳收支指数（CBI）",
        "{carbonPixel}; sources positive, sinks negative") with { WrittenWhen = "flux mode", OnlyEnds = true };

    /// <summary>rasters/stock_{year}.tif: the carbon stock.</summary>
    public static readonly OutputFile Stock = Raster("stock", "rasters/stock_{year}.tif", "budget", "Carbon stock", "碳储量",
        "{mass} per pixel") with { WrittenWhen = "stock mode", OnlyEnds = true };

    /// <summary>tables/budget_by_year.csv.</summary>
    public static readonly OutputFile BudgetByYear = Table("budget_by_year", "tables/budget_by_year.csv", "budget", "Carbon budget by year", "各年份碳收支",
        C("year", Year), C("sourceTonnesC", Carbon), C("sinkTonnesC", Carbon), C("netTonnesC", Carbon), C("balanceRatio", "ratio (source ÷ |sink|)")) with { WrittenWhen = "flux mode" };

    /// <summary>tables/class_budget_by_year.csv.</summary>
    public static readonly OutputFile ClassBudgetByYear = Table("class_budget_by_year", "tables/class_budget_by_year.csv", "budget", "Carbon budget by class and year", "各地类各年份碳收支",
        C("year", Year), C("class", None), C("areaKm2", Km2), C("tonnesC", Carbon)) with { WrittenWhen = "flux mode" };

    /// <summary>tables/stock_by_year.csv.</summary>
    public static readonly OutputFile StockByYear = Table("stock_by_year", "tables/stock_by_year.csv", "budget", "Carbon stock by year and pool", "各年份各碳库碳储量",
        C("year", Year), C("totalTonnesC", Carbon), C("aboveTonnesC", Carbon), C("belowTonnesC", Carbon), C("soilTonnesC", Carbon), C("deadTonnesC", Carbon)) with { WrittenWhen = "stock mode" };

    /// <summary>tables/stock_by_class_year.csv.</summary>
    public static readonly OutputFile StockByClassYear = Table("stock_by_class_year", "tables/stock_by_class_year.csv", "budget", "Carbon stock by land-use code and year", "各土地利用代码各年份碳储量",
        C("year", Year), C("lucode", None), C("name", None), C("class", None), C("pixels", Pixels), C("areaHa", "ha"), C("totalTonnesC", Carbon)) with { WrittenWhen = "stock mode" };

    /// <summary>tables/stock_change.csv.</summary>
    public static readonly OutputFile StockChange = Table("stock_change", "tables/stock_change.csv", "budget", "Carbon stock change", "碳储量变化",
        C("fromYear", Year), C("toYear", Year), C("changeTonnesC", Carbon)) with { WrittenWhen = "stock mode" };

    /// <summary>tables/construction_coefficient.csv.</summary>
    public static readonly OutputFile ConstructionCoefficient = Table("construction_coefficient", "tables/construction_coefficient.csv", "", "Construction-land coefficient by unit and year", "各单元各年份建设用地碳排放系数",
        C("unit", None), C("year", Year), C("emissionTonnesC", "{mass}/yr"), C("constructionAreaHa", "ha"), C("coefficientTonnesCPerHa", "{mass}/ha/yr"), C("provenance", None)) with { WrittenWhen = "flux mode with energy statistics" };

    /// <summary>tables/poi_factor.csv.</summary>
    public static readonly OutputFile PoiFactor = Table("poi_factor", "tables/poi_factor.csv", "", "POI weighting of construction land", "建设用地 POI 加权",
        C("year", Year), C("unit", None), C("mode", None), C("constructionPixels", Pixels), C("pixelsWithoutPoi", Pixels), C("minPoiFactor", "factor"),
        C("sectorTotal_{function}", "share of the sector totals (%)")) with { WrittenWhen = "flux mode with POI weighting" };

    /// <summary>tables/budget_uncertainty.csv.</summary>
    public static readonly OutputFile BudgetUncertainty = Table("budget_uncertainty", "tables/budget_uncertainty.csv", "budget", "Monte Carlo interval of the totals", "总量的蒙特卡洛区间",
        C("quantity", None), C("period", None), C("unit", None), C("point", "as unit"), C("lower", "as unit"), C("upper", "as unit"), C("mean", "as unit"), C("sd", "as unit"),
        C("draws", Count), C("seed", None)) with { WrittenWhen = "when a table gives an uncertainty" };

    // ---- change ----------------------------------------------------------------------------------------------
    /// <summary>rasters/delta_cbi_{interval}.tif.</summary>
    public static readonly OutputFile DeltaCbi = Raster("delta_cbi", "rasters/delta_cbi_{interval}.tif", "change", "Carbon budget change (ΔCBI)", "碳收支变化（ΔCBI）",
        "{carbonPixel}") with { WrittenWhen = "change" };

    /// <summary>rasters/space_grade_{interval}.tif.</summary>
    public static readonly OutputFile SpaceGrade = Raster("space_grade", "rasters/space_grade_{interval}.tif", "spaces", "Carbon-increment and carbon-reduction spaces by grade", "增碳空间与减碳空间等级",
        "+k increment grade k, −k reduction grade k, 0 stable (grades in tables/space_grades_{interval}.csv)", categorical: true) with { WrittenWhen = "change" };

    /// <summary>rasters/space_grade_{interval}.qml: the QGIS style of the grade raster.</summary>
    public static readonly OutputFile SpaceGradeStyle = new("space_grade_qml", OutputKind.Sidecar, "rasters/space_grade_{interval}.qml", "", "QGIS style of the space grades", "空间等级 QGIS 样式")
    { WrittenWhen = "change", Values = "QGIS paletted renderer (for QGIS only; the report reads the grades from the table)" };

    /// <summary>rasters/mechanism_{interval}.tif.</summary>
    public static readonly OutputFile Mechanism = Raster("mechanism", "rasters/mechanism_{interval}.tif", "mechanisms", "Mechanism of change", "变化机制",
        "0 no change, 1 source intensification, 2 sink decline, 3 sink → source shift, 4 source weakening, 5 sink enhancement, 6 source → sink shift; 255 nodata", categorical: true) with { WrittenWhen = "change" };

    /// <summary>tables/transitions_{interval}.csv.</summary>
    public static readonly OutputFile Transitions = Table("transitions", "tables/transitions_{interval}.csv", "transitions", "Land-use transitions", "土地利用转移",
        C("from", None), C("to", None), C("pixels", Pixels), C("areaKm2", Km2), D("deltaTonnesC", Carbon), C("fromName", None), C("toName", None)) with { WrittenWhen = "change" };

    /// <summary>tables/transitions_summary_{interval}.csv.</summary>
    public static readonly OutputFile TransitionsSummary = Table("transitions_summary", "tables/transitions_summary_{interval}.csv", "transitions", "Gains and losses by class", "各地类转入转出",
        C("class", None), C("name", None), C("yearPixelsFrom", Pixels), C("yearPixelsTo", Pixels), C("areaFromKm2", Km2), C("areaToKm2", Km2), C("persistenceKm2", Km2),
        C("gainKm2", Km2), C("lossKm2", Km2), C("netChangeKm2", Km2), C("swapKm2", Km2), D("gainDeltaTonnesC", Carbon), D("lossDeltaTonnesC", Carbon)) with { WrittenWhen = "change" };

    /// <summary>tables/space_grades_{interval}.csv.</summary>
    public static readonly OutputFile SpaceGrades = Table("space_grades", "tables/space_grades_{interval}.csv", "spaces", "Space grades", "空间等级",
        C("space", None), C("grade", "grade"), D("lowerBound", "{carbonPixel}"), D("upperBound", "{carbonPixel}"), C("pixels", Pixels), C("areaKm2", Km2), D("deltaTonnesC", Carbon),
        C("gradeName", None), C("method", None), C("threshold", "{carbonPixel}")) with { WrittenWhen = "change" };

    /// <summary>tables/contributions_{interval}.csv.</summary>
    public static readonly OutputFile Contributions = Table("contributions", "tables/contributions_{interval}.csv", "spaces", "Transition contributions by space and grade", "各空间等级的转移贡献",
        C("space", None), C("grade", None), C("from", None), C("to", None), C("pixels", Pixels), D("deltaTonnesC", Carbon), C("sharePercent", Pct), C("fromName", None), C("toName", None)) with { WrittenWhen = "change" };

    /// <summary>tables/mechanisms_{interval}.csv.</summary>
    public static readonly OutputFile Mechanisms = Table("mechanisms", "tables/mechanisms_{interval}.csv", "mechanisms", "Mechanisms of change", "变化机制",
        C("code", None), C("mechanism", None), C("pixels", Pixels), C("areaKm2", Km2), D("deltaTonnesC", Carbon), C("sharePercent", Pct)) with { WrittenWhen = "change" };

    /// <summary>tables/offset_ratio.csv.</summary>
    public static readonly OutputFile OffsetRatio = Table("offset_ratio", "tables/offset_ratio.csv", "offset", "Offset ratio by period", "各时段抵消系数",
        C("interval", None), D("incrementTonnesC", Carbon), D("reductionTonnesC", Carbon), D("netTonnesC", Carbon), C("offsetRatio", "ratio (|reduction| ÷ increment)"), C("offsetPercent", Pct)) with { WrittenWhen = "change" };

    /// <summary>tables/budget_change.csv.</summary>
    public static readonly OutputFile BudgetChange = Table("budget_change", "tables/budget_change.csv", "change", "Budget change and ΔCBI", "碳收支变化与 ΔCBI",
        C("interval", None), C("fromYear", Year), C("toYear", Year), C("years", "years"), C("scope", None), C("budgetFromTonnesC", Carbon), C("budgetToTonnesC", Carbon),
        C("budgetDifferenceTonnesC", Carbon), C("deltaCbiSumTonnesC", Carbon), C("unchangedClassTonnesC", Carbon), C("outsideScopeTonnesC", Carbon), C("noDataPartTonnesC", Carbon)) with { WrittenWhen = "change" };

    /// <summary>tables/checks.csv.</summary>
    public static readonly OutputFile Checks = Table("checks", "tables/checks.csv", "checks", "Checks", "校验",
        C("interval", None), C("check", None), C("expected", Carbon), C("actual", Carbon), C("difference", Carbon), C("tolerance", Carbon), C("passed", "true/false")) with { WrittenWhen = "change" };

    // ---- POI ------------------------------------------------------------------------------------------------
    /// <summary>rasters/poi_density_{function}.tif.</summary>
    public static readonly OutputFile PoiDensity = Raster("poi_density", "rasters/poi_density_{function}.tif", "poi", "POI kernel density", "POI 核密度",
        "POIs per km²") with { WrittenWhen = "poi" };

    /// <summary>rasters/poi_factor.tif (`landcarbon poi density --factor`).</summary>
    public static readonly OutputFile PoiFactorRaster = Raster("poi_factor_raster", "rasters/poi_factor.tif", "", "POI factor", "POI 因子", "factor (dimensionless)") with { WrittenWhen = "`landcarbon poi density` with a factor" };

    /// <summary>tables/poi_summary.csv.</summary>
    public static readonly OutputFile PoiSummary = Table("poi_summary", "tables/poi_summary.csv", "poi", "POIs by function", "各功能 POI",
        C("function", None), C("points", Count), C("droppedUnparseable", Count), C("droppedEmptyCoordinates", Count), C("droppedOutsideGrid", Count), C("kernel", None),
        C("radiusM", "m"), C("peakDensityPerKm2", "per km²")) with { WrittenWhen = "poi" };

    /// <summary>tables/poi_unmapped.csv.</summary>
    public static readonly OutputFile PoiUnmapped = Table("poi_unmapped", "tables/poi_unmapped.csv", "poi", "POI categories without a function", "未映射的 POI 类别",
        C("category", None), C("count", Count)) with { WrittenWhen = "poi" };

    // ---- regression ------------------------------------------------------------------------------------------
    /// <summary>tables/quantile_regression.csv.</summary>
    public static readonly OutputFile QuantileRegression = Table("quantile_regression", "tables/quantile_regression.csv", "regression", "Quantile regression coefficients", "分位数回归系数",
        C("tau", "quantile (0–1)"), C("term", None), C("estimate", "per SD of the regressor ({carbon})"), C("stdError", "as estimate"), C("tValue", "t statistic"), C("pValue", "probability"),
        C("ciLower", "as estimate"), C("ciUpper", "as estimate"), C("response", None)) with { WrittenWhen = "regression" };

    /// <summary>tables/quantile_regression_tests.csv.</summary>
    public static readonly OutputFile QuantileRegressionTests = Table("quantile_regression_tests", "tables/quantile_regression_tests.csv", "regression", "Quantile regression tests", "分位数回归检验",
        C("kind", None), C("tau", "quantile (0–1)"), C("term", None), C("estimate", "as the coefficient"), C("stdError", "as estimate"), C("tValue", "t statistic"), C("pValue", "probability"),
        C("ciLower", "as estimate"), C("ciUpper", "as estimate"), C("statistic", "test statistic"), C("df1", "degrees of freedom"), C("df2", "degrees of freedom")) with { WrittenWhen = "regression" };

    // ---- spatial ---------------------------------------------------------------------------------------------
    /// <summary>rasters/fishnet_dcbi_{interval}.tif.</summary>
    public static readonly OutputFile FishnetDeltaCbi = Raster("fishnet_dcbi", "rasters/fishnet_dcbi_{interval}.tif", "spatial", "ΔCBI per fishnet cell", "渔网单元 ΔCBI",
        "{carbon} per fishnet cell") with { WrittenWhen = "spatial" };

    /// <summary>rasters/lisa_cluster_{interval}.tif.</summary>
    public static readonly OutputFile LisaCluster = Raster("lisa_cluster", "rasters/lisa_cluster_{interval}.tif", "spatial", "LISA clusters", "LISA 聚类",
        "0 not significant, 1 HH, 2 LL, 3 LH, 4 HL, 5 no neighbour", categorical: true) with { WrittenWhen = "spatial" };

    /// <summary>rasters/gistar_bin_{interval}.tif.</summary>
    public static readonly OutputFile GiStarBin = Raster("gistar_bin", "rasters/gistar_bin_{interval}.tif", "spatial", "Gi* hot and cold spots", "Gi* 热点与冷点",
        "Gi_Bin + 3: 0 cold 99 %, 1 cold 95 %, 2 cold 90 %, 3 not significant, 4 hot 90 %, 5 hot 95 %, 6 hot 99 %; 255 nodata", categorical: true) with { WrittenWhen = "spatial" };

    /// <summary>rasters/bilisa_cluster_{function}_{interval}.tif.</summary>
    public static readonly OutputFile BivariateLisaCluster = Raster("bilisa_cluster", "rasters/bilisa_cluster_{function}_{interval}.tif", "spatial", "Bivariate LISA, POI density vs ΔCBI", "双变量 LISA：POI 密度与邻域 ΔCBI",
        "0 not significant, 1 HH, 2 LL, 3 LH, 4 HL, 5 no neighbour", categorical: true) with { WrittenWhen = "spatial with poi" };

    /// <summary>tables/spatial_moran.csv.</summary>
    public static readonly OutputFile SpatialMoran = Table("spatial_moran", "tables/spatial_moran.csv", "spatial", "Global Moran's I of ΔCBI", "ΔCBI 全局莫兰指数",
        C("interval", None), C("fromYear", Year), C("toYear", Year), C("fishnetM", "m"), C("n", Count), C("I", "Moran's I"), C("expectedI", "Moran's I"),
        C("varianceNormal", "variance of I"), C("varianceRandomization", "variance of I"), C("zNormal", "z score"), C("zRandomization", "z score"),
        C("pNormal", "probability"), C("pRandomization", "probability"), C("permutations", Count), C("pPermutation", "probability")) with { WrittenWhen = "spatial" };

    /// <summary>tables/spatial_clusters.csv.</summary>
    public static readonly OutputFile SpatialClusters = Table("spatial_clusters", "tables/spatial_clusters.csv", "spatial", "LISA and Gi* cells by class", "LISA 与 Gi* 各类单元数",
        C("interval", None), C("statistic", None), C("class", None), C("cells", Count)) with { WrittenWhen = "spatial" };

    /// <summary>tables/spatial_ellipse.csv.</summary>
    public static readonly OutputFile SpatialEllipse = Table("spatial_ellipse", "tables/spatial_ellipse.csv", "spatial", "Standard deviational ellipse of |ΔCBI|", "|ΔCBI| 标准差椭圆",
        C("interval", None), C("centreX", "m (grid CRS)"), C("centreY", "m (grid CRS)"), C("sigmaXM", "m"), C("sigmaYM", "m"), C("rotationDeg", "°"), C("areaKm2", Km2), C("totalAbsDcbi", Carbon)) with { WrittenWhen = "spatial" };

    /// <summary>tables/spatial_centre_migration.csv.</summary>
    public static readonly OutputFile SpatialCentreMigration = Table("spatial_centre_migration", "tables/spatial_centre_migration.csv", "spatial", "Migration of the |ΔCBI| centre", "|ΔCBI| 重心迁移",
        C("fromYear", Year), C("toYear", Year), C("dxM", "m"), C("dyM", "m"), C("distanceM", "m"), C("bearingDeg", "°"), C("mPerYear", "m/yr")) with { WrittenWhen = "spatial" };

    /// <summary>tables/spatial_bivariate.csv.</summary>
    public static readonly OutputFile SpatialBivariate = Table("spatial_bivariate", "tables/spatial_bivariate.csv", "spatial", "Bivariate Moran's I, POI density vs ΔCBI", "双变量莫兰指数：POI 密度与 ΔCBI",
        C("interval", None), C("function", None), C("fishnetM", "m"), C("n", Count), C("I", "Moran's I"), C("permutations", Count), C("pPermutation", "probability"),
        C("HH", Count), C("LL", Count), C("LH", Count), C("HL", Count), C("NS", Count)) with { WrittenWhen = "spatial with poi" };

    // ---- risk ------------------------------------------------------------------------------------------------
    /// <summary>rasters/risk_forecast_{forecast}_{interval}.tif.</summary>
    public static readonly OutputFile RiskForecastRaster = Raster("risk_forecast_level", "rasters/risk_forecast_{forecast}_{interval}.tif", "risk", "Carbon risk level, forecast", "碳风险等级（预测）",
        "risk level 1…L of the forecast's method (tables/risk_thresholds.csv)", categorical: true) with { WrittenWhen = "risk" };

    /// <summary>rasters/risk_{method}.tif.</summary>
    public static readonly OutputFile RiskRaster = Raster("risk", "rasters/risk_{method}.tif", "risk", "Carbon risk level", "碳风险等级",
        "risk level 1…L (labels in tables/risk_thresholds.csv)", categorical: true) with { WrittenWhen = "risk" };

    /// <summary>tables/risk_thresholds.csv.</summary>
    public static readonly OutputFile RiskThresholds = Table("risk_thresholds", "tables/risk_thresholds.csv", "risk", "Risk thresholds", "风险阈值",
        C("method", None), C("level", "risk level"), C("label", None), C("lowerBound", "index units"), C("upperBound", "index units"), C("lowerBoundTransformed", "transformed index"),
        C("upperBoundTransformed", "transformed index"), C("transform", None), C("units", Count), C("share", Ratio), C("rule", None)) with { WrittenWhen = "risk" };

    /// <summary>tables/risk_accuracy.csv.</summary>
    public static readonly OutputFile RiskAccuracy = Table("risk_accuracy", "tables/risk_accuracy.csv", "risk", "Identification accuracy", "识别精度",
        C("method", None), C("forecast", None), C("n", Count), C("overallAccuracy", Ratio), C("kappa", "ratio"), C("weightedKappa", "ratio"), C("hitRate", Ratio),
        C("falseAlarmRate", Ratio), C("intervals", None)) with { WrittenWhen = "risk with a validation sample or a hindcast" };

    /// <summary>tables/risk_comparison.csv.</summary>
    public static readonly OutputFile RiskComparison = Table("risk_comparison", "tables/risk_comparison.csv", "risk", "Comparison of the threshold methods", "阈值方法比较",
        C("rank", "rank"), C("method", None), C("overallAccuracy", Ratio), C("kappa", "ratio"), C("weightedKappa", "ratio"), C("hitRate", Ratio), C("falseAlarmRate", Ratio),
        C("n", Count), C("highRiskShare", Ratio), C("validation", None), C("notes", None)) with { WrittenWhen = "risk" };

    /// <summary>tables/risk_confusion_{method}.csv.</summary>
    public static readonly OutputFile RiskConfusion = Table("risk_confusion", "tables/risk_confusion_{method}.csv", "risk", "Confusion matrix", "混淆矩阵",
        C("predicted", "risk level"), C("label", None), C("observed_{level}", Count), C("total", Count), C("usersAccuracy", Ratio)) with { WrittenWhen = "risk with a validation sample" };

    /// <summary>tables/risk_hindcast.csv.</summary>
    public static readonly OutputFile RiskHindcast = Table("risk_hindcast", "tables/risk_hindcast.csv", "risk", "Hindcast accuracy by interval", "各时段回测精度",
        C("method", None), C("forecast", None), C("interval", None), C("n", Count), C("overallAccuracy", Ratio), C("kappa", "ratio"), C("weightedKappa", "ratio"),
        C("hitRate", Ratio), C("falseAlarmRate", Ratio)) with { WrittenWhen = "risk with three or more intervals" };

    /// <summary>tables/risk_hindcast_confusion.csv.</summary>
    public static readonly OutputFile RiskHindcastConfusion = Table("risk_hindcast_confusion", "tables/risk_hindcast_confusion.csv", "risk", "Hindcast confusion matrices", "回测混淆矩阵",
        C("method", None), C("forecast", None), C("interval", None), C("predicted", "risk level"), C("label", None), C("observed_{level}", Count), C("total", Count),
        C("usersAccuracy", Ratio), C("producersAccuracy", Ratio)) with { WrittenWhen = "risk with three or more intervals" };

    /// <summary>tables/risk_hindcast_models.csv.</summary>
    public static readonly OutputFile RiskHindcastModels = Table("risk_hindcast_models", "tables/risk_hindcast_models.csv", "risk", "Hindcast reference and forecasters", "回测参照与预测模型",
        C("interval", None), C("units", Count), C("referenceBreak1", "index units"), C("referenceBreak2", "index units"), C("referenceBreak3", "index units"),
        C("reference", None), C("forecast", None), C("model", None)) with { WrittenWhen = "risk with three or more intervals" };

    /// <summary>tables/risk_forecast.csv.</summary>
    public static readonly OutputFile RiskForecast = Table("risk_forecast", "tables/risk_forecast.csv", "risk", "Risk outlook", "风险展望",
        C("forecast", None), C("method", None), C("interval", None), C("share_{level}", Ratio), C("units", Count), C("model", None)) with { WrittenWhen = "risk" };

    // ---- zonal -----------------------------------------------------------------------------------------------
    /// <summary>tables/zonal_summary.csv (and zonal_summary_{interval}.csv of the outlook).</summary>
    public static readonly OutputFile ZonalSummary = Table("zonal_summary", "tables/zonal_summary.csv", "zonal", "Zonal summary", "分区汇总",
        ZonalColumns()) with { WrittenWhen = "risk with zones" };

    /// <summary>tables/zonal_summary_{interval}.csv: the zonal summary of the forecast interval.</summary>
    public static readonly OutputFile ZonalSummaryForecast = ZonalSummary with
    { Id = "zonal_summary_forecast", Pattern = "tables/zonal_summary_{interval}.csv", TitleEn = "Zonal summary, forecast interval", TitleZh = "分区汇总（预测时段）" };

    /// <summary>tables/key_monitoring_areas.csv.</summary>
    public static readonly OutputFile KeyMonitoringAreas = Table("key_monitoring_areas", "tables/key_monitoring_areas.csv", "zonal", "Key monitoring areas", "重点监测区",
        C("order", "rank"), C("zoneId", None), C("name", None), C("netDeltaTonnesC", Carbon), C("incrementAreaKm2", Km2), C("highRiskShare", Ratio),
        C("rankNetDelta", "rank"), C("rankHighRisk", "rank"), C("reason", None)) with { WrittenWhen = "risk with zones" };

    /// <summary>tables/key_monitoring_areas_{interval}.csv.</summary>
    public static readonly OutputFile KeyMonitoringAreasForecast = KeyMonitoringAreas with
    { Id = "key_monitoring_areas_forecast", Pattern = "tables/key_monitoring_areas_{interval}.csv", TitleEn = "Key monitoring areas, forecast interval", TitleZh = "重点监测区（预测时段）" };

    private static OutputColumn[] ZonalColumns() =>
    [
        C("zoneId", None), C("name", None), C("pixels", Pixels), C("areaKm2", Km2), C("validPixels", Pixels), C("netDeltaTonnesC", Carbon),
        C("incrementTonnesC", Carbon), C("reductionTonnesC", Carbon), C("incrementAreaKm2", Km2), C("reductionAreaKm2", Km2), C("stableAreaKm2", Km2),
        C("shareLevel{level}", Ratio), C("highRiskShare", Ratio), C("rankNetDelta", "rank"), C("rankHighRisk", "rank"), C("riskMethod", None), C("keyMonitoringArea", "true/false"),
    ];

    // ---- simulation ------------------------------------------------------------------------------------------
    /// <summary>rasters/landuse_hindcast_{year}.tif.</summary>
    public static readonly OutputFile LandUseHindcast = Raster("landuse_hindcast", "rasters/landuse_hindcast_{year}.tif", "scenarios", "Simulated land use, hindcast", "模拟土地利用（回测）",
        "class code as rasters/landuse_{year}.tif", categorical: true) with { WrittenWhen = "simulation" };

    /// <summary>rasters/landuse_{scenario}_{year}.tif.</summary>
    public static readonly OutputFile LandUseScenario = Raster("landuse_scenario", "rasters/landuse_{scenario}_{year}.tif", "scenarios", "Simulated land use", "模拟土地利用",
        "class code as rasters/landuse_{year}.tif", categorical: true) with { WrittenWhen = "simulation" };

    /// <summary>tables/simulation_drivers.csv.</summary>
    public static readonly OutputFile SimulationDrivers = Table("simulation_drivers", "tables/simulation_drivers.csv", "scenarios", "Driver importance", "驱动因子重要性",
        C("purpose", None), C("calibrateFrom", Year), C("calibrateTo", Year), C("class", None), C("driver", None), C("importance", "share of the impurity decrease"),
        C("expansionPixels", Pixels), C("positiveSamples", Count), C("negativeSamples", Count)) with { WrittenWhen = "simulation" };

    /// <summary>tables/simulation_demand.csv.</summary>
    public static readonly OutputFile SimulationDemand = Table("simulation_demand", "tables/simulation_demand.csv", "scenarios", "Land demand by scenario", "各情景用地需求",
        C("scenario", None), C("year", Year), C("class", None), C("pixels", Pixels), C("areaKm2", Km2)) with { WrittenWhen = "simulation" };

    /// <summary>tables/scenario_budget.csv.</summary>
    public static readonly OutputFile ScenarioBudget = Table("scenario_budget", "tables/scenario_budget.csv", "scenarios", "Carbon budget by scenario", "各情景碳收支",
        C("scenario", None), C("year", Year), C("sourceTonnesC", Carbon), C("sinkTonnesC", Carbon), C("netTonnesC", Carbon)) with { WrittenWhen = "simulation" };

    /// <summary>tables/scenario_value.csv.</summary>
    public static readonly OutputFile ScenarioValue = Table("scenario_value", "tables/scenario_value.csv", "scenarios", "Value of the stock change by scenario", "各情景碳储量变化价值",
        C("scenario", None), C("baseYear", Year), C("year", Year), C("stockChangeTonnesC", "{mass}"), C("valuationConstant", "currency per t C"), C("netPresentValue", "currency")) with { WrittenWhen = "simulation in stock mode with valuation" };

    /// <summary>tables/simulation_accuracy.csv.</summary>
    public static readonly OutputFile SimulationAccuracy = Table("simulation_accuracy", "tables/simulation_accuracy.csv", "scenarios", "Simulation accuracy", "模拟精度",
        SimulationAccuracyColumns(false)) with { WrittenWhen = "simulation with a hindcast" };

    /// <summary>tables/simulation_accuracy_by_class.csv.</summary>
    public static readonly OutputFile SimulationAccuracyByClass = Table("simulation_accuracy_by_class", "tables/simulation_accuracy_by_class.csv", "scenarios", "Simulation accuracy by class", "各地类模拟精度",
        SimulationAccuracyColumns(true)) with { WrittenWhen = "simulation with a hindcast" };

    private static OutputColumn[] SimulationAccuracyColumns(bool byClass) =>
    [
        C("model", None), .. byClass ? [C("class", None)] : Array.Empty<OutputColumn>(), C("calibrateFrom", Year), C("calibrateTo", Year), C("validateYear", Year),
        C("fom", "figure of merit (0–1)"), C("producersAccuracy", Ratio), C("usersAccuracy", Ratio), C("overallAccuracy", Ratio), C("kappa", "ratio"), C("kappaSimulation", "ratio"),
    ];

    // ---- scenario chain (projected years through accounting, change and risk) ---------------------------------
    private static OutputFile OfScenario(OutputFile observed, string id, string pattern, string en, string zh) =>
        observed with { Id = id, Pattern = pattern, Section = "scenarios", TitleEn = en, TitleZh = zh, OnlyEnds = false, WrittenWhen = "simulation in flux mode" };

    /// <summary>rasters/cbi_{scenario}_{year}.tif: the CBI of a projected map.</summary>
    public static readonly OutputFile ScenarioCbi = OfScenario(Cbi, "cbi_scenario", "rasters/cbi_{scenario}_{year}.tif", "Carbon budget index, scenario", "情景碳收支指数");

    /// <summary>rasters/delta_cbi_{scenario}_{interval}.tif: ΔCBI of a projected interval (last observed year → scenario year).</summary>
    public static readonly OutputFile ScenarioDeltaCbi = OfScenario(DeltaCbi, "delta_cbi_scenario", "rasters/delta_cbi_{scenario}_{interval}.tif", "Carbon budget change (ΔCBI), scenario", "情景碳收支变化（ΔCBI）");

    /// <summary>rasters/space_grade_{scenario}_{interval}.tif.</summary>
    public static readonly OutputFile ScenarioSpaceGrade = OfScenario(SpaceGrade, "space_grade_scenario", "rasters/space_grade_{scenario}_{interval}.tif", "Spaces by grade, scenario", "情景增碳与减碳空间等级");

    /// <summary>rasters/space_grade_{scenario}_{interval}.qml.</summary>
    public static readonly OutputFile ScenarioSpaceGradeStyle = SpaceGradeStyle with { Id = "space_grade_scenario_qml", Pattern = "rasters/space_grade_{scenario}_{interval}.qml", WrittenWhen = "simulation in flux mode" };

    /// <summary>rasters/mechanism_{scenario}_{interval}.tif.</summary>
    public static readonly OutputFile ScenarioMechanism = OfScenario(Mechanism, "mechanism_scenario", "rasters/mechanism_{scenario}_{interval}.tif", "Mechanism of change, scenario", "情景变化机制");

    /// <summary>tables/transitions_{scenario}_{interval}.csv.</summary>
    public static readonly OutputFile ScenarioTransitions = OfScenario(Transitions, "transitions_scenario", "tables/transitions_{scenario}_{interval}.csv", "Land-use transitions, scenario", "情景土地利用转移");

    /// <summary>tables/transitions_summary_{scenario}_{interval}.csv.</summary>
    public static readonly OutputFile ScenarioTransitionsSummary = OfScenario(TransitionsSummary, "transitions_summary_scenario", "tables/transitions_summary_{scenario}_{interval}.csv", "Gains and losses by class, scenario", "情景各地类转入转出");

    /// <summary>tables/space_grades_{scenario}_{interval}.csv.</summary>
    public static readonly OutputFile ScenarioSpaceGrades = OfScenario(SpaceGrades, "space_grades_scenario", "tables/space_grades_{scenario}_{interval}.csv", "Space grades, scenario", "情景空间等级");

    /// <summary>tables/contributions_{scenario}_{interval}.csv.</summary>
    public static readonly OutputFile ScenarioContributions = OfScenario(Contributions, "contributions_scenario", "tables/contributions_{scenario}_{interval}.csv", "Transition contributions, scenario", "情景转移贡献");

    /// <summary>tables/mechanisms_{scenario}_{interval}.csv.</summary>
    public static readonly OutputFile ScenarioMechanisms = OfScenario(Mechanisms, "mechanisms_scenario", "tables/mechanisms_{scenario}_{interval}.csv", "Mechanisms of change, scenario", "情景变化机制");

    /// <summary>rasters/risk_{scenario}_{interval}.tif: future risk levels of a projected interval.</summary>
    public static readonly OutputFile ScenarioRiskRaster = OfScenario(RiskRaster, "risk_scenario", "rasters/risk_{scenario}_{interval}.tif", "Carbon risk level, scenario", "情景碳风险等级");

    /// <summary>tables/zonal_summary_{scenario}_{interval}.csv.</summary>
    public static readonly OutputFile ScenarioZonalSummary = OfScenario(ZonalSummary, "zonal_summary_scenario", "tables/zonal_summary_{scenario}_{interval}.csv", "Zonal summary, scenario", "情景分区汇总")
        with { WrittenWhen = "simulation in flux mode with risk zones" };

    /// <summary>tables/key_monitoring_areas_{scenario}_{interval}.csv.</summary>
    public static readonly OutputFile ScenarioKeyMonitoringAreas = OfScenario(KeyMonitoringAreas, "key_monitoring_areas_scenario", "tables/key_monitoring_areas_{scenario}_{interval}.csv", "Key monitoring areas, scenario", "情景重点监测区")
        with { WrittenWhen = "simulation in flux mode with risk zones" };

    /// <summary>tables/scenario_risk.csv.</summary>
    public static readonly OutputFile ScenarioRisk = Table("scenario_risk", "tables/scenario_risk.csv", "scenarios", "Future risk levels by scenario", "各情景未来风险等级",
        C("scenario", None), C("fromYear", Year), C("toYear", Year), C("method", None), C("share_{level}", Ratio), C("units", Count)) with { WrittenWhen = "simulation in flux mode with risk on fishnet cells" };

    /// <summary>tables/scenario_difference.csv.</summary>
    public static readonly OutputFile ScenarioDifference = Table("scenario_difference", "tables/scenario_difference.csv", "scenarios", "Scenario minus natural development", "情景与自然发展之差",
        C("scenario", None), C("reference", None), C("year", Year), C("netTonnesC", Carbon), C("referenceNetTonnesC", Carbon), C("differenceTonnesC", Carbon),
        D("deltaCbiSumTonnesC", Carbon), D("referenceDeltaCbiSumTonnesC", Carbon)) with { WrittenWhen = "simulation in flux mode with natural and another scenario" };

    /// <summary>rasters/npv_{scenario}_{year}.tif.</summary>
    public static readonly OutputFile ScenarioNpv = Raster("npv_scenario", "rasters/npv_{scenario}_{year}.tif", "scenarios", "Net present value of the stock change", "碳储量变化净现值",
        "currency per pixel") with { WrittenWhen = "simulation in stock mode with valuation" };

    // ---- figures ---------------------------------------------------------------------------------------------
    /// <summary>figures/map_{name}.png: the report's map of rasters/{name}.tif.</summary>
    public static readonly OutputFile MapFigure = new("map_figure", OutputKind.Figure, "figures/map_{raster}.png", "", "Map of a raster", "栅格地图")
    { WrittenWhen = "report (one per mapped raster; {raster} is the raster's file name)" };

    /// <summary>figures/{table}.png: the report's chart of tables/{table}.csv.</summary>
    public static readonly OutputFile ChartFigure = new("chart_figure", OutputKind.Figure, "figures/{table}.png", "", "Chart of a table", "表格图")
    { WrittenWhen = "report (budget_by_year, offset_ratio, quantile_regression, risk_accuracy, transitions_{interval})" };

    /// <summary>Every declared output, most specific pattern first within a family (so <see cref="Match"/> picks
    /// landuse_hindcast_2020 before landuse_{scenario}_{year}).</summary>
    public static IReadOnlyList<OutputFile> All { get; } =
    [
        RunJson, Report,
        LandUse, LandUseHindcast, LandUseScenario, LandUseCodes, CompositeCoefficient, CbiWithoutPoi, Cbi, Stock,
        BudgetByYear, ClassBudgetByYear, StockByYear, StockByClassYear, StockChange, ConstructionCoefficient, PoiFactor, BudgetUncertainty,
        DeltaCbi, SpaceGrade, SpaceGradeStyle, Mechanism,
        Transitions, TransitionsSummary, SpaceGrades, Contributions, Mechanisms, OffsetRatio, BudgetChange, Checks,
        PoiDensity, PoiFactorRaster, PoiSummary, PoiUnmapped,
        QuantileRegression, QuantileRegressionTests,
        FishnetDeltaCbi, LisaCluster, GiStarBin, BivariateLisaCluster,
        SpatialMoran, SpatialClusters, SpatialEllipse, SpatialCentreMigration, SpatialBivariate,
        RiskForecastRaster, RiskRaster,
        RiskThresholds, RiskAccuracy, RiskComparison, RiskConfusion, RiskHindcast, RiskHindcastConfusion, RiskHindcastModels, RiskForecast,
        ZonalSummary, ZonalSummaryForecast, KeyMonitoringAreas, KeyMonitoringAreasForecast,
        SimulationDrivers, SimulationDemand, ScenarioBudget, ScenarioValue, SimulationAccuracy, SimulationAccuracyByClass,
        ScenarioCbi, ScenarioDeltaCbi, ScenarioSpaceGrade, ScenarioSpaceGradeStyle, ScenarioMechanism, ScenarioTransitions, ScenarioTransitionsSummary,
        ScenarioSpaceGrades, ScenarioContributions, ScenarioMechanisms, ScenarioRiskRaster, ScenarioZonalSummary, ScenarioKeyMonitoringAreas,
        ScenarioRisk, ScenarioDifference, ScenarioNpv,
        MapFigure, ChartFigure,
    ];

    /// <summary>The declared output of the run-relative path <paramref name="relativePath"/> (forward or back
    /// slashes) with its placeholder values, or null when nothing declares it.</summary>
    public static (OutputFile File, IReadOnlyDictionary<string, string> Values)? Match(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        foreach (var f in All)
            if (f.TryMatch(relativePath, out var values)) return (f, values);
        return null;
    }

    /// <summary>The declared outputs of report section <paramref name="section"/>, in catalogue order.</summary>
    public static IEnumerable<OutputFile> InSection(string section, OutputKind kind) =>
        All.Where(f => f.Section == section && f.Kind == kind);
}
