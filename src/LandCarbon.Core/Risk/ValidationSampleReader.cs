using System.Globalization;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Risk;

/// <summary>
/// Reads a validation sample file: a CSV with an observed level column (<c>level</c> or <c>observed</c>, integers
/// 1…L) and the unit's position as <c>col,row</c> (pixel of the study grid), <c>x,y</c> (grid CRS) or
/// <c>lon,lat</c> (longitude/latitude in WGS84, GCJ-02 or BD-09). Points are assigned to the pixel that contains
/// them. Every bad row is reported at once (file, line, what was expected).
/// </summary>
public static class ValidationSampleReader
{
    /// <summary>Reads the samples of <paramref name="path"/> onto <paramref name="grid"/>.</summary>
    public static IReadOnlyList<ValidationSample> Read(string path, GridSpec grid, int levelCount, LonLatSystem lonLatSystem = LonLatSystem.Wgs84)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var t = CsvTable.Read(path);
        string levelColumn = t.HasColumn("level") ? "level" : t.HasColumn("observed") ? "observed"
            : throw new InputException($"{path}: no 'level' (or 'observed') column; expected the observed risk level 1…{levelCount} of each unit.");
        Func<CsvRow, (double Col, double Row)> position;
        if (t.HasColumn("col") && t.HasColumn("row"))
        {
            position = r => (t.Double(r, "col") + 0.5, t.Double(r, "row") + 0.5);
        }
        else if (t.HasColumn("x") && t.HasColumn("y"))
        {
            position = r => grid.Transform.MapToPixel(t.Double(r, "x"), t.Double(r, "y"));
        }
        else if (t.HasColumn("lon") && t.HasColumn("lat"))
        {
            var tr = CoordinateTransformer.FromWgs84(grid.Crs);
            position = r =>
            {
                var (x, y) = tr.FromLonLat(lonLatSystem, t.Double(r, "lon"), t.Double(r, "lat"));
                return grid.Transform.MapToPixel(x, y);
            };
        }
        else
        {
            throw new InputException($"{path}: no position columns; expected col,row (pixel), x,y (grid CRS) or lon,lat.");
        }
        var samples = new List<ValidationSample>();
        var problems = new List<string>();
        foreach (var r in t.Rows)
        {
            try
            {
                int level = t.Int(r, levelColumn);
                var (c, w) = position(r);
                int col = (int)Math.Floor(c), row = (int)Math.Floor(w);
                if (level < 1 || level > levelCount)
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}, line {r.Line}: level {level} is outside 1…{levelCount}."));
                else if (col < 0 || row < 0 || col >= grid.Width || row >= grid.Height)
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}, line {r.Line}: the unit lies outside the {grid.Width}×{grid.Height} grid (pixel {col}, {row})."));
                else
                    samples.Add(new ValidationSample(col, row, (byte)level));
            }
            catch (InputException e)
            {
                problems.Add(e.Message);
            }
        }
        if (problems.Count > 0) throw new InputException($"{path}: {problems.Count} invalid validation rows:", problems);
        if (samples.Count == 0) throw new InputException($"{path}: no validation units.");
        return samples;
    }
}
