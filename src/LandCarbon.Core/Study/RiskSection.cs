namespace LandCarbon.Core.Study;

/// <summary>The <c>risk:</c> section: carbon risk early warning, threshold methods, accuracy, key monitoring areas (METHOD-SPEC (j)). Its module adds keys here (see <see cref="ModuleSection"/>).</summary>
public sealed record RiskSection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template = "# risk:    # carbon risk early warning, threshold methods, accuracy, key monitoring areas (METHOD-SPEC (j))\n";

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static RiskSection Parse(StudySection section) => WithoutKeys<RiskSection>(section);
}
