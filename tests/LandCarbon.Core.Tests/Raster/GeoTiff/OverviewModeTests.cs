using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.Tests.Raster.GeoTiff;

public class OverviewModeTests
{
    /// <summary>The definition: sort, take the longest run, the first (smallest) of equally long runs.</summary>
    private static double ByDefinition(double[] values)
    {
        var s = values.Order().ToArray();
        double best = s[0];
        int bestCount = 0;
        for (int i = 0; i < s.Length;)
        {
            int j = i;
            while (j < s.Length && s[j] == s[i]) j++;
            if (j - i > bestCount) (best, bestCount) = (s[i], j - i);
            i = j;
        }
        return best;
    }

    [Fact]
    public void The_mode_of_a_cell_is_the_most_frequent_value_ties_to_the_smaller()
    {
        Assert.Equal(3, OverviewBuilder.Mode([5, 3, 3, 5]));
        Assert.Equal(5, OverviewBuilder.Mode([5, 3, 5, 7]));
        Assert.Equal(-2, OverviewBuilder.Mode([9, -2, 4]));
        Assert.Equal(8, OverviewBuilder.Mode([8]));
        var rng = new Random(11);
        for (int k = 0; k < 20_000; k++)
        {
            var v = new double[rng.Next(1, 5)];
            for (int i = 0; i < v.Length; i++) v[i] = rng.Next(-2, 3) * 1.5;
            Assert.Equal(ByDefinition(v), OverviewBuilder.Mode(v.ToArray()));
        }
    }
}
