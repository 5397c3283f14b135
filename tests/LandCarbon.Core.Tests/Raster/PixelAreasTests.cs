using System.Globalization;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Models;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Tests.Raster;

/// <summary>The true area model (docs/methods/raster.md §6): hand derivations, invariants and the GDAL/numpy oracle
/// (tests/data/oracles/area/pixel_area_oracle.py).</summary>
public class PixelAreasTests
{
    private static double Rad(double deg) => deg * Math.PI / 180;

    [Fact]
    public void SphereCell_IsRSquaredDeltaLambdaDeltaSinPhi()
    {
        var sphere = Ellipsoid.FromInverseFlattening(6371000, 0);
        double expected = 6371000.0 * 6371000 * Rad(1) * (Math.Sin(Rad(31)) - Math.Sin(Rad(30)));
        Assert.Equal(expected, sphere.CellArea(Rad(30), Rad(31), Rad(1)), expected * 1e-14);
    }

    [Fact]
    public void Wgs84Cells_SumToTheEllipsoidSurface()
    {
        // S = 2πa² + (πb²/e)·ln((1 + e)/(1 − e)) (surface of an oblate spheroid).
        var e = Ellipsoid.Wgs84;
        double ecc = e.E, b = e.B;
        double surface = 2 * Math.PI * e.A * e.A + Math.PI * b * b / ecc * Math.Log((1 + ecc) / (1 - ecc));
        double sum = 0;
        for (int lat = -90; lat < 90; lat++) sum += 360 * e.CellArea(Rad(lat), Rad(lat + 1), Rad(1));
        Assert.Equal(surface, sum, surface * 1e-12);
        Assert.Equal(510_065_621.7, surface / 1e6, 0.1); // km², the textbook WGS 84 surface
    }

    [Fact]
    public void TinyCell_KeepsFullPrecision()
    {
        // A 1 mm × 1 mm cell at 30° N: area ≈ M·N·cosφ·Δφ·Δλ; the closed form must not lose digits to cancellation.
        var e = Ellipsoid.Wgs84;
        double phi = Rad(30), s2 = Math.Sin(phi) * Math.Sin(phi);
        double n = e.A / Math.Sqrt(1 - e.E2 * s2), m = e.A * (1 - e.E2) / Math.Pow(1 - e.E2 * s2, 1.5);
        double lat1 = phi, lat2 = phi + 1e-3 / m, dphi = lat2 - lat1; // exact difference (Sterbenz)
        double dlam = 1e-3 / (n * Math.Cos(phi));
        double s2m = Math.Pow(Math.Sin((lat1 + lat2) / 2), 2);
        double expected = e.A / Math.Sqrt(1 - e.E2 * s2m) * e.A * (1 - e.E2) / Math.Pow(1 - e.E2 * s2m, 1.5) * Math.Cos((lat1 + lat2) / 2) * dphi * dlam;
        Assert.Equal(expected, e.CellArea(lat1, lat2, dlam), expected * 1e-9);
    }

    [Fact]
    public void TransverseMercator_ScaleIsK0OnTheCentralMeridianAndMatchesSnyderOffIt()
    {
        var tm = new TransverseMercatorScale(Ellipsoid.Wgs84, 0.9996);
        Assert.Equal(0.9996, tm.ScaleAt(0, 3_000_000), 1e-15);
        // Snyder (1987) eq. 8-11 at φ = 30°, Δλ = 3°: k = k0[1 + (1+C)A²/2 + (5 − 4T + 42C + 13C² − 28e'²)A⁴/24 + …],
        // with (x, y) of that point from ProjNET (UTM 49N, λ = 114°).
        var utm = CoordinateTransformer.FromWgs84(SpatialReferences.FromEpsg(32649));
        var (x, y) = utm.Forward(114, 30);
        double phi = Rad(30), e2 = Ellipsoid.Wgs84.E2, ep2 = e2 / (1 - e2);
        double t = Math.Tan(phi) * Math.Tan(phi), c = ep2 * Math.Cos(phi) * Math.Cos(phi), a = Rad(3) * Math.Cos(phi);
        double k = 0.9996 * (1 + (1 + c) * a * a / 2 + (5 - 4 * t + 42 * c + 13 * c * c - 28 * ep2) * Math.Pow(a, 4) / 24
            + (61 - 148 * t + 16 * t * t) * Math.Pow(a, 6) / 720);
        Assert.Equal(k, tm.ScaleAt(x - 500000, y), 2e-9);
    }

    [Fact]
    public void LambertConformalConic_ScaleIsOneOnBothStandardParallels()
    {
        // Snyder (1987) §15: the two standard parallels are true to scale; points placed there with ProjNET.
        string wkt = "PROJCS[\"LCC\"," + SpatialReferences.Wgs84GeogCs + ",PROJECTION[\"Lambert_Conformal_Conic_2SP\"]," +
            "PARAMETER[\"standard_parallel_1\",25],PARAMETER[\"standard_parallel_2\",47],PARAMETER[\"latitude_of_origin\",0]," +
            "PARAMETER[\"central_meridian\",105],PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]";
        var lcc = new LambertConformalConicScale(Ellipsoid.Wgs84, Rad(25), Rad(47), 0);
        var t = CoordinateTransformer.FromWgs84(new SpatialReference(null, wkt));
        foreach (double lat in new[] { 25.0, 47.0 })
        {
            var (x, y) = t.Forward(110, lat);
            Assert.Equal(1, lcc.ScaleAt(x, y), 1e-9);
        }
        var (x0, y0) = t.Forward(105, 36);
        Assert.True(lcc.ScaleAt(x0, y0) < 0.99); // between the parallels the map shrinks
        var grid = new GridSpec(100, 100, GeoTransform.NorthUp(x0, y0, 30), new SpatialReference(null, wkt));
        Assert.StartsWith("true: Lambert conformal conic", PixelAreas.For(grid, AreaModel.True, "l.tif").Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Interpolation_IsWithin1e9OfTheDirectPixelMean()
    {
        // 30 m UTM pixels over the Wuhan extent, and 1 km Gauss–Krüger pixels reaching 8° from the central meridian.
        foreach (var grid in new[]
        {
            new GridSpec(2931, 2931, GeoTransform.NorthUp(716000, 3440000, 30), SpatialReferences.FromEpsg(32649)),
            new GridSpec(900, 700, GeoTransform.NorthUp(-300000, 5000000, 1000), SpatialReferences.FromEpsg(4544)),
        })
        {
            var areas = PixelAreas.For(grid, AreaModel.True, "grid");
            Assert.False(areas.IsUniform);
            var rng = new Random(7);
            var window = new PixelWindow(0, 0, grid.Width, 3);
            var buf = new double[window.PixelCount];
            double worst = 0;
            for (int trial = 0; trial < 40; trial++)
            {
                int row = rng.Next(grid.Height - 3), col = rng.Next(grid.Width - 50);
                var w = new PixelWindow(col, row, 50, 3);
                areas.Fill(w, buf);
                for (int r = 0; r < 3; r++)
                    for (int c = 0; c < 50; c++)
                    {
                        double direct = grid.Transform.PixelArea * areas.MeanInverseArealScale(row + r, col + c);
                        worst = Math.Max(worst, Math.Abs(buf[r * 50 + c] / direct - 1));
                    }
            }
            Assert.True(worst < 1e-9, $"{grid.Crs}: worst relative interpolation error {worst:E2}");
        }
    }

    [Fact]
    public void Fill_IsAPureFunctionOfRowAndColumn()
    {
        var grid = new GridSpec(600, 500, GeoTransform.NorthUp(716000, 3440000, 30), SpatialReferences.FromEpsg(32649));
        var areas = PixelAreas.For(grid, AreaModel.True, "grid");
        var whole = new double[grid.PixelCount];
        areas.Fill(grid.Extent, whole);
        foreach (var (tw, th) in new[] { (1, 1), (7, 13), (256, 256), (600, 1) })
        {
            for (int r0 = 0; r0 < grid.Height; r0 += Math.Max(th, 97))
                for (int c0 = 0; c0 < grid.Width; c0 += Math.Max(tw, 89))
                {
                    var w = new PixelWindow(c0, r0, Math.Min(tw, grid.Width - c0), Math.Min(th, grid.Height - r0));
                    var part = new double[w.PixelCount];
                    areas.Fill(w, part);
                    for (int r = 0; r < w.Height; r++)
                        for (int c = 0; c < w.Width; c++)
                            Assert.Equal(whole[(long)(r0 + r) * grid.Width + c0 + c], part[r * w.Width + c]);
                }
        }
    }

    [Fact]
    public void EqualAreaAndNominal_AreTheGeotransformArea()
    {
        var albers = new GridSpec(10, 10, GeoTransform.NorthUp(0, 3_000_000, 30), SpatialReferences.ClcdAlbers);
        var a = PixelAreas.For(albers, AreaModel.True, "a.tif");
        Assert.True(a.IsUniform);
        Assert.Equal(900, a.UniformAreaM2);
        var utm = new GridSpec(10, 10, GeoTransform.NorthUp(716000, 3440000, 30), SpatialReferences.FromEpsg(32649));
        var n = PixelAreas.For(utm, AreaModel.Nominal, "u.tif");
        Assert.True(n.IsUniform);
        Assert.Equal(900, n.UniformAreaM2);
        Assert.StartsWith("nominal", n.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Geographic_RowAreaIsTheEllipsoidalCell()
    {
        var grid = new GridSpec(100, 100, new GeoTransform(114, 0.00025, 0, 31, 0, -0.00025), SpatialReferences.Wgs84);
        var areas = PixelAreas.For(grid, AreaModel.True, "g.tif");
        Assert.True(areas.IsPerRow);
        double expected = Ellipsoid.Wgs84.CellArea(Rad(31 - 0.00025 * 11), Rad(31 - 0.00025 * 10), Rad(0.00025));
        Assert.Equal(expected, areas.AreaM2(10, 42), expected * 1e-9);
        Assert.InRange(expected, 640, 700); // ≈ 27.8 m × 23.8 m
    }

    [Fact]
    public void WebMercator_RowAreaIsTheCellOfItsLatitudes()
    {
        // Inverse spherical Mercator by hand: φ = 2·atan(exp(y/a)) − π/2.
        double a = 6378137, y0 = 3_500_000, px = 30;
        var grid = new GridSpec(10, 10, GeoTransform.NorthUp(12_700_000, y0, px), SpatialReferences.FromEpsg(3857));
        var areas = PixelAreas.For(grid, AreaModel.True, "m.tif");
        double lat1 = 2 * Math.Atan(Math.Exp((y0 - 3 * px) / a)) - Math.PI / 2, lat2 = 2 * Math.Atan(Math.Exp((y0 - 4 * px) / a)) - Math.PI / 2;
        double expected = Ellipsoid.Wgs84.CellArea(lat2, lat1, px / a);
        Assert.Equal(expected, areas.AreaM2(3, 5), expected * 1e-12);
        Assert.InRange(900 / expected, 1.30, 1.36); // Web Mercator overstates by about a third near 30° N
    }

    [Fact]
    public void Errors_NameTheFileAndTheProblem()
    {
        var none = new GridSpec(10, 10, GeoTransform.NorthUp(0, 0, 30), SpatialReference.None);
        var e1 = Assert.Throws<InputException>(() => PixelAreas.For(none, AreaModel.True, "lu_2000.tif"));
        Assert.Contains("lu_2000.tif: the raster has no coordinate reference system", e1.Message, StringComparison.Ordinal);
        var geo = new GridSpec(10, 10, new GeoTransform(114, 0.001, 0, 31, 0, -0.001), SpatialReferences.Wgs84);
        var e2 = Assert.Throws<InputException>(() => PixelAreas.For(geo, AreaModel.Nominal, "g.tif"));
        Assert.Contains("accounting.areaModel: nominal needs a projected CRS", e2.Message, StringComparison.Ordinal);
        var unknown = new GridSpec(10, 10, GeoTransform.NorthUp(0, 0, 30), new SpatialReference(2154, ""));
        var e3 = Assert.Throws<InputException>(() => PixelAreas.For(unknown, AreaModel.True, "l93.tif"));
        Assert.Contains("l93.tif: EPSG:2154", e3.Message, StringComparison.Ordinal);
        string cassini = "PROJCS[\"Cassini\"," + SpatialReferences.Wgs84GeogCs + ",PROJECTION[\"Cassini_Soldner\"],PARAMETER[\"latitude_of_origin\",0]," +
            "PARAMETER[\"central_meridian\",0],PARAMETER[\"false_easting\",0],PARAMETER[\"false_northing\",0],UNIT[\"metre\",1]]";
        var cas = new GridSpec(10, 10, GeoTransform.NorthUp(0, 0, 30), new SpatialReference(null, cassini));
        var e4 = Assert.Throws<InputException>(() => PixelAreas.For(cas, AreaModel.True, "c.tif"));
        Assert.Contains("no area model for the projection 'Cassini_Soldner'", e4.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FeetGrid_IsConvertedToSquareMetres()
    {
        string wkt = SpatialReferences.AlbersWkt("ft", SpatialReferences.Wgs84GeogCs, 25, 47, 0, 105, 0, 0)
            .Replace("UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]]", "UNIT[\"US survey foot\",0.304800609601219]", StringComparison.Ordinal);
        var grid = new GridSpec(10, 10, GeoTransform.NorthUp(0, 0, 100), new SpatialReference(null, wkt));
        var areas = PixelAreas.For(grid, AreaModel.True, "f.tif");
        Assert.Equal(100 * 100 * 0.304800609601219 * 0.304800609601219, areas.UniformAreaM2, 1e-9);
    }

    /// <summary>The UTM originals: Σ true area per class equals the oracle's (tests/data/oracles/area/wh*_utm49n.csv).</summary>
    [Theory]
    [InlineData("wh2003_refy")]
    [InlineData("wh2013_refy")]
    public void WuhanUtm_ClassAreasEqualTheOracle(string name)
    {
        using var r = GeoTiffReader.Open(TestData.Shared($"lulc-wuhan-30m/{name}.tif"));
        var areas = PixelAreas.For(r.Grid, AreaModel.True, r.Path);
        var oracle = ReadOracle(TestData.Repo($"oracles/area/{name}_utm49n.csv"));
        var ours = ClassAreas(r, areas, new TileOptions { TileWidth = 300, TileHeight = 200, MaxDegreeOfParallelism = 2 });
        foreach (var (code, (px, m2)) in oracle)
        {
            if (code == "total") continue;
            int c = int.Parse(code, CultureInfo.InvariantCulture);
            Assert.Equal(px, ours[c].Pixels);
            Assert.True(Math.Abs(ours[c].AreaM2 / m2 - 1) < 1e-6, $"code {c}: ours {ours[c].AreaM2:R}, oracle {m2:R}");
        }
        Assert.Equal(oracle["total"].AreaM2, areas.ValidAreaM2(r), oracle["total"].AreaM2 * 1e-6);
    }

    internal static Dictionary<string, (long Pixels, double AreaM2)> ReadOracle(string path) =>
        File.ReadAllLines(path).Skip(1).Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => (long.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture)));

    internal static Dictionary<int, (long Pixels, double AreaM2)> ClassAreas(IRasterReader r, PixelAreas areas, TileOptions tiles)
    {
        var g = r.Grid;
        double? nd = r.NoData;
        var layout = tiles.LayoutFor(g.Width, g.Height, r.BlockWidth, r.BlockHeight);
        var acc = TileProcessor.Accumulate(layout, tiles, () => new Dictionary<int, (long, LandCarbon.Core.Numerics.ExactSum)>(), (w, d) =>
        {
            var v = new double[w.PixelCount];
            var a = new double[w.PixelCount];
            r.Read<double>(w, v);
            areas.Fill(w, a);
            for (int i = 0; i < v.Length; i++)
            {
                if (v[i] == nd) continue;
                var (n, s) = d.GetValueOrDefault((int)v[i]);
                s.Add(a[i]);
                d[(int)v[i]] = (n + 1, s);
            }
        }, (x, y) =>
        {
            foreach (var (k, (n, s)) in y)
            {
                var (n0, s0) = x.GetValueOrDefault(k);
                s0.Add(s);
                x[k] = (n0 + n, s0);
            }
        });
        return acc.ToDictionary(kv => kv.Key, kv => (kv.Value.Item1, kv.Value.Item2.Value));
    }
}
