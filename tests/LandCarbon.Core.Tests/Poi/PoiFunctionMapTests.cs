using LandCarbon.Core.Poi;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Poi;

public sealed class PoiFunctionMapTests
{
    [Theory]
    [InlineData("170300", PoiFunction.Industrial)]        // factory
    [InlineData("170200", PoiFunction.Industrial)]        // companies (METHOD-SPEC §g)
    [InlineData("170205", PoiFunction.Industrial)]        // metallurgy and chemicals
    [InlineData("170207", PoiFunction.CommercialService)] // trading companies: offices
    [InlineData("070501", PoiFunction.Transport)]         // logistics warehouses
    [InlineData("120202", PoiFunction.Industrial)]        // industrial building: 6-digit rule beats 1202
    [InlineData("120201", PoiFunction.CommercialService)] // office building
    [InlineData("120302", PoiFunction.Residential)]
    [InlineData("150500", PoiFunction.Transport)]
    [InlineData("010100", PoiFunction.Transport)]         // gas station
    [InlineData("090101", PoiFunction.PublicService)]
    [InlineData("050100|060100", PoiFunction.CommercialService)]
    public void TypeCodesUseTheLongestPrefix(string code, PoiFunction expected)
    {
        var (f, mapped) = PoiFunctionMap.Default().Classify(code, null);
        Assert.True(mapped);
        Assert.Equal(expected, f);
    }

    [Theory]
    [InlineData("公司企业;工厂;工厂", PoiFunction.Industrial)]
    [InlineData("公司企业;公司;公司", PoiFunction.Industrial)]
    [InlineData("公司企业;公司;网络科技", PoiFunction.CommercialService)]
    [InlineData("商务住宅;住宅区;住宅小区", PoiFunction.Residential)]
    [InlineData("商务住宅;产业园区", PoiFunction.Industrial)]
    [InlineData("交通设施服务;停车场;停车场", PoiFunction.Transport)]
    [InlineData("地名地址信息;门牌信息;小区门牌", PoiFunction.Residential)]
    [InlineData("地名地址信息;交通地名;道路名", PoiFunction.Other)]
    [InlineData(" 科教文化服务 ; 学校 ;", PoiFunction.PublicService)]
    [InlineData("commercial", PoiFunction.CommercialService)]
    [InlineData("Transport", PoiFunction.Transport)]
    public void CategoryNamesUseTheLongestLevelPrefix(string category, PoiFunction expected)
    {
        var (f, mapped) = PoiFunctionMap.Default().Classify("", category);
        Assert.True(mapped);
        Assert.Equal(expected, f);
    }

    /// <summary>tests/data/amap/amap_typecodes.csv: codes and names transcribed from the Amap classification (see
    /// its README); the default code rules and name rules must give every row the same function.</summary>
    [Fact]
    public void CodeAndNameRulesAgreeOnTheOfficialTable()
    {
        var t = CsvTable.Read(TestData.Repo("amap/amap_typecodes.csv"));
        var map = PoiFunctionMap.Default();
        var disagreements = new List<string>();
        foreach (var r in t.Rows)
        {
            string code = t.Text(r, "code"), path = $"{t.Text(r, "level1")};{t.Text(r, "level2")};{t.Text(r, "level3")}";
            var byCode = map.Classify(code, null);
            var byName = map.Classify(null, path);
            Assert.True(byCode.Mapped && byName.Mapped, $"{code} {path} is unmapped");
            if (byCode.Function != byName.Function) disagreements.Add($"{code} → {byCode.Function}, {path} → {byName.Function}");
        }
        Assert.Empty(disagreements);
        Assert.Equal(41, t.Rows.Count);
    }

    [Fact]
    public void UnknownCategoriesAreOtherAndUnmapped()
    {
        Assert.Equal((PoiFunction.Other, false), PoiFunctionMap.Default().Classify("990000", "室内设施"));
        Assert.Equal((PoiFunction.Other, false), PoiFunctionMap.Default().Classify(null, null));
    }

    [Fact]
    public void EveryHangzhouCategoryIsMappedByDefault()
    {
        var t = CsvTable.Read(TestData.Shared("poi-hangzhou-amap/hangzhou_poi86.csv"));
        var map = PoiFunctionMap.Default();
        var counts = new int[PoiFunctions.Count];
        foreach (var r in t.Rows)
        {
            var (f, mapped) = map.Classify("", $"{t.Text(r, "cat_l1")};{t.Text(r, "cat_l2")};{t.Text(r, "cat_l3")}");
            Assert.True(mapped, t.Text(r, "cat_l1"));
            counts[(int)f]++;
        }
        // CATALOG §8 counts: 住宅区 2087 + 小区门牌 626 residential. Industrial, counted with Python's csv module
        // applying the name rules of the default table: 公司企业;公司 1284 (its rows less the office subtypes 商业贸易,
        // 网络科技, 广告装饰, 电信公司), 公司企业 and 知名企业 492, 产业园区 17, 工厂 13, 农林牧渔基地 1.
        Assert.Equal(2087 + 626, counts[(int)PoiFunction.Residential]);
        Assert.Equal(1284 + 492 + 17 + 13 + 1, counts[(int)PoiFunction.Industrial]);
    }

    [Fact]
    public void UserTableOverridesAndExtendsTheDefaults()
    {
        string dir = TestData.TempDir();
        string path = Path.Combine(dir, "map.csv");
        File.WriteAllText(path, "match,function\n1702,commercial\n室内设施,public\n");
        var map = PoiFunctionMap.Default().OverriddenBy(path);
        Assert.Equal((PoiFunction.CommercialService, true), map.Classify("170200", ""));
        Assert.Equal((PoiFunction.PublicService, true), map.Classify("", "室内设施;商场"));
        Assert.Equal((PoiFunction.Transport, true), map.Classify("150000", ""));
        Assert.Equal(PoiFunctionMap.Default().RuleCount + 1, map.RuleCount);
    }

    [Fact]
    public void BadRulesAreReportedTogether()
    {
        string path = Path.Combine(TestData.TempDir(), "bad.csv");
        File.WriteAllText(path, "match,function\n123,industrial\n工厂,factory\n");
        var e = Assert.Throws<Models.InputException>(() => PoiFunctionMap.Read(path));
        Assert.Equal(2, e.Problems.Count);
        Assert.Contains("2, 4 or 6 digits", e.Problems[0], StringComparison.Ordinal);
        Assert.Contains("'factory'", e.Problems[1], StringComparison.Ordinal);
    }
}
