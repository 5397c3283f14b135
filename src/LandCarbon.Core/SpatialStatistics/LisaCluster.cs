namespace LandCarbon.Core.SpatialStatistics;

/// <summary>LISA cluster classes, with GeoDa's codes (raster values of the cluster map).</summary>
public enum LisaCluster : byte
{
    /// <summary>Not significant at the chosen level.</summary>
    NotSignificant = 0,

    /// <summary>High value among high neighbours (z &gt; 0, lag &gt; 0).</summary>
    HighHigh = 1,

    /// <summary>Low value among low neighbours (z ≤ 0, lag ≤ 0).</summary>
    LowLow = 2,

    /// <summary>Low value among high neighbours (z ≤ 0, lag &gt; 0).</summary>
    LowHigh = 3,

    /// <summary>High value among low neighbours (z &gt; 0, lag ≤ 0).</summary>
    HighLow = 4,

    /// <summary>No neighbours: no local statistic.</summary>
    Neighbourless = 5,
}
