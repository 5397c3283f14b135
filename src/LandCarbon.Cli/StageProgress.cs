using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace LandCarbon.Cli;

/// <summary>
/// Shows the progress of one stage: a Spectre.Console bar when stdout is a terminal, plain "stage: done in N s"
/// lines otherwise (logs, CI, pipes), so scripts never see control codes.
/// </summary>
internal static class StageProgress
{
    /// <summary>True when progress bars can be drawn.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="body"/> with a progress sink for stage <paramref name="name"/>; returns seconds.</summary>
    public static double Run(string name, Action<IProgress<double>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var sw = Stopwatch.StartNew();
        if (Interactive)
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask(Markup.Escape(name), maxValue: 1.0);
                    body(new Sink(v => task.Value = Math.Max(task.Value, v)));
                    task.Value = 1.0;
                });
        }
        else
        {
            Console.Out.WriteLine($"{name}: started");
            body(new Sink(_ => { }));
        }
        double s = sw.Elapsed.TotalSeconds;
        if (!Interactive) Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: done in {s:F1} s"));
        return s;
    }

    private sealed class Sink(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
