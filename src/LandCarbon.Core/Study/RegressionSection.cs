namespace LandCarbon.Core.Study;

/// <summary>The <c>regression:</c> section: multi-quantile regression of ΔCBI on POI functional densities (METHOD-SPEC (h)). Its module adds keys here (see <see cref="ModuleSection"/>).</summary>
public sealed record RegressionSection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template = "# regression:    # multi-quantile regression of ΔCBI on POI functional densities (METHOD-SPEC (h))\n";

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static RegressionSection Parse(StudySection section) => WithoutKeys<RegressionSection>(section);
}
