using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;
using LandCarbon.Core.SpatialStatistics;

namespace LandCarbon.Core.Tests.SpatialStatistics;

/// <summary>
/// The spatial stage's Gi* (fixed distance band between fishnet cell centres, binary, self included) and its false
/// discovery rate control against R: spdep 1.2-7 <c>localG(x, nb2listw(include.self(dnearneigh(centres, 0, band)),
/// "B"))</c> and <c>p.adjust(p, "fdr")</c> (tests/data/oracles/spdep/make_gistar_band.R, gistar_band.csv).
/// </summary>
public class FishnetGiStarTests
{
    private const double Tol = 1e-8;

    [Fact]
    public void DistanceBandAndFdr_MatchSpdepAndPAdjust() => Check(TestData.Repo("oracles/spdep"));

    [Fact]
    public void Live_RerunningR_GivesTheSameResults()
    {
        string rscript = TestData.RequireTool("Rscript");
        string dir = TestData.TempDir();
        TestData.Run(rscript, TestData.Repo("oracles/spdep/make_gistar_band.R"), dir);
        Check(dir);
    }

    private static void Check(string dir)
    {
        var f = new SpdepFixtures(dir);
        var groups = f.Table("gistar_band.csv").GroupBy(r => r["case"]).ToList();
        Assert.Equal(3, groups.Count);
        foreach (var group in groups)
        {
            var first = group.First();
            int nr = SpdepFixtures.I(first["nrow"]), nc = SpdepFixtures.I(first["ncol"]);
            double cell = SpdepFixtures.D(first["cell"]), band = SpdepFixtures.D(first["band"]);
            var values = new double[nr * nc];
            Array.Fill(values, double.NaN);
            foreach (var r in group) values[SpdepFixtures.I(r["row"]) * nc + SpdepFixtures.I(r["col"])] = SpdepFixtures.D(r["value"]);
            var fishnet = new GridSpec(nc, nr, GeoTransform.NorthUp(500000, 3400000, cell), SpatialReference.None);
            var cells = new GridContiguityWeights(nc, nr, values, ContiguityRule.Queen, WeightStyle.RowStandardised);
            var x = cells.Compact(values);
            var plain = FishnetGiStar.Compute(fishnet, cells, x, GiStarWeighting.DistanceBand, band, falseDiscoveryRate: false);
            var fdr = FishnetGiStar.Compute(fishnet, cells, x, GiStarWeighting.DistanceBand, band, falseDiscoveryRate: true);
            var expected = group.ToDictionary(r => (SpdepFixtures.I(r["row"]), SpdepFixtures.I(r["col"])));
            Assert.Equal(expected.Count, plain.N);
            int significantBefore = 0, significantAfter = 0;
            for (int i = 0; i < plain.N; i++)
            {
                var e = expected[cells.CellOf(i)];
                string what = $"{group.Key} {cells.CellOf(i)}";
                SpdepFixtures.Close(SpdepFixtures.D(e["Gstar"]), plain.Z[i], Tol, what + " Gi*");
                SpdepFixtures.Close(SpdepFixtures.D(e["p"]), plain.P[i], 1e-6, what + " p");
                SpdepFixtures.Close(SpdepFixtures.D(e["pFdr"]), fdr.PFalseDiscoveryRate![i], 1e-6, what + " p fdr");
                Assert.Equal(SpdepFixtures.I(e["bin"]), plain.Bin[i]);
                Assert.Equal(SpdepFixtures.I(e["binFdr"]), fdr.Bin[i]);
                Assert.Equal(plain.Z[i], fdr.Z[i]);
                if (plain.Bin[i] != 0) significantBefore++;
                if (fdr.Bin[i] != 0) significantAfter++;
            }
            Assert.True(significantAfter <= significantBefore);
        }
    }

    [Fact]
    public void FdrAdjust_HandDerived()
    {
        // m = 4 finite p: sorted 0.01, 0.02, 0.03, 0.5 → 4·p/r = 0.04, 0.04, 0.04, 0.5; cummin from the top keeps them.
        var a = FalseDiscoveryRate.Adjust([0.03, double.NaN, 0.01, 0.5, 0.02]);
        Assert.Equal(0.04, a[0], 15);
        Assert.True(double.IsNaN(a[1]));
        Assert.Equal(0.04, a[2], 15);
        Assert.Equal(0.5, a[3], 15);
        Assert.Equal(0.04, a[4], 15);
        // Adjusted p ≤ α exactly when p is at or below the BH threshold.
        var p = new[] { 0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205, 0.212, 0.216 };
        double t = FalseDiscoveryRate.Threshold(p, 0.05);
        var adj = FalseDiscoveryRate.Adjust(p);
        for (int i = 0; i < p.Length; i++) Assert.Equal(p[i] <= t, adj[i] <= 0.05);
    }

    [Fact]
    public void BandShorterThanTheCell_IsRefusedNamingTheKey()
    {
        var e = Assert.Throws<InputException>(() => FishnetGiStar.CheckBand(990, 500));
        Assert.StartsWith("spatial.giStarBandMeters: a distance band of 500 m is shorter than the 990 m fishnet cell", e.Message, StringComparison.Ordinal);
        FishnetGiStar.CheckBand(990, 990);
    }

    [Fact]
    public void QueenWeighting_EqualsGiStarOnQueenContiguity()
    {
        var (nr, nc, grid) = SpdepFixtures.Committed.Grid("holes");
        var fishnet = new GridSpec(nc, nr, GeoTransform.NorthUp(0, 0, 990), SpatialReference.None);
        var cells = new GridContiguityWeights(nc, nr, grid, ContiguityRule.Queen, WeightStyle.RowStandardised);
        var x = cells.Compact(grid);
        var a = FishnetGiStar.Compute(fishnet, cells, x, GiStarWeighting.Queen, 0, false);
        var b = GetisOrdGiStar.Compute(x, new GridContiguityWeights(nc, nr, grid, ContiguityRule.Queen, WeightStyle.Binary));
        Assert.Equal(b.Z, a.Z);
    }
}
