namespace LandCarbon.Core.Models;

/// <summary>
/// The one default seed of the whole tool: the study key <c>seed</c>, every command's <c>--seed</c> and every
/// module's options use it, so a run and the command that repeats one of its steps draw the same samples unless a
/// seed is given.
/// </summary>
public static class Seeds
{
    /// <summary>The default seed (20260628).</summary>
    public const int Default = 20260628;
}
