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
}
