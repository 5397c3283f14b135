using LandCarbon.Core.Raster;

namespace LandCarbon.Core.Demo;

/// <summary>The layers of one generated tile (row-major, window-sized arrays).</summary>
public sealed class DemoTile
{
    /// <summary>Allocates buffers for tiles of up to <paramref name="maxPixels"/> pixels.</summary>
    public DemoTile(int maxPixels)
    {
        DemMeters = new float[maxPixels];
        SlopeDegrees = new float[maxPixels];
        Ndvi = new float[maxPixels];
        PrecipitationMm = new float[maxPixels];
        TemperatureC = new float[maxPixels];
        CountyIndex = new byte[maxPixels];
        LandUse = [.. DemoRegion.Years.Select(_ => new byte[maxPixels])];
    }

    /// <summary>Elevation (m).</summary>
    public float[] DemMeters { get; }

    /// <summary>Slope (degrees, over a fixed 30 m step so it does not depend on the pixel size).</summary>
    public float[] SlopeDegrees { get; }

    /// <summary>NDVI of the last year (unitless, 0…1).</summary>
    public float[] Ndvi { get; }

    /// <summary>Annual precipitation (mm).</summary>
    public float[] PrecipitationMm { get; }

    /// <summary>Annual mean temperature (°C).</summary>
    public float[] TemperatureC { get; }

    /// <summary>Index of the county in <see cref="DemoRegion.Counties"/>.</summary>
    public byte[] CountyIndex { get; }

    internal double[] ScratchZ { get; private set; } = [];
    internal double[] ScratchMain { get; private set; } = [];
    internal double[] ScratchTrib { get; private set; } = [];

    internal void EnsureScratch(int n)
    {
        if (ScratchZ.Length >= n) return;
        ScratchZ = new double[n];
        ScratchMain = new double[n];
        ScratchTrib = new double[n];
    }

    /// <summary>CLCD code (1–9) per year, in the order of <see cref="DemoRegion.Years"/>.</summary>
    public IReadOnlyList<byte[]> LandUse { get; }
}

/// <summary>
/// The synthetic mountainous agglomeration as pure functions of map coordinates and a seed. Terrain: a plateau
/// (fBm) with karst peak clusters (ridged noise), main rivers and tributaries carved as the zero sets of two
/// noise fields, and flat karst basins under the cores. Land use (CLCD codes): water in the river channels,
/// cultivated land on flats and gentle slopes, forest / shrub / grassland / bare karst elsewhere; construction
/// grows from the cores, parks, corridors and villages with accelerating radii and only on slopes under 15°, so it
/// mostly takes valley cultivated land; steep cultivated land (≥ 12°) returns to forest and grassland, fast in
/// 2000–2005 (Grain for Green), slowly in 2005–2015, fast again after 2015. Construction never reverts.
/// </summary>
public sealed class DemoLandscape
{
    private const double SlopeStepMeters = 30;
    private readonly ulong _seed;

    /// <summary>Cumulative share of steep cultivated land returned to forest or grassland by each year.</summary>
    private static readonly double[] ReturnShare = [0.0, 0.20, 0.24, 0.28, 0.44, 0.70];

    /// <summary>Creates the landscape on a <paramref name="sizePx"/> × <paramref name="sizePx"/> grid.</summary>
    public DemoLandscape(int sizePx, long seed)
    {
        if (sizePx < 16) throw new ArgumentOutOfRangeException(nameof(sizePx), "The demo grid needs at least 16 × 16 pixels.");
        _seed = DemoNoise.Mix((ulong)seed);
        double px = DemoRegion.SideMeters / sizePx;
        Grid = new GridSpec(sizePx, sizePx, GeoTransform.NorthUp(DemoRegion.MinX, DemoRegion.MaxY, px),
            new SpatialReference(DemoRegion.Epsg, Utm48NWkt));
        var years = DemoRegion.Years;
        _coreRadius = [.. DemoRegion.CoreArray.Select(c => years.Select(y => 1000 * (c.Radius2000Km +
            (c.Radius2024Km - c.Radius2000Km) * DemoRegion.Growth(y, c.StartYear))).ToArray())];
        _parkRadius = [.. DemoRegion.ParkArray.Select(k => years.Select(y => y < k.StartYear ? 0.0 :
            1000 * (0.3 + (k.Radius2024Km - 0.3) * DemoRegion.Growth(y, k.StartYear))).ToArray())];
        _townRadius = [.. years.Select(y => 1000 * (0.8 + 1.4 * DemoRegion.Growth(y, 2000)))];
        _corridorWidth = [.. years.Select(y => 150 + 900 * DemoRegion.Growth(y, 2000))];
        _corridorGate = [.. years.Select(y => 0.35 + 0.3 * DemoRegion.Growth(y, 2000))];
        _villageThreshold = [.. years.Select(y => 0.965 - 0.012 * DemoRegion.Growth(y, 2000))];
    }

    private readonly double[][] _coreRadius, _parkRadius;
    private readonly double[] _townRadius, _corridorWidth, _corridorGate, _villageThreshold;

    /// <summary>WKT1 of WGS 84 / UTM zone 48N.</summary>
    public const string Utm48NWkt =
        "PROJCS[\"WGS 84 / UTM zone 48N\",GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563," +
        "AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]]," +
        "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]," +
        "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",0],PARAMETER[\"central_meridian\",105]," +
        "PARAMETER[\"scale_factor\",0.9996],PARAMETER[\"false_easting\",500000],PARAMETER[\"false_northing\",0]," +
        "UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],AXIS[\"Northing\",NORTH]," +
        "AUTHORITY[\"EPSG\",\"32648\"]]";

    /// <summary>The demo grid (EPSG:32648, square pixels of 240 km ÷ size).</summary>
    public GridSpec Grid { get; }

    /// <summary>Fills every layer of <paramref name="tile"/> for the pixels of <paramref name="window"/>.</summary>
    public void Fill(PixelWindow window, DemoTile tile)
    {
        ArgumentNullException.ThrowIfNull(tile);
        var t = Grid.Transform;
        int years = DemoRegion.Years.Count;
        Span<byte> codes = stackalloc byte[years];
        // With 30 m pixels the slope step is one pixel: evaluate the terrain once per pixel on the window plus a
        // margin (one column east, one row north) instead of three times per pixel.
        bool shared = t.PixelWidth == SlopeStepMeters && -t.PixelHeight == SlopeStepMeters;
        int mw = window.Width + 1;
        if (shared)
        {
            tile.EnsureScratch(mw * (window.Height + 1));
            for (int r = -1; r < window.Height; r++)
            {
                for (int c = 0; c < mw; c++)
                {
                    var (x, y) = t.PixelCenter(window.Col + c, window.Row + r);
                    var (z, m, tr) = Elevation(x, y);
                    int j = (r + 1) * mw + c;
                    tile.ScratchZ[j] = z;
                    tile.ScratchMain[j] = m;
                    tile.ScratchTrib[j] = tr;
                }
            }
        }
        for (int r = 0; r < window.Height; r++)
        {
            for (int c = 0; c < window.Width; c++)
            {
                int i = r * window.Width + c;
                var (x, y) = t.PixelCenter(window.Col + c, window.Row + r);
                Terrain p;
                if (shared)
                {
                    int j = (r + 1) * mw + c;
                    double e = tile.ScratchZ[j], ex = tile.ScratchZ[j + 1], ey = tile.ScratchZ[j - mw];
                    double g = Math.Sqrt((ex - e) * (ex - e) + (ey - e) * (ey - e)) / SlopeStepMeters;
                    p = new Terrain(e, Math.Atan(g) * 180 / Math.PI, tile.ScratchMain[j], tile.ScratchTrib[j]);
                }
                else p = Pixel(x, y);
                tile.DemMeters[i] = (float)p.Elevation;
                tile.SlopeDegrees[i] = (float)p.Slope;
                tile.CountyIndex[i] = (byte)DemoRegion.NearestCounty(x, y);
                LandUseAt(x, y, p, codes);
                for (int k = 0; k < years; k++) tile.LandUse[k][i] = codes[k];
                byte last = tile.LandUse[years - 1][i];
                tile.Ndvi[i] = (float)NdviAt(x, y, last);
                tile.PrecipitationMm[i] = (float)PrecipitationAt(x, y, p.Elevation);
                tile.TemperatureC[i] = (float)TemperatureAt(x, y, p.Elevation);
            }
        }
    }

    /// <summary>Terrain facts at one point.</summary>
    public readonly record struct Terrain(double Elevation, double Slope, double MainRiver, double Tributary);

    /// <summary>Elevation, slope and river proximity at map point (x, y).</summary>
    public Terrain Pixel(double x, double y)
    {
        var (e, main, trib) = Elevation(x, y);
        double ex = Elevation(x + SlopeStepMeters, y).Z, ey = Elevation(x, y + SlopeStepMeters).Z;
        double g = Math.Sqrt((ex - e) * (ex - e) + (ey - e) * (ey - e)) / SlopeStepMeters;
        return new Terrain(e, Math.Atan(g) * 180 / Math.PI, main, trib);
    }

    /// <summary>Elevation (m) and the valley weights of the main river and tributary networks (0…1).</summary>
    public (double Z, double Main, double Trib) Elevation(double x, double y)
    {
        double u = (x - DemoRegion.MinX) / DemoRegion.SideMeters, v = (DemoRegion.MaxY - y) / DemoRegion.SideMeters;
        double plateau = 1250 + 320 * DemoNoise.Fbm(x, y, 70_000, 4, _seed, 1) + 260 * (0.5 - u) - 80 * v;
        // Karst relief: peak clusters (fengcong) of two sizes on the plateau.
        double karst = 220 * DemoNoise.Ridged(x, y, 5_000, 2, _seed, 2) + 190 * DemoNoise.Ridged(x, y, 1_300, 2, _seed, 3);
        double n1 = DemoNoise.Fbm(x, y, 55_000, 2, _seed, 4);
        double n2 = DemoNoise.Fbm(x, y, 11_000, 2, _seed, 5);
        double main = Math.Exp(-(n1 / 0.05) * (n1 / 0.05));
        double trib = Math.Exp(-(n2 / 0.07) * (n2 / 0.07));
        double z = plateau + karst * (1 - main) * (1 - 0.75 * trib) - 300 * main - 110 * trib;
        foreach (var core in DemoRegion.CoreArray)
        {
            double dx = x - core.X, dy = y - core.Y;
            double b = core.BasinRadiusKm * 1000;
            double w = Math.Exp(-(dx * dx + dy * dy) / (b * b));
            if (w < 1e-4) continue;
            double floor = core.BasinElevationM + 25 * DemoNoise.Fbm(x, y, 3_000, 2, _seed, 6) - 40 * main;
            z = z * (1 - w) + floor * w;
        }
        return (z, main, trib);
    }

    /// <summary>CLCD codes of (x, y) for every year, written to <paramref name="codes"/>.</summary>
    private void LandUseAt(double x, double y, Terrain p, Span<byte> codes)
    {
        const byte Crop = 1, Forest = 2, Shrub = 3, Grass = 4, Water = 5, Barren = 7, Impervious = 8;
        if (p.MainRiver > 0.97)
        {
            codes.Fill(Water);
            return;
        }
        int built = FirstBuiltYearIndex(x, y, p.Slope);
        byte natural;
        int returnsAt = int.MaxValue, restoredAt = int.MaxValue;
        double cropSuit = 0.55 * DemoNoise.Fbm(x, y, 2_500, 3, _seed, 10) + 0.9 * (1 - p.Slope / 22)
            + 0.5 * p.Tributary + 0.4 * p.MainRiver;
        if (cropSuit > 0.55)
        {
            natural = Crop;
            if (p.Slope >= 12)
            {
                // Steep slope farmland returns to forest / grassland once its patch's turn comes.
                double turn = DemoNoise.Value(x / 400, y / 400, _seed, 11);
                for (int k = 0; k < ReturnShare.Length; k++)
                    if (turn < ReturnShare[k]) { returnsAt = k; break; }
            }
        }
        else
        {
            double veg = DemoNoise.Fbm(x, y, 4_000, 3, _seed, 13);
            double rock = DemoNoise.Ridged(x, y, 5_000, 3, _seed, 2);
            if (rock > 0.8 && p.Slope > 18 && veg < 0.1)
            {
                // Rocky desertification, partly restored to grassland after 2010.
                natural = Barren;
                double fix = DemoNoise.Value(x / 500, y / 500, _seed, 14);
                for (int k = 0; k < codes.Length; k++)
                    if (DemoRegion.Years[k] >= 2015 && fix < (DemoRegion.Years[k] - 2010) / 40.0) { restoredAt = k; break; }
            }
            else natural = veg > 0.05 ? Forest : veg > -0.2 ? Shrub : Grass;
        }
        byte returned = returnsAt == int.MaxValue ? Crop : DemoNoise.Value(x / 900, y / 900, _seed, 12) < 0.65 ? Forest : Grass;
        for (int k = 0; k < codes.Length; k++)
            codes[k] = k >= built ? Impervious : k >= returnsAt ? returned : k >= restoredAt ? Grass : natural;
    }

    /// <summary>
    /// Index of the first year in which (x, y) is built up (cores, parks, corridors, county towns, villages), or
    /// int.MaxValue; radii only grow, so construction never reverts. Nothing is built on slopes of 15° or more.
    /// </summary>
    private int FirstBuiltYearIndex(double x, double y, double slopeDegrees)
    {
        if (slopeDegrees >= 15) return int.MaxValue;
        double shape = 1 + 0.45 * DemoNoise.Fbm(x, y, 4_000, 3, _seed, 20);
        int first = int.MaxValue;
        var cores = DemoRegion.CoreArray;
        for (int c = 0; c < cores.Length; c++)
            first = Math.Min(first, FirstWithin(Distance(x, y, cores[c].X, cores[c].Y) * shape, _coreRadius[c]));
        var parks = DemoRegion.ParkArray;
        for (int c = 0; c < parks.Length; c++)
            first = Math.Min(first, FirstWithin(Distance(x, y, parks[c].X, parks[c].Y) * shape, _parkRadius[c]));
        var counties = DemoRegion.CountyArray;
        for (int c = 0; c < counties.Length; c++)
            first = Math.Min(first, FirstWithin(Distance(x, y, counties[c].X, counties[c].Y) * shape, _townRadius));
        if (first == 0) return 0;
        double gate = DemoNoise.Value(x / 1_500, y / 1_500, _seed, 21);
        foreach (var (x0, y0, x1, y1) in DemoRegion.CorridorArray)
        {
            double d = DemoRegion.SegmentDistance(x, y, x0, y0, x1, y1).Distance * shape;
            for (int k = 0; k < Math.Min(first, _corridorWidth.Length); k++)
                if (d < _corridorWidth[k] && gate < _corridorGate[k]) { first = k; break; }
        }
        if (slopeDegrees < 8)
        {
            double v = DemoNoise.Value(x / 350, y / 350, _seed, 22);
            for (int k = 0; k < Math.Min(first, _villageThreshold.Length); k++)
                if (v > _villageThreshold[k]) { first = k; break; }
        }
        return first;
    }

    private static double Distance(double x, double y, double x0, double y0)
    {
        double dx = x - x0, dy = y - y0;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    private static int FirstWithin(double d, double[] radiusByYear)
    {
        for (int k = 0; k < radiusByYear.Length; k++)
            if (d < radiusByYear[k]) return k;
        return int.MaxValue;
    }

    /// <summary>True when (x, y) is built up in the year with index <paramref name="yearIndex"/>.</summary>
    public bool IsConstruction(double x, double y, double slopeDegrees, int yearIndex) =>
        FirstBuiltYearIndex(x, y, slopeDegrees) <= yearIndex;

    private double NdviAt(double x, double y, byte clcd)
    {
        double b = clcd switch { 1 => 0.52, 2 => 0.78, 3 => 0.66, 4 => 0.55, 5 => 0.05, 7 => 0.18, 8 => 0.16, _ => 0.3 };
        return Math.Clamp(b + 0.08 * DemoNoise.Fbm(x, y, 2_000, 2, _seed, 30), 0.01, 0.95);
    }

    private double PrecipitationAt(double x, double y, double elevation)
    {
        double u = (x - DemoRegion.MinX) / DemoRegion.SideMeters, v = (DemoRegion.MaxY - y) / DemoRegion.SideMeters;
        return 1000 + 140 * u + 120 * v + 45 * DemoNoise.Fbm(x, y, 60_000, 2, _seed, 31) + 0.06 * (elevation - 1100);
    }

    private double TemperatureAt(double x, double y, double elevation)
    {
        double v = (DemoRegion.MaxY - y) / DemoRegion.SideMeters;
        return 15.6 - 0.0058 * (elevation - 1100) + 0.9 * v + 0.2 * DemoNoise.Fbm(x, y, 40_000, 2, _seed, 32);
    }
}
