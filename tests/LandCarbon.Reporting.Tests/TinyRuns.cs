using LandCarbon.Core.Demo;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Reporting.Html;

namespace LandCarbon.Reporting.Tests;

/// <summary>
/// Real tiny runs for the report tests, made by Core itself (never hand-made tables): the synthetic Central Guizhou
/// of <see cref="DemoGenerator"/> at 80 × 80 px (3 km pixels) run through the whole chain in flux mode (19
/// permutations instead of 999 so the spatial stage takes seconds), and the same land use in stock mode with a pool
/// table, three years and the risk stage (two intervals: no hindcast, so the accuracy table has no accuracy).
/// </summary>
public sealed class TinyRuns
{
    public TinyRuns()
    {
        string root = TestData.TempDir();
        string inputs = Path.Combine(root, "inputs");
        DemoGenerator.Generate(inputs, new DemoOptions { SizePx = 80, Seed = 42 });
        string flux = Path.Combine(inputs, "study_flux.yaml");
        File.WriteAllText(flux, File.ReadAllText(Path.Combine(inputs, "study.yaml")).Replace("permutations: 999", "permutations: 19", StringComparison.Ordinal));
        Flux = Path.Combine(root, "flux");
        PipelineRunner.Run(flux, Flux);

        // Pools per CLCD code (t C/ha: above, below, soil, dead).
        File.WriteAllText(Path.Combine(inputs, "pools.csv"),
            "lucode,c_above,c_below,c_soil,c_dead\n1,5,5,30,0\n2,80,20,45,5\n3,40,10,40,2\n4,10,10,40,0\n5,0,0,10,0\n6,0,0,1,0\n7,0,0,2,0\n8,0,0,5,0\n9,5,5,60,0\n");
        string stock = Path.Combine(inputs, "study_stock.yaml");
        File.WriteAllText(stock, """
            region: "Stock test"
            years:
              2000: landuse_2000.tif
              2010: landuse_2010.tif
              2024: landuse_2024.tif
            classes: {map: {1: cultivated, 2: forest, 3: forest, 4: grassland, 5: water, 6: unused, 7: unused, 8: construction, 9: water}}
            accounting:
              mode: stock
              pools: pools.csv
            change: {}
            risk:
              fishnetMeters: 9000
            """);
        Stock = Path.Combine(root, "stock");
        PipelineRunner.Run(stock, Stock);

        // Stock mode over two years of identical land use: no transition, ΔCBI 0 everywhere, so the offset ratio
        // (|reduction| ÷ increment) has no value and the transition matrix no off-diagonal cell.
        File.Copy(Path.Combine(inputs, "landuse_2000.tif"), Path.Combine(inputs, "landuse_2000_again.tif"));
        string unchanged = Path.Combine(inputs, "study_unchanged.yaml");
        File.WriteAllText(unchanged, """
            region: "Unchanged"
            years:
              2000: landuse_2000.tif
              2024: landuse_2000_again.tif
            accounting:
              mode: stock
              pools: pools.csv
            change: {}
            """);
        Unchanged = Path.Combine(root, "unchanged");
        PipelineRunner.Run(unchanged, Unchanged);
    }

    /// <summary>A stock-mode run (raw codes, no classes.map) whose two years have the same land use.</summary>
    public string Unchanged { get; }

    /// <summary>The flux-mode run folder (every stage but simulation).</summary>
    public string Flux { get; }

    /// <summary>The stock-mode run folder.</summary>
    public string Stock { get; }

    /// <summary>Report options reading the run's GeoTIFFs.</summary>
    public static ReportOptions Options(ReportLanguage lang = ReportLanguage.English) => new() { Language = lang, OpenRaster = GeoTiffReader.Open, MaxMapPixels = 80 };

    /// <summary>A copy of <paramref name="run"/> so a test may change it without touching the others.</summary>
    public static string Copy(string run)
    {
        string dir = TestData.TempDir();
        foreach (var f in Directory.EnumerateFiles(run, "*", SearchOption.AllDirectories))
        {
            string to = Path.Combine(dir, Path.GetRelativePath(run, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }
        return dir;
    }
}

[CollectionDefinition(Name)]
public sealed class TinyRunCollection : ICollectionFixture<TinyRuns>
{
    public const string Name = "tiny runs";
}
