namespace LandCarbon.Core.Risk;

/// <summary>
/// Counts of predicted level (rows) against observed (reference) level (columns) for levels 1…L, and the accuracy
/// measures of remote-sensing map validation (Congalton &amp; Green; Cohen 1960):
/// <list type="bullet">
/// <item>overall accuracy OA = Σₖ nₖₖ / N;</item>
/// <item>linearly weighted kappa κ_w (<see cref="WeightedKappa"/>);</item>
/// <item>Cohen's kappa κ = (OA − pₑ)/(1 − pₑ), pₑ = Σₖ nₖ₊·n₊ₖ / N² (1 when pₑ = 1 and OA = 1, NaN when pₑ = 1 otherwise);</item>
/// <item>producer's accuracy of level k = nₖₖ / n₊ₖ (observed total; 1 − omission error);</item>
/// <item>user's accuracy of level k = nₖₖ / nₖ₊ (predicted total; 1 − commission error);</item>
/// <item>for the high-risk set H (levels ≥ <see cref="RiskLevels.HighRiskFrom"/>): hit rate = TP/(TP + FN), the share of
/// observed high-risk units that were warned; false-alarm rate = FP/(TP + FP), the share of warnings whose unit
/// was not observed high-risk (the false-alarm ratio of warning verification).</item>
/// </list>
/// Units whose predicted or observed level is 0 (nodata) or above L are not counted. Empty rows/columns give NaN.
/// </summary>
public sealed class ConfusionMatrix
{
    private readonly long[,] _n;

    /// <summary>An empty matrix for <paramref name="levels"/>.</summary>
    public ConfusionMatrix(RiskLevels levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        Levels = levels;
        _n = new long[levels.Count, levels.Count];
    }

    /// <summary>A matrix from counts [predicted − 1, observed − 1].</summary>
    public static ConfusionMatrix FromCounts(long[,] counts, RiskLevels? levels = null)
    {
        ArgumentNullException.ThrowIfNull(counts);
        int l = counts.GetLength(0);
        if (counts.GetLength(1) != l) throw new ArgumentException("A confusion matrix is square.", nameof(counts));
        var m = new ConfusionMatrix(levels ?? RiskLevels.ForCount(l));
        if (m.Levels.Count != l) throw new ArgumentException("The levels do not match the matrix size.", nameof(levels));
        for (int i = 0; i < l; i++)
            for (int j = 0; j < l; j++)
                m._n[i, j] = counts[i, j];
        return m;
    }

    /// <summary>The levels.</summary>
    public RiskLevels Levels { get; }

    /// <summary>Count of units predicted at <paramref name="predicted"/> and observed at <paramref name="observed"/> (1-based).</summary>
    public long this[int predicted, int observed] => _n[predicted - 1, observed - 1];

    /// <summary>Adds one unit; ignored when either level is 0 or out of range.</summary>
    public void Add(int predicted, int observed)
    {
        int l = Levels.Count;
        if (predicted < 1 || predicted > l || observed < 1 || observed > l) return;
        _n[predicted - 1, observed - 1]++;
    }

    /// <summary>Adds units pairwise from two level spans.</summary>
    public void Add(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> observed)
    {
        if (predicted.Length != observed.Length) throw new ArgumentException("The spans differ in length.", nameof(observed));
        for (int i = 0; i < predicted.Length; i++) Add(predicted[i], observed[i]);
    }

    /// <summary>Adds the counts of another matrix with the same levels.</summary>
    public void Add(ConfusionMatrix other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Levels.Count != Levels.Count) throw new ArgumentException("The matrices have different levels.", nameof(other));
        for (int i = 0; i < Levels.Count; i++)
            for (int j = 0; j < Levels.Count; j++)
                _n[i, j] += other._n[i, j];
    }

    /// <summary>N, the number of units counted.</summary>
    public long Total
    {
        get
        {
            long s = 0;
            foreach (long v in _n) s += v;
            return s;
        }
    }

    /// <summary>Units predicted at level k (row total nₖ₊).</summary>
    public long PredictedTotal(int level)
    {
        long s = 0;
        for (int j = 0; j < Levels.Count; j++) s += _n[level - 1, j];
        return s;
    }

    /// <summary>Units observed at level k (column total n₊ₖ).</summary>
    public long ObservedTotal(int level)
    {
        long s = 0;
        for (int i = 0; i < Levels.Count; i++) s += _n[i, level - 1];
        return s;
    }

    /// <summary>Overall accuracy (NaN when empty).</summary>
    public double OverallAccuracy
    {
        get
        {
            long n = Total, d = 0;
            for (int k = 0; k < Levels.Count; k++) d += _n[k, k];
            return n == 0 ? double.NaN : (double)d / n;
        }
    }

    /// <summary>Cohen's kappa.</summary>
    public double Kappa
    {
        get
        {
            long n = Total;
            if (n == 0) return double.NaN;
            double nn = (double)n * n, pe = 0;
            for (int k = 1; k <= Levels.Count; k++) pe += (double)PredictedTotal(k) * ObservedTotal(k) / nn;
            double oa = OverallAccuracy;
            if (pe >= 1) return oa >= 1 ? 1 : double.NaN;
            return (oa - pe) / (1 - pe);
        }
    }

    /// <summary>
    /// Linearly weighted kappa (Cohen 1968): agreement weights w_ij = 1 − |i − j|/(L − 1),
    /// κ_w = (p_o − p_e)/(1 − p_e) with p_o = Σ w_ij·n_ij/N and p_e = Σ w_ij·n_i+·n_+j/N² (1 when p_e = 1 and
    /// p_o = 1, NaN when p_e = 1 otherwise). A near miss (one level off) counts partly, so it measures ordinal skill.
    /// </summary>
    public double WeightedKappa
    {
        get
        {
            long n = Total;
            int l = Levels.Count;
            if (n == 0 || l < 2) return double.NaN;
            double nn = (double)n * n, po = 0, pe = 0;
            var rows = new double[l];
            var cols = new double[l];
            for (int k = 1; k <= l; k++)
            {
                rows[k - 1] = PredictedTotal(k);
                cols[k - 1] = ObservedTotal(k);
            }
            for (int i = 0; i < l; i++)
                for (int j = 0; j < l; j++)
                {
                    double w = 1 - Math.Abs(i - j) / (double)(l - 1);
                    po += w * _n[i, j] / n;
                    pe += w * rows[i] * cols[j] / nn;
                }
            if (pe >= 1) return po >= 1 ? 1 : double.NaN;
            return (po - pe) / (1 - pe);
        }
    }

    /// <summary>Producer's accuracy of level k.</summary>
    public double ProducersAccuracy(int level)
    {
        long t = ObservedTotal(level);
        return t == 0 ? double.NaN : (double)_n[level - 1, level - 1] / t;
    }

    /// <summary>User's accuracy of level k.</summary>
    public double UsersAccuracy(int level)
    {
        long t = PredictedTotal(level);
        return t == 0 ? double.NaN : (double)_n[level - 1, level - 1] / t;
    }

    /// <summary>(TP, FN, FP, TN) for the high-risk set: levels ≥ <paramref name="highFrom"/> (default <see cref="RiskLevels.HighRiskFrom"/>).</summary>
    public (long TruePositive, long FalseNegative, long FalsePositive, long TrueNegative) HighRiskCounts(int? highFrom = null)
    {
        int h = highFrom ?? Levels.HighRiskFrom;
        long tp = 0, fn = 0, fp = 0, tn = 0;
        for (int i = 1; i <= Levels.Count; i++)
            for (int j = 1; j <= Levels.Count; j++)
            {
                long c = _n[i - 1, j - 1];
                bool p = i >= h, o = j >= h;
                if (p && o) tp += c;
                else if (!p && o) fn += c;
                else if (p && !o) fp += c;
                else tn += c;
            }
        return (tp, fn, fp, tn);
    }

    /// <summary>Hit rate TP/(TP + FN) of the high-risk set (NaN when nothing was observed high-risk).</summary>
    public double HitRate
    {
        get
        {
            var (tp, fn, _, _) = HighRiskCounts();
            return tp + fn == 0 ? double.NaN : (double)tp / (tp + fn);
        }
    }

    /// <summary>False-alarm rate FP/(TP + FP) of the high-risk set (NaN when nothing was warned high-risk).</summary>
    public double FalseAlarmRate
    {
        get
        {
            var (tp, _, fp, _) = HighRiskCounts();
            return tp + fp == 0 ? double.NaN : (double)fp / (tp + fp);
        }
    }
}
