using System.Globalization;
using System.Text.Json;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Tables;

namespace LandCarbon.Cli.Tests.Spatial;

/// <summary>
/// One answer per question: the spatial stage of `landcarbon run` and `landcarbon spatial moran|lisa|gistar` on the
/// fishnet raster the stage wrote give the same statistics (the stage computes on the values it stores; Gi* with the
/// 3 km-style distance band and FDR goes through the same Core function). The Gi* and LISA rasters are byte-identical.
/// </summary>
public class SpatialStageParityTests
{
    [Fact]
    public void RunStageAndSpatialCommands_GiveTheSameAnswers()
    {
        string dir = TestData.TempDir();
        string a2000 = Path.Combine(dir, "a2000.tif"), a2024 = Path.Combine(dir, "a2024.tif");
        File.Copy(TestData.Repo("rasters/clcd_small.tif"), a2000);
        // 2024: two blocks of CLCD class 8 (impervious) replace what was there, and a block becomes forest (2).
        using (var r = GeoTiffReader.Open(a2000))
        {
            var px = new byte[r.Grid.PixelCount];
            r.Read<byte>(r.Grid.Extent, px);
            for (int row = 0; row < 64; row++)
                for (int col = 0; col < 64; col++)
                {
                    int i = row * 64 + col;
                    if (px[i] == 0) continue;
                    if ((row is >= 10 and < 24 && col is >= 8 and < 22) || (row is >= 40 and < 50 && col is >= 44 and < 60)) px[i] = 8;
                    else if (row is >= 50 && col < 15) px[i] = 2;
                }
            GeoTiffWriter.WriteAll<byte>(a2024, r.Grid, r.DataType, new GeoTiffWriteOptions { NoData = r.NoData }, px);
        }
        string study = Path.Combine(dir, "study.yaml");
        File.WriteAllText(study, "region: t\nseed: 17\nyears:\n  2000: a2000.tif\n  2024: a2024.tif\naccounting:\n  construction:\n    value: 50\n" +
            "change: {}\nspatial:\n  fishnetMeters: 150\n  permutations: 99\n  giStarBandMeters: 400\n  fdr: true\nreport: false\n");
        var run = CliRunner.Run("run", study, "--out", Path.Combine(dir, "run"));
        Assert.True(run.ExitCode == 0, run.StdErr);
        string fishnet = Path.Combine(dir, "run", "rasters", "fishnet_dcbi_2000_2024.tif");

        var gi = CliRunner.Run("spatial", "gistar", fishnet, "--band-m", "400", "--fdr", "--out", Path.Combine(dir, "gi"));
        Assert.True(gi.ExitCode == 0, gi.StdErr);
        AssertSameBytes(Path.Combine(dir, "run", "rasters", "gistar_bin_2000_2024.tif"), Path.Combine(dir, "gi", "gistar_bin.tif"));

        var lisa = CliRunner.Run("spatial", "lisa", fishnet, "--permutations", "99", "--seed", "17", "--fdr", "--out", Path.Combine(dir, "lisa"));
        Assert.True(lisa.ExitCode == 0, lisa.StdErr);
        AssertSameBytes(Path.Combine(dir, "run", "rasters", "lisa_cluster_2000_2024.tif"), Path.Combine(dir, "lisa", "lisa_cluster.tif"));

        var moran = CliRunner.Run("spatial", "moran", fishnet, "--permutations", "99", "--seed", "17", "--json");
        Assert.True(moran.ExitCode == 0, moran.StdErr);
        using var doc = JsonDocument.Parse(moran.StdOut);
        var t = CsvTable.Read(Path.Combine(dir, "run", "tables", "spatial_moran.csv"));
        var row0 = t.Rows.Single();
        foreach (var key in new[] { "n", "I", "zNormal", "zRandomization", "pPermutation" })
            Assert.Equal(t.Text(row0, key), CsvWriter.Format(doc.RootElement.GetProperty(key).GetDouble()));
        Assert.Equal("150", t.Text(row0, "fishnetM"));
        // The test data make a real hot spot: some Gi* cells are significant after FDR control.
        using var bins = GeoTiffReader.Open(Path.Combine(dir, "gi", "gistar_bin.tif"));
        var b = new byte[bins.Grid.PixelCount];
        bins.Read<byte>(bins.Grid.Extent, b);
        Assert.Contains(b, v => v is 6 or 5);
    }

    private static void AssertSameBytes(string expected, string actual) =>
        Assert.True(File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(actual)),
            $"{Path.GetFileName(actual)} differs from the stage's {Path.GetFileName(expected)}");
}
