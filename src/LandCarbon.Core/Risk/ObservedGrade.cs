namespace LandCarbon.Core.Risk;

/// <summary>
/// The observed risk level of a unit in the validation interval, defined as in METHOD-SPEC §(j): its observed
/// carbon-increment grade mapped onto the risk levels. With ΔCBI of the interval and ε (stable tolerance):
/// ΔCBI ≤ ε (reduction or stable) → grade 0; ΔCBI &gt; ε → intensity grade g = 1 (weak), 2 (moderate), 3 (strong),
/// 4 (extremely strong) by the three <see cref="IncrementBreaks"/> (a value on a break goes up). The level is
/// max(1, g + L − 4) for an L-level scheme: with five levels none → low, weak → relatively low, moderate → medium,
/// strong → high, extremely strong → extremely high; with four levels none and weak → low, moderate → medium,
/// strong → high, extremely strong → extremely high.
/// </summary>
/// <param name="IncrementBreaks">Three increasing breaks on ΔCBI &gt; ε (<c>risk.observedGrade.breaks</c>, or the
/// quartiles of the earlier intervals' increments, <see cref="RiskHindcast.Reference"/>).</param>
/// <param name="Epsilon">Stable tolerance ε (ΔCBI ≤ ε is not an increment).</param>
/// <param name="LevelCount">Levels of the risk scheme (4 or 5).</param>
/// <param name="Source">Where the breaks came from, for the report.</param>
public sealed record ObservedGrade(IReadOnlyList<double> IncrementBreaks, double Epsilon, int LevelCount, string Source)
{
    /// <summary>The observed level (1…LevelCount) of a ΔCBI value; 0 for NaN.</summary>
    public byte Level(double deltaCbi)
    {
        if (double.IsNaN(deltaCbi)) return RiskLevels.NoData;
        int g = 0;
        if (deltaCbi > Epsilon)
        {
            g = 1;
            for (int i = 0; i < IncrementBreaks.Count; i++)
                if (deltaCbi >= IncrementBreaks[i]) g = i + 2;
        }
        return (byte)Math.Clamp(g + LevelCount - 4, 1, LevelCount);
    }

    /// <summary>The p-quantile (R type 7) of sorted values.</summary>
    internal static double Quantile7(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
