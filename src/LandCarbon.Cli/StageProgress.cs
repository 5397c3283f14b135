using System.Diagnostics;
using System.Globalization;
using LandCarbon.Core.Models;
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
        var profileStart = ActivityProfile.Enabled ? ActivityProfile.Take() : null;
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
        if (profileStart is not null) Console.Error.WriteLine($"{name}: profile {ActivityProfile.Take().Since(profileStart).Describe()}");
        if (PhaseProfile.TakeDescription() is { } phases) Console.Error.WriteLine($"{name}: phases {phases}");
        return s;
    }

    /// <summary>
    /// Runs a multi-stage body that reports stage starts and ends through the two callbacks (the shape of
    /// PipelineRunOptions): one bar per stage on a terminal, plain start/done lines otherwise.
    /// </summary>
    public static T RunStages<T>(Func<Func<string, IProgress<double>?>, Action<string, double>, T> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!Interactive)
        {
            var starts = new Dictionary<string, ActivityProfile.Snapshot>(StringComparer.Ordinal);
            return body(stage =>
            {
                Console.Out.WriteLine($"{stage}: started");
                if (ActivityProfile.Enabled) starts[stage] = ActivityProfile.Take();
                return null;
            }, (stage, s) =>
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage}: done in {s:F1} s"));
                if (starts.Remove(stage, out var start)) Console.Error.WriteLine($"{stage}: profile {ActivityProfile.Take().Since(start).Describe()}");
                if (PhaseProfile.TakeDescription() is { } phases) Console.Error.WriteLine($"{stage}: phases {phases}");
            });
        }
        T result = default!;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                result = body(stage =>
                {
                    var task = ctx.AddTask(Markup.Escape(stage), maxValue: 1.0);
                    lock (tasks) tasks[stage] = task;
                    return new Sink(v => task.Value = Math.Max(task.Value, v));
                }, (stage, _) =>
                {
                    lock (tasks) if (tasks.TryGetValue(stage, out var t)) t.Value = 1.0;
                });
            });
        return result;
    }

    private sealed class Sink(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
