namespace LandCarbon.Core.Accounting;

/// <summary>
/// The default tables shipped inside the assembly (Accounting/Defaults/*.csv): base coefficients
/// (METHOD-SPEC (b1)) and energy conversion factors (b2). `landcarbon init` writes copies beside a new study.
/// </summary>
public static class DefaultTables
{
    /// <summary>File names of the shipped tables.</summary>
    public static IReadOnlyList<string> Names { get; } = ["coefficients.csv", "energy_factors.csv"];

    /// <summary>The name used in messages for a built-in table.</summary>
    public static string BuiltInName(string name) => $"(built-in {name})";

    /// <summary>The bytes of a shipped table.</summary>
    public static byte[] Bytes(string name)
    {
        var asm = typeof(DefaultTables).Assembly;
        string resource = asm.GetManifestResourceNames().Single(n => n.EndsWith(".Defaults." + name, StringComparison.Ordinal));
        using var s = asm.GetManifestResourceStream(resource)!;
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>Writes a shipped table to a file (atomically).</summary>
    public static void WriteTo(string name, string path) =>
        Tables.AtomicFile.Write(path, s => s.Write(Bytes(name)));
}
