using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace LandCarbon.Core.Models;

/// <summary>What a thread is doing while <see cref="ActivityProfile"/> measures it.</summary>
public enum Activity
{
    /// <summary>Decompressing a raster block and undoing its predictor and byte order.</summary>
    Inflate,
    /// <summary>Applying the predictor to a block and compressing it.</summary>
    Deflate,
    /// <summary>Reading compressed blocks from a file.</summary>
    FileRead,
    /// <summary>Appending compressed blocks to a file (inside the writer's file lock).</summary>
    FileWrite,
}

/// <summary>
/// Optional per-activity timers for performance work (issue 18), switched on with the environment variable
/// <c>LANDCARBON_PROFILE=1</c>; off, a measurement costs one static bool test. Each activity sums the thread CPU
/// time (Linux: <c>CLOCK_THREAD_CPUTIME_ID</c>, so that a loaded machine does not inflate it) and the wall time
/// spent in it on every thread. A <see cref="Snapshot"/> adds the process CPU time, GC pause time, GC counts and
/// allocated bytes, so that the difference of two snapshots splits a stage into inflate, deflate, file I/O, GC and
/// the rest (kernels, pixel copies). Never changes a result.
/// </summary>
public static partial class ActivityProfile
{
    /// <summary>True when <c>LANDCARBON_PROFILE</c> is set to 1 or true.</summary>
    public static readonly bool Enabled = Environment.GetEnvironmentVariable("LANDCARBON_PROFILE") is "1" or "true";

    private static readonly int Count = Enum.GetValues<Activity>().Length;
    private static readonly long[] CpuNs = new long[Count];
    private static readonly long[] WallTicks = new long[Count];
    private static readonly long[] Calls = new long[Count];
    private static readonly bool ThreadClock = OperatingSystem.IsLinux() && TryThreadClock();

    /// <summary>Starts measuring <paramref name="activity"/> on this thread until the scope is disposed.</summary>
    public static Scope Measure(Activity activity) => Enabled ? new Scope(activity, ThreadCpuNs(), Stopwatch.GetTimestamp()) : default;

    /// <summary>A running measurement; disposing it adds the elapsed thread CPU and wall time.</summary>
    public readonly struct Scope(Activity activity, long cpu0, long wall0) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose()
        {
            if (wall0 == 0) return;
            Interlocked.Add(ref CpuNs[(int)activity], ThreadCpuNs() - cpu0);
            Interlocked.Add(ref WallTicks[(int)activity], Stopwatch.GetTimestamp() - wall0);
            Interlocked.Increment(ref Calls[(int)activity]);
        }
    }

    /// <summary>The counters now.</summary>
    public static Snapshot Take()
    {
        var cpu = new double[Count];
        var wall = new double[Count];
        var calls = new long[Count];
        for (int i = 0; i < Count; i++)
        {
            cpu[i] = Volatile.Read(ref CpuNs[i]) / 1e9;
            wall[i] = Volatile.Read(ref WallTicks[i]) / (double)Stopwatch.Frequency;
            calls[i] = Volatile.Read(ref Calls[i]);
        }
        using var p = Process.GetCurrentProcess();
        return new Snapshot(Stopwatch.GetTimestamp(), p.TotalProcessorTime.TotalSeconds, GC.GetTotalPauseDuration().TotalSeconds,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(), cpu, wall, calls);
    }

    /// <summary>Counters at one moment (totals since the process started).</summary>
    public sealed record Snapshot(long Timestamp, double ProcessCpuSeconds, double GcPauseSeconds, int Gen0, int Gen1, int Gen2,
        long AllocatedBytes, double[] ActivityCpuSeconds, double[] ActivityWallSeconds, long[] ActivityCalls)
    {
        /// <summary>What happened between <paramref name="start"/> and this snapshot.</summary>
        public StageProfile Since(Snapshot start)
        {
            ArgumentNullException.ThrowIfNull(start);
            var activities = new Dictionary<string, ActivityTime>(StringComparer.Ordinal);
            foreach (var a in Enum.GetValues<Activity>())
            {
                int i = (int)a;
                activities[JsonName(a)] = new ActivityTime(
                    Math.Round(ActivityCpuSeconds[i] - start.ActivityCpuSeconds[i], 3),
                    Math.Round(ActivityWallSeconds[i] - start.ActivityWallSeconds[i], 3),
                    ActivityCalls[i] - start.ActivityCalls[i]);
            }
            double cpu = ProcessCpuSeconds - start.ProcessCpuSeconds;
            double measured = activities.Values.Sum(x => x.CpuSeconds);
            return new StageProfile(
                Math.Round((Timestamp - start.Timestamp) / (double)Stopwatch.Frequency, 3),
                Math.Round(cpu, 3), Math.Round(cpu - measured, 3), activities,
                Math.Round(GcPauseSeconds - start.GcPauseSeconds, 3),
                [Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2],
                Math.Round((AllocatedBytes - start.AllocatedBytes) / 1e6, 1),
                ThreadClock ? "thread CPU clock" : "wall clock (no thread CPU clock on this system)");
        }
    }

    private static string JsonName(Activity a) => a switch
    {
        Activity.Inflate => "inflate",
        Activity.Deflate => "deflate",
        Activity.FileRead => "fileRead",
        Activity.FileWrite => "fileWrite",
        _ => a.ToString(),
    };

    private static unsafe long ThreadCpuNs()
    {
        if (!ThreadClock) return (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));
        Timespec t;
        _ = ClockGetTime(ClockThreadCpuTimeId, &t);
        return t.Seconds * 1_000_000_000L + t.Nanoseconds;
    }

    private static unsafe bool TryThreadClock()
    {
        try
        {
            Timespec t;
            return ClockGetTime(ClockThreadCpuTimeId, &t) == 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private const int ClockThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static unsafe partial int ClockGetTime(int clock, Timespec* time);
}

/// <summary>Time in one activity: thread CPU seconds and wall seconds summed over threads, and the number of
/// measured calls.</summary>
public sealed record ActivityTime(double CpuSeconds, double WallSeconds, long Calls);

/// <summary>The activity split of one stage (<see cref="ActivityProfile"/>): wall and process CPU seconds, the
/// CPU not in a measured activity (kernels, pixel copies, tables), each activity, GC pause seconds, GC counts per
/// generation and MB allocated.</summary>
public sealed record StageProfile(double WallSeconds, double ProcessCpuSeconds, double OtherCpuSeconds,
    IReadOnlyDictionary<string, ActivityTime> Activities, double GcPauseSeconds, int[] GcCollections, double AllocatedMb, string Clock)
{
    /// <summary>One line for logs: <c>cpu=… inflate=… deflate=… fileRead=… fileWrite=… other=… gcPause=… gc=…/…/… allocMB=…</c>
    /// (CPU seconds; the wall seconds of file I/O in brackets).</summary>
    public string Describe()
    {
        var ic = CultureInfo.InvariantCulture;
        var parts = new List<string> { string.Create(ic, $"wall={WallSeconds:F2}s cpu={ProcessCpuSeconds:F2}s") };
        foreach (var (name, t) in Activities)
            parts.Add(name.StartsWith("file", StringComparison.Ordinal)
                ? string.Create(ic, $"{name}={t.CpuSeconds:F2}s(wall {t.WallSeconds:F2}s)")
                : string.Create(ic, $"{name}={t.CpuSeconds:F2}s"));
        parts.Add(string.Create(ic, $"other={OtherCpuSeconds:F2}s gcPause={GcPauseSeconds:F2}s gc={GcCollections[0]}/{GcCollections[1]}/{GcCollections[2]} allocMB={AllocatedMb:F0}"));
        return string.Join(' ', parts);
    }
}
