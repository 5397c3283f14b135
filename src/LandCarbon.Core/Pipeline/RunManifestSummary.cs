using System.Text.Json;
using LandCarbon.Core.Models;
using LandCarbon.Core.Outputs;

namespace LandCarbon.Core.Pipeline;

/// <summary>A class style as <see cref="RunManifest"/> writes it under study.classes.styles.</summary>
public sealed record RunClassStyle(string Class, string? EnglishLabel, string? ChineseLabel, string? Color);

/// <summary>study.classes of <see cref="RunManifest"/>: the class map (input code → class key), styles and scheme name.</summary>
public sealed record RunClasses(string? Name, IReadOnlyDictionary<string, string>? Map, IReadOnlyList<RunClassStyle>? Styles, bool IsRawCodes);

/// <summary>study.accounting of <see cref="RunManifest"/>: mode and unit.</summary>
public sealed record RunAccounting(string? Mode, string? Units);

/// <summary>study.change.options of <see cref="RunManifest"/>: whether ΔCBI is cumulative.</summary>
public sealed record RunChangeOptions(bool Cumulative);

/// <summary>study.change of <see cref="RunManifest"/>.</summary>
public sealed record RunChange(RunChangeOptions? Options);

/// <summary>The study as <see cref="RunManifest"/> writes it, the part a reader of a finished run needs.</summary>
public sealed record RunStudy(string? Region, IReadOnlyDictionary<int, string>? Years, RunClasses? Classes, RunAccounting? Accounting, RunChange? Change);

/// <summary>
/// The typed read side of run.json (<see cref="RunManifest"/> is the write side; its study is a
/// <c>StudyDefinition</c>, of which readers need only the region, years, classes, accounting mode and unit):
/// deserialised with the same JSON settings, never searched by property name.
/// </summary>
public sealed record RunManifestSummary(
    string? ToolVersion, string? Command, string? StudyFile, RunStudy? Study, int Seed,
    IReadOnlyList<RunInput>? Inputs, IReadOnlyList<RunStageTiming>? Stages, IReadOnlyList<string>? Warnings, string? AreaModel)
{
    /// <summary>True in stock mode.</summary>
    public bool StockMode => string.Equals(Study?.Accounting?.Mode, "stock", StringComparison.OrdinalIgnoreCase);

    /// <summary>The unit facts of the run's tables and rasters (<see cref="OutputUnits"/>).</summary>
    public RunUnitFacts UnitFacts => new(StockMode, string.Equals(Study?.Accounting?.Units, "tonnesCO2e", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads OUT/run.json of <paramref name="runDirectory"/>; null when the run has none. An
    /// <see cref="InputException"/> naming the file when it is not a run manifest.</summary>
    public static RunManifestSummary? Read(string runDirectory)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        string path = Path.Combine(runDirectory, OutputCatalog.RunJson.RelativePath());
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<RunManifestSummary>(File.ReadAllText(path), PipelineRunner.Json)
                ?? throw new InputException($"{path}: empty run manifest.");
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}: not a run manifest written by landcarbon ({e.Message}).", e);
        }
    }
}
