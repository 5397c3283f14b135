namespace LandCarbon.Core.Study;

/// <summary>The <c>change:</c> section: change analysis: ΔCBI per interval, transitions, contributions, mechanisms, spaces, grades, offset ratio (METHOD-SPEC (d)–(f)). Its module adds keys here (see <see cref="ModuleSection"/>).</summary>
public sealed record ChangeSection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template = "# change:    # change analysis: ΔCBI per interval, transitions, contributions, mechanisms, spaces, grades, offset ratio (METHOD-SPEC (d)–(f))\n";

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static ChangeSection Parse(StudySection section) => WithoutKeys<ChangeSection>(section);
}
