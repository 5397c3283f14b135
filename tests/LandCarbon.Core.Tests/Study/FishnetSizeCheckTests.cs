using LandCarbon.Core.Models;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.SpatialStatistics;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.Tests.Study;

/// <summary>
/// Fishnet sizes are resolved one way everywhere (FishnetAggregation.FactorFor): a stated size that is not a whole
/// number of pixels is refused before the run starts, under spatial:, regression: and risk: alike, naming the key and
/// the two nearest valid sizes; the spatial stage's Gi* band is checked against its cell at the same time.
/// </summary>
public class FishnetSizeCheckTests
{
    private static string Study(string tail)
    {
        string d = TestData.TempDir();
        File.Copy(TestData.Repo("rasters/clcd_small.tif"), Path.Combine(d, "a2000.tif"));
        File.Copy(TestData.Repo("rasters/clcd_small.tif"), Path.Combine(d, "a2024.tif"));
        string path = Path.Combine(d, "s.yaml");
        File.WriteAllText(path, "region: t\nyears:\n  2000: a2000.tif\n  2024: a2024.tif\naccounting:\n  construction:\n    value: 50\n" + tail);
        return path;
    }

    private static string Problems(string tail)
    {
        string path = Study(tail);
        var study = StudyLoader.Load(path);
        var e = Assert.Throws<InputException>(() => StudyRasterCheck.Check(study, f => GeoTiffReader.Open(f), TileOptions.Default));
        return e.Message + "\n" + string.Join("\n", e.Problems);
    }

    [Theory]
    [InlineData("spatial:\n  fishnetMeters: 1000\n", "spatial.fishnetMeters")]
    [InlineData("risk:\n  fishnetMeters: 1000\n", "risk.fishnetMeters")]
    [InlineData("change: {}\nregression:\n  unit: fishnet\n  fishnetMeters: 1000\n", "regression.fishnetMeters")]
    public void SizeNotAWholeNumberOfPixels_IsRefusedAtValidation(string section, string key)
    {
        Assert.Contains($"{key}: 1000 m is not a whole number of 30 m pixels; the nearest valid sizes are 990 m and 1020 m.",
            Problems(section), StringComparison.Ordinal);
    }

    [Fact]
    public void WholePixelSizesAndTheDefault_Pass()
    {
        foreach (var tail in new[] { "spatial:\n  fishnetMeters: 990\n", "risk:\n  fishnetMeters: 1020\n", "spatial: {}\n" })
        {
            var study = StudyLoader.Load(Study(tail));
            StudyRasterCheck.Check(study, f => GeoTiffReader.Open(f), TileOptions.Default);
        }
    }

    [Fact]
    public void GiStarBandShorterThanTheDefaultCell_IsRefusedAtValidation()
    {
        Assert.Contains("spatial.giStarBandMeters: a distance band of 600 m is shorter than the 990 m fishnet cell",
            Problems("spatial:\n  giStarBandMeters: 600\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void SpatialKeys_AreParsed()
    {
        var s = StudyLoader.Load(Study("spatial:\n  giStarWeights: rook\n  giStarBandMeters: 2000\n  fdr: true\n")).Spatial!;
        Assert.Equal(GiStarWeighting.Rook, s.GiStarWeights);
        Assert.Equal(2000, s.GiStarBandMeters);
        Assert.True(s.FalseDiscoveryRate);
        Assert.Null(s.FishnetMeters);
        var d = StudyLoader.Load(Study("spatial: {}\n")).Spatial!;
        Assert.Equal(GiStarWeighting.DistanceBand, d.GiStarWeights);
        Assert.Equal(3000, d.GiStarBandMeters);
        Assert.False(d.FalseDiscoveryRate);
    }
}
