using LandCarbon.Core.Pipeline;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Risk;
using LandCarbon.Core.SpatialStatistics;
using LandCarbon.Reporting.Maps;

namespace LandCarbon.Reporting.Tests.Maps;

/// <summary>
/// Every categorical legend against the codes really written: a tiny raster holding each code is written with the
/// pipeline's own writer (or, where the writer needs a whole stage, the documented code list), read back, and
/// the report's label of each pixel value is compared with the meaning the writer documents.
/// </summary>
public class LegendTests
{
    private static GridSpec Row(int n) => new(n, 1, GeoTransform.NorthUp(500_000, 3_000_000, 1000), new SpatialReference(32648, ""));

    private static int[] ReadCodes(string path, out ColorTable? colors, out double? noData)
    {
        using var r = GeoTiffReader.Open(path);
        var codes = new int[r.Grid.PixelCount];
        r.Read<int>(new PixelWindow(0, 0, r.Grid.Width, r.Grid.Height), codes);
        colors = r.ColorTable;
        noData = r.NoData;
        return codes;
    }

    [Fact]
    public void Lisa_cluster_codes_from_the_writer_get_their_cluster_label()
    {
        var expected = new Dictionary<LisaCluster, (string En, string Zh)>
        {
            [LisaCluster.NotSignificant] = ("not significant", "不显著"),
            [LisaCluster.HighHigh] = ("High-High", "高-高"),
            [LisaCluster.LowLow] = ("Low-Low", "低-低"),
            [LisaCluster.LowHigh] = ("Low-High", "低-高"),
            [LisaCluster.HighLow] = ("High-Low", "高-低"),
            [LisaCluster.Neighbourless] = ("no neighbours", "无邻居"),
        };
        var clusters = expected.Keys.ToArray();
        // One nodata cell at the end: the writer fills it with its nodata code.
        var values = Enumerable.Range(0, clusters.Length).Select(i => (double)i).Append(double.NaN).ToArray();
        var w = new GridContiguityWeights(values.Length, 1, values, ContiguityRule.Queen, WeightStyle.RowStandardised);
        string path = Path.Combine(TestData.TempDir(), "lisa_cluster_2000_2024.tif");
        SpatialRasters.WriteLisaClusters(path, Row(values.Length), w, clusters);
        var codes = ReadCodes(path, out var colors, out var noData);
        var style = MapStyle.Lisa.WithColors(colors);
        for (int i = 0; i < clusters.Length; i++)
        {
            Assert.Equal(expected[clusters[i]].En, style.LabelOf(codes[i], ReportLanguage.English));
            Assert.Equal(expected[clusters[i]].Zh, style.LabelOf(codes[i], ReportLanguage.Chinese));
        }
        Assert.Equal(noData, codes[^1]);
        Assert.Null(style.LabelOf(codes[^1], ReportLanguage.English));
        // The map uses the colours the file carries (what QGIS shows).
        Assert.Equal(colors![codes[1]].ToHex()[..7], style.Classes!.Single(c => c.Value == codes[1]).Color);
    }

    [Fact]
    public void Gi_bin_codes_from_the_writer_get_their_confidence_label()
    {
        sbyte[] bins = [-3, -2, -1, 0, 1, 2, 3];
        string[] en = ["cold spot, 99%", "cold spot, 95%", "cold spot, 90%", "not significant", "hot spot, 90%", "hot spot, 95%", "hot spot, 99%"];
        var values = bins.Select(b => (double)b).ToArray();
        var w = new GridContiguityWeights(values.Length, 1, values, ContiguityRule.Queen, WeightStyle.RowStandardised);
        string path = Path.Combine(TestData.TempDir(), "gistar_bin_2000_2024.tif");
        SpatialRasters.WriteGiBins(path, Row(values.Length), w, bins);
        var codes = ReadCodes(path, out var colors, out _);
        var style = MapStyle.GiBins.WithColors(colors);
        for (int i = 0; i < bins.Length; i++) Assert.Equal(en[i], style.LabelOf(codes[i], ReportLanguage.English));
        Assert.Equal("热点 99%", style.LabelOf(codes[^1], ReportLanguage.Chinese));
    }

    [Fact]
    public void Space_grade_and_mechanism_codes_from_the_change_writer_get_their_labels()
    {
        var dir = TestData.TempDir();
        string delta = Path.Combine(dir, "delta_cbi_2000_2024.tif"), grade = Path.Combine(dir, "space_grade_2000_2024.tif"),
            mech = Path.Combine(dir, "mechanism_2000_2024.tif");
        sbyte[] grades = [-4, -3, -2, -1, 0, 1, 2, 3, 4];
        byte[] mechanisms = [0, 1, 2, 3, 4, 5, 6, 255, 0];
        var grid = Row(grades.Length);
        using (var sink = new ChangeRasterSink(grid, delta, grade, mech, grades: 4))
        {
            sink.Write(new PixelWindow(0, 0, grid.Width, 1), new double[grid.Width], grades, mechanisms);
            sink.Commit();
        }
        var gradeCodes = ReadCodes(grade, out _, out _);
        var gradeStyle = MapStyle.SpaceGrades(4);
        string[] gradeEn =
        [
            "reduction, extremely strong", "reduction, strong", "reduction, moderate", "reduction, weak", "stable",
            "increment, weak", "increment, moderate", "increment, strong", "increment, extremely strong",
        ];
        for (int i = 0; i < grades.Length; i++) Assert.Equal(gradeEn[i], gradeStyle.LabelOf(gradeCodes[i], ReportLanguage.English));
        Assert.Equal("增碳空间·极强", gradeStyle.LabelOf(4, ReportLanguage.Chinese));
        // Colours of the legend are those the writer puts in its QGIS sidecar (one declaration, the sidecar is not read back).
        Assert.Equal("#08519C", gradeStyle.Classes!.Single(c => c.Value == -4).Color);

        var mechCodes = ReadCodes(mech, out var colors, out var noData);
        var mechStyle = MapStyle.Mechanism.WithColors(colors);
        string[] mechEn = ["no change", "source intensification", "sink decline", "sink → source shift", "source weakening", "sink enhancement", "source → sink shift"];
        for (int i = 0; i < 7; i++) Assert.Equal(mechEn[i], mechStyle.LabelOf(mechCodes[i], ReportLanguage.English));
        Assert.Equal(noData, mechCodes[7]);
        Assert.Null(mechStyle.LabelOf(mechCodes[7], ReportLanguage.English));
        Assert.Equal("源转汇", mechStyle.LabelOf((int)ChangeMechanism.SourceToSinkShift, ReportLanguage.Chinese));
    }

    [Fact]
    public void Five_grades_have_a_label_for_every_code()
    {
        var style = MapStyle.SpaceGrades(5);
        for (int code = -5; code <= 5; code++) Assert.NotNull(style.LabelOf(code, ReportLanguage.English));
        Assert.Equal("increment, grade 5", style.LabelOf(5, ReportLanguage.English));
        Assert.Equal("reduction, grade 5", style.LabelOf(-5, ReportLanguage.English));
    }

    [Fact]
    public void Risk_levels_follow_the_documented_codes_and_the_run_thresholds_table()
    {
        // RiskLevels: pixel value k = level k (1-based), 0 nodata.
        string[] five = ["I low", "II relatively low", "III medium", "IV high", "V extremely high"];
        for (int k = 1; k <= 5; k++) Assert.Equal(five[k - 1], MapStyle.Risk.LabelOf(k, ReportLanguage.English));
        Assert.Null(MapStyle.Risk.LabelOf(RiskLevels.NoData, ReportLanguage.English));
        Assert.Equal("V 极高风险", MapStyle.Risk.LabelOf(5, ReportLanguage.Chinese));

        // A four-level scheme in the run's thresholds table: level 2 is "medium", not "relatively low".
        string run = TestData.TempDir();
        Directory.CreateDirectory(Path.Combine(run, "tables"));
        File.WriteAllText(Path.Combine(run, "tables", "risk_thresholds.csv"),
            "method,level,label,lowerBound,upperBound\n" + string.Join("", RiskLevels.Four.Labels.Select((l, i) => $"parameter,{i + 1},{l},{i},{i + 1}\n")) +
            string.Join("", RiskLevels.Five.Labels.Select((l, i) => $"errorTheory,{i + 1},{l},{i},{i + 1}\n")));
        var four = RunStyles.Risk(run, "parameter");
        Assert.Equal(["I low", "II medium", "III high", "IV extremely high"], four.Classes!.Select(c => c.En));
        Assert.Equal("II 中风险", four.LabelOf(2, ReportLanguage.Chinese));
        Assert.Equal(five, RunStyles.Risk(run, "errorTheory").Classes!.Select(c => c.En));
        Assert.Equal(five, RunStyles.Risk(run, "unknownMethod").Classes!.Select(c => c.En));
    }

    [Fact]
    public void Land_use_maps_use_the_land_classes_of_the_reclassified_rasters()
    {
        string run = TestData.TempDir();
        Directory.CreateDirectory(Path.Combine(run, "rasters"));
        File.WriteAllBytes(Path.Combine(run, "rasters", "landuse_2000.tif"), []);
        var maps = RunStyles.LandUse(run, null);
        var (year, _, style) = Assert.Single(maps);
        Assert.Equal(2000, year);
        // LandClass: the pixel values of rasters/landuse_YEAR.tif.
        var expected = new Dictionary<int, string>
        {
            [1] = "cultivated land", [2] = "forest", [3] = "grassland", [4] = "water", [5] = "construction land", [6] = "unused land",
        };
        foreach (var (code, label) in expected) Assert.Equal(label, style.LabelOf(code, ReportLanguage.English));
        Assert.Equal("建设用地", style.LabelOf((int)LandClass.Construction, ReportLanguage.Chinese));
        Assert.Null(style.LabelOf(0, ReportLanguage.English));

        // The study's class styles (run.json) override labels and colours.
        var manifest = Manifest(null, new RunClasses(null, null, [new RunClassStyle("construction", "built-up", "建成区", "#FF0000")], false));
        var styled = Assert.Single(RunStyles.LandUse(run, manifest)).Style;
        Assert.Equal("built-up", styled.LabelOf(5, ReportLanguage.English));
        Assert.Equal("#FF0000", styled.Classes!.Single(c => c.Value == 5).Color);
    }

    [Fact]
    public void Input_land_use_codes_are_legended_through_the_study_class_map()
    {
        string run = TestData.TempDir();
        Directory.CreateDirectory(Path.Combine(run, "inputs"));
        string lu = Path.Combine(run, "inputs", "lu_2000.tif");
        File.WriteAllBytes(lu, []);
        var years = new Dictionary<int, string> { [2000] = "inputs/lu_2000.tif" };
        var map = new Dictionary<string, string> { ["1"] = "cultivated", ["3"] = "forest", ["8"] = "construction", ["9"] = "water" };
        var (_, path, style) = Assert.Single(RunStyles.LandUse(run, Manifest(years, new RunClasses(null, map, null, false))));
        Assert.Equal(lu, path);
        Assert.Equal("forest", style.LabelOf(3, ReportLanguage.English)); // CLCD shrub, mapped to forest by the study
        Assert.Equal("construction land", style.LabelOf(8, ReportLanguage.English));
        Assert.Equal("water", style.LabelOf(9, ReportLanguage.English));
        Assert.Null(style.LabelOf(2, ReportLanguage.English));

        // Without a class map the CLCD legend applies.
        Assert.Equal("Impervious (construction)", Assert.Single(RunStyles.LandUse(run, Manifest(years, null))).Style.LabelOf(8, ReportLanguage.English));
    }

    private static RunManifestSummary Manifest(IReadOnlyDictionary<int, string>? years, RunClasses? classes) =>
        new(null, null, null, new RunStudy(null, years, classes, null, null), 0, null, null, null, null);
}
