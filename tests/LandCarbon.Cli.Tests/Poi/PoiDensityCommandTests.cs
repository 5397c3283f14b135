using System.Globalization;
using System.Text.Json;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Tables;

namespace LandCarbon.Cli.Tests.Poi;

public class PoiDensityCommandTests
{
    // A 40 × 30 px, 30 m UTM 51N grid with one nodata pixel at (0, 0).
    private static (string Dir, string Ref, GridSpec Grid) Setup()
    {
        string dir = TestData.TempDir();
        var grid = new GridSpec(40, 30, GeoTransform.NorthUp(300000, 3350000, 30), SpatialReferences.FromEpsg(32651));
        var px = Enumerable.Repeat((byte)8, 1200).ToArray();
        px[0] = 0;
        string path = Path.Combine(dir, "ref.tif");
        GeoTiffWriter.WriteAll<byte>(path, grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 0 }, px);
        return (dir, path, grid);
    }

    [Fact]
    public void WritesOneRasterPerFunctionAndTheSummary()
    {
        var (dir, reference, grid) = Setup();
        // Two factories on pixel centres (x/y already in the grid CRS), a bad row and a far-away row.
        var (x1, y1) = grid.Transform.PixelCenter(10, 10);
        var (x2, y2) = grid.Transform.PixelCenter(30, 20);
        string csv = Path.Combine(dir, "poi.csv");
        File.WriteAllText(csv, string.Create(CultureInfo.InvariantCulture,
            $"x,y,typecode\n{x1},{y1},170300\n{x2},{y2},170300\nzz,1,170300\n0,0,150500\n"));
        string outDir = Path.Combine(dir, "out");
        var (code, stdout, stderr) = CliRunner.Run("poi", "density", csv, "--grid", reference, "--radius-m", "300",
            "--out", outDir, "--crs", "grid", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var dropped = doc.RootElement.GetProperty("dropped");
        Assert.Equal(1, dropped.GetProperty("unparseable").GetInt32());
        Assert.Equal(1, dropped.GetProperty("outside-grid").GetInt32());

        foreach (var f in new[] { "industrial", "transport", "residential", "commercial-service", "public-service", "other" })
            Assert.True(File.Exists(Path.Combine(outDir, "rasters", $"poi_density_{f}.tif")), f);
        using var r = GeoTiffReader.Open(Path.Combine(outDir, "rasters", "poi_density_industrial.tif"));
        Assert.Equal(RasterDataType.Float32, r.DataType);
        Assert.Equal(-9999, r.NoData);
        var d = new float[1200];
        r.Read<float>(grid.Extent, d);
        double peak = 3 / (Math.PI * 300 * 300) * 1e6; // 10.61 per km², the two points are 670 m apart
        Assert.Equal(peak, d[10 * 40 + 10], 1e-4);
        // Densities are a property of the points and the grid: the reference's nodata pixel (0, 0), 300 m or more
        // from both points, holds density 0, not nodata (as in the POI stage of `landcarbon run`).
        Assert.Equal(0f, d[0]);

        var t = CsvTable.Read(Path.Combine(outDir, "tables", "poi_summary.csv"));
        var ind = t.Rows.Single(row => t.Text(row, "function") == "industrial");
        Assert.Equal(2, t.Int(ind, "points"));
        Assert.Equal(300, t.Double(ind, "radiusM"));
        Assert.Equal(peak, t.Double(ind, "peakDensityPerKm2"), 1e-9);
        var all = t.Rows.Single(row => t.Text(row, "function") == "all");
        Assert.Equal(1, t.Int(all, "droppedUnparseable"));
        Assert.Equal(1, t.Int(all, "droppedOutsideGrid"));
    }

    [Fact]
    public void FactorRasterHasMeanOneOverConstructionAndTheMinimumWithoutPoi()
    {
        var (dir, reference, grid) = Setup();
        var (x1, y1) = grid.Transform.PixelCenter(5, 5);
        var (x2, y2) = grid.Transform.PixelCenter(8, 6);
        string csv = Path.Combine(dir, "poi.csv");
        File.WriteAllText(csv, string.Create(CultureInfo.InvariantCulture, $"x,y,typecode\n{x1},{y1},170300\n{x2},{y2},120302\n"));
        string outDir = Path.Combine(dir, "out");
        var (code, _, stderr) = CliRunner.Run("poi", "density", csv, "--grid", reference, "--radius-m", "200",
            "--out", outDir, "--crs", "grid", "--factor-construction-code", "8", "--min-poi-factor", "0.25");
        Assert.True(code == 0, stderr);
        using var r = GeoTiffReader.Open(Path.Combine(outDir, "rasters", "poi_factor.tif"));
        var f = new float[1200];
        r.Read<float>(grid.Extent, f);
        Assert.Equal(-9999f, f[0]);
        var valid = f.Skip(1).Select(v => (double)v).ToList();
        Assert.Equal(1.0, valid.Average(), 1e-6);   // float32 storage
        Assert.Equal(0.25f, f[29 * 40 + 39]);      // far from both POIs
        Assert.True(f[5 * 40 + 5] > 1);
    }

    [Fact]
    public void NoUsableRowExitsWithCode2()
    {
        var (dir, reference, _) = Setup();
        string csv = Path.Combine(dir, "poi.csv");
        File.WriteAllText(csv, "lon,lat\n,\nabc,30\n");
        var (code, _, stderr) = CliRunner.Run("poi", "density", csv, "--grid", reference, "--radius-m", "1000", "--out", Path.Combine(dir, "o"), "--crs", "wgs84");
        Assert.Equal(2, code);
        Assert.Contains("none of the 2 POI rows", stderr, StringComparison.Ordinal);
    }

    /// <summary>
    /// One answer per question: `poi density --grid FIRST_YEAR.tif` and the POI stage of `landcarbon run` on the same
    /// POIs and options write byte-identical density rasters and tables (one Core entry point, PoiDensityModel).
    /// The first-year raster has nodata pixels, which the densities ignore in both.
    /// </summary>
    [Fact]
    public void CommandAndRunStage_WriteByteIdenticalOutputs()
    {
        string dir = TestData.TempDir();
        File.Copy(TestData.Repo("rasters/clcd_small.tif"), Path.Combine(dir, "a2000.tif"));
        File.Copy(TestData.Repo("rasters/clcd_small.tif"), Path.Combine(dir, "a2024.tif"));
        // POIs around the centre of clcd_small.tif (UTM 48N, 105.0100 E, 30.7242 N), one unmapped, one far outside.
        File.WriteAllText(Path.Combine(dir, "pois.csv"), "lon,lat,typecode\n105.0100,30.7242,170300\n105.0104,30.7246,120302\n" +
            "105.0095,30.7239,170300\n105.0098,30.7250,150500\n105.0101,30.7241,999999\n110.0,35.0,170300\n");
        File.WriteAllText(Path.Combine(dir, "study.yaml"), "region: t\nyears:\n  2000: a2000.tif\n  2024: a2024.tif\n" +
            "accounting:\n  construction:\n    value: 50\npoi:\n  file: pois.csv\n  crs: wgs84\n  typecode: typecode\n  radiusM: 450\nreport: false\n");
        var run = CliRunner.Run("run", Path.Combine(dir, "study.yaml"), "--out", Path.Combine(dir, "run"));
        Assert.True(run.ExitCode == 0, run.StdErr);
        var cmd = CliRunner.Run("poi", "density", Path.Combine(dir, "pois.csv"), "--grid", Path.Combine(dir, "a2000.tif"),
            "--crs", "wgs84", "--typecode", "typecode", "--radius-m", "450", "--out", Path.Combine(dir, "cmd"));
        Assert.True(cmd.ExitCode == 0, cmd.StdErr);
        var files = new List<string> { "tables/poi_summary.csv", "tables/poi_unmapped.csv" };
        files.AddRange(new[] { "industrial", "transport", "residential", "commercial-service", "public-service", "other" }
            .Select(f => $"rasters/poi_density_{f}.tif"));
        foreach (var f in files)
            Assert.True(File.ReadAllBytes(Path.Combine(dir, "run", f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(dir, "cmd", f))),
                $"{f} differs between `landcarbon run` and `landcarbon poi density`");
        Assert.Contains("999999", File.ReadAllText(Path.Combine(dir, "cmd", "tables", "poi_unmapped.csv")), StringComparison.Ordinal);
    }
}
