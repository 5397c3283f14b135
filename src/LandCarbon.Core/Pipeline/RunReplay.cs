using System.Text.Json;
using LandCarbon.Core.Models;

namespace LandCarbon.Core.Pipeline;

/// <summary>An input of a recorded run whose content is no longer what the run read.</summary>
/// <param name="Path">The file as recorded.</param>
/// <param name="RecordedSha256">SHA-256 in the recorded run.json.</param>
/// <param name="CurrentSha256">SHA-256 now; null when the file no longer exists.</param>
public sealed record ChangedInput(string Path, string RecordedSha256, string? CurrentSha256);

/// <summary>What run.json records about a replay (`landcarbon run OUT/run.json`).</summary>
/// <param name="Manifest">The run.json that was replayed.</param>
/// <param name="Forced">True when the replay went on although inputs had changed (`--force`).</param>
/// <param name="ChangedInputs">The inputs that differed from the recorded run.</param>
public sealed record RunReplay(string Manifest, bool Forced, IReadOnlyList<ChangedInput> ChangedInputs);

/// <summary>
/// Replaying a run: the study file and output folder recorded in a run.json, and the check that every recorded input
/// (study file, rasters, tables, POI files, …) still has the SHA-256 the run read, so a replay never silently
/// computes something else than the run it claims to repeat.
/// </summary>
public static class RunReplayCheck
{
    /// <summary>The study file and output folder recorded in <paramref name="runJson"/>.</summary>
    public static (string StudyPath, string OutDir) Target(string runJson)
    {
        using var doc = Read(runJson);
        if (!doc.RootElement.TryGetProperty("studyFile", out var sf) || sf.ValueKind != JsonValueKind.String || sf.GetString() is not { Length: > 0 } studyPath)
            throw new InputException($"{runJson}: no \"studyFile\" in the manifest; is this a run.json written by landcarbon run?");
        return (studyPath, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(runJson)) ?? ".");
    }

    /// <summary>
    /// The recorded inputs whose SHA-256 differs now, or that no longer exist (in the recorded order). An
    /// <see cref="InputException"/> when the manifest records no inputs.
    /// </summary>
    public static IReadOnlyList<ChangedInput> ChangedInputs(string runJson)
    {
        using var doc = Read(runJson);
        if (!doc.RootElement.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Array)
            throw new InputException($"{runJson}: no \"inputs\" in the manifest, so the inputs cannot be verified; is this a run.json written by landcarbon run?");
        var changed = new List<ChangedInput>();
        foreach (var e in inputs.EnumerateArray())
        {
            if (!e.TryGetProperty("path", out var p) || p.GetString() is not { Length: > 0 } path ||
                !e.TryGetProperty("sha256", out var h) || h.GetString() is not { Length: > 0 } sha)
                throw new InputException($"{runJson}: an entry of \"inputs\" has no \"path\" or \"sha256\".");
            if (!File.Exists(path)) changed.Add(new ChangedInput(path, sha, null));
            else if (PipelineRunner.Hash(path).Sha256 is var now && !string.Equals(now, sha, StringComparison.OrdinalIgnoreCase))
                changed.Add(new ChangedInput(path, sha, now));
        }
        return changed;
    }

    /// <summary>
    /// The message that stops a replay: every changed input by name, what changed, and how to go on anyway.
    /// </summary>
    public static InputException Refusal(string runJson, IReadOnlyList<ChangedInput> changed)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var lines = changed.Select(c => c.CurrentSha256 is null
            ? $"{c.Path}: no longer exists (the recorded run read SHA-256 {c.RecordedSha256})."
            : $"{c.Path}: changed since the recorded run (SHA-256 recorded {c.RecordedSha256}, now {c.CurrentSha256}).").ToList();
        return new InputException($"{runJson}: {changed.Count} input(s) differ from the recorded run, so the replay would not repeat it; " +
            "restore them, or run with --force to go on (recorded in the new run.json):", lines);
    }

    private static JsonDocument Read(string runJson)
    {
        if (!File.Exists(runJson)) throw new InputException($"{runJson}: the run manifest does not exist.");
        try
        {
            return JsonDocument.Parse(File.ReadAllText(runJson));
        }
        catch (JsonException e)
        {
            throw new InputException($"{runJson}: not valid JSON ({e.Message}).", e);
        }
    }
}
