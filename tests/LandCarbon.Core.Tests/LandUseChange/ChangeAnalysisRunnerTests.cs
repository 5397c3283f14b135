using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Tests.LandUseChange;

/// <summary>The whole change analysis over three years of small GeoTIFFs: files, tables and determinism.</summary>
public class ChangeAnalysisRunnerTests
{
    private static readonly double[] Coef = [double.NaN, 0.422, -0.644, -0.021, -0.253, 50, -0.005];

    private static List<ChangeYear> WriteInputs(string dir, int w, int h)
    {
        var grid = ArrayRaster.TestGrid(w, h);
        var rng = new Random(5);
        var cls = new byte[w * h];
        for (int i = 0; i < cls.Length; i++) cls[i] = (byte)rng.Next(0, 7);
        var years = new List<ChangeYear>();
        foreach (int year in new[] { 2000, 2005, 2010 })
        {
            for (int i = 0; i < cls.Length; i++)
                if (cls[i] != 0 && rng.NextDouble() < 0.2) cls[i] = (byte)rng.Next(1, 7);
            var cbi = cls.Select(c => c == 0 ? float.NaN : (float)(Coef[c] * grid.PixelAreaHa)).ToArray();
            string cp = Path.Combine(dir, $"landuse_{year}.tif"), bp = Path.Combine(dir, $"cbi_{year}.tif");
            GeoTiffWriter.WriteAll<byte>(cp, grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 0 }, cls);
            GeoTiffWriter.WriteAll<float>(bp, grid, RasterDataType.Float32, new GeoTiffWriteOptions { NoData = double.NaN }, cbi);
            years.Add(new ChangeYear(year, cp, BudgetRaster.Cbi(bp)));
        }
        return years;
    }

    private static (ChangeAnalysisResult Result, string Digest) Run(List<ChangeYear> years, TileOptions tiles)
    {
        string outDir = TestData.TempDir();
        var r = ChangeAnalysisRunner.Run(years, GeoTiffReader.Open, new ChangeAnalysisOptions(), tiles,
            n => Path.Combine(outDir, n + ".tif"), n => Path.Combine(outDir, n + ".csv"), c => $"class{c}");
        var sb = new System.Text.StringBuilder();
        foreach (var f in Directory.GetFiles(outDir).Order(StringComparer.Ordinal))
        {
            sb.Append(Path.GetFileName(f)).Append('\n');
            if (f.EndsWith(".tif", StringComparison.Ordinal))
            {
                using var rd = GeoTiffReader.Open(f);
                var px = new double[rd.Grid.PixelCount];
                rd.Read<double>(rd.Grid.Extent, px);
                sb.AppendJoin(',', px.Select(BitConverter.DoubleToInt64Bits)).Append('\n');
            }
            else sb.Append(File.ReadAllText(f));
        }
        return (r, sb.ToString());
    }

    [Fact]
    public void Runner_WritesEveryOutput_IdenticalForAnyTilesAndThreads()
    {
        var years = WriteInputs(TestData.TempDir(), 45, 38);
        var (r, a) = Run(years, new TileOptions { TileWidth = 45, TileHeight = 38, MaxDegreeOfParallelism = 1 });
        var (_, b) = Run(years, new TileOptions { TileWidth = 8, TileHeight = 5, MaxDegreeOfParallelism = 3 });
        Assert.Equal(a, b);
        Assert.Equal(["2000_2005", "2005_2010", "2000_2010"], r.Intervals.Select(i => i.Key));
        foreach (var name in new[] { "delta_cbi_2000_2005.tif", "space_grade_2000_2010.tif", "space_grade_2000_2010.qml",
                     "mechanism_2005_2010.tif", "transitions_2000_2005.csv", "transitions_summary_2000_2010.csv",
                     "space_grades_2005_2010.csv", "contributions_2000_2010.csv", "mechanisms_2000_2005.csv",
                     "offset_ratio.csv", "checks.csv" })
            Assert.Contains("\n" + name + "\n", "\n" + a, StringComparison.Ordinal);
        Assert.DoesNotContain(",false\n", a, StringComparison.Ordinal);
        // The rasters agree with the tables: Σ ΔCBI raster = net of the interval; grade codes stay in −4…4.
        var whole = r.WholePeriod;
        using (var d = GeoTiffReader.Open(r.DeltaCbiPath(whole)))
        {
            var px = new float[d.Grid.PixelCount];
            d.Read<float>(d.Grid.Extent, px);
            Assert.Equal(whole.NetTonnesC, px.Where(v => !float.IsNaN(v)).Sum(v => (double)v), 1e-3);
        }
        using (var g = GeoTiffReader.Open(r.Rasters[whole.Key].SpaceGradePath))
        {
            var px = new sbyte[g.Grid.PixelCount];
            g.Read<sbyte>(g.Grid.Extent, px);
            Assert.All(px, v => Assert.True(v == -128 || v is >= -4 and <= 4));
            Assert.Equal(whole.SpaceGrades.Where(s => s.Grade == 4 && s.Space == LandCarbon.Core.Spaces.SpaceKind.IncrementSpace).Sum(s => s.Pixels), px.Count(v => v == 4));
        }
    }
}
