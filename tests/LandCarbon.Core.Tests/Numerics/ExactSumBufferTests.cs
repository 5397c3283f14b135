using LandCarbon.Core.Numerics;

namespace LandCarbon.Core.Tests.Numerics;

public class ExactSumBufferTests
{
    [Fact]
    public void Buffer_IsBitIdenticalToDirectAdds()
    {
        var rng = new Random(11);
        ExactSum direct = default, buffered = default;
        var buf = new ExactSumBuffer();
        for (int i = 0; i < 100_000; i++)
        {
            double x = (rng.NextDouble() - 0.4) * Math.Pow(10, rng.Next(-6, 6));
            direct.Add(x);
            buf.Add(x, ref buffered);
        }
        buf.Flush(ref buffered);
        Assert.Equal(direct.Value, buffered.Value);
    }

    [Fact]
    public void TryScaleSmall_RoundsAsAdd_AndRefusesValuesOutsideTheRange()
    {
        var rng = new Random(5);
        // Random areas, exact ties of the 2^-40 grid (k + 0.5) · 2^-40, zero, negative zero and the largest value.
        var x = Enumerable.Range(0, 1001).Select(_ => rng.NextDouble() * 4096).ToList();
        x.AddRange([0, -0.0, Math.BitDecrement(4096.0), 2.5 / 1099511627776.0, 3.5 / 1099511627776.0, 900.0 + 0.5 / 1099511627776.0]);
        var scaled = new long[x.Count];
        Assert.True(ExactSum.TryScaleSmall(x.ToArray(), scaled));
        for (int i = 0; i < x.Count; i++)
        {
            ExactSum direct = default, viaFixed = default;
            direct.Add(x[i]);
            viaFixed.AddFixed(scaled[i]);
            Assert.Equal(direct.Value, viaFixed.Value);
        }
        foreach (double bad in new[] { 4096.0, -1e-300, double.NaN, double.PositiveInfinity })
        {
            foreach (int at in new[] { 0, 5, 9 })
            {
                var y = Enumerable.Repeat(1.0, 10).ToArray();
                y[at] = bad;
                Assert.False(ExactSum.TryScaleSmall(y, new long[10]));
            }
        }
    }
}
