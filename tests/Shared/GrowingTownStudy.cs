using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Simulation;

namespace LandCarbon.Tests;

/// <summary>
/// A small study for the scenario chain (64 × 48 px, 30 m, CLCD codes): a town that grows in rings over cropland in
/// 2000, 2010, 2015 and 2020, a forest that grows downwards, a water strip and scattered grassland, with an NDVI
/// raster so that the vegetation correction makes CBI vary within a class.
/// </summary>
public static class GrowingTownStudy
{
    public const int Width = 64, Height = 48;

    /// <summary>Writes lu_&lt;year&gt;.tif, ndvi.tif and study.yaml (years, then <paramref name="sections"/>) into a new
    /// folder; returns the folder.</summary>
    public static string Write(string sections)
    {
        string dir = TestData.TempDir();
        var grid = ArrayRaster.TestGrid(Width, Height);
        foreach (var (year, radius) in new[] { (2000, 6.0), (2010, 9.0), (2015, 10.5), (2020, 12.0) })
        {
            var codes = new byte[Width * Height];
            for (int r = 0; r < Height; r++)
                for (int c = 0; c < Width; c++)
                {
                    double d = Math.Sqrt((r - 24) * (r - 24) + (c - 30) * (c - 30));
                    byte v = 1;                                                                        // cropland
                    if (d < radius + (CounterRandom.At(3, (ulong)year, (ulong)(r * Width + c)) - 0.5) * 3) v = 8;    // impervious
                    else if (c < 12 && r < 20 + (year - 2000) / 5) v = 2;                             // forest grows downwards
                    else if (r >= 43) v = 5;                                                          // water
                    else if (CounterRandom.At(5, 0, (ulong)(r * Width + c)) < 0.03) v = 4;            // scattered grassland
                    if (r < 2 && c > 60) v = 0;
                    codes[r * Width + c] = v;
                }
            GeoTiffWriter.WriteAll<byte>(Path.Combine(dir, $"lu_{year}.tif"), grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = 0 }, codes);
        }
        var ndvi = new float[Width * Height];
        for (int i = 0; i < ndvi.Length; i++) ndvi[i] = (float)(0.2 + 0.6 * CounterRandom.At(7, 1, (ulong)i));
        GeoTiffWriter.WriteAll<float>(Path.Combine(dir, "ndvi.tif"), grid, RasterDataType.Float32, new GeoTiffWriteOptions { NoData = -9999 }, ndvi);
        File.WriteAllText(Path.Combine(dir, "study.yaml"),
            "years: {2000: lu_2000.tif, 2010: lu_2010.tif, 2015: lu_2015.tif, 2020: lu_2020.tif}\n" + sections);
        return dir;
    }
}
