namespace LandCarbon.Core.SpatialStatistics;

/// <summary>The alternative hypothesis of a test (spdep <c>alternative</c>).</summary>
public enum Alternative
{
    /// <summary>The statistic is larger than expected (positive autocorrelation); spdep's default for moran.test.</summary>
    Greater,

    /// <summary>The statistic is smaller than expected.</summary>
    Less,

    /// <summary>Either direction.</summary>
    TwoSided,
}
