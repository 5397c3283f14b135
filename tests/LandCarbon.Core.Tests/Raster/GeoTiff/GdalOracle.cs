using System.Text.Json;

namespace LandCarbon.Core.Tests.Raster.GeoTiff;

/// <summary>GDAL's view of GeoTIFF files through tests/data/oracles/gdal/gdal_read.py (skips without GDAL).</summary>
internal static class GdalOracle
{
    /// <summary>One JSON document per file, keyed by path.</summary>
    public static Dictionary<string, JsonElement> Read(IEnumerable<string> paths)
    {
        string python = "/usr/bin/python3";
        if (!File.Exists(python)) TestData.SkipOrFail("Debian python3 with GDAL is not installed (scripts/install-deps.sh)");
        TestData.RequireTool("gdalinfo");
        var args = new List<string> { TestData.Repo("oracles/gdal/gdal_read.py") };
        args.AddRange(paths);
        string stdout = TestData.Run(python, [.. args]);
        var result = new Dictionary<string, JsonElement>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var doc = JsonDocument.Parse(line.Replace("NaN", "\"NaN\"", StringComparison.Ordinal));
            result[doc.RootElement.GetProperty("file").GetString()!] = doc.RootElement.Clone();
        }
        return result;
    }

    /// <summary>SHA-256 of pixel values as little-endian bytes (what gdal_read.py hashes).</summary>
    public static string Sha256<T>(ReadOnlySpan<T> pixels) where T : unmanaged =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(pixels)));
}
