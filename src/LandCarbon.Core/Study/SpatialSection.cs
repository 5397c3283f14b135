namespace LandCarbon.Core.Study;

/// <summary>The <c>spatial:</c> section: fishnet aggregation, Moran's I, LISA, bivariate LISA, Gi*, ellipse (METHOD-SPEC (i)). Its module adds keys here (see <see cref="ModuleSection"/>).</summary>
public sealed record SpatialSection : ModuleSection
{
    /// <summary>Commented YAML lines that `landcarbon init` writes for this section.</summary>
    public const string Template = "# spatial:    # fishnet aggregation, Moran's I, LISA, bivariate LISA, Gi*, ellipse (METHOD-SPEC (i))\n";

    /// <summary>Reads the section; problems go to the study's problem list.</summary>
    public static SpatialSection Parse(StudySection section) => WithoutKeys<SpatialSection>(section);
}
