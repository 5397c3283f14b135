using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Models;
using LandCarbon.Core.Poi;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Study;

public sealed class PoiSectionTests
{
    internal static string StudyDir(string poiCsv)
    {
        string d = TestData.TempDir();
        File.WriteAllBytes(Path.Combine(d, "lu_2000.tif"), [0]);
        File.WriteAllText(Path.Combine(d, "poi.csv"), poiCsv);
        return d;
    }

    [Fact]
    public void PoiSectionReadsEveryKey()
    {
        string d = StudyDir("x,y\n");
        File.WriteAllText(Path.Combine(d, "map.csv"), "match,function\n1702,industrial\n");
        var s = StudyLoader.Parse(Path.Combine(d, "study.yaml"), """
            years: {2000: lu_2000.tif}
            accounting: {construction: {value: 50}}
            poi:
              file: poi.csv
              crs: bd09
              lon: lng
              lat: lat
              category: [cat_l1, cat_l2]
              typecode: code
              weight: w
              functionMap: map.csv
              kernel: epanechnikov
              radiusM: 750
            """);
        var p = Assert.IsType<PoiSection>(s.Poi);
        Assert.Equal(LonLatSystem.Bd09, p.LonLat);
        Assert.Equal("lng", p.Read.XColumn);
        Assert.Equal(["cat_l1", "cat_l2"], p.Read.CategoryColumns);
        Assert.Equal("w", p.Read.WeightColumn);
        Assert.Equal(KernelShape.Epanechnikov, p.Kernel);
        Assert.Equal(750, p.RadiusMeters);
        Assert.Contains(Path.Combine(d, "map.csv"), s.InputFiles());
        var arc = StudyLoader.Parse(Path.Combine(d, "s.yaml"), "years: {2000: lu_2000.tif}\naccounting: {construction: {value: 50}}\npoi: {file: poi.csv, radiusM: arcgis, crs: grid}\n");
        Assert.Null(arc.Poi!.RadiusMeters);
        Assert.Null(arc.Poi.LonLat);
    }

    [Fact]
    public void PoiSectionProblemsAreCollected()
    {
        string d = StudyDir("x,y\n");
        var e = Assert.Throws<InputException>(() => StudyLoader.Parse(Path.Combine(d, "s.yaml"),
            "years: {2000: lu_2000.tif}\naccounting: {construction: {value: 50}}\npoi: {file: nope.csv, crs: mars, radiusM: -5, bandwidth: 3}\n"));
        string all = string.Join("\n", e.Problems);
        Assert.Contains("poi.file", all, StringComparison.Ordinal);
        Assert.Contains("poi.crs", all, StringComparison.Ordinal);
        Assert.Contains("poi.radiusM", all, StringComparison.Ordinal);
        Assert.Contains("poi.bandwidth", all, StringComparison.Ordinal);
    }
}
