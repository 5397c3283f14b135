using LandCarbon.Core.Risk;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.Risk;

public class ConfusionMatrixTests
{
    private static ConfusionMatrix Load(string name)
    {
        var lines = File.ReadAllLines(TestData.Repo($"oracles/r-accuracy/{name}_counts.csv"));
        int l = lines.Length;
        var c = new long[l, l];
        for (int i = 0; i < l; i++)
        {
            var f = lines[i].Split(',');
            for (int j = 0; j < l; j++) c[i, j] = long.Parse(f[j], System.Globalization.CultureInfo.InvariantCulture);
        }
        return ConfusionMatrix.FromCounts(c);
    }

    [Fact]
    public void FortyThreeOfFortyNine_Gives87Point76Percent()
    {
        var m = Load("m49");
        Assert.Equal(49, m.Total);
        Assert.Equal(0.87755, m.OverallAccuracy, 5);
        Assert.Equal("87.76", (100 * m.OverallAccuracy).ToString("F2", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("m49")]
    [InlineData("m4")]
    [InlineData("m5skew")]
    public void Measures_MatchR(string name)
    {
        var m = Load(name);
        var acc = CsvTable.Read(TestData.Repo("oracles/r-accuracy/accuracy.csv"));
        var row = acc.Rows.Single(r => acc.Text(r, "matrix") == name);
        Assert.Equal(acc.Int(row, "n"), m.Total);
        Assert.Equal(acc.Double(row, "overallAccuracy"), m.OverallAccuracy, 14);
        Assert.Equal(acc.Double(row, "kappa"), m.Kappa, 14);
        Assert.Equal(acc.Double(row, "hitRate"), m.HitRate, 14);
        Assert.Equal(acc.Double(row, "falseAlarmRate"), m.FalseAlarmRate, 14);
        var per = CsvTable.Read(TestData.Repo("oracles/r-accuracy/per_level.csv"));
        foreach (var r in per.Rows.Where(r => per.Text(r, "matrix") == name))
        {
            int k = per.Int(r, "level");
            AssertNaNOr(per.Text(r, "producersAccuracy"), m.ProducersAccuracy(k));
            AssertNaNOr(per.Text(r, "usersAccuracy"), m.UsersAccuracy(k));
        }
    }

    [Theory]
    [InlineData("m49")]
    [InlineData("m4")]
    [InlineData("m5skew")]
    public void WeightedKappa_MatchesRFromRatingPairs(string name)
    {
        // weighted_kappa.R expands the matrix into rating pairs and uses disagreement weights |i − j|.
        var m = Load(name);
        var wk = CsvTable.Read(TestData.Repo("oracles/r-accuracy/weighted_kappa.csv"));
        var row = wk.Rows.Single(r => wk.Text(r, "matrix") == name);
        Assert.Equal(wk.Double(row, "weightedKappa"), m.WeightedKappa, 13);
        Assert.Equal(wk.Double(row, "kappa"), m.Kappa, 13);
    }

    [Fact]
    public void WeightedKappa_ByHand()
    {
        // Rows predicted, columns observed: [[2,1,0],[0,1,0],[0,0,1]], N = 5, weights 1, ½, 0.
        // p_o = (2 + 1 + 1)/5 + ½·1/5 = 0.9; rows (3,1,1), columns (2,2,1):
        // p_e = (3·2 + ½·3·2 + ½·1·2 + 1·2 + ½·1·1 + ½·1·2 + 1·1)/25 = 14.5/25 = 0.58; κ_w = 0.32/0.42 = 16/21.
        var m = ConfusionMatrix.FromCounts(new long[,] { { 2, 1, 0 }, { 0, 1, 0 }, { 0, 0, 1 } });
        Assert.Equal(16.0 / 21.0, m.WeightedKappa, 14);
        var perfect = ConfusionMatrix.FromCounts(new long[,] { { 3, 0 }, { 0, 0 } });
        Assert.Equal(1.0, perfect.WeightedKappa);
    }

    private static void AssertNaNOr(string expected, double actual)
    {
        if (expected is "" or "NA") Assert.True(double.IsNaN(actual));
        else Assert.Equal(double.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), actual, 14);
    }

    [Fact]
    public void Add_IgnoresNoDataAndOutOfRangeLevels()
    {
        var m = new ConfusionMatrix(RiskLevels.Five);
        m.Add([1, 0, 3, 6, 5], [1, 2, 0, 5, 4]);
        Assert.Equal(2, m.Total);
        Assert.Equal(1, m[1, 1]);
        Assert.Equal(1, m[5, 4]);
        Assert.Equal(0.5, m.OverallAccuracy);
    }

    [Fact]
    public void PerfectAgreement_HasKappaOne()
    {
        var m = ConfusionMatrix.FromCounts(new long[,] { { 5, 0 }, { 0, 0 } });
        Assert.Equal(1, m.Kappa);
    }
}
