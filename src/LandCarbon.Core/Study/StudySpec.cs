using LandCarbon.Core.Models;

namespace LandCarbon.Core.Study;

/// <summary>
/// The declaration of the whole study file: the top-level keys and, in order, every module's section (each
/// declared by its section record's <c>Spec</c>). The parser validates against it, `landcarbon init` writes it
/// (<see cref="StudyTemplate"/>) and docs/study-file.md is generated from it (<see cref="StudyDocs"/>).
/// </summary>
public static class StudySpec
{
    /// <summary>The top-level keys.</summary>
    public static StudyKey Root { get; } = StudyKeys.Section("", "the study file",
        StudyKeys.Text("region", "", "name used in titles and the report") with { Example = "Central Guizhou Urban Agglomeration" },
        StudyKeys.Map("years", null, "year → land-use raster; the first raster defines the grid (CRS, geotransform, size), every other one must be on exactly that grid")
            with
            {
                Required = true,
                Example = "2000: landuse/clcd_2000.tif\n2024: landuse/clcd_2024.tif",
                Notes = ["Default period nodes 2000, 2005, 2010, 2015, 2020, 2024 (METHOD-SPEC §2)."],
                Doc = "year → land-use raster; the first defines the grid",
            },
        ClassesSection.Spec,
        AccountingSection.Spec,
        StudyKeys.Whole("seed", Seeds.Default, "for sampling and permutations; recorded in run.json (every command's --seed has the same default)"),
        StudyKeys.Section("tiles", "results are identical for any tile size and thread count",
            StudyKeys.Whole("width", 0, "tile width in pixels; 0 = follow the rasters' blocks", 0),
            StudyKeys.Whole("height", 0, "tile height in pixels; 0 = follow the rasters' blocks (give both or neither)", 0),
            StudyKeys.Whole("threads", 0, "worker threads; 0 = all cores", 0)),
        ChangeSection.Spec,
        PoiSection.Spec,
        RegressionSection.Spec,
        SpatialSection.Spec,
        RiskSection.Spec,
        SimulationSection.Spec,
        UncertaintySection.Spec,
        ReportSection.Spec);

    /// <summary>The declaration at a dotted key path (e.g. <c>risk.validation.sampleSize</c>); throws when none.</summary>
    public static StudyKey Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var key = Root;
        foreach (var name in path.Split('.'))
            key = key.Find(name) ?? throw new ArgumentException($"no study key {path} is declared.", nameof(path));
        return key;
    }
}
