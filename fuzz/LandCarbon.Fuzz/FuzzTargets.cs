using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;

namespace LandCarbon.Fuzz;

/// <summary>
/// The parsers users feed with files from anywhere. Each target takes raw bytes; an <see cref="InputException"/> is
/// the correct answer to bad bytes, any other exception is a bug (AFL records it as a crash).
/// </summary>
public static class FuzzTargets
{
    /// <summary>Target names, for the command line and the CI fuzz run.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>
    {
        ["csv"] = Csv,
        ["geotiff"] = GeoTiff,
        ["study"] = Study,
    };

    private static readonly string TiffPath = Path.Combine(
        Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"landcarbon-fuzz-{Environment.ProcessId}.tif");

    /// <summary>GeoTIFF files: open (header, directory, GeoKeys) and read the first window of pixels.</summary>
    public static void GeoTiff(byte[] data)
    {
        File.WriteAllBytes(TiffPath, data);
        using var r = GeoTiffReader.Open(TiffPath);
        var w = new PixelWindow(0, 0, Math.Min(r.Grid.Width, 64), Math.Min(r.Grid.Height, 64));
        var buffer = new double[w.PixelCount];
        r.Read<double>(w, buffer);
    }

    /// <summary>Study files: YAML parsing and validation of every section.</summary>
    public static void Study(byte[] data)
    {
        var (text, _) = CsvTable.Decode(data);
        _ = StudyLoader.Parse("fuzz-study.yaml", text);
    }

    /// <summary>CSV tables: decode (UTF-8 / GB18030), tokenize, read every cell as text and number.</summary>
    public static void Csv(byte[] data)
    {
        var t = CsvTable.Parse("fuzz.csv", data);
        foreach (var row in t.Rows)
        {
            for (int c = 0; c < t.Header.Count; c++)
            {
                _ = t.Text(row, c);
                if (t.Header[c].Length > 0)
                {
                    try { _ = t.Double(row, t.Header[c]); } catch (InputException) { }
                }
            }
        }
    }

    /// <summary>Runs a target, treating <see cref="InputException"/> as a handled rejection.</summary>
    public static void RunSafely(Action<byte[]> target, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            target(data);
        }
        catch (InputException)
        {
        }
    }
}
