using LandCarbon.Core.Processing;

namespace LandCarbon.Core.Risk;

/// <summary>The observed range of one indicator, for min–max normalisation x' = (x − Min)/(Max − Min) ∈ [0, 1].</summary>
public readonly record struct IndicatorRange(double Min, double Max)
{
    /// <summary>x' (NaN stays NaN; 0 when Max = Min).</summary>
    public double Normalize(double x) => double.IsNaN(x) ? double.NaN : Max > Min ? (x - Min) / (Max - Min) : 0;

    /// <summary>The range of a source over its valid pixels.</summary>
    public static IndicatorRange Compute(IRiskIndexSource source, TileOptions options)
    {
        var s = IndexStatistics.Compute(source, IndexTransform.Identity, options);
        return new IndicatorRange(s.Min, s.Max);
    }
}
