using System.Globalization;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Demo;

/// <summary>The POI functions of METHOD-SPEC (g) the demo places.</summary>
public enum DemoPoiFunction
{
    /// <summary>Factories, companies, industrial parks.</summary>
    Industrial,
    /// <summary>Stations, bus stops, parking, gas stations, service areas.</summary>
    Transport,
    /// <summary>Residential estates.</summary>
    Residential,
    /// <summary>Catering, shopping, hotels, banks, offices.</summary>
    CommercialService,
    /// <summary>Hospitals, government, schools.</summary>
    PublicService,
}

/// <summary>One generated POI: function, Amap type code and type name, position in UTM 48N metres.</summary>
public sealed record DemoPoi(int Id, DemoPoiFunction Function, string TypeCode, string TypeName, double X, double Y);

/// <summary>
/// Places POIs with functional zoning: commercial services concentrated in the old cores, residential estates
/// around the cores, the new district and county towns, industry in the parks, transport along the corridors and at
/// stations, public services in cores and towns. The count does not depend on the grid size (the region is fixed).
/// Deterministic: a SplitMix64 stream from the seed.
/// </summary>
public static class DemoPois
{
    private static readonly (DemoPoiFunction F, string Code, string Name)[] Types =
    [
        (DemoPoiFunction.Industrial, "170300", "公司企业;工厂;工厂"),
        (DemoPoiFunction.Industrial, "170200", "公司企业;公司;公司"),
        (DemoPoiFunction.Industrial, "120100", "商务住宅;产业园区;产业园区"),
        (DemoPoiFunction.Transport, "150200", "交通设施服务;火车站;火车站"),
        (DemoPoiFunction.Transport, "150700", "交通设施服务;公交车站;公交车站"),
        (DemoPoiFunction.Transport, "150900", "交通设施服务;停车场;停车场"),
        (DemoPoiFunction.Transport, "010100", "汽车服务;加油站;加油站"),
        (DemoPoiFunction.Transport, "180300", "道路附属设施;服务区;高速服务区"),
        (DemoPoiFunction.Residential, "120300", "商务住宅;住宅区;住宅区"),
        (DemoPoiFunction.Residential, "120302", "商务住宅;住宅区;住宅小区"),
        (DemoPoiFunction.CommercialService, "050000", "餐饮服务;餐饮相关场所;餐饮相关"),
        (DemoPoiFunction.CommercialService, "060100", "购物服务;商场;商场"),
        (DemoPoiFunction.CommercialService, "100100", "住宿服务;宾馆酒店;宾馆酒店"),
        (DemoPoiFunction.CommercialService, "160100", "金融保险服务;银行;银行"),
        (DemoPoiFunction.CommercialService, "120201", "商务住宅;楼宇;商务写字楼"),
        (DemoPoiFunction.PublicService, "090100", "医疗保健服务;综合医院;综合医院"),
        (DemoPoiFunction.PublicService, "130100", "政府机构及社会团体;政府机关;政府机关"),
        (DemoPoiFunction.PublicService, "141200", "科教文化服务;学校;学校"),
    ];

    /// <summary>Generates the POIs (about 30,000) inside the demo region.</summary>
    public static IReadOnlyList<DemoPoi> Generate(long seed)
    {
        var rng = new SplitMix((ulong)seed ^ 0x504F49UL);
        var list = new List<DemoPoi>();
        var cores = DemoRegion.CoreArray;
        var towns = DemoRegion.CountyArray;
        void Add(DemoPoiFunction f, double x, double y)
        {
            if (x <= DemoRegion.MinX || x >= DemoRegion.MinX + DemoRegion.SideMeters) return;
            if (y >= DemoRegion.MaxY || y <= DemoRegion.MaxY - DemoRegion.SideMeters) return;
            var candidates = Types.Where(t => t.F == f).ToArray();
            var t = candidates[(int)(rng.Next01() * candidates.Length)];
            list.Add(new DemoPoi(list.Count + 1, f, t.Code, t.Name, x, y));
        }
        void Cluster(DemoPoiFunction f, int n, double cx, double cy, double sigmaKm)
        {
            for (int i = 0; i < n; i++)
            {
                var (gx, gy) = rng.Gaussian2();
                Add(f, cx + gx * sigmaKm * 1000, cy + gy * sigmaKm * 1000);
            }
        }
        // Commercial services: old cores (Guiyang, Zunyi) dominate; small shares in towns.
        double[] comW = [0.42, 0.22, 0.04, 0.07, 0.05], comS = [2.8, 2.2, 1.8, 1.4, 1.2];
        for (int c = 0; c < cores.Length; c++) Cluster(DemoPoiFunction.CommercialService, (int)(9000 * comW[c]), cores[c].X, cores[c].Y, comS[c]);
        foreach (var t in towns) Cluster(DemoPoiFunction.CommercialService, 9000 / 5 / towns.Length, t.X, t.Y, 0.7);
        // Residential: wider rings around the cores, the new district, county towns.
        double[] resW = [0.28, 0.16, 0.18, 0.07, 0.05], resS = [7, 5, 4.5, 3, 2.5];
        for (int c = 0; c < cores.Length; c++) Cluster(DemoPoiFunction.Residential, (int)(8000 * resW[c]), cores[c].X, cores[c].Y, resS[c]);
        foreach (var t in towns) Cluster(DemoPoiFunction.Residential, (int)(8000 * 0.26 / towns.Length), t.X, t.Y, 1.6);
        // Industry: parks (by area), a little along the corridors.
        var parks = DemoRegion.ParkArray;
        double area = parks.Sum(p => p.Radius2024Km * p.Radius2024Km);
        foreach (var p in parks) Cluster(DemoPoiFunction.Industrial, (int)(4500 * p.Radius2024Km * p.Radius2024Km / area), p.X, p.Y, p.Radius2024Km / 1.6);
        Corridor(DemoPoiFunction.Industrial, 500, 1.2);
        // Transport: corridors, stations in the cores, towns.
        Corridor(DemoPoiFunction.Transport, 2900, 0.35);
        foreach (var c in cores) Cluster(DemoPoiFunction.Transport, 900 / cores.Length, c.X, c.Y, 2.0);
        foreach (var t in towns) Cluster(DemoPoiFunction.Transport, 700 / towns.Length, t.X, t.Y, 1.0);
        // Public services: cores and towns.
        foreach (var c in cores) Cluster(DemoPoiFunction.PublicService, 1750 / cores.Length, c.X, c.Y, 4.0);
        foreach (var t in towns) Cluster(DemoPoiFunction.PublicService, 1750 / towns.Length, t.X, t.Y, 1.0);
        return list;

        void Corridor(DemoPoiFunction f, int n, double sigmaKm)
        {
            var segs = DemoRegion.CorridorArray;
            double total = segs.Sum(s => Math.Sqrt((s.X1 - s.X0) * (s.X1 - s.X0) + (s.Y1 - s.Y0) * (s.Y1 - s.Y0)));
            foreach (var (x0, y0, x1, y1) in segs)
            {
                double len = Math.Sqrt((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0));
                int m = (int)(n * len / total);
                for (int i = 0; i < m; i++)
                {
                    double a = rng.Next01();
                    var (gx, _) = rng.Gaussian2();
                    double nx = -(y1 - y0) / len, ny = (x1 - x0) / len;
                    Add(f, x0 + a * (x1 - x0) + nx * gx * sigmaKm * 1000, y0 + a * (y1 - y0) + ny * gx * sigmaKm * 1000);
                }
            }
        }
    }

    /// <summary>
    /// Writes an Amap-style CSV (UTF-8): <c>id,name,type,typecode,lon,lat,adname</c>, with lon/lat in GCJ-02
    /// degrees (as the Amap web service returns them), converted from the grid CRS through WGS84.
    /// </summary>
    public static void WriteCsv(string path, IReadOnlyList<DemoPoi> pois, SpatialReference gridCrs)
    {
        ArgumentNullException.ThrowIfNull(pois);
        var tr = CoordinateTransformer.FromWgs84(gridCrs);
        var csv = new CsvWriter("id", "name", "type", "typecode", "lon", "lat", "adname");
        foreach (var p in pois)
        {
            var (lon, lat) = tr.Inverse(p.X, p.Y);
            var (glon, glat) = ChineseCoordinates.Wgs84ToGcj02(lon, lat);
            var county = DemoRegion.CountyArray[DemoRegion.NearestCounty(p.X, p.Y)];
            string shortName = p.TypeName[(p.TypeName.LastIndexOf(';') + 1)..];
            csv.Row(p.Id, $"{county.NameZh}{shortName}{p.Id}", p.TypeName, p.TypeCode,
                Math.Round(glon, 6).ToString("F6", CultureInfo.InvariantCulture),
                Math.Round(glat, 6).ToString("F6", CultureInfo.InvariantCulture), county.NameZh);
        }
        csv.Save(path);
    }
}

/// <summary>SplitMix64: a tiny, fully specified random stream (identical on every platform and .NET version).</summary>
internal struct SplitMix(ulong seed)
{
    private ulong _state = seed;

    /// <summary>Uniform in [0, 1).</summary>
    public double Next01()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return (DemoNoise.Mix(_state) >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Two independent standard normal deviates (Box–Muller).</summary>
    public (double, double) Gaussian2()
    {
        double u1 = 1 - Next01(), u2 = Next01();
        double r = Math.Sqrt(-2 * Math.Log(u1));
        return (r * Math.Cos(2 * Math.PI * u2), r * Math.Sin(2 * Math.PI * u2));
    }
}
