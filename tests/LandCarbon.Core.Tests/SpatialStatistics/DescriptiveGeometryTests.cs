using LandCarbon.Core.Numerics;
using LandCarbon.Core.SpatialStatistics;

namespace LandCarbon.Core.Tests.SpatialStatistics;

public class DescriptiveGeometryTests
{
    [Fact]
    public void Ellipse_OfPointsOnALine_PointsAlongIt()
    {
        // Points on y = 2x: the long axis lies atan(1/2) = 26.565° clockwise from north, the short axis is 0.
        double[] x = [-2, -1, 0, 1, 2], y = [-4, -2, 0, 2, 4];
        var e = StandardDeviationalEllipse.Compute(x, y, default);
        Assert.Equal(Math.Atan(0.5) * 180 / Math.PI, e.RotationDegrees, 9);
        Assert.Equal(0, e.SigmaX, 9);
        // σ_y = √2 · rms distance along the line = √2 · √(Σ 5t² / 5) with t = −2…2 → √2 · √10.
        Assert.Equal(Math.Sqrt(2) * Math.Sqrt(10), e.SigmaY, 9);
    }

    [Fact]
    public void Ellipse_EastWestSpread_RotatesNinetyDegrees()
    {
        double[] x = [-3, 3, -3, 3], y = [-1, -1, 1, 1];
        var e = StandardDeviationalEllipse.Compute(x, y, default);
        Assert.Equal(90, e.RotationDegrees, 9);
        Assert.Equal(Math.Sqrt(2) * 1, e.SigmaX, 9);
        Assert.Equal(Math.Sqrt(2) * 3, e.SigmaY, 9);
    }

    [Fact]
    public void MeanCentre_IsWeighted_AndMigrationHasABearing()
    {
        var a = MeanCentre.Compute([0, 10], [0, 0], [1, 3]);
        Assert.Equal(7.5, a.X, 12);
        var b = MeanCentre.Compute([7.5], [10], default);
        var m = CentreMigration.Between(a, 2000, b, 2020);
        Assert.Equal(10, m.DistanceMeters, 12);
        Assert.Equal(0, m.BearingDegrees, 12);
        Assert.Equal(0.5, m.MetersPerYear, 12);
        var west = CentreMigration.Between(b, 2020, MeanCentre.Compute([0], [10], default), 2024);
        Assert.Equal(270, west.BearingDegrees, 12);
    }

    [Fact]
    public void GiBins_FollowArcGisConfidenceLevels()
    {
        Assert.Equal(3, GetisOrdGiStar.Bin(3.0, NormalTail.PValue(3.0, Alternative.TwoSided)));
        Assert.Equal(-2, GetisOrdGiStar.Bin(-2.0, NormalTail.PValue(-2.0, Alternative.TwoSided)));
        Assert.Equal(1, GetisOrdGiStar.Bin(1.7, NormalTail.PValue(1.7, Alternative.TwoSided)));
        Assert.Equal(0, GetisOrdGiStar.Bin(1.0, NormalTail.PValue(1.0, Alternative.TwoSided)));
    }

    [Fact]
    public void KNearest_MatchesBruteForce()
    {
        var rng = new PermutationRandom(3, 0);
        int n = 500;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++) { x[i] = rng.NextBelow(100000) * 0.37; y[i] = rng.NextBelow(1000) * 3.1 + (i % 7) * 1e-3; }
        var knn = NeighbourListWeights.KNearest(x, y, 6, WeightStyle.RowStandardised);
        for (int i = 0; i < n; i++)
        {
            var expected = Enumerable.Range(0, n).Where(j => j != i)
                .OrderBy(j => (x[j] - x[i]) * (x[j] - x[i]) + (y[j] - y[i]) * (y[j] - y[i])).ThenBy(j => j)
                .Take(6).Order().ToArray();
            Assert.Equal(expected, knn.Neighbours(i).ToArray());
        }
    }
}
