using LandCarbon.Core.Simulation;

namespace LandCarbon.Core.Tests.Simulation;

/// <summary>
/// The per-pixel low-carbon term (issue 17 item 1): two cultivated pixels that differ only in the δ_con of the unit
/// they lie in. Hand-derived values: class coefficients cultivated 0.2, forest −3, construction 50 (class mean), so
/// s = 50 − (−3) = 53; as construction the left pixel would have δ_con = 40, the right one 60; β = 2.
/// C(left, cult → con) = exp(−2·(40 − 0.2)/53) = 0.22270955676668466,
/// C(right, cult → con) = exp(−2·(60 − 0.2)/53) = 0.1047054851170961 (python3 math.exp).
/// </summary>
public class PixelCarbonTermTests
{
    private const int W = 7, H = 3, Left = W + 2, Right = W + 4, Centre = W + 3;
    private static readonly SimulationGrid Grid = new(W, H, 30, 30);

    private sealed class TwoUnits : IPixelClassCoefficients
    {
        public double At(long pixel, int k) => k switch
        {
            1 => 0.2,
            2 => -3,
            5 => pixel % W <= 2 ? 40 : 60,   // columns 0–2 lie in the unit with δ_con 40, the rest in the one with 60
            _ => double.NaN,
        };
    }

    private static double[] Classes() => [double.NaN, 0.2, -3, double.NaN, double.NaN, 50, double.NaN];

    private static CarbonFactor Term() =>
        ScenarioTemplates.For("lowCarbon", new ScenarioSettings(), 7).CarbonTerm(Classes(), new TwoUnits())!;

    [Fact]
    public void Factor_EqualsTheHandDerivedValues()
    {
        var c = Term();
        Assert.Equal(0.22270955676668466, c.Factor(Left, 1, 5), 15);
        Assert.Equal(0.1047054851170961, c.Factor(Right, 1, 5), 15);
        Assert.Equal(4.49015306984613, c.Factor(Left, 5, 1), 13);   // exp(+2·39.8/53): leaving construction is favoured
        Assert.Equal(1, c.Factor(Left, 1, 3));                      // no coefficient for class 3: neutral
        // Without per-pixel coefficients the term is the class pair's, the same at both pixels.
        var pair = ScenarioTemplates.For("lowCarbon", new ScenarioSettings(), 7).CarbonTerm(Classes())!;
        Assert.Equal(Math.Exp(-2 * (50 - 0.2) / 53), pair.Factor(Left, 1, 5), 15);
        Assert.Equal(pair.Factor(Left, 1, 5), pair.Factor(Right, 1, 5));
        Assert.Null(ScenarioTemplates.For("natural", new ScenarioSettings(), 7).CarbonTerm(Classes(), new TwoUnits()));
    }

    /// <summary>
    /// Cultivated land with one construction pixel in the middle of row 1; its two row neighbours are the only
    /// candidates (probability 0 elsewhere), mirror images of each other (same neighbours, same P). One pixel of
    /// construction is demanded: lowCarbon always converts the left one (δ_con 40 &lt; 60); natural weighs both
    /// equally, so its per-pixel tie-break picks either, depending on the seed.
    /// </summary>
    [Fact]
    public void LowCarbon_ConvertsThePixelOfTheLowerDeltaCon_NaturalIsIndifferent()
    {
        var start = new byte[W * H];
        Array.Fill(start, (byte)1);
        start[Centre] = 5;
        var p = new ushort[start.Length];
        p[Left] = p[Right] = 40000;
        var probability = new Dictionary<int, ushort[]> { [5] = p };
        var permitted = ScenarioTemplates.For("natural", new ScenarioSettings(), 7).Permitted;
        long[] demand = [0, W * H - 2, 0, 0, 0, 2, 0];
        var naturalPicks = new HashSet<int>();
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var options = new AllocationOptions { Seed = seed, Threads = (int)(seed % 2) + 1 };
            var low = (byte[])start.Clone();
            Allocation.Run(Grid, low, demand, probability, _ => true, permitted, Term(), options);
            Assert.Equal(5, low[Left]);
            Assert.Equal(1, low[Right]);
            var natural = (byte[])start.Clone();
            Allocation.Run(Grid, natural, demand, probability, _ => true, permitted, null, options);
            Assert.Equal(1, natural.Count(v => v == 5) - 1);
            naturalPicks.Add(natural[Left] == 5 ? Left : Right);
        }
        Assert.Equal([Left, Right], naturalPicks.Order());
    }
}
