using System.Diagnostics;
using System.Globalization;

namespace LandCarbon.Core.Models;

/// <summary>
/// Named phases of a stage for performance work (issue 17: the simulation's drivers, sampling, training,
/// prediction, allocation, writing), switched on with <c>LANDCARBON_PROFILE=1</c> like <see cref="ActivityProfile"/>.
/// A phase sums the process CPU time (every thread, so a phase must not overlap another one) and the wall time
/// between its start and end, and the process's peak resident memory when it last ended (VmHWM; the phase that
/// raised it is the first whose figure shows the run's peak); off, a measurement costs one static bool test. Never
/// changes a result.
/// </summary>
public static class PhaseProfile
{
    private static readonly Lock Gate = new();
    private static readonly List<(string Name, double Cpu, double Wall, int Calls, long PeakMb)> Phases = [];
    private static readonly List<(string Name, long Value)> Counts = [];

    /// <summary>Adds <paramref name="amount"/> to the count <paramref name="name"/> (work done, e.g. pixels evaluated),
    /// shown after the phases; off, it costs one static bool test.</summary>
    public static void Count(string name, long amount)
    {
        if (!ActivityProfile.Enabled) return;
        lock (Gate)
        {
            int i = Counts.FindIndex(c => c.Name == name);
            if (i < 0) Counts.Add((name, amount));
            else Counts[i] = (name, Counts[i].Value + amount);
        }
    }

    /// <summary>Starts measuring phase <paramref name="name"/> until the scope is disposed.</summary>
    public static Scope Measure(string name) => ActivityProfile.Enabled ? new Scope(name, ProcessCpu(), Stopwatch.GetTimestamp()) : default;

    /// <summary>A running phase.</summary>
    public readonly struct Scope(string name, double cpu0, long wall0) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose()
        {
            if (wall0 == 0) return;
            double cpu = ProcessCpu() - cpu0, wall = (Stopwatch.GetTimestamp() - wall0) / (double)Stopwatch.Frequency;
            string key = name;
            long peak = PeakResidentMb();
            lock (Gate)
            {
                int i = Phases.FindIndex(p => p.Name == key);
                if (i < 0) Phases.Add((name, cpu, wall, 1, peak));
                else Phases[i] = (key, Phases[i].Cpu + cpu, Phases[i].Wall + wall, Phases[i].Calls + 1, Math.Max(peak, Phases[i].PeakMb));
            }
        }
    }

    /// <summary>The phases measured since the last call, as one line (<c>name=CPU s(wall W s, N×, peak M MB) …</c>,
    /// then the counts as <c>name=N</c>), and clears them; null when nothing was measured.</summary>
    public static string? TakeDescription()
    {
        lock (Gate)
        {
            if (Phases.Count == 0 && Counts.Count == 0) return null;
            var ic = CultureInfo.InvariantCulture;
            string s = string.Join(' ', Phases.Select(p => string.Create(ic, $"{p.Name}={p.Cpu:F2}s(wall {p.Wall:F2}s, {p.Calls}x, peak {p.PeakMb} MB)"))
                .Concat(Counts.Select(c => string.Create(ic, $"{c.Name}={c.Value}"))));
            Phases.Clear();
            Counts.Clear();
            return s;
        }
    }

    private static long PeakResidentMb()
    {
        using var p = Process.GetCurrentProcess();
        return p.PeakWorkingSet64 >> 20;
    }

    private static double ProcessCpu()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime.TotalSeconds;
    }
}
