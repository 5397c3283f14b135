namespace LandCarbon.Core.Regression;

/// <summary>The linear-programming solver (quantreg's <c>method</c>).</summary>
public enum QuantileRegressionMethod
{
    /// <summary>Barrodale–Roberts simplex (<c>"br"</c>): exact vertex solution; for n up to a few 10⁴.</summary>
    BarrodaleRoberts,

    /// <summary>Frisch–Newton interior point (<c>"fn"</c>): duality gap 1e-6; for large n.</summary>
    FrischNewton,

    /// <summary>Frisch–Newton with Portnoy–Koenker preprocessing (<c>"pfn"</c>, quantreg's <c>rq.fit.pfn</c>): the
    /// same solution as fn, found on a seeded subsample plus two globbed observations; for n in the 10⁵–10⁷ range.</summary>
    PortnoyKoenker,
}

/// <summary>Standard errors / intervals, named as quantreg's <c>summary.rq(se = ...)</c>.</summary>
public enum QuantileInference
{
    /// <summary>No inference: coefficients only (fastest; no slope-equality test either).</summary>
    None,

    /// <summary>Inverted rank-score test intervals (Koenker 1994); intervals only, no standard error.</summary>
    Rank,

    /// <summary>iid errors: sparsity estimated from the residuals with the Hall–Sheather bandwidth.</summary>
    Iid,

    /// <summary>Non-iid sandwich with local densities from fits at τ ± h (Hendricks–Koenker).</summary>
    Nid,

    /// <summary>Powell kernel sandwich with a Gaussian kernel.</summary>
    Ker,

    /// <summary>xy-pair bootstrap, seeded.</summary>
    Boot,
}

/// <summary>Options for <see cref="QuantileRegression"/>. Defaults follow quantreg except where noted.</summary>
public sealed record QuantileRegressionOptions
{
    /// <summary>The solver; default Barrodale–Roberts (quantreg's default).</summary>
    public QuantileRegressionMethod Method { get; init; } = QuantileRegressionMethod.BarrodaleRoberts;

    /// <summary>The inference; null means quantreg's default: rank for n &lt; 1001, nid otherwise.</summary>
    public QuantileInference? Inference { get; init; }

    /// <summary>Add an intercept column named "(Intercept)" first (default true).</summary>
    public bool Intercept { get; init; } = true;

    /// <summary>Confidence level of the intervals; default 0.95. (quantreg's rank intervals default to 0.90;
    /// LandCarbon uses 0.95 for every method. The oracle fixtures pass alpha = 0.05.)</summary>
    public double ConfidenceLevel { get; init; } = 0.95;

    /// <summary>Hall–Sheather (true, quantreg's default) or Bofinger bandwidth for iid, nid and ker.</summary>
    public bool HallSheather { get; init; } = true;

    /// <summary>Rank intervals assume iid errors (quantreg's default true); false uses the nid rank-test scale.</summary>
    public bool RankIid { get; init; } = true;

    /// <summary>Bootstrap replicates (quantreg's default R = 200).</summary>
    public int BootstrapReplicates { get; init; } = 200;

    /// <summary>Seed of the bootstrap resampling (results are identical for a given seed and any thread count).</summary>
    public int Seed { get; init; } = Models.Seeds.Default;

    /// <summary>Threads for the row-block loops; 0 = all processors. Results do not depend on it.</summary>
    public int MaxThreads { get; init; }
}
