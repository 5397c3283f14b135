namespace LandCarbon.Core.Raster;

/// <summary>Pixel data types LandCarbon reads and writes (GDAL names in comments).</summary>
public enum RasterDataType
{
    /// <summary>GDAL Byte.</summary>
    UInt8,
    /// <summary>GDAL Int8 (Byte with PIXELTYPE=SIGNEDBYTE in GDAL 3.6).</summary>
    Int8,
    /// <summary>GDAL UInt16.</summary>
    UInt16,
    /// <summary>GDAL Int16.</summary>
    Int16,
    /// <summary>GDAL UInt32.</summary>
    UInt32,
    /// <summary>GDAL Int32.</summary>
    Int32,
    /// <summary>GDAL Float32.</summary>
    Float32,
    /// <summary>GDAL Float64.</summary>
    Float64,
}

/// <summary>Facts about <see cref="RasterDataType"/>.</summary>
public static class RasterDataTypeExtensions
{
    /// <summary>Bytes per pixel.</summary>
    public static int SizeInBytes(this RasterDataType t) => t switch
    {
        RasterDataType.UInt8 or RasterDataType.Int8 => 1,
        RasterDataType.UInt16 or RasterDataType.Int16 => 2,
        RasterDataType.UInt32 or RasterDataType.Int32 or RasterDataType.Float32 => 4,
        RasterDataType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(t)),
    };

    /// <summary>True for the integer types.</summary>
    public static bool IsInteger(this RasterDataType t) => t is not (RasterDataType.Float32 or RasterDataType.Float64);

    /// <summary>The GDAL name of the type (as gdalinfo prints it).</summary>
    public static string GdalName(this RasterDataType t) => t switch
    {
        RasterDataType.UInt8 => "Byte",
        _ => t.ToString(),
    };
}
