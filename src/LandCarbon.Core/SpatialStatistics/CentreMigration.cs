namespace LandCarbon.Core.SpatialStatistics;

/// <summary>How a gravity centre moved between two years.</summary>
/// <param name="FromYear">First year.</param>
/// <param name="ToYear">Second year.</param>
/// <param name="DeltaXMeters">Eastward shift (projected CRS in metres).</param>
/// <param name="DeltaYMeters">Northward shift.</param>
/// <param name="DistanceMeters">√(Δx² + Δy²).</param>
/// <param name="BearingDegrees">Direction of the move, clockwise from north in [0, 360); NaN when it did not move.</param>
/// <param name="MetersPerYear">Distance / (ToYear − FromYear).</param>
public sealed record CentreMigration(int FromYear, int ToYear, double DeltaXMeters, double DeltaYMeters, double DistanceMeters,
    double BearingDegrees, double MetersPerYear)
{
    /// <summary>The move from <paramref name="from"/> (year <paramref name="fromYear"/>) to <paramref name="to"/>.</summary>
    public static CentreMigration Between(MeanCentre from, int fromYear, MeanCentre to, int toYear)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (toYear == fromYear) throw new ArgumentException("The two years must differ.", nameof(toYear));
        double dx = to.X - from.X, dy = to.Y - from.Y, d = Math.Sqrt(dx * dx + dy * dy);
        double bearing = d == 0 ? double.NaN : (Math.Atan2(dx, dy) * 180 / Math.PI + 360) % 360;
        return new CentreMigration(fromYear, toYear, dx, dy, d, bearing, d / (toYear - fromYear));
    }
}
