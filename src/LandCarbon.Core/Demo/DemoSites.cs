namespace LandCarbon.Core.Demo;

/// <summary>
/// The sites of <see cref="DemoRegion"/> (urban cores, parks, county seats, corridors) that can change a pixel of one
/// tile, as index lists in the region's order. A site left out is one whose test certainly fails for every point of
/// the tile (with a wide margin over the shapes and rounding), so the per-pixel loops over these lists give the
/// same answers, bit for bit, as loops over all sites; at 30 m pixels a tile holds one to three of the 41 sites
/// instead of all of them. <see cref="All"/> lists every site: the per-point functions and the reference path.
/// </summary>
internal sealed class DemoSites
{
    /// <summary>Lists of every site (the reference, and the upper bound of every list's length).</summary>
    public static DemoSites All { get; } = new();

    private readonly int[] _cores, _parks, _towns, _corridors, _counties, _basins;
    private int _coreCount, _parkCount, _townCount, _corridorCount, _countyCount, _basinCount;

    /// <summary>Lists holding every site.</summary>
    public DemoSites()
    {
        _cores = Indices(DemoRegion.CoreArray.Length, out _coreCount);
        _parks = Indices(DemoRegion.ParkArray.Length, out _parkCount);
        _towns = Indices(DemoRegion.CountyArray.Length, out _townCount);
        _corridors = Indices(DemoRegion.CorridorArray.Length, out _corridorCount);
        _counties = Indices(DemoRegion.CountyArray.Length, out _countyCount);
        _basins = Indices(DemoRegion.CoreArray.Length, out _basinCount);
    }

    private static int[] Indices(int n, out int count)
    {
        count = n;
        return [.. Enumerable.Range(0, n)];
    }

    /// <summary>Cores whose built-up area may reach the tile.</summary>
    public ReadOnlySpan<int> Cores => _cores.AsSpan(0, _coreCount);

    /// <summary>Parks whose built-up area may reach the tile.</summary>
    public ReadOnlySpan<int> Parks => _parks.AsSpan(0, _parkCount);

    /// <summary>County seats whose town may reach the tile.</summary>
    public ReadOnlySpan<int> Towns => _towns.AsSpan(0, _townCount);

    /// <summary>Corridors whose bounding box, widened by the widest corridor, meets the tile.</summary>
    public ReadOnlySpan<int> Corridors => _corridors.AsSpan(0, _corridorCount);

    /// <summary>Counties whose seat may be the nearest one to a point of the tile.</summary>
    public ReadOnlySpan<int> Counties => _counties.AsSpan(0, _countyCount);

    /// <summary>Cores whose karst basin may lower a point of the tile.</summary>
    public ReadOnlySpan<int> Basins => _basins.AsSpan(0, _basinCount);

    /// <summary>
    /// Keeps the sites that can matter for points in the box [<paramref name="xMin"/>, <paramref name="xMax"/>] ×
    /// [<paramref name="yMin"/>, <paramref name="yMax"/>]. Radii are the largest of any year (squared):
    /// <paramref name="coreRadius2"/>, <paramref name="parkRadius2"/>, <paramref name="townRadius2"/>; a corridor
    /// counts within <paramref name="corridorWidth"/> of its bounding box.
    /// </summary>
    public void Select(double xMin, double xMax, double yMin, double yMax, ReadOnlySpan<double> coreRadius2,
        ReadOnlySpan<double> parkRadius2, double townRadius2, double corridorWidth)
    {
        var cores = DemoRegion.CoreArray;
        var parks = DemoRegion.ParkArray;
        var counties = DemoRegion.CountyArray;
        // A built-up area reaches radius ÷ shape, and the shape factor 1 + 0.45 × fBm is at least 0.55 (the fBm is
        // at least −1): a centre more than twice its largest radius from the box reaches none of its points.
        _coreCount = _parkCount = _townCount = _corridorCount = _countyCount = _basinCount = 0;
        for (int c = 0; c < cores.Length; c++)
            if (BoxDistance2(cores[c].X, cores[c].Y) <= 4 * coreRadius2[c]) _cores[_coreCount++] = c;
        for (int c = 0; c < parks.Length; c++)
            if (BoxDistance2(parks[c].X, parks[c].Y) <= 4 * parkRadius2[c]) _parks[_parkCount++] = c;
        for (int c = 0; c < counties.Length; c++)
            if (BoxDistance2(counties[c].X, counties[c].Y) <= 4 * townRadius2) _towns[_townCount++] = c;
        // Likewise a corridor reaches its width ÷ shape (plus a metre) beyond its bounding box.
        double reach = 2 * corridorWidth + 2;
        var corridors = DemoRegion.CorridorArray;
        for (int c = 0; c < corridors.Length; c++)
        {
            var (x0, y0, x1, y1) = corridors[c];
            if (xMax >= Math.Min(x0, x1) - reach && xMin <= Math.Max(x0, x1) + reach
                && yMax >= Math.Min(y0, y1) - reach && yMin <= Math.Max(y0, y1) + reach)
                _corridors[_corridorCount++] = c;
        }
        // A basin weighs exp(−q) with q = d² ÷ r², and points with q over 9.25 are skipped (margin 1 %).
        for (int c = 0; c < cores.Length; c++)
        {
            double b = cores[c].BasinRadiusKm * 1000;
            if (BoxDistance2(cores[c].X, cores[c].Y) <= 9.25 * 1.01 * (b * b)) _basins[_basinCount++] = c;
        }
        // A seat nearer to no point of the box than some other seat is to every point (margin 1 %) is never the
        // nearest; the kept seats stay in index order, so ties go to the same seat.
        double farthestOfNearest = double.MaxValue;
        for (int c = 0; c < counties.Length; c++)
            farthestOfNearest = Math.Min(farthestOfNearest, BoxFarthest2(counties[c].X, counties[c].Y));
        for (int c = 0; c < counties.Length; c++)
            if (BoxDistance2(counties[c].X, counties[c].Y) <= 1.01 * farthestOfNearest) _counties[_countyCount++] = c;

        double BoxDistance2(double x, double y)
        {
            double dx = Math.Max(0, Math.Max(xMin - x, x - xMax)), dy = Math.Max(0, Math.Max(yMin - y, y - yMax));
            return dx * dx + dy * dy;
        }

        double BoxFarthest2(double x, double y)
        {
            double dx = Math.Max(x - xMin, xMax - x), dy = Math.Max(y - yMin, yMax - y);
            return dx * dx + dy * dy;
        }
    }
}
