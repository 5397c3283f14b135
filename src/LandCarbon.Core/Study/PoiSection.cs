namespace LandCarbon.Core.Study;

/// <summary>The <c>poi:</c> section: POI ingestion, function mapping, kernel densities and the functional factor of construction land (METHOD-SPEC (c)4, (g)). Its module adds keys here (see <see cref="ModuleSection"/>).</summary>
public sealed record PoiSection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template = "# poi:    # POI ingestion, function mapping, kernel densities and the functional factor of construction land (METHOD-SPEC (c)4, (g))\n";

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static PoiSection Parse(StudySection section) => WithoutKeys<PoiSection>(section);
}
