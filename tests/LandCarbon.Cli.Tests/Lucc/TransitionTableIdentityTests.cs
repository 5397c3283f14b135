using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Cli.Tests.Lucc;

/// <summary>
/// One answer per question: the run's transition table equals <c>landcarbon lucc transitions</c> on the run's
/// reclassified land-use rasters, byte for byte (the first four columns), even when a correction input (NDVI) is
/// nodata on some pixels; those pixels are counted in a warning and left out of the ΔCBI sums only.
/// </summary>
public class TransitionTableIdentityTests
{
    [Theory]
    [InlineData("small_4326")]
    [InlineData("small_utm49n")]
    public void RunTable_EqualsTheCommand_WithNodataCorrections(string fixture)
    {
        string dir = TestData.TempDir();
        string lu2000 = Path.Combine(dir, "lu_2000.tif"), lu2005 = Path.Combine(dir, "lu_2005.tif"), ndvi = Path.Combine(dir, "ndvi.tif");
        File.Copy(TestData.Repo($"oracles/area/{fixture}.tif"), lu2000);
        GridSpec grid;
        byte[] codes;
        using (var r = GeoTiffReader.Open(lu2000))
        {
            grid = r.Grid;
            codes = new byte[grid.PixelCount];
            r.Read<byte>(grid.Extent, codes);
        }
        var rng = new Random(11);
        var next = codes.Select(c => c != 15 && rng.NextDouble() < 0.3 ? (byte)rng.Next(3, 8) : c).ToArray();
        GeoTiffWriter.WriteAll<byte>(lu2005, grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 15 }, next);
        var veg = Enumerable.Range(0, codes.Length).Select(_ => rng.NextDouble() < 0.1 ? float.NaN : (float)(0.2 + 0.6 * rng.NextDouble())).ToArray();
        GeoTiffWriter.WriteAll<float>(ndvi, grid, RasterDataType.Float32, new GeoTiffWriteOptions { NoData = double.NaN }, veg);
        File.WriteAllText(Path.Combine(dir, "study.yaml"),
            "years: {2000: lu_2000.tif, 2005: lu_2005.tif}\n" +
            "classes:\n  map: {1: grassland, 2: forest, 3: cultivated, 4: construction, 5: unused, 6: water, 7: forest}\n  nodata: [15]\n" +
            "accounting:\n  construction: {value: 50}\n  corrections:\n    vegetation: {raster: ndvi.tif}\nchange: {}\n");
        string outDir = Path.Combine(dir, "out");
        var run = CliRunner.Run("run", Path.Combine(dir, "study.yaml"), "--out", outDir);
        Assert.True(run.ExitCode == 0, run.StdErr);

        string csv = Path.Combine(dir, "command.csv");
        var cmd = CliRunner.Run("lucc", "transitions", Path.Combine(outDir, "rasters", "landuse_2000.tif"),
            Path.Combine(outDir, "rasters", "landuse_2005.tif"), "--out", csv);
        Assert.True(cmd.ExitCode == 0, cmd.StdErr);
        var command = File.ReadAllLines(csv);
        var stage = File.ReadAllLines(Path.Combine(outDir, "tables", "transitions_2000_2005.csv"))
            .Select(l => string.Join(',', l.Split(',').Take(4))).ToArray();
        Assert.True(command.Length > 10);
        Assert.Equal(command, stage);
        Assert.Contains("left out of every ΔCBI sum", File.ReadAllText(Path.Combine(outDir, "run.json")), StringComparison.Ordinal);
    }
}
