using System.Globalization;
using System.Text;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.SpatialStatistics;
using LandCarbon.Core.Tables;

namespace LandCarbon.Cli.Commands.Spatial;

/// <summary>Writes per-observation results of the spatial commands as rasters on the input grid and as a CSV.</summary>
internal static class SpatialOutputs
{
    /// <summary>A Float32 raster (NaN nodata) with one value per observation, NaN elsewhere.</summary>
    public static string WriteFloat(string dir, string name, GridSpec grid, GridContiguityWeights w, ReadOnlySpan<double> perObservation, string description)
    {
        string path = Path.Combine(dir, name + ".tif");
        GeoTiffWriter.WriteAll<float>(path, grid, RasterDataType.Float32,
            new GeoTiffWriteOptions { NoData = double.NaN, Predictor = 3, Description = description }, w.ExpandToGrid(perObservation));
        return path;
    }

    /// <summary>A byte raster of codes (nodata <paramref name="noData"/>) with an optional colour table.</summary>
    public static string WriteCodes(string dir, string name, GridSpec grid, GridContiguityWeights w, Func<int, byte> code, byte noData,
        ColorTable? colors, string description)
    {
        var px = new byte[grid.PixelCount];
        Array.Fill(px, noData);
        for (int i = 0; i < w.Count; i++)
        {
            var (r, c) = w.CellOf(i);
            px[(long)r * grid.Width + c] = code(i);
        }
        string path = Path.Combine(dir, name + ".tif");
        GeoTiffWriter.WriteAll<byte>(path, grid, RasterDataType.UInt8,
            new GeoTiffWriteOptions { NoData = noData, ColorTable = colors, Description = description }, px);
        return path;
    }

    /// <summary>
    /// Streams a CSV with one row per observation: row, col, x, y (cell centre in the grid CRS), then the given
    /// columns (doubles in round-trip form). Written atomically; memory does not grow with the row count.
    /// </summary>
    public static string WriteTable(string dir, string name, GridSpec grid, GridContiguityWeights w,
        IReadOnlyList<(string Header, Func<int, object?> Value)> columns)
    {
        string path = Path.Combine(dir, name + ".csv");
        AtomicFile.Write(path, stream =>
        {
            using var tw = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            tw.Write("row,col,x,y");
            foreach (var c in columns) tw.Write("," + c.Header);
            tw.Write('\n');
            for (int i = 0; i < w.Count; i++)
            {
                var (r, c) = w.CellOf(i);
                var (x, y) = grid.Transform.PixelCenter(c, r);
                tw.Write(r.ToString(CultureInfo.InvariantCulture));
                tw.Write(',');
                tw.Write(c.ToString(CultureInfo.InvariantCulture));
                tw.Write(',');
                tw.Write(CsvWriter.Format(x));
                tw.Write(',');
                tw.Write(CsvWriter.Format(y));
                foreach (var col in columns)
                {
                    tw.Write(',');
                    tw.Write(CsvWriter.Format(col.Value(i)));
                }
                tw.Write('\n');
            }
        });
        return path;
    }

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

    /// <summary>GeoDa's LISA map colours by class code.</summary>
    public static ColorTable LisaColors() => ColorTable.FromValues(new Dictionary<int, Rgba>
    {
        [0] = Rgba.FromHex("#eeeeee"),
        [1] = Rgba.FromHex("#ff0000"),
        [2] = Rgba.FromHex("#0000ff"),
        [3] = Rgba.FromHex("#a7adf9"),
        [4] = Rgba.FromHex("#f4ada8"),
        [5] = Rgba.FromHex("#999999"),
    });

    /// <summary>Gi_Bin colours (cold blue … hot red) by bin + 3 (the raster stores bin + 3, 0…6).</summary>
    public static ColorTable GiBinColors() => ColorTable.FromValues(new Dictionary<int, Rgba>
    {
        [0] = Rgba.FromHex("#4575b5"),
        [1] = Rgba.FromHex("#849eba"),
        [2] = Rgba.FromHex("#c0ccbe"),
        [3] = Rgba.FromHex("#ffffbf"),
        [4] = Rgba.FromHex("#fab984"),
        [5] = Rgba.FromHex("#ed7551"),
        [6] = Rgba.FromHex("#d62f27"),
    });
}
