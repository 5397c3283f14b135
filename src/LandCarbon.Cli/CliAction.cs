using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LandCarbon.Core.Models;

namespace LandCarbon.Cli;

/// <summary>Wraps command bodies so that every command maps errors to exit codes the same way.</summary>
internal static class CliAction
{
    /// <summary>JSON settings for --json output: camelCase, non-ASCII kept readable.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Sets <paramref name="body"/> as the command's action, mapping <see cref="InputException"/> to exit
    /// code 2 and any other exception to 1, with the message on stderr.</summary>
    public static void Set(Command command, Func<ParseResult, CancellationToken, Task<int>> body)
    {
        command.SetAction(async (pr, ct) =>
        {
            try
            {
                return await body(pr, ct);
            }
            catch (InputException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                return ExitCodes.BadInput;
            }
            catch (OperationCanceledException)
            {
                await Console.Error.WriteLineAsync("cancelled");
                return ExitCodes.Failure;
            }
#pragma warning disable CA1031 // the CLI boundary reports every failure as an exit code
            catch (Exception e)
#pragma warning restore CA1031
            {
                await Console.Error.WriteLineAsync("error: " + e.Message);
                if (Environment.GetEnvironmentVariable("LANDCARBON_DEBUG") == "1")
                    await Console.Error.WriteLineAsync(e.ToString());
                return ExitCodes.Failure;
            }
        });
    }

    /// <summary>Writes one JSON document to stdout.</summary>
    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));
}
