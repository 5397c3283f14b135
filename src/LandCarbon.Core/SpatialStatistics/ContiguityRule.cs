namespace LandCarbon.Core.SpatialStatistics;

/// <summary>Which adjacent cells of a grid are neighbours (spdep <c>cell2nb</c> type).</summary>
public enum ContiguityRule
{
    /// <summary>The 8 cells sharing an edge or a corner.</summary>
    Queen,

    /// <summary>The 4 cells sharing an edge.</summary>
    Rook,
}
