namespace LandCarbon.Core.Demo;

/// <summary>Economic profile of a county in the demo, which sets its construction-land emission intensity.</summary>
public enum DemoCountyProfile
{
    /// <summary>Old urban core with a service economy: low energy use per hectare of construction land.</summary>
    CoreService,
    /// <summary>Heavy-industry county (aluminium, phosphate, coal power, liquor): high energy use per hectare.</summary>
    Industrial,
    /// <summary>New district or mixed county.</summary>
    Mixed,
    /// <summary>Rural county with small towns.</summary>
    Rural,
}

/// <summary>A county of the demo region: id, administrative code (the value of the county raster; real codes,
/// 520190 stands in for Gui'an New Area), names, seat in UTM 48N metres, profile.</summary>
public sealed record DemoCounty(int Id, int Adcode, string NameZh, string NameEn, double X, double Y, DemoCountyProfile Profile);

/// <summary>
/// An urban core: centre in UTM 48N metres, radius of its built-up area in 2000 and 2024 (km), the year growth
/// starts, and the floor elevation of its karst basin (m).
/// </summary>
public sealed record DemoCore(string NameZh, string NameEn, double X, double Y, double Radius2000Km, double Radius2024Km,
    int StartYear, double BasinElevationM, double BasinRadiusKm);

/// <summary>An industrial park: centre, year it opens, radius reached in 2024 (km).</summary>
public sealed record DemoPark(string NameZh, double X, double Y, int StartYear, double Radius2024Km);

/// <summary>
/// The fixed geography of the synthetic Central Guizhou agglomeration: a 240 km × 240 km square in
/// WGS 84 / UTM zone 48N (EPSG:32648) whose cores, county seats and parks sit at their real coordinates
/// (converted from WGS84 longitude/latitude with PROJ). The pixel size is 240 km ÷ size, so `--size 8000` is 30 m.
/// </summary>
public static class DemoRegion
{
    /// <summary>EPSG code of the grid CRS.</summary>
    public const int Epsg = 32648;

    /// <summary>West edge (UTM easting, m).</summary>
    public const double MinX = 555_000;

    /// <summary>North edge (UTM northing, m).</summary>
    public const double MaxY = 3_100_000;

    /// <summary>Side of the square region (m).</summary>
    public const double SideMeters = 240_000;

    /// <summary>The land-use years (METHOD-SPEC §2 default nodes).</summary>
    public static IReadOnlyList<int> Years { get; } = [2000, 2005, 2010, 2015, 2020, 2024];

    /// <summary>Counties (raster value = Id), Voronoi cells of their seats.</summary>
    public static IReadOnlyList<DemoCounty> Counties => CountyArray;

    internal static readonly DemoCounty[] CountyArray =
    [
        new(1, 520103, "云岩区", "Yunyan", 670299, 2941055, DemoCountyProfile.CoreService),
        new(2, 520181, "清镇市", "Qingzhen", 646419, 2938543, DemoCountyProfile.Industrial),
        new(3, 520190, "贵安新区", "Gui'an New Area", 629664, 2920637, DemoCountyProfile.Mixed),
        new(4, 520302, "红花岗区", "Honghuagang", 687364, 3064307, DemoCountyProfile.CoreService),
        new(5, 520304, "播州区", "Bozhou", 680739, 3045366, DemoCountyProfile.Industrial),
        new(6, 520123, "修文县", "Xiuwen", 657987, 2969704, DemoCountyProfile.Industrial),
        new(7, 520122, "息烽县", "Xifeng", 672512, 2997597, DemoCountyProfile.Industrial),
        new(8, 520402, "西秀区", "Xixiu", 592877, 2903704, DemoCountyProfile.Mixed),
        new(9, 522730, "龙里县", "Longli", 697417, 2927040, DemoCountyProfile.Mixed),
        new(10, 520121, "开阳县", "Kaiyang", 695373, 2994609, DemoCountyProfile.Industrial),
        new(11, 520581, "黔西市", "Qianxi", 602186, 2987960, DemoCountyProfile.Rural),
        new(12, 520523, "金沙县", "Jinsha", 620551, 3037978, DemoCountyProfile.Industrial),
        new(13, 520382, "仁怀市", "Renhuai", 637913, 3075834, DemoCountyProfile.Industrial),
        new(14, 520328, "湄潭县", "Meitan", 743458, 3071953, DemoCountyProfile.Rural),
        new(15, 522702, "福泉市", "Fuquan", 749801, 2952343, DemoCountyProfile.Industrial),
        new(16, 522731, "惠水县", "Huishui", 664960, 2891127, DemoCountyProfile.Rural),
        new(17, 522729, "长顺县", "Changshun", 645098, 2878704, DemoCountyProfile.Rural),
        new(18, 522725, "瓮安县", "Weng'an", 744954, 2996592, DemoCountyProfile.Rural),
        new(19, 522701, "都匀市", "Duyun", 751688, 2906928, DemoCountyProfile.Mixed),
        new(20, 520524, "织金县", "Zhijin", 578554, 2958990, DemoCountyProfile.Rural),
    ];

    /// <summary>The two large cores, the new district and two smaller cities.</summary>
    public static IReadOnlyList<DemoCore> Cores => CoreArray;

    internal static readonly DemoCore[] CoreArray =
    [
        new("贵阳", "Guiyang", 664000, 2946000, 5.5, 15.0, 2000, 1080, 14),
        new("遵义", "Zunyi", 688000, 3066000, 4.0, 10.5, 2000, 880, 10),
        new("贵安新区", "Gui'an New Area", 632000, 2922000, 0.8, 11.0, 2008, 1250, 11),
        new("安顺", "Anshun", 593000, 2904500, 2.5, 6.0, 2000, 1370, 6),
        new("都匀", "Duyun", 751500, 2907000, 2.0, 4.5, 2000, 800, 5),
    ];

    /// <summary>Industrial parks.</summary>
    public static IReadOnlyList<DemoPark> Parks => ParkArray;

    internal static readonly DemoPark[] ParkArray =
    [
        new("清镇工业园", 648000, 2944000, 2000, 3.5),
        new("修文工业园", 659000, 2972000, 2005, 2.5),
        new("开阳磷化工园", 697000, 2990000, 2000, 2.5),
        new("遵义新蒲经开区", 700000, 3060000, 2005, 4.0),
        new("播州工业园", 679000, 3042000, 2008, 3.0),
        new("贵安电子信息园", 625000, 2916000, 2012, 5.0),
        new("仁怀酱香酒园", 638000, 3073000, 2000, 3.0),
        new("福泉磷化工园", 748000, 2950000, 2005, 2.5),
        new("金沙电厂园", 621000, 3035000, 2005, 2.0),
        new("安顺航空园", 598000, 2909000, 2008, 2.5),
    ];

    /// <summary>Transport corridors (expressways and railways) as index pairs into <see cref="Cores"/>.</summary>
    public static IReadOnlyList<(double X0, double Y0, double X1, double Y1)> Corridors => CorridorArray;

    internal static readonly (double X0, double Y0, double X1, double Y1)[] CorridorArray = BuildCorridors();

    private static (double, double, double, double)[] BuildCorridors()
    {
        var c = CoreArray;
        return
        [
            (c[0].X, c[0].Y, c[1].X, c[1].Y),
            (c[0].X, c[0].Y, c[2].X, c[2].Y),
            (c[2].X, c[2].Y, c[3].X, c[3].Y),
            (c[0].X, c[0].Y, c[4].X, c[4].Y),
            (c[1].X, c[1].Y, 637913, 3075834),
            (c[0].X, c[0].Y, 695373, 2994609),
        ];
    }

    /// <summary>Index into <see cref="Counties"/> of the county whose seat is nearest (x, y): the Voronoi partition
    /// used for the county raster.</summary>
    public static int NearestCounty(double x, double y) => NearestCounty(x, y, DemoSites.All.Counties);

    /// <summary><see cref="NearestCounty(double, double)"/> among the counties <paramref name="candidates"/> (indices
    /// in increasing order; on a tie the first wins).</summary>
    internal static int NearestCounty(double x, double y, ReadOnlySpan<int> candidates)
    {
        int best = 0;
        double bestD = double.MaxValue;
        var cs = CountyArray;
        foreach (int i in candidates)
        {
            double dx = x - cs[i].X, dy = y - cs[i].Y, d = dx * dx + dy * dy;
            if (d < bestD) { bestD = d; best = i; }
        }
        return best;
    }

    /// <summary>Distance from (x, y) to the segment (x0, y0)–(x1, y1), and the position along it in [0, 1].</summary>
    public static (double Distance, double Along) SegmentDistance(double x, double y, double x0, double y0, double x1, double y1)
    {
        double vx = x1 - x0, vy = y1 - y0, wx = x - x0, wy = y - y0;
        double t = Math.Clamp((wx * vx + wy * vy) / (vx * vx + vy * vy), 0, 1);
        double dx = wx - t * vx, dy = wy - t * vy;
        return (Math.Sqrt(dx * dx + dy * dy), t);
    }

    /// <summary>
    /// Growth of a radius between 2000 and 2024 from <paramref name="startYear"/>: 0 before, then convex
    /// ((t − start)/(2024 − start))^1.8, so expansion per period accelerates (METHOD-SPEC N8).
    /// </summary>
    public static double Growth(int year, int startYear)
    {
        if (year <= startYear) return 0;
        double f = (year - startYear) / (double)(2024 - startYear);
        return Math.Pow(Math.Min(1, f), 1.8);
    }
}
