namespace LandCarbon.Core.SpatialStatistics;

/// <summary>How neighbour weights are scaled (spdep <c>nb2listw</c> styles).</summary>
public enum WeightStyle
{
    /// <summary>Binary ("B"): w_ij = 1 for each neighbour j of i.</summary>
    Binary,

    /// <summary>Row-standardised ("W"): w_ij = 1 / |N(i)|, so each row with neighbours sums to 1.</summary>
    RowStandardised,
}
