using System.Globalization;
using LandCarbon.Core.Models;
using LandCarbon.Core.Raster;

namespace LandCarbon.Core.SpatialStatistics;

/// <summary>The neighbourhood of Getis-Ord Gi* on a fishnet.</summary>
public enum GiStarWeighting
{
    /// <summary>Fixed distance band: cells whose centres lie within the band (METHOD-SPEC (i), default 3 km).</summary>
    DistanceBand,
    /// <summary>Queen contiguity (8 neighbours).</summary>
    Queen,
    /// <summary>Rook contiguity (4 neighbours).</summary>
    Rook,
}

/// <summary>
/// Getis-Ord Gi* on the valid cells of a fishnet, as the spatial stage of <c>landcarbon run</c> and
/// <c>landcarbon spatial gistar</c> compute it: binary weights (row-standardised on request) with the cell itself included (spdep <c>localG(x, nb2listw(include.self(nb), "B"))</c>), the neighbours
/// either a fixed distance band between cell centres (spdep <c>dnearneigh(centres, 0, band)</c>: 0 &lt; d ≤ band) or
/// queen/rook contiguity, and optionally Benjamini–Hochberg false discovery rate control of the bins.
/// </summary>
public static class FishnetGiStar
{
    /// <summary>
    /// Gi* of <paramref name="values"/> (the compact values of <paramref name="cells"/>, in its observation order) on
    /// <paramref name="fishnet"/>. An <see cref="InputException"/> naming <paramref name="bandKey"/> when a distance
    /// band shorter than the cell side would leave every cell without neighbours.
    /// </summary>
    public static GetisOrdGiStarResult Compute(GridSpec fishnet, GridContiguityWeights cells, ReadOnlySpan<double> values,
        GiStarWeighting weighting, double bandMeters, bool falseDiscoveryRate, int maxDegreeOfParallelism = 0,
        string bandKey = "spatial.giStarBandMeters", WeightStyle style = WeightStyle.Binary)
    {
        ArgumentNullException.ThrowIfNull(fishnet);
        ArgumentNullException.ThrowIfNull(cells);
        SpatialWeights w;
        if (weighting == GiStarWeighting.DistanceBand)
        {
            if (FishnetAggregation.IsGeographic(fishnet))
                throw new InputException($"{bandKey}: the fishnet is in a geographic CRS ({fishnet.Crs}); a distance band in metres " +
                    "needs a projected grid (reproject it first), or use queen or rook contiguity.");
            CheckBand(Math.Abs(fishnet.Transform.PixelWidth), bandMeters, bandKey);
            var x = new double[cells.Count];
            var y = new double[cells.Count];
            for (int i = 0; i < cells.Count; i++)
            {
                var (r, c) = cells.CellOf(i);
                (x[i], y[i]) = fishnet.Transform.PixelCenter(c, r);
            }
            w = NeighbourListWeights.DistanceBand(x, y, bandMeters, style);
        }
        else
        {
            var grid = new double[fishnet.PixelCount];
            Array.Fill(grid, double.NaN);
            for (int i = 0; i < cells.Count; i++)
            {
                var (r, c) = cells.CellOf(i);
                grid[(long)r * fishnet.Width + c] = 0;
            }
            w = new GridContiguityWeights(fishnet.Width, fishnet.Height, grid,
                weighting == GiStarWeighting.Queen ? ContiguityRule.Queen : ContiguityRule.Rook, style);
        }
        var result = GetisOrdGiStar.Compute(values, w, maxDegreeOfParallelism);
        return falseDiscoveryRate ? GetisOrdGiStar.WithFalseDiscoveryRate(result) : result;
    }

    /// <summary>
    /// Refuses a distance band shorter than the fishnet cell side: no two cell centres would be within it, and Gi*
    /// would reduce to a standardised value per cell. The message names <paramref name="key"/> and the cell side.
    /// </summary>
    public static void CheckBand(double cellMeters, double bandMeters, string key = "spatial.giStarBandMeters")
    {
        if (bandMeters >= cellMeters) return;
        string cell = cellMeters.ToString("R", CultureInfo.InvariantCulture);
        throw new InputException($"{key}: a distance band of {bandMeters.ToString("R", CultureInfo.InvariantCulture)} m is " +
            $"shorter than the {cell} m fishnet cell, so no cell would have a neighbour; use at least {cell} m (METHOD-SPEC default 3000).");
    }
}
