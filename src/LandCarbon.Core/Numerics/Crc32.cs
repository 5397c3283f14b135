namespace LandCarbon.Core.Numerics;

/// <summary>CRC-32 (ISO 3309 / IEEE 802.3, reflected, polynomial 0xEDB88320), as .xz headers and PNG chunks use it.</summary>
public static class Crc32
{
    private static readonly uint[] Table = MakeTable();

    private static uint[] MakeTable()
    {
        var t = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }

    /// <summary>The CRC-32 of <paramref name="data"/>; pass an earlier result as <paramref name="crc"/> to continue it
    /// over data that follows.</summary>
    public static uint Compute(ReadOnlySpan<byte> data, uint crc = 0)
    {
        uint c = crc ^ uint.MaxValue;
        foreach (byte b in data) c = Table[(c ^ b) & 0xFF] ^ (c >> 8);
        return c ^ uint.MaxValue;
    }
}
