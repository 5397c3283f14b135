namespace LandCarbon.Core.Tables;

/// <summary>
/// Writes files so that no reader ever sees a half-written output: content goes to a temporary name in the same
/// folder and is renamed over the final name only when complete. A failure or kill leaves the previous file intact
/// (plus, at worst, a stray "*.partial-*" file that the next run overwrites or removes).
/// </summary>
public static class AtomicFile
{
    /// <summary>The temporary name used while <paramref name="path"/> is being written.</summary>
    public static string TemporaryPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".",
            "." + Path.GetFileName(path) + ".partial-" + Environment.ProcessId);

    /// <summary>Writes <paramref name="write"/>'s output to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string tmp = TemporaryPathFor(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>Writes text (UTF-8, no BOM) atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s =>
        {
            using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
            w.Write(text);
        });

    /// <summary>Moves a finished temporary file over <paramref name="path"/> (for writers that need a file name,
    /// such as the GeoTIFF writer).</summary>
    public static void Commit(string temporaryPath, string path) => File.Move(temporaryPath, path, overwrite: true);

    /// <summary>
    /// Deletes temporary files that a killed run left in <paramref name="directory"/> and its subfolders (names
    /// ".NAME.partial-PID"); returns how many. Runs call it first, so a rerun leaves only complete outputs.
    /// </summary>
    public static int RemoveStalePartials(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        int n = 0;
        foreach (var f in Directory.EnumerateFiles(directory, ".*.partial-*", SearchOption.AllDirectories))
        {
            TryDelete(f);
            n++;
        }
        return n;
    }

    /// <summary>Deletes a file if it exists, ignoring failures (clean-up after an error).</summary>
    public static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path)) File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
