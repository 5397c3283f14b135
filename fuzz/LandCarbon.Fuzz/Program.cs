using LandCarbon.Fuzz;
using SharpFuzz;

// usage: LandCarbon.Fuzz TARGET            (under afl-fuzz: reads each input from stdin, out of process)
//        LandCarbon.Fuzz TARGET --replay DIR (runs every file of DIR once in process; exit 1 on the first crash)
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: LandCarbon.Fuzz {string.Join('|', FuzzTargets.All.Keys)} [--replay DIR]");
    return 2;
}
if (args.Length == 3 && args[1] == "--replay")
{
    foreach (var file in Directory.EnumerateFiles(args[2]).Order(StringComparer.Ordinal))
    {
        try
        {
            FuzzTargets.RunSafely(target, File.ReadAllBytes(file));
        }
#pragma warning disable CA1031 // report which file crashed, then fail
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"{file}: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }
    return 0;
}
Fuzzer.OutOfProcess.Run(stream =>
{
    using var ms = new MemoryStream();
    stream.CopyTo(ms);
    FuzzTargets.RunSafely(target, ms.ToArray());
});
return 0;
