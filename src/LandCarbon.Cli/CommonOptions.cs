using System.CommandLine;
using LandCarbon.Core.Models;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Study;

namespace LandCarbon.Cli;

/// <summary>
/// The options shared by commands, defined once: <c>--json</c>, <c>--threads</c>, <c>--tile-size</c> (results never
/// depend on the last two), <c>--seed</c> (the tool's one default seed) and the options a command shares with a study
/// key (default and help come from the key's declaration, so the command and the study cannot drift apart).
/// </summary>
internal sealed class CommonOptions
{
    /// <summary>--json: one JSON document on stdout and nothing else.</summary>
    public Option<bool> Json { get; } = new("--json") { Description = "Print one JSON document to stdout and nothing else." };

    /// <summary>--threads (the study's tiles.threads).</summary>
    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "Worker threads (0 = all cores). Results are identical for any value.",
        DefaultValueFactory = _ => StudySpec.Find("tiles.threads").IntDefault,
    };

    /// <summary>--tile-size (the study's tiles.width and tiles.height).</summary>
    public Option<int> TileSize { get; } = new("--tile-size")
    {
        Description = "Tile edge in pixels (0 = follow the input's blocks). Results are identical for any value.",
        DefaultValueFactory = _ => StudySpec.Find("tiles.width").IntDefault,
    };

    /// <summary>Adds --json (when <paramref name="json"/>), --threads and --tile-size (when <paramref name="tiles"/>).</summary>
    public void AddTo(Command command, bool json = true, bool tiles = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (json) command.Options.Add(Json);
        command.Options.Add(Threads);
        if (tiles) command.Options.Add(TileSize);
    }

    /// <summary>The tile options chosen on the command line (a command without --tile-size follows the blocks).</summary>
    public TileOptions TileOptions(ParseResult pr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pr);
        int tile = pr.GetResult(TileSize) is null ? 0 : pr.GetValue(TileSize);
        return new TileOptions
        {
            TileWidth = tile,
            TileHeight = tile,
            MaxDegreeOfParallelism = pr.GetValue(Threads),
            CancellationToken = ct,
        };
    }

    /// <summary>--seed with the tool's one default seed (<see cref="Seeds.Default"/>, the study's <c>seed</c>).</summary>
    public static Option<long> Seed(string description) => new("--seed")
    {
        Description = description + " Same default as the study's seed.",
        DefaultValueFactory = _ => Seeds.Default,
    };

    /// <summary>An option that sets the same thing as the study key <paramref name="keyPath"/>: its help and default
    /// come from the key's declaration.</summary>
    public static Option<T> FromStudyKey<T>(string flag, string keyPath, string? extra = null)
    {
        var key = StudySpec.Find(keyPath);
        string choices = key.Choices.Count > 0 && !key.Help.Contains(key.Choices[^1], StringComparison.Ordinal) ? $" ({string.Join(", ", key.Choices)})" : "";
        // A help text that opens with one of the key's words (e.g. "equalInterval | historical") keeps its spelling.
        string help = key.Choices.Any(c => key.Help.StartsWith(c, StringComparison.Ordinal)) ? key.Help : $"{char.ToUpperInvariant(key.Help[0])}{key.Help[1..]}";
        var option = new Option<T>(flag) { Description = $"{help}{choices}{extra}. Study key: {keyPath}." };
        if (key.Default is not null)
        {
            object value = typeof(T) == typeof(int) ? key.IntDefault : typeof(T) == typeof(double) ? key.DoubleDefault : key.Default;
            option.DefaultValueFactory = _ => (T)value;
        }
        return option;
    }
}
