using System.Text;

namespace LandCarbon.Core.Outputs;

/// <summary>Writes docs/outputs.md from <see cref="OutputCatalog.All"/> (a test fails when the page differs).</summary>
public static class OutputCatalogPage
{
    /// <summary>The page: one section per kind, one entry per declared output with its columns and units.</summary>
    public static string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append("# Outputs of a run\n\n")
          .Append("<!-- Generated from src/LandCarbon.Core/Outputs/OutputCatalog.cs; do not edit by hand. -->\n\n")
          .Append("Every file a run writes, as `OutputCatalog` declares it. Placeholders: `{year}` four digits, `{interval}` ")
          .Append("`Y1_Y2`, `{function}` a POI function, `{method}` a risk threshold method, `{forecast}` a risk forecaster, ")
          .Append("`{scenario}` a simulation scenario, `{level}` a risk level. Units: `{carbon}` is t C/yr in flux mode and ")
          .Append("t C in stock mode (t CO2e with `accounting.units: tCO2e`, headers then end in `TonnesCO2e`), `{carbonPixel}` ")
          .Append("the same per pixel, `{mass}` t C or t CO2e; a column whose ")
          .Append("header ends in `Cumulative` (the change option `cumulative`) is t C over the interval. Table headers are ")
          .Append("camelCase; a family of columns is `name_{value}` or `name{level}`.\n");
        foreach (var (kind, heading) in new[] { (OutputKind.Document, "Manifest and report"), (OutputKind.Raster, "Rasters"), (OutputKind.Table, "Tables"),
                     (OutputKind.Sidecar, "Sidecars"), (OutputKind.Figure, "Figures") })
        {
            sb.Append("\n## ").Append(heading).Append("\n");
            foreach (var f in OutputCatalog.All.Where(f => f.Kind == kind))
            {
                sb.Append("\n### `").Append(f.Pattern).Append("`\n\n")
                  .Append(f.TitleEn).Append(" (").Append(f.TitleZh).Append("). Written: ").Append(f.WrittenWhen).Append('.');
                if (f.Section.Length > 0) sb.Append(" Report section: `").Append(f.Section).Append("`.");
                sb.Append('\n');
                if (f.Values.Length > 0) sb.Append(f.Kind == OutputKind.Raster ? (f.Categorical ? "\nCodes: " : "\nUnit: ") : "\nContent: ").Append(f.Values).Append(".\n");
                if (f.Columns.Count > 0)
                {
                    sb.Append("\n| column | unit |\n|---|---|\n");
                    foreach (var c in f.Columns)
                        sb.Append("| `").Append(c.Name).Append("` | ").Append(c.Unit).Append(c.Delta ? "; `" + c.Name + "Cumulative` (t C over the interval) with the cumulative option" : "").Append(" |\n");
                }
            }
        }
        return sb.ToString();
    }
}
