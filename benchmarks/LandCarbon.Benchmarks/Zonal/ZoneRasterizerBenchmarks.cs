using BenchmarkDotNet.Attributes;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Zonal;
using NetTopologySuite.Geometries;

namespace LandCarbon.Benchmarks.Zonal;

/// <summary>
/// Rasterising the 88 Guizhou county polygons (../shared/data/bnd-guizhou-datav, GCJ-02 → WGS84 → CLCD Albers) by
/// pixel centre onto grids covering the province at 1 km, 100 m and 30 m (30 m: about 2×10⁸ pixels). Reading and
/// projecting the layer is in the setup; the benchmark is the scanline rasterisation into a run-length mask.
/// Run: dotnet run -c Release --project benchmarks/LandCarbon.Benchmarks -- --filter '*ZoneRasterizer*'
/// </summary>
[MemoryDiagnoser]
[InProcess]
public class ZoneRasterizerBenchmarks
{
    private const string AlbersWkt =
        "PROJCS[\"Albers_China_WGS84\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]]," +
        "PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]],PROJECTION[\"Albers_Conic_Equal_Area\"]," +
        "PARAMETER[\"standard_parallel_1\",25],PARAMETER[\"standard_parallel_2\",47],PARAMETER[\"latitude_of_center\",0]," +
        "PARAMETER[\"longitude_of_center\",105],PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]";

    private IReadOnlyList<Zone> _zones = [];
    private GridSpec _grid = null!;

    /// <summary>Pixel size in metres.</summary>
    [Params(1000, 100, 30)]
    public int PixelMeters { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "LandCarbon.slnx"))) d = d.Parent;
        string path = Path.Combine(d!.FullName, "..", "shared", "data", "bnd-guizhou-datav", "guizhou_counties_88_merged.geojson");
        var crs = new SpatialReference(null, AlbersWkt);
        _zones = ZoneLayer.Read(path, "gcj02", new GridSpec(1, 1, GeoTransform.NorthUp(0, 0, PixelMeters), crs));
        var env = new Envelope();
        foreach (var z in _zones) env.ExpandToInclude(z.Geometry.EnvelopeInternal);
        double px = PixelMeters;
        double x0 = Math.Floor(env.MinX / px) * px, y1 = Math.Ceiling(env.MaxY / px) * px;
        int w = (int)Math.Ceiling((env.MaxX - x0) / px), h = (int)Math.Ceiling((y1 - env.MinY) / px);
        _grid = new GridSpec(w, h, GeoTransform.NorthUp(x0, y1, px), crs);
    }

    /// <summary>All 88 counties onto the grid.</summary>
    [Benchmark]
    public long Rasterize() => ZoneRasterizer.Rasterize(_zones, _grid).PixelCounts.Sum();
}
