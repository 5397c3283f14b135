using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Tests.LandUseChange;

/// <summary>
/// Σ ΔCBI against E(t2) − E(t1) (issue 14 item 4) on a 4 × 2 grid with two statistical units whose δ_con changes
/// between 2000 and 2005. Expected values are derived by hand below from METHOD-SPEC (b1), (b2), (d):
/// δ_con(u, t) = E_u(t) / A_con(u, t), CBI = CC × 0.09 ha, stored as float32 (δ_con is stored as float32 too).
/// The grid is in the CLCD Albers equal-area CRS, so the pixel area is the nominal 0.09 ha under any area model.
/// </summary>
public class BudgetChangeTests
{
    internal const double Ha = 0.09, Cult = 0.422, Forest = -0.644;

    // CLCD codes: 1 cultivated, 2 forest, 8 construction. Columns 0–1 are unit 101, columns 2–3 unit 102.
    //                 (0,0)(1,0)(2,0)(3,0) (0,1)(1,1)(2,1)(3,1)
    private static readonly byte[] Lu2000 = [8, 1, 8, 1, 2, 8, 2, 8];
    private static readonly byte[] Lu2005 = [8, 8, 8, 2, 2, 8, 1, 8];

    // Energy: unit 101 raw coal 100 t (2000), 150 t (2005); unit 102 natural gas 10, 20 (10⁴ m³).
    internal static readonly double E101_2000 = 100 * 0.7143 * 0.7559, E101_2005 = 150 * 0.7143 * 0.7559;
    internal static readonly double E102_2000 = 10 * 13.3 * 0.4483, E102_2005 = 20 * 13.3 * 0.4483;

    internal static double F(double x) => (float)x;

    /// <summary>CBI of a construction pixel of a unit with emission e and n construction pixels:
    /// (float)((float)(e / (n · 0.09)) · 0.09).</summary>
    internal static double Con(double e, int n) => F(F(e / (n * Ha)) * Ha);

    internal static readonly double CultCbi = F(Cult * Ha), ForestCbi = F(Forest * Ha);

    internal static string Setup(string change, string accountingExtra = "", string studyExtra = "")
    {
        string dir = TestData.TempDir();
        var grid = new GridSpec(4, 2, GeoTransform.NorthUp(-1_000_000, 3_000_000, 30), SpatialReferences.ClcdAlbers);
        GeoTiffWriter.WriteAll<byte>(Path.Combine(dir, "lu_2000.tif"), grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 0 }, Lu2000);
        GeoTiffWriter.WriteAll<byte>(Path.Combine(dir, "lu_2005.tif"), grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 0 }, Lu2005);
        int[] zones = [101, 101, 102, 102, 101, 101, 102, 102];
        GeoTiffWriter.WriteAll<int>(Path.Combine(dir, "zones.tif"), grid, RasterDataType.Int32, new GeoTiffWriteOptions { NoData = -1 }, zones);
        File.WriteAllText(Path.Combine(dir, "energy.csv"),
            "unit,year,fuel,amount\n101,2000,raw coal,100\n101,2005,raw coal,150\n102,2000,natural gas,10\n102,2005,natural gas,20\n");
        File.WriteAllText(Path.Combine(dir, "study.yaml"),
            $"years: {{2000: lu_2000.tif, 2005: lu_2005.tif}}\naccounting: {{{accountingExtra}construction: {{energy: energy.csv, zones: zones.tif}}}}\nchange: {change}\n{studyExtra}");
        return dir;
    }

    private static (IntervalChange Interval, CsvTable Table, CsvTable Checks) Run(string change, int tile = 0, int threads = 1)
    {
        string dir = Setup(change);
        var r = PipelineRunner.Run(Path.Combine(dir, "study.yaml"), Path.Combine(dir, "out"),
            new PipelineRunOptions { Tiles = new TileSettings(tile, tile, threads) });
        string tables = Path.Combine(r.Context.OutputDirectory, "tables");
        return (r.Context.Results.Get<ChangeAnalysisResult>()[2000, 2005],
            CsvTable.Read(Path.Combine(tables, "budget_change.csv")), CsvTable.Read(Path.Combine(tables, "checks.csv")));
    }

    // E(2000): unit 101 has 2 construction pixels, one cultivated, one forest; unit 102 the same.
    internal static double E2000 => 2 * Con(E101_2000, 2) + 2 * Con(E102_2000, 2) + 2 * CultCbi + 2 * ForestCbi;

    // E(2005): unit 101 has 3 construction pixels and one forest; unit 102 two construction, one forest, one cultivated.
    internal static double E2005 => 3 * Con(E101_2005, 3) + 2 * Con(E102_2005, 2) + 2 * ForestCbi + CultCbi;

    // Changed pixels: (1,0) cultivated → construction (unit 101), (3,0) cultivated → forest, (2,1) forest → cultivated.
    internal static double DeltaTransitions => (Con(E101_2005, 3) - CultCbi) + (ForestCbi - CultCbi) + (CultCbi - ForestCbi);

    // Unchanged pixels: two construction pixels in each unit (δ_con changes) and one forest pixel (no change).
    private static double Unchanged => 2 * (Con(E101_2005, 3) - Con(E101_2000, 2)) + 2 * (Con(E102_2005, 2) - Con(E102_2000, 2));

    [Fact]
    public void TransitionOnly_SumOfDeltaPlusUnchangedPartEqualsBudgetDifference()
    {
        var (c, t, checks) = Run("{}");
        Assert.Equal(DeltaTransitions, c.NetTonnesC, 1e-9);
        Assert.Equal(Unchanged, c.UnchangedClassTonnesC, 1e-9);
        Assert.Equal(Unchanged, c.OutsideScopeTonnesC, 1e-9);
        Assert.Equal(E2000, c.BudgetFromTonnesC, 1e-9);
        Assert.Equal(E2005, c.BudgetToTonnesC, 1e-9);
        Assert.Equal(0, c.LeftOutTonnesC);
        // The identity itself, from the hand values: the δ_con change on unchanged land is what transitionOnly leaves out.
        Assert.Equal(E2005 - E2000, DeltaTransitions + Unchanged, 1e-9);
        Assert.True(Math.Abs(Unchanged) > 1, "the example must have a δ_con change on unchanged land");

        var row = t.Rows.Single();
        Assert.Equal("transitionOnly", t.Text(row, "scope"));
        Assert.Equal(5, t.Int(row, "years"));
        Assert.Equal(E2005 - E2000, t.Double(row, "budgetDifferenceTonnesC"), 1e-9);
        Assert.Equal(DeltaTransitions, t.Double(row, "deltaCbiSumTonnesC"), 1e-9);
        Assert.Equal(Unchanged, t.Double(row, "outsideScopeTonnesC"), 1e-9);
        Assert.False(t.HasColumn("deltaCbiSumTonnesCCumulative"));
        var check = checks.Rows.Single(r => checks.Text(r, "check").StartsWith("Σ ΔCBI + unchanged", StringComparison.Ordinal));
        Assert.Equal("true", checks.Text(check, "passed"), ignoreCase: true);
        Assert.Equal(E2005 - E2000, checks.Double(check, "expected"), 1e-9);
        Assert.True(checks.Double(check, "tolerance") <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(E2000), Math.Abs(E2005))) * (1 + 1e-12));
    }

    [Fact]
    public void ScopeAll_SumOfDeltaEqualsBudgetDifference()
    {
        var (c, t, _) = Run("{scope: all}");
        Assert.Equal(E2005 - E2000, c.NetTonnesC, 1e-9);
        Assert.Equal(Unchanged, c.UnchangedClassTonnesC, 1e-9);
        Assert.Equal(0, c.OutsideScopeTonnesC);
        var row = t.Rows.Single();
        Assert.Equal(t.Double(row, "budgetDifferenceTonnesC"), t.Double(row, "deltaCbiSumTonnesC"), 1e-9);
        Assert.All(c.Checks, k => Assert.True(k.Passed, k.Name));
    }

    [Fact]
    public void Cumulative_MultipliesByTheYearsOfTheInterval_AndSaysSoInHeaders()
    {
        var (c, t, _) = Run("{cumulative: true}");
        Assert.True(c.Cumulative);
        Assert.Equal(5 * DeltaTransitions, c.NetTonnesC, 1e-8);
        Assert.Equal(5 * DeltaTransitions, c.IncrementTonnesC + c.ReductionTonnesC, 1e-8);
        var row = t.Rows.Single();
        Assert.Equal(DeltaTransitions, t.Double(row, "deltaCbiSumTonnesC"), 1e-9);
        Assert.Equal(5 * DeltaTransitions, t.Double(row, "deltaCbiSumTonnesCCumulative"), 1e-8);
        Assert.Equal(5 * (E2005 - E2000), t.Double(row, "budgetDifferenceTonnesCCumulative"), 1e-8);
        Assert.Equal(5 * Unchanged, t.Double(row, "outsideScopeTonnesCCumulative"), 1e-8);
        Assert.All(c.Checks, k => Assert.True(k.Passed, k.Name));
        string dir = Path.GetDirectoryName(Path.GetDirectoryName(t.Path))!;
        Assert.StartsWith("from,to,pixels,areaKm2,deltaTonnesCCumulative,", File.ReadLines(Path.Combine(dir, "tables", "transitions_2000_2005.csv")).First(), StringComparison.Ordinal);
        Assert.StartsWith("interval,incrementTonnesCCumulative,reductionTonnesCCumulative,netTonnesCCumulative,", File.ReadLines(Path.Combine(dir, "tables", "offset_ratio.csv")).First(), StringComparison.Ordinal);
    }

    [Fact]
    public void BudgetChange_IdenticalForAnyTileSizeAndThreadCount()
    {
        string Text(int tile, int threads) => File.ReadAllText(Run("{}", tile, threads).Table.Path);
        string reference = Text(0, 1);
        Assert.Equal(reference, Text(1, 2));
        Assert.Equal(reference, Text(3, 3));
    }
}
