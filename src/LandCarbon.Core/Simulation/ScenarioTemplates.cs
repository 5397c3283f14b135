using LandCarbon.Core.LandUse;

namespace LandCarbon.Core.Simulation;

/// <summary>Knobs of the scenario templates (documented in docs/methods/simulation.md, "Scenarios").</summary>
public sealed record ScenarioSettings
{
    /// <summary>cultivatedProtection: the share of the trend rate of cultivated → construction that is kept (0.5 = half the trend loss).</summary>
    public double CultivatedLossCap { get; init; } = 0.5;

    /// <summary>ecologicalProtection: the classes that may not lose area (their rates out are 0 and conversion from them is forbidden).</summary>
    public IReadOnlyList<LandClass> ProtectedClasses { get; init; } = [LandClass.Forest, LandClass.Water];

    /// <summary>lowCarbon: β of the carbon term C(i, j, k) = exp(−β·(c_k(i) − c_j(i))/s) (<see cref="ScenarioRules.CarbonTerm"/>).</summary>
    public double CarbonWeight { get; init; } = 2;
}

/// <summary>The rules of one scenario: factors on the per-year transition rates, the conversion matrix and the carbon weight.</summary>
/// <param name="Name">Scenario name (file names and table cells).</param>
/// <param name="RateFactor">[from, to] factor on the per-year rate of the Markov generator (1 = trend).</param>
/// <param name="Permitted">[from, to] conversion matrix of the allocation.</param>
/// <param name="CarbonWeight">β of the carbon term (0 = no carbon term).</param>
public sealed record ScenarioRules(string Name, double[,] RateFactor, bool[,] Permitted, double CarbonWeight)
{
    /// <summary>The generator of this scenario: the trend generator with its off-diagonal rates scaled, diagonal rebuilt.</summary>
    public double[,] Apply(double[,] rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        var q = (double[,])rates.Clone();
        int n = q.GetLength(0);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j) q[i, j] *= RateFactor[i, j];
        MarkovDemand.Regularise(q);
        return q;
    }

    /// <summary>
    /// The carbon term, or null when β = 0. With <paramref name="pixels"/> (flux mode: what the accounting would give
    /// each pixel as each class) it is per pixel, C(pixel, j, k) = exp(−β·(c_k(pixel) − c_j(pixel))/s); without, per
    /// class pair, C[j, k] = exp(−β·(c_k − c_j)/s) on the class coefficients. Either way s is the largest
    /// |c_k − c_j| between the base year's class coefficients <paramref name="coefficients"/> (t C/ha/yr, positive =
    /// source), fixed by this rule so β means the same in both; 1 where a coefficient is undefined.
    /// </summary>
    public CarbonFactor? CarbonTerm(IReadOnlyList<double>? coefficients, IPixelClassCoefficients? pixels = null)
    {
        if (CarbonWeight == 0) return null;
        if (coefficients is null) throw new InvalidOperationException($"Scenario {Name} needs the class carbon coefficients of the accounting.");
        int n = coefficients.Count;
        double s = 0;
        for (int i = 1; i < n; i++)
            for (int j = 1; j < n; j++)
                if (double.IsFinite(coefficients[i]) && double.IsFinite(coefficients[j])) s = Math.Max(s, Math.Abs(coefficients[j] - coefficients[i]));
        if (pixels is not null) return new PixelCarbonTerm(pixels, CarbonWeight, s);
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                c[i, j] = s > 0 && double.IsFinite(coefficients[i]) && double.IsFinite(coefficients[j]) ? Math.Exp(-CarbonWeight * (coefficients[j] - coefficients[i]) / s) : 1;
        return new ClassPairCarbonTerm(c);
    }
}

/// <summary>
/// The built-in scenario templates:
/// <list type="bullet">
/// <item><c>natural</c>: the trend (Markov generator of the calibration interval), every conversion permitted;</item>
/// <item><c>cultivatedProtection</c>: the per-year rate cultivated → construction × <see cref="ScenarioSettings.CultivatedLossCap"/>;</item>
/// <item><c>ecologicalProtection</c>: the protected classes (forest, water) lose nothing: their rates out are 0 and
/// the conversion matrix forbids converting them (restricted areas apply to every scenario);</item>
/// <item><c>lowCarbon</c>: the trend demand, allocated with the carbon term, so the same areas land where the
/// conversion raises the carbon budget least.</item>
/// </list>
/// </summary>
public static class ScenarioTemplates
{
    /// <summary>Template names in their canonical spelling.</summary>
    public static IReadOnlyList<string> Names { get; } = ["natural", "cultivatedProtection", "ecologicalProtection", "lowCarbon"];

    /// <summary>The rules of the template <paramref name="name"/> over class values below <paramref name="classCount"/>.</summary>
    public static ScenarioRules For(string name, ScenarioSettings settings, int classCount)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var factor = new double[classCount, classCount];
        var permitted = new bool[classCount, classCount];
        for (int i = 0; i < classCount; i++)
            for (int j = 0; j < classCount; j++)
            {
                factor[i, j] = 1;
                permitted[i, j] = true;
            }
        double beta = 0;
        switch (name)
        {
            case "natural":
                break;
            case "cultivatedProtection":
                factor[(int)LandClass.Cultivated, (int)LandClass.Construction] = settings.CultivatedLossCap;
                break;
            case "ecologicalProtection":
                foreach (var c in settings.ProtectedClasses)
                    for (int j = 0; j < classCount; j++)
                    {
                        if (j == (int)c) continue;
                        factor[(int)c, j] = 0;
                        permitted[(int)c, j] = false;
                    }
                break;
            case "lowCarbon":
                beta = settings.CarbonWeight;
                break;
            default:
                throw new ArgumentException($"Unknown scenario '{name}'; the templates are {string.Join(", ", Names)}.", nameof(name));
        }
        return new ScenarioRules(name, factor, permitted, beta);
    }
}
