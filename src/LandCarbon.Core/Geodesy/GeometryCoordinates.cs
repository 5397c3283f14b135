using NetTopologySuite.Geometries;

namespace LandCarbon.Core.Geodesy;

/// <summary>Applies a point-wise coordinate function to NetTopologySuite geometries (polygon layers such as
/// DataV county boundaries in GCJ-02).</summary>
public static class GeometryCoordinates
{
    /// <summary>A copy of <paramref name="geometry"/> with every (x, y) replaced by <paramref name="map"/>(x, y);
    /// Z and M are kept.</summary>
    public static Geometry Map(Geometry geometry, Func<double, double, (double X, double Y)> map)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentNullException.ThrowIfNull(map);
        var copy = geometry.Copy();
        copy.Apply(new MapFilter(map));
        copy.GeometryChanged();
        return copy;
    }

    /// <summary>A copy of <paramref name="geometry"/> converted between lon/lat systems (e.g. GCJ-02 → WGS84).</summary>
    public static Geometry Convert(Geometry geometry, LonLatSystem from, LonLatSystem to) =>
        Map(geometry, (x, y) => ChineseCoordinates.Convert(from, to, x, y));

    private sealed class MapFilter(Func<double, double, (double X, double Y)> map) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = map(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
