namespace LandCarbon.Core.LandUseChange;

/// <summary>
/// Pixel counts of every (from, to) class pair between two years, over pixels valid in both rasters.
/// <see cref="Classes"/> is the sorted union of the codes seen in counted pixels; <see cref="Counts"/> is indexed
/// [from][to] in that order. Areas use the grid's pixel area (from the geotransform).
/// </summary>
public sealed record TransitionMatrix(
    IReadOnlyList<int> Classes, long[][] Counts, long PixelsCounted, long PixelsExcluded, double PixelAreaKm2)
{
    /// <summary>Area of each transition in km² (count × pixel area).</summary>
    public double[][] AreaKm2 => Counts.Select(row => row.Select(c => c * PixelAreaKm2).ToArray()).ToArray();

    /// <summary>The count for a pair of class codes (0 when absent).</summary>
    public long Count(int fromCode, int toCode)
    {
        int i = IndexOf(fromCode), j = IndexOf(toCode);
        return i < 0 || j < 0 ? 0 : Counts[i][j];
    }

    private int IndexOf(int code)
    {
        for (int i = 0; i < Classes.Count; i++) if (Classes[i] == code) return i;
        return -1;
    }
}
