namespace LandCarbon.Core.Regression;

/// <summary>One coefficient with its inference. Missing parts (e.g. the standard error under rank inference) are NaN.</summary>
/// <param name="Term">The regressor's name; the intercept is "(Intercept)".</param>
/// <param name="Estimate">β̂.</param>
/// <param name="StdError">Standard error (NaN for rank inference).</param>
/// <param name="TValue">Estimate / StdError.</param>
/// <param name="PValue">Two-sided p-value from Student's t with n − p degrees of freedom.</param>
/// <param name="CiLower">Lower end of the confidence interval (estimate − t·se, or the rank-test interval).</param>
/// <param name="CiUpper">Upper end of the confidence interval.</param>
public sealed record RegressionCoefficient(
    string Term, double Estimate, double StdError, double TValue, double PValue, double CiLower, double CiUpper);

/// <summary>The fit at one quantile.</summary>
/// <param name="Tau">The quantile τ in (0, 1).</param>
/// <param name="Coefficients">One entry per term, intercept first.</param>
/// <param name="PseudoR1">Koenker–Machado R¹(τ) = 1 − V̂(τ)/Ṽ(τ): the check-loss of the model relative to the
/// intercept-only model.</param>
/// <param name="Objective">V̂(τ) = Σ ρ_τ(y_i − x_iᵀβ̂).</param>
/// <param name="NonUnique">The simplex reported that the solution may not be unique.</param>
public sealed record QuantileFit(
    double Tau, IReadOnlyList<RegressionCoefficient> Coefficients, double PseudoR1, double Objective, bool NonUnique);

/// <summary>The Wald test that all slopes (not the intercept) are equal across the quantiles (quantreg's
/// <c>anova.rq(..., joint = TRUE)</c>): F = (Dβ)ᵀ(DVDᵀ)⁻¹(Dβ)/df1 with the nid covariance.</summary>
/// <param name="Statistic">The F statistic.</param>
/// <param name="Df1">(p − 1)(m − 1).</param>
/// <param name="Df2">n·m − (p − 1)(m − 1).</param>
/// <param name="PValue">Upper tail of F(df1, df2).</param>
public sealed record SlopeEqualityTest(double Statistic, int Df1, int Df2, double PValue);

/// <summary>Ordinary least squares for comparison.</summary>
/// <param name="Coefficients">Estimates with classical standard errors, t, p and 95 % intervals.</param>
/// <param name="RSquared">Coefficient of determination.</param>
/// <param name="ResidualStdError">σ̂ = sqrt(RSS / (n − p)).</param>
public sealed record OlsFit(IReadOnlyList<RegressionCoefficient> Coefficients, double RSquared, double ResidualStdError);

/// <summary>Quantile regression at one or several quantiles.</summary>
/// <param name="N">Rows used.</param>
/// <param name="DroppedRows">Rows dropped because y or a regressor was missing, NaN or infinite.</param>
/// <param name="Terms">Coefficient names, intercept first.</param>
/// <param name="Method">The solver.</param>
/// <param name="Inference">The inference actually used.</param>
/// <param name="Fits">One fit per τ, in increasing τ.</param>
/// <param name="SlopeEquality">The joint slope-equality test when there are ≥ 2 quantiles, an intercept and some
/// inference (not <see cref="QuantileInference.None"/>).</param>
/// <param name="Ols">The OLS fit of the same design.</param>
public sealed record QuantileRegressionResult(
    int N, int DroppedRows, IReadOnlyList<string> Terms, QuantileRegressionMethod Method, QuantileInference Inference,
    IReadOnlyList<QuantileFit> Fits, SlopeEqualityTest? SlopeEquality, OlsFit Ols);
