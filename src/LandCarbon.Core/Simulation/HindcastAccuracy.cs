namespace LandCarbon.Core.Simulation;

/// <summary>Agreement of a simulated map with the observed one, both starting from the same initial map.</summary>
/// <param name="Pixels">Pixels compared (valid in all three maps).</param>
/// <param name="Fom">Figure of merit H/(M+H+W+F) (Pontius et al. 2008).</param>
/// <param name="ProducersAccuracy">H/(M+H+W).</param>
/// <param name="UsersAccuracy">H/(H+W+F).</param>
/// <param name="OverallAccuracy">Share of pixels where simulated = observed.</param>
/// <param name="Kappa">Cohen's kappa of simulated against observed.</param>
/// <param name="KappaSimulation">Kappa simulation (van Vliet, Bregt &amp; Hagen-Zanker 2011): agreement beyond the
/// one expected from the class transitions' sizes.</param>
public sealed record AccuracyFigures(long Pixels, double Fom, double ProducersAccuracy, double UsersAccuracy,
    double OverallAccuracy, double Kappa, double KappaSimulation);

/// <summary>
/// Hindcast accuracy from the three-way table n[a, b, s] of initial class a, observed class b and simulated
/// class s over the pixels valid in all three maps. Overall: hits H (a ≠ b, s = b), wrong hits W (a ≠ b, s ∉ {a, b}),
/// misses M (a ≠ b, s = a), false alarms F (a = b, s ≠ a). Per class c, the same for the gain of c: observed gain
/// O_c (a ≠ c, b = c), simulated gain S_c (a ≠ c, s = c), hits H_c (both): FoM_c = H_c/(O_c + S_c − H_c),
/// producer's H_c/O_c, user's H_c/S_c; overall accuracy, kappa and kappa simulation of the binary maps "is c".
/// A ratio with a zero denominator is NaN (an empty cell in the tables). The independent oracle is
/// tests/data/oracles/simulation-accuracy/accuracy.py.
/// </summary>
public sealed class HindcastAccuracy
{
    private readonly long[,,] _n;
    private readonly int _k;

    private HindcastAccuracy(long[,,] n)
    {
        _n = n;
        _k = n.GetLength(0);
    }

    /// <summary>The three-way table of three maps of class values below <paramref name="classCount"/> (0 = nodata).</summary>
    public static HindcastAccuracy Compare(byte[] initial, byte[] observed, byte[] simulated, int classCount)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(observed);
        ArgumentNullException.ThrowIfNull(simulated);
        var n = new long[classCount, classCount, classCount];
        for (long i = 0; i < initial.Length; i++)
        {
            byte a = initial[i], b = observed[i], s = simulated[i];
            if (a == 0 || b == 0 || s == 0) continue;
            n[a, b, s]++;
        }
        return new HindcastAccuracy(n);
    }

    /// <summary>The overall figures.</summary>
    public AccuracyFigures Overall()
    {
        long h = 0, w = 0, m = 0, f = 0, agree = 0, total = 0;
        var pb = new double[_k];
        var ps = new double[_k];
        foreach (var (a, b, s, v) in Cells())
        {
            total += v;
            pb[b] += v;
            ps[s] += v;
            if (b == s) agree += v;
            if (a != b)
            {
                if (s == b) h += v;
                else if (s == a) m += v;
                else w += v;
            }
            else if (s != a) f += v;
        }
        double pe = 0;
        for (int c = 1; c < _k; c++) pe += pb[c] / total * (ps[c] / total);
        double pt = 0;
        for (int a = 1; a < _k; a++)
        {
            long na = 0;
            for (int b = 1; b < _k; b++)
                for (int s = 1; s < _k; s++) na += _n[a, b, s];
            if (na == 0) continue;
            for (int c = 1; c < _k; c++)
            {
                long ob = 0, si = 0;
                for (int x = 1; x < _k; x++)
                {
                    ob += _n[a, c, x];
                    si += _n[a, x, c];
                }
                pt += (double)na / total * ((double)ob / na) * ((double)si / na);
            }
        }
        double po = (double)agree / total;
        return new AccuracyFigures(total, Ratio(h, h + m + w + f), Ratio(h, h + m + w), Ratio(h, h + w + f), po,
            (po - pe) / (1 - pe), (po - pt) / (1 - pt));
    }

    /// <summary>The figures of the gain of class <paramref name="c"/> and of the binary maps "is c".</summary>
    public AccuracyFigures ForClass(int c)
    {
        long obsGain = 0, simGain = 0, hit = 0, total = 0;
        // Binary table [initial is c][observed is c][simulated is c].
        var t = new long[2, 2, 2];
        foreach (var (a, b, s, v) in Cells())
        {
            total += v;
            t[a == c ? 1 : 0, b == c ? 1 : 0, s == c ? 1 : 0] += v;
            if (a == c) continue;
            if (b == c) obsGain += v;
            if (s == c) simGain += v;
            if (b == c && s == c) hit += v;
        }
        long agree = 0;
        var pb = new double[2];
        var ps = new double[2];
        for (int a = 0; a < 2; a++)
            for (int b = 0; b < 2; b++)
                for (int s = 0; s < 2; s++)
                {
                    if (b == s) agree += t[a, b, s];
                    pb[b] += t[a, b, s];
                    ps[s] += t[a, b, s];
                }
        double po = (double)agree / total;
        double pe = pb[0] / total * (ps[0] / total) + pb[1] / total * (ps[1] / total);
        double pt = 0;
        for (int a = 0; a < 2; a++)
        {
            long na = t[a, 0, 0] + t[a, 0, 1] + t[a, 1, 0] + t[a, 1, 1];
            if (na == 0) continue;
            for (int x = 0; x < 2; x++)
                pt += (double)na / total * ((double)(t[a, x, 0] + t[a, x, 1]) / na) * ((double)(t[a, 0, x] + t[a, 1, x]) / na);
        }
        return new AccuracyFigures(total, Ratio(hit, obsGain + simGain - hit), Ratio(hit, obsGain), Ratio(hit, simGain), po,
            (po - pe) / (1 - pe), (po - pt) / (1 - pt));
    }

    /// <summary>Pixels whose observed class differs from the initial one.</summary>
    public long ObservedChange() => Cells().Where(x => x.A != x.B).Sum(x => x.Pixels);

    /// <summary>The non-empty cells of the three-way table.</summary>
    private IEnumerable<(int A, int B, int S, long Pixels)> Cells()
    {
        for (int a = 1; a < _k; a++)
            for (int b = 1; b < _k; b++)
                for (int s = 1; s < _k; s++)
                    if (_n[a, b, s] != 0) yield return (a, b, s, _n[a, b, s]);
    }

    /// <summary>Observed changes between classes <paramref name="x"/> and <paramref name="y"/>, both directions.</summary>
    public long ObservedSwap(int x, int y)
    {
        long v = 0;
        for (int s = 1; s < _k; s++) v += _n[x, y, s] + _n[y, x, s];
        return v;
    }

    private static double Ratio(long a, long b) => b == 0 ? double.NaN : (double)a / b;
}
