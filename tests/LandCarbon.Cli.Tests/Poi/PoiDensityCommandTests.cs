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
        Assert.Equal(-9999f, d[0]);

        var t = CsvTable.Read(Path.Combine(outDir, "tables", "poi_summary.csv"));
        var ind = t.Rows.Single(row => t.Text(row, "function") == "industrial");
        Assert.Equal(2, t.Int(ind, "points"));
        Assert.Equal(300, t.Double(ind, "radius_m"));
        Assert.Equal(peak, t.Double(ind, "peak_density_per_km2"), 1e-9);
        var all = t.Rows.Single(row => t.Text(row, "function") == "all");
        Assert.Equal(1, t.Int(all, "dropped_unparseable"));
        Assert.Equal(1, t.Int(all, "dropped_outside_grid"));
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
}
