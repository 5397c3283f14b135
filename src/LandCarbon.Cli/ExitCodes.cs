namespace LandCarbon.Cli;

/// <summary>Process exit codes (the contract scripts rely on).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A runtime failure that is not the input's fault.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or invalid input.</summary>
    public const int BadInput = 2;
}
