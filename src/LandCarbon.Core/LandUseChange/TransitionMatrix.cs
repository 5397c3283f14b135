using System.Globalization;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.LandUseChange;

/// <summary>
/// Pixel counts and ground areas of every (from, to) class pair between two years, over pixels valid in both
/// land-use rasters (a property of the land-use rasters only: no other input removes pixels from it).
/// <see cref="Classes"/> is the sorted union of the codes seen in counted pixels; <see cref="Counts"/> and
/// <see cref="AreaKm2"/> are indexed [from][to] in that order. Areas are sums of the pixels' ground areas under
/// the area model <see cref="AreaModel"/> (<see cref="Processing.PixelAreas"/>).
/// </summary>
public sealed record TransitionMatrix(
    IReadOnlyList<int> Classes, long[][] Counts, double[][] AreaKm2, long PixelsCounted, long PixelsExcluded, string AreaModel)
{
    /// <summary>The count for a pair of class codes (0 when absent).</summary>
    public long Count(int fromCode, int toCode)
    {
        int i = IndexOf(fromCode), j = IndexOf(toCode);
        return i < 0 || j < 0 ? 0 : Counts[i][j];
    }

    /// <summary>The area (km²) of a pair of class codes (0 when absent).</summary>
    public double Area(int fromCode, int toCode)
    {
        int i = IndexOf(fromCode), j = IndexOf(toCode);
        return i < 0 || j < 0 ? 0 : AreaKm2[i][j];
    }

    /// <summary>Σ area of all counted pixels, km².</summary>
    public double TotalAreaKm2 => AreaKm2.Sum(r => r.Sum());

    /// <summary>
    /// The matrix in long form, one row per pair present (<c>from,to,pixels,areaKm2</c>), in code order: the table of
    /// <c>landcarbon lucc transitions --out</c>, and the first four columns of the run's
    /// <c>tables/transitions_&lt;from&gt;_&lt;to&gt;.csv</c>.
    /// </summary>
    public CsvWriter ToTable()
    {
        var w = new CsvWriter("from", "to", "pixels", "areaKm2");
        for (int i = 0; i < Classes.Count; i++)
            for (int j = 0; j < Classes.Count; j++)
                if (Counts[i][j] > 0) w.Row(Classes[i], Classes[j], Counts[i][j], AreaKm2[i][j]);
        return w;
    }

    private int IndexOf(int code)
    {
        for (int i = 0; i < Classes.Count; i++) if (Classes[i] == code) return i;
        return -1;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Classes.Count} classes, {PixelsCounted} px");
}
