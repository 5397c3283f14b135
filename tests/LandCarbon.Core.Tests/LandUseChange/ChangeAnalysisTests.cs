using System.Collections.Concurrent;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Spaces;

namespace LandCarbon.Core.Tests.LandUseChange;

public class ChangeAnalysisTests
{
    // METHOD-SPEC (b1) defaults, t C/ha/yr, indexed by LandClass value; construction δ_con = 50 (METHOD-SPEC §5).
    private static readonly double[] Coef = [double.NaN, 0.422, -0.644, -0.021, -0.253, 50, -0.005];
    private const double Ha = 0.09;

    private static float Cbi(int cls) => (float)(Coef[cls] * Ha);

    [Fact]
    public void SinglePixels_MethodSpecSection5()
    {
        // cultivated → construction: (50 − 0.422) × 0.09 = 4.46202; cultivated → forest: (−0.644 − 0.422) × 0.09 = −0.09594
        var d = new double[2];
        ChangeKernels.DeltaCbi([1, 1], [5, 2], [Cbi(1), Cbi(1)], [Cbi(5), Cbi(2)], ChangeScope.TransitionOnly, d);
        Assert.Equal(4.46202, d[0], 1e-6);
        Assert.Equal(-0.09594, d[1], 1e-7);
    }

    [Fact]
    public void Scope_TransitionOnlyZeroesUnchangedClasses_AllKeepsThem_NodataPropagates()
    {
        var d = new double[3];
        ChangeKernels.DeltaCbi([2, 2, -1], [2, 2, 2], [-0.05f, -0.05f, 1f], [-0.06f, float.NaN, 1f], ChangeScope.TransitionOnly, d);
        Assert.Equal(0, d[0]);
        Assert.True(double.IsNaN(d[1]));
        Assert.True(double.IsNaN(d[2]));
        ChangeKernels.DeltaCbi([2], [2], [-0.05f], [-0.06f], ChangeScope.All, d.AsSpan(0, 1));
        Assert.Equal((double)-0.06f - -0.05f, d[0]);
    }

    [Theory]
    [InlineData(0.03798, 4.5, ChangeMechanism.SourceIntensification)]   // cultivated → construction
    [InlineData(0.0, 0.5, ChangeMechanism.SourceIntensification)]
    [InlineData(-0.05796, -0.00189, ChangeMechanism.SinkDecline)]       // forest → grassland
    [InlineData(-0.05796, 0.0, ChangeMechanism.SinkDecline)]
    [InlineData(-0.05796, 4.5, ChangeMechanism.SinkToSourceShift)]      // forest → construction
    [InlineData(4.5, 0.03798, ChangeMechanism.SourceWeakening)]         // construction → cultivated
    [InlineData(4.5, 0.0, ChangeMechanism.SourceWeakening)]
    [InlineData(-0.00189, -0.05796, ChangeMechanism.SinkEnhancement)]   // grassland → forest
    [InlineData(0.0, -0.05796, ChangeMechanism.SinkEnhancement)]
    [InlineData(0.03798, -0.05796, ChangeMechanism.SourceToSinkShift)]  // cultivated → forest
    [InlineData(0.2, 0.2, ChangeMechanism.None)]
    public void Mechanism_FollowsMethodSpecD(double cbi1, double cbi2, ChangeMechanism expected) =>
        Assert.Equal(expected, ChangeMechanisms.Classify(cbi1, cbi2));

    /// <summary>Four pixels: cultivated→construction, cultivated→forest, forest→forest, grassland→forest.</summary>
    [Fact]
    public void OffsetRatioAndContributions_HandDerived()
    {
        int[] from = [1, 1, 2, 3], to = [5, 2, 2, 2];
        var r = Analyze(2, 2, from, to, new TileOptions { TileWidth = 1, TileHeight = 1, MaxDegreeOfParallelism = 1 }, out _);
        double inc = (float)(50 * Ha) - (double)(float)(0.422 * Ha);
        double red1 = (double)(float)(-0.644 * Ha) - (float)(0.422 * Ha), red2 = (double)(float)(-0.644 * Ha) - (float)(-0.021 * Ha);
        Assert.Equal(4.46202, r.IncrementTonnesC, 1e-6);
        Assert.Equal(inc, r.IncrementTonnesC, 1e-12);
        Assert.Equal(-0.15201, r.ReductionTonnesC, 1e-6);
        Assert.Equal(red1 + red2, r.ReductionTonnesC, 1e-12);
        Assert.Equal(0.15201 / 4.46202, r.OffsetRatio, 1e-6);
        Assert.Equal(inc + red1 + red2, r.NetTonnesC, 1e-12);
        // Reduction space: two distinct values → two grades; contributions 0.09594/0.15201 and 0.05607/0.15201.
        var whole = r.Contributions.Where(c => c.Space == SpaceKind.ReductionSpace && c.Grade == 0).ToList();
        Assert.Equal(2, whole.Count);
        Assert.Equal(red1 / (red1 + red2) * 100, whole.Single(c => c.From == 1).SharePercent, 1e-9);
        Assert.Equal(63.1142688, whole.Single(c => c.From == 1).SharePercent, 1e-5);
        Assert.Equal(100, r.Contributions.Single(c => c.Space == SpaceKind.IncrementSpace && c.Grade == 1).SharePercent, 12);
        Assert.All(r.Checks, c => Assert.True(c.Passed, c.Name));
        Assert.Equal(ChangeMechanism.SourceIntensification, r.Mechanisms.Single(m => m.Pixels > 0 && (int)m.Mechanism <= 3).Mechanism);
        Assert.Equal(2, r.Mechanisms.Where(m => m.Pixels > 0 && (int)m.Mechanism > 3).Sum(m => m.Pixels));
        Assert.Equal(1, r.Transitions.Single(t => t.From == 2 && t.To == 2).Pixels);
        var forest = r.Classes.Single(c => c.Class == 2);
        Assert.Equal(2 * 0.0009, forest.GainKm2, 12);
        Assert.Equal(0, forest.LossKm2);
        Assert.Equal(0, forest.SwapKm2);
    }

    [Fact]
    public void TablesAndRasters_IdenticalForAnyTileSizeAndThreadCount()
    {
        const int w = 53, h = 41;
        var rng = new Random(11);
        int[] a = new int[w * h], b = new int[w * h];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = rng.Next(0, 7);               // 0 = nodata
            b[i] = rng.NextDouble() < 0.6 ? a[i] : rng.Next(1, 7);
        }
        // Scope All with a per-pixel factor makes many distinct values; a small cap forces the seeded sample too.
        string Run(TileOptions tiles, int cap)
        {
            var opts = new ChangeAnalysisOptions
            {
                Scope = ChangeScope.All,
                Grading = new GradingOptions { MaxDistinctValues = cap, SampleSize = 300 },
            };
            var r = Analyze(w, h, a, b, tiles, out var sink, opts, factor: i => 1 + (i % 97) / 500.0);
            string dir = TestData.TempDir();
            ChangeTables.WriteInterval(r, n => Path.Combine(dir, n + ".csv"), c => $"c{c}");
            ChangeTables.WriteOffsetRatios([r], Path.Combine(dir, "offset_ratio.csv"));
            ChangeTables.WriteChecksAndEnsure([r], Path.Combine(dir, "checks.csv"));
            var text = string.Concat(Directory.GetFiles(dir).Order(StringComparer.Ordinal).Select(File.ReadAllText));
            return text + sink.Digest(w, h) + r.IncrementBreaks.Description;
        }
        foreach (int cap in new[] { 100_000, 50 })
        {
            string reference = Run(new TileOptions { TileWidth = w, TileHeight = h, MaxDegreeOfParallelism = 1 }, cap);
            Assert.Equal(reference, Run(new TileOptions { TileWidth = 7, TileHeight = 5, MaxDegreeOfParallelism = 4 }, cap));
            Assert.Equal(reference, Run(new TileOptions { TileWidth = 16, TileHeight = 16, MaxDegreeOfParallelism = 2 }, cap));
            Assert.Contains(cap < 100 ? "seeded sample" : "NaturalBreaks", reference, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BrokenCheck_WritesChecksThenThrows()
    {
        var r = Analyze(2, 2, [1, 1, 2, 3], [5, 2, 2, 2], TileOptions.Default, out _);
        var broken = r with { Checks = [.. r.Checks, new ChangeCheck("x", "deliberately broken", 1, 2, 0)] };
        string path = Path.Combine(TestData.TempDir(), "checks.csv");
        var ex = Assert.Throws<ChangeCheckException>(() => ChangeTables.WriteChecksAndEnsure([broken], path));
        Assert.Contains("deliberately broken", ex.Message, StringComparison.Ordinal);
        Assert.Contains("deliberately broken,1,2,1,0,false", File.ReadAllText(path), StringComparison.Ordinal);
    }

    internal static IntervalChange Analyze(int w, int h, int[] from, int[] to, TileOptions tiles, out MemorySink sink,
        ChangeAnalysisOptions? options = null, Func<int, double>? factor = null)
    {
        var grid = ArrayRaster.TestGrid(w, h);
        double F1(int i) => 1.0;
        double F2(int i) => factor?.Invoke(i) ?? 1.0;
        double[] Cbis(int[] cls, Func<int, double> f) => [.. cls.Select((c, i) => c == 0 ? double.NaN : (float)(Coef[c] * Ha * f(i)))];
        var inputs = new IntervalInputs(2000, 2005,
            new ArrayRaster("from.tif", grid, RasterDataType.UInt8, [.. from.Select(x => (double)x)], 0),
            new ArrayRaster("to.tif", grid, RasterDataType.UInt8, [.. to.Select(x => (double)x)], 0),
            new ArrayRaster("cbi_from.tif", grid, RasterDataType.Float32, Cbis(from, F1)),
            new ArrayRaster("cbi_to.tif", grid, RasterDataType.Float32, Cbis(to, F2)));
        sink = new MemorySink();
        // Hand-derived areas use the nominal 900 m² pixel (the true-area model is tested in Raster/PixelAreasTests).
        return IntervalChangeAnalyzer.Run(inputs, options ?? new ChangeAnalysisOptions(), tiles, sink, PixelAreas.For(grid, AreaModel.Nominal, "from.tif"));
    }

    internal sealed class MemorySink : IChangeTileSink
    {
        private readonly ConcurrentDictionary<(int, int), (double D, sbyte G, byte M)> _px = new();

        public void Write(PixelWindow window, ReadOnlySpan<double> deltaTonnesC, ReadOnlySpan<sbyte> spaceGrade, ReadOnlySpan<byte> mechanism)
        {
            int k = 0;
            for (int r = window.Row; r < window.RowEnd; r++)
                for (int c = window.Col; c < window.ColEnd; c++, k++)
                    Assert.True(_px.TryAdd((c, r), (deltaTonnesC[k], spaceGrade[k], mechanism[k])));
        }

        public string Digest(int w, int h)
        {
            var sb = new System.Text.StringBuilder();
            for (int r = 0; r < h; r++)
                for (int c = 0; c < w; c++)
                {
                    var p = _px[(c, r)];
                    sb.Append(BitConverter.DoubleToInt64Bits(p.D)).Append(',').Append(p.G).Append(',').Append(p.M).Append(';');
                }
            return sb.ToString();
        }
    }
}
