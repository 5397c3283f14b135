using System.Globalization;
using System.Text;
using LandCarbon.Core.Raster;
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
        SpatialRasters.WriteFloat(path, grid, w, perObservation, description);
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
}
