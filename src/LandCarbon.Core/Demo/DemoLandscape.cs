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
        _landUse = [.. DemoRegion.Years.Select(_ => new byte[maxPixels])];
    }

    private readonly byte[][] _landUse;

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

    private DemoNoise.Cache? _noise;
    private DemoRows? _rows;

    /// <summary>The sites that can change this tile's pixels (<see cref="DemoLandscape.Fill(PixelWindow, DemoTile)"/> selects them).</summary>
    internal DemoSites Sites { get; } = new();

    /// <summary>Row buffers of at least <paramref name="width"/> points.</summary>
    internal DemoRows RowsFor(int width) => _rows is { } r && r.X.Length >= width ? r : _rows = new DemoRows(width);

    /// <summary>This tile's (thread's) lattice cache for noise of <paramref name="seed"/>.</summary>
    internal DemoNoise.Cache NoiseFor(ulong seed) => _noise is { } c && c.Seed == seed ? c : _noise = new DemoNoise.Cache(seed);

    internal void EnsureScratch(int n)
    {
        if (ScratchZ.Length >= n) return;
        ScratchZ = new double[n];
        ScratchMain = new double[n];
        ScratchTrib = new double[n];
    }

    /// <summary>CLCD code (1–9) per year, in the order of <see cref="DemoRegion.Years"/>.</summary>
    public IReadOnlyList<byte[]> LandUse => _landUse;

    /// <summary><see cref="LandUse"/> as an array: indexing it per pixel takes no interface call.</summary>
    internal byte[][] LandUseByYear => _landUse;
}

/// <summary>Per-row noise fields and terrain of a tile being generated (reused from tile to tile).</summary>
internal sealed class DemoRows(int width)
{
    public double[] X { get; } = new double[width];
    public double[] XEast { get; } = new double[width];
    public double[] Plateau { get; } = new double[width];
    public double[] Karst { get; } = new double[width];
    public double[] KarstFine { get; } = new double[width];
    public double[] MainField { get; } = new double[width];
    public double[] TribField { get; } = new double[width];
    public double[] Z { get; } = new double[width];
    public double[] Main { get; } = new double[width];
    public double[] Trib { get; } = new double[width];
    public double[] ZEast { get; } = new double[width];
    public double[] ZNorth { get; } = new double[width];
    public double[] Scratch1 { get; } = new double[width];
    public double[] Scratch2 { get; } = new double[width];
    public double[] Crop { get; } = new double[width];
    public double[] Shape { get; } = new double[width];
    public double[] Vegetation { get; } = new double[width];
    public double[] Rock { get; } = new double[width];
    public double[] Ndvi { get; } = new double[width];
    public double[] Precipitation { get; } = new double[width];
    public double[] Temperature { get; } = new double[width];
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
        _coreRadiusMax2 = [.. _coreRadius.Select(r => r.Max() * r.Max())];
        _parkRadiusMax2 = [.. _parkRadius.Select(r => r.Max() * r.Max())];
        _townRadiusMax2 = _townRadius.Max() * _townRadius.Max();
        _corridorWidthMax = _corridorWidth.Max();
    }

    private readonly double[][] _coreRadius, _parkRadius;
    private readonly double[] _townRadius, _corridorWidth, _corridorGate, _villageThreshold;
    private readonly double[] _coreRadiusMax2, _parkRadiusMax2;
    private readonly double _townRadiusMax2, _corridorWidthMax;

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
    public void Fill(PixelWindow window, DemoTile tile) => Fill(window, tile, pruned: true);

    /// <summary>
    /// <see cref="Fill(PixelWindow, DemoTile)"/>; with <paramref name="pruned"/> the per-pixel tests only visit the
    /// sites that can reach the window (<see cref="DemoSites"/>), otherwise every site (the reference path, the
    /// same bits).
    /// </summary>
    internal void Fill(PixelWindow window, DemoTile tile, bool pruned)
    {
        ArgumentNullException.ThrowIfNull(tile);
        var t = Grid.Transform;
        int years = DemoRegion.Years.Count;
        Span<byte> codes = stackalloc byte[years];
        var n = tile.NoiseFor(_seed);
        int width = window.Width, mw = width + 1;
        var rows = tile.RowsFor(mw);
        var sites = pruned ? SelectSites(window, tile.Sites) : DemoSites.All;
        var landUse = tile.LandUseByYear;
        // The noise fields every pixel needs are evaluated a row at a time (DemoNoise.Cache.FbmRow, bit for bit the
        // per-point functions); the rest stays per pixel. With 30 m pixels the slope step is one pixel: evaluate the
        // terrain once per pixel on the window plus a margin (one column east, one row north) instead of three
        // times per pixel.
        bool shared = t.PixelWidth == SlopeStepMeters && -t.PixelHeight == SlopeStepMeters;
        if (shared)
        {
            tile.EnsureScratch(mw * (window.Height + 1));
            for (int r = -1; r < window.Height; r++)
            {
                double y = RowX(t, window.Col, window.Row + r, rows.X.AsSpan(0, mw));
                int j = (r + 1) * mw;
                ElevationRow(rows.X.AsSpan(0, mw), y, n, rows, sites, tile.ScratchZ.AsSpan(j, mw), tile.ScratchMain.AsSpan(j, mw),
                    tile.ScratchTrib.AsSpan(j, mw));
            }
        }
        for (int r = 0; r < window.Height; r++)
        {
            var xs = rows.X.AsSpan(0, width);
            double y = RowX(t, window.Col, window.Row + r, xs);
            if (!shared)
            {
                // Pixel(x, y): the terrain at the point, one step east and one step north.
                ElevationRow(xs, y, n, rows, sites, rows.Z.AsSpan(0, width), rows.Main.AsSpan(0, width), rows.Trib.AsSpan(0, width));
                for (int c = 0; c < width; c++) rows.XEast[c] = xs[c] + SlopeStepMeters;
                ElevationRow(rows.XEast.AsSpan(0, width), y, n, rows, sites, rows.ZEast.AsSpan(0, width),
                    rows.Scratch1.AsSpan(0, width), rows.Scratch2.AsSpan(0, width));
                ElevationRow(xs, y + SlopeStepMeters, n, rows, sites, rows.ZNorth.AsSpan(0, width), rows.Scratch1.AsSpan(0, width),
                    rows.Scratch2.AsSpan(0, width));
            }
            n.FbmRow(xs, y, 2_500, 3, 10, rows.Crop);
            n.FbmRow(xs, y, 4_000, 3, 20, rows.Shape);
            n.FbmRow(xs, y, 4_000, 3, 13, rows.Vegetation);
            n.FbmRow(xs, y, 5_000, 3, 2, rows.Rock);
            n.FbmRow(xs, y, 2_000, 2, 30, rows.Ndvi);
            n.FbmRow(xs, y, 60_000, 2, 31, rows.Precipitation);
            n.FbmRow(xs, y, 40_000, 2, 32, rows.Temperature);
            for (int c = 0; c < width; c++)
            {
                int i = r * width + c;
                double x = xs[c];
                Terrain p;
                if (shared)
                {
                    int j = (r + 1) * mw + c;
                    p = Slope(tile.ScratchZ[j], tile.ScratchZ[j + 1], tile.ScratchZ[j - mw], tile.ScratchMain[j], tile.ScratchTrib[j]);
                }
                else p = Slope(rows.Z[c], rows.ZEast[c], rows.ZNorth[c], rows.Main[c], rows.Trib[c]);
                tile.DemMeters[i] = (float)p.Elevation;
                tile.SlopeDegrees[i] = (float)p.Slope;
                tile.CountyIndex[i] = (byte)DemoRegion.NearestCounty(x, y, sites.Counties);
                LandUseAt(x, y, p, codes, n, new LandFields(rows.Crop[c], rows.Shape[c], rows.Vegetation[c], rows.Rock[c]), sites);
                for (int k = 0; k < years; k++) landUse[k][i] = codes[k];
                tile.Ndvi[i] = (float)NdviAt(codes[years - 1], rows.Ndvi[c]);
                tile.PrecipitationMm[i] = (float)PrecipitationAt(x, y, p.Elevation, rows.Precipitation[c]);
                tile.TemperatureC[i] = (float)TemperatureAt(y, p.Elevation, rows.Temperature[c]);
            }
        }
    }

    /// <summary>The sites that can reach <paramref name="window"/>, into <paramref name="sites"/>: the box of the
    /// pixel centres, widened by the terrain's step east and north and a metre for rounding.</summary>
    private DemoSites SelectSites(PixelWindow window, DemoSites sites)
    {
        var t = Grid.Transform;
        var first = t.PixelCenter(window.Col, window.Row);
        var last = t.PixelCenter(window.ColEnd - 1, window.RowEnd - 1);
        double step = Math.Max(SlopeStepMeters, Math.Max(Math.Abs(t.PixelWidth), Math.Abs(t.PixelHeight))) + 1;
        sites.Select(Math.Min(first.X, last.X) - step, Math.Max(first.X, last.X) + step,
            Math.Min(first.Y, last.Y) - step, Math.Max(first.Y, last.Y) + step,
            _coreRadiusMax2, _parkRadiusMax2, _townRadiusMax2, _corridorWidthMax);
        return sites;
    }

    /// <summary>Map x of the centres of <paramref name="xs"/>.Length pixels from column <paramref name="col"/> of
    /// pixel row <paramref name="row"/>; returns the row's map y (north-up: the same for every pixel).</summary>
    private static double RowX(GeoTransform t, int col, int row, Span<double> xs)
    {
        double y = t.PixelCenter(col, row).Y;
        for (int c = 0; c < xs.Length; c++) xs[c] = t.PixelCenter(col + c, row).X;
        return y;
    }

    /// <summary>Terrain facts at one point.</summary>
    public readonly record struct Terrain(double Elevation, double Slope, double MainRiver, double Tributary);

    /// <summary>Elevation, slope and river proximity at map point (x, y).</summary>
    public Terrain Pixel(double x, double y) => Pixel(x, y, new DemoNoise.Cache(_seed));

    private Terrain Pixel(double x, double y, DemoNoise.Cache n)
    {
        var (e, main, trib) = Elevation(x, y, n);
        double ex = Elevation(x + SlopeStepMeters, y, n).Z, ey = Elevation(x, y + SlopeStepMeters, n).Z;
        return Slope(e, ex, ey, main, trib);
    }

    /// <summary>The terrain from the elevation at a point, one step east and one step north.</summary>
    private static Terrain Slope(double e, double ex, double ey, double main, double trib)
    {
        double g = Math.Sqrt((ex - e) * (ex - e) + (ey - e) * (ey - e)) / SlopeStepMeters;
        return new Terrain(e, Math.Atan(g) * 180 / Math.PI, main, trib);
    }

    /// <summary>Elevation (m) and the valley weights of the main river and tributary networks (0…1).</summary>
    public (double Z, double Main, double Trib) Elevation(double x, double y) => Elevation(x, y, new DemoNoise.Cache(_seed));

    private (double Z, double Main, double Trib) Elevation(double x, double y, DemoNoise.Cache n) =>
        Elevation(x, y, n, n.Fbm(x, y, 70_000, 4, 1), n.Fbm(x, y, 5_000, 2, 2), n.Fbm(x, y, 1_300, 2, 3),
            n.Fbm(x, y, 55_000, 2, 4), n.Fbm(x, y, 11_000, 2, 5), DemoSites.All.Basins);

    /// <summary><see cref="Elevation(double, double)"/> along a row (x non-decreasing).</summary>
    private void ElevationRow(ReadOnlySpan<double> xs, double y, DemoNoise.Cache n, DemoRows rows, DemoSites sites,
        Span<double> z, Span<double> main, Span<double> trib)
    {
        n.FbmRow(xs, y, 70_000, 4, 1, rows.Plateau);
        n.FbmRow(xs, y, 5_000, 2, 2, rows.Karst);
        n.FbmRow(xs, y, 1_300, 2, 3, rows.KarstFine);
        n.FbmRow(xs, y, 55_000, 2, 4, rows.MainField);
        n.FbmRow(xs, y, 11_000, 2, 5, rows.TribField);
        for (int c = 0; c < xs.Length; c++)
            (z[c], main[c], trib[c]) = Elevation(xs[c], y, n, rows.Plateau[c], rows.Karst[c], rows.KarstFine[c], rows.MainField[c],
                rows.TribField[c], sites.Basins);
    }

    /// <summary>The elevation from its noise fields: plateau fBm (channel 1), the fBm under the two ridged karst
    /// fields (channels 2 and 3), and the fBm whose zero sets are the main rivers and the tributaries (4 and 5);
    /// the karst basins of the cores listed in <paramref name="basins"/> (the others are too far to count).</summary>
    private static (double Z, double Main, double Trib) Elevation(double x, double y, DemoNoise.Cache n, double plateauFbm,
        double karstFbm, double karstFineFbm, double n1, double n2, ReadOnlySpan<int> basins)
    {
        double u = (x - DemoRegion.MinX) / DemoRegion.SideMeters, v = (DemoRegion.MaxY - y) / DemoRegion.SideMeters;
        double plateau = 1250 + 320 * plateauFbm + 260 * (0.5 - u) - 80 * v;
        // Karst relief: peak clusters (fengcong) of two sizes on the plateau.
        double karst = 220 * DemoNoise.RidgedOf(karstFbm) + 190 * DemoNoise.RidgedOf(karstFineFbm);
        double main = Math.Exp(-(n1 / 0.05) * (n1 / 0.05));
        double trib = Math.Exp(-(n2 / 0.07) * (n2 / 0.07));
        double z = plateau + karst * (1 - main) * (1 - 0.75 * trib) - 300 * main - 110 * trib;
        foreach (int k in basins)
        {
            var core = DemoRegion.CoreArray[k];
            double dx = x - core.X, dy = y - core.Y;
            double b = core.BasinRadiusKm * 1000;
            double q = (dx * dx + dy * dy) / (b * b);
            // exp(−9.25) < 1e-4: skip the exponential where the weight is certainly under the cut.
            if (q > 9.25) continue;
            double w = Math.Exp(-q);
            if (w < 1e-4) continue;
            double floor = core.BasinElevationM + 25 * n.Fbm(x, y, 3_000, 2, 6) - 40 * main;
            z = z * (1 - w) + floor * w;
        }
        return (z, main, trib);
    }

    /// <summary>The fBm fields of the land-use rules at one point: cropland suitability (channel 10), the shape of
    /// built-up areas (20), vegetation (13) and the fBm under the ridged rock field (2).</summary>
    private readonly record struct LandFields(double Crop, double Shape, double Vegetation, double RockFbm);

    /// <summary>CLCD codes of (x, y) for every year, written to <paramref name="codes"/>.</summary>
    private void LandUseAt(double x, double y, Terrain p, Span<byte> codes, DemoNoise.Cache n, LandFields f, DemoSites sites)
    {
        const byte Crop = 1, Forest = 2, Shrub = 3, Grass = 4, Water = 5, Barren = 7, Impervious = 8;
        if (p.MainRiver > 0.97)
        {
            codes.Fill(Water);
            return;
        }
        int built = FirstBuiltYearIndex(x, y, p.Slope, n, f.Shape, sites);
        byte natural;
        int returnsAt = int.MaxValue, restoredAt = int.MaxValue;
        double cropSuit = 0.55 * f.Crop + 0.9 * (1 - p.Slope / 22)
            + 0.5 * p.Tributary + 0.4 * p.MainRiver;
        if (cropSuit > 0.55)
        {
            natural = Crop;
            if (p.Slope >= 12)
            {
                // Steep slope farmland returns to forest / grassland once its patch's turn comes.
                double turn = n.Value(x / 400, y / 400, 11);
                for (int k = 0; k < ReturnShare.Length; k++)
                    if (turn < ReturnShare[k]) { returnsAt = k; break; }
            }
        }
        else
        {
            double veg = f.Vegetation;
            double rock = DemoNoise.RidgedOf(f.RockFbm);
            if (rock > 0.8 && p.Slope > 18 && veg < 0.1)
            {
                // Rocky desertification, partly restored to grassland after 2010.
                natural = Barren;
                double fix = n.Value(x / 500, y / 500, 14);
                for (int k = 0; k < codes.Length; k++)
                    if (DemoRegion.Years[k] >= 2015 && fix < (DemoRegion.Years[k] - 2010) / 40.0) { restoredAt = k; break; }
            }
            else natural = veg > 0.05 ? Forest : veg > -0.2 ? Shrub : Grass;
        }
        byte returned = returnsAt == int.MaxValue ? Crop : n.Value(x / 900, y / 900, 12) < 0.65 ? Forest : Grass;
        for (int k = 0; k < codes.Length; k++)
            codes[k] = k >= built ? Impervious : k >= returnsAt ? returned : k >= restoredAt ? Grass : natural;
    }

    /// <summary>
    /// Index of the first year in which (x, y) is built up (cores, parks, corridors, county towns, villages), or
    /// int.MaxValue; radii only grow, so construction never reverts. Nothing is built on slopes of 15° or more.
    /// Only the sites in <paramref name="sites"/> are tested (the others cannot reach the point).
    /// </summary>
    private int FirstBuiltYearIndex(double x, double y, double slopeDegrees, DemoNoise.Cache n, double shapeFbm, DemoSites sites)
    {
        if (slopeDegrees >= 15) return int.MaxValue;
        double shape = 1 + 0.45 * shapeFbm;
        int first = int.MaxValue;
        // A centre farther than its largest radius ÷ shape (with a margin far above rounding) cannot be within
        // any year's radius: only the squared distance is computed for it, and the answer is the same.
        double reach = Slack / (shape * shape);
        var cores = DemoRegion.CoreArray;
        foreach (int c in sites.Cores)
            first = Math.Min(first, FirstWithin(x, y, cores[c].X, cores[c].Y, shape, reach, _coreRadius[c], _coreRadiusMax2[c]));
        var parks = DemoRegion.ParkArray;
        foreach (int c in sites.Parks)
            first = Math.Min(first, FirstWithin(x, y, parks[c].X, parks[c].Y, shape, reach, _parkRadius[c], _parkRadiusMax2[c]));
        var counties = DemoRegion.CountyArray;
        double town2 = _townRadiusMax2;
        foreach (int c in sites.Towns)
            first = Math.Min(first, FirstWithin(x, y, counties[c].X, counties[c].Y, shape, reach, _townRadius, town2));
        if (first == 0) return 0;
        // Likewise a corridor whose bounding box is farther than the widest corridor ÷ shape (plus a metre).
        double corridorReach = _corridorWidthMax / shape + 1;
        double gate = double.NaN;
        foreach (int c in sites.Corridors)
        {
            var (x0, y0, x1, y1) = DemoRegion.CorridorArray[c];
            if (x < Math.Min(x0, x1) - corridorReach || x > Math.Max(x0, x1) + corridorReach
                || y < Math.Min(y0, y1) - corridorReach || y > Math.Max(y0, y1) + corridorReach) continue;
            if (double.IsNaN(gate)) gate = n.Value(x / 1_500, y / 1_500, 21);
            double d = DemoRegion.SegmentDistance(x, y, x0, y0, x1, y1).Distance * shape;
            for (int k = 0; k < Math.Min(first, _corridorWidth.Length); k++)
                if (d < _corridorWidth[k] && gate < _corridorGate[k]) { first = k; break; }
        }
        if (slopeDegrees < 8)
        {
            double v = n.Value(x / 350, y / 350, 22);
            for (int k = 0; k < Math.Min(first, _villageThreshold.Length); k++)
                if (v > _villageThreshold[k]) { first = k; break; }
        }
        return first;
    }

    private const double Slack = 1 + 1e-6;

    private static int FirstWithin(double x, double y, double x0, double y0, double shape, double reach, double[] radiusByYear, double maxRadius2)
    {
        double dx = x - x0, dy = y - y0, d2 = dx * dx + dy * dy;
        if (d2 > maxRadius2 * reach) return int.MaxValue;
        double d = Math.Sqrt(d2) * shape;
        for (int k = 0; k < radiusByYear.Length; k++)
            if (d < radiusByYear[k]) return k;
        return int.MaxValue;
    }

    /// <summary>True when (x, y) is built up in the year with index <paramref name="yearIndex"/>.</summary>
    public bool IsConstruction(double x, double y, double slopeDegrees, int yearIndex) =>
        IsConstruction(x, y, slopeDegrees, yearIndex, new DemoNoise.Cache(_seed));

    private bool IsConstruction(double x, double y, double slopeDegrees, int yearIndex, DemoNoise.Cache n) =>
        FirstBuiltYearIndex(x, y, slopeDegrees, n, n.Fbm(x, y, 4_000, 3, 20), DemoSites.All) <= yearIndex;

    private static double NdviAt(byte clcd, double fbm)
    {
        double b = clcd switch { 1 => 0.52, 2 => 0.78, 3 => 0.66, 4 => 0.55, 5 => 0.05, 7 => 0.18, 8 => 0.16, _ => 0.3 };
        return Math.Clamp(b + 0.08 * fbm, 0.01, 0.95);
    }

    private static double PrecipitationAt(double x, double y, double elevation, double fbm)
    {
        double u = (x - DemoRegion.MinX) / DemoRegion.SideMeters, v = (DemoRegion.MaxY - y) / DemoRegion.SideMeters;
        return 1000 + 140 * u + 120 * v + 45 * fbm + 0.06 * (elevation - 1100);
    }

    private static double TemperatureAt(double y, double elevation, double fbm)
    {
        double v = (DemoRegion.MaxY - y) / DemoRegion.SideMeters;
        return 15.6 - 0.0058 * (elevation - 1100) + 0.9 * v + 0.2 * fbm;
    }
}
