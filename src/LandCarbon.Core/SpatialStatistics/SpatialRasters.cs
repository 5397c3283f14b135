using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Core.SpatialStatistics;

/// <summary>Writes per-observation results of grid statistics as GeoTIFFs on the grid they came from.</summary>
public static class SpatialRasters
{
    /// <summary>A Float32 GeoTIFF (nodata NaN) holding one value per observation of <paramref name="w"/>, NaN elsewhere.</summary>
    public static void WriteFloat(string path, GridSpec grid, GridContiguityWeights w, ReadOnlySpan<double> perObservation, string description)
    {
        ArgumentNullException.ThrowIfNull(w);
        GeoTiffWriter.WriteAll<float>(path, grid, RasterDataType.Float32,
            new GeoTiffWriteOptions { NoData = double.NaN, Predictor = 3, Description = description }, w.ExpandToGrid(perObservation));
    }

    /// <summary>A UInt8 GeoTIFF of codes per observation, <paramref name="noData"/> elsewhere, with an optional colour table.</summary>
    public static void WriteCodes(string path, GridSpec grid, GridContiguityWeights w, Func<int, byte> code, byte noData,
        ColorTable? colors, string description)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(code);
        var px = new byte[grid.PixelCount];
        Array.Fill(px, noData);
        for (int i = 0; i < w.Count; i++)
        {
            var (r, c) = w.CellOf(i);
            px[(long)r * grid.Width + c] = code(i);
        }
        GeoTiffWriter.WriteAll<byte>(path, grid, RasterDataType.UInt8,
            new GeoTiffWriteOptions { NoData = noData, ColorTable = colors, Description = description }, px);
    }

    /// <summary>A LISA cluster raster (GeoDa codes 0–5, nodata 255, GeoDa colours).</summary>
    public static void WriteLisaClusters(string path, GridSpec grid, GridContiguityWeights w, IReadOnlyList<LisaCluster> clusters) =>
        WriteCodes(path, grid, w, i => (byte)clusters[i], 255, LisaColors(), "LISA cluster: 0 NS, 1 HH, 2 LL, 3 LH, 4 HL, 5 neighbourless");

    /// <summary>A Gi_Bin raster storing bin + 3 (0…6, nodata 255) with a cold-to-hot palette.</summary>
    public static void WriteGiBins(string path, GridSpec grid, GridContiguityWeights w, IReadOnlyList<sbyte> bins) =>
        WriteCodes(path, grid, w, i => (byte)(bins[i] + 3), 255, GiBinColors(),
            "Gi_Bin + 3: 0 cold 99 %, 1 cold 95 %, 2 cold 90 %, 3 not significant, 4 hot 90 %, 5 hot 95 %, 6 hot 99 %");

    /// <summary>The label of a LISA class in tables.</summary>
    public static string Label(LisaCluster c) => c switch
    {
        LisaCluster.HighHigh => "HH",
        LisaCluster.LowLow => "LL",
        LisaCluster.LowHigh => "LH",
        LisaCluster.HighLow => "HL",
        LisaCluster.Neighbourless => "neighbourless",
        _ => "NS",
    };

    private static ColorTable LisaColors() => Palette("#eeeeee", "#ff0000", "#0000ff", "#a7adf9", "#f4ada8", "#999999");

    private static ColorTable GiBinColors() => Palette("#4575b5", "#849eba", "#c0ccbe", "#ffffbf", "#fab984", "#ed7551", "#d62f27");

    private static ColorTable Palette(params string[] hex) =>
        ColorTable.FromValues(hex.Select((h, i) => (i, Rgba.FromHex(h))).ToDictionary(t => t.i, t => t.Item2));
}
