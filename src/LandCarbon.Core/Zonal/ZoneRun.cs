namespace LandCarbon.Core.Zonal;

/// <summary>Pixels [<see cref="Start"/>, <see cref="End"/>) of one grid row that belong to zone <see cref="Zone"/> (0-based index).</summary>
public readonly record struct ZoneRun(int Start, int End, int Zone)
{
    /// <summary>Number of pixels.</summary>
    public int Length => End - Start;
}
