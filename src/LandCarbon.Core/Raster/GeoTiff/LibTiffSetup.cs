using System.Globalization;
using System.Text;
using BitMiracle.LibTiff.Classic;

namespace LandCarbon.Core.Raster.GeoTiff;

/// <summary>
/// Process-wide LibTiff.NET setup: registers the GeoTIFF and GDAL tags (without registration LibTiff.NET drops them
/// on write and returns them in another shape on read) and replaces the console error handler with one that keeps
/// the messages of the current thread, so that failures can be reported as <see cref="Models.InputException"/>s.
/// </summary>
internal static class LibTiffSetup
{
    internal const TiffTag GdalMetadata = (TiffTag)42112;

    private static readonly TiffFieldInfo[] GeoFields =
    [
        new(TiffTag.GEOTIFF_MODELPIXELSCALETAG, -1, -1, TiffType.DOUBLE, FieldBit.Custom, false, true, "ModelPixelScaleTag"),
        new(TiffTag.GEOTIFF_MODELTIEPOINTTAG, -1, -1, TiffType.DOUBLE, FieldBit.Custom, false, true, "ModelTiepointTag"),
        new(TiffTag.GEOTIFF_MODELTRANSFORMATIONTAG, -1, -1, TiffType.DOUBLE, FieldBit.Custom, false, true, "ModelTransformationTag"),
        new(TiffTag.GEOTIFF_GEOKEYDIRECTORYTAG, -1, -1, TiffType.SHORT, FieldBit.Custom, false, true, "GeoKeyDirectoryTag"),
        new(TiffTag.GEOTIFF_GEODOUBLEPARAMSTAG, -1, -1, TiffType.DOUBLE, FieldBit.Custom, false, true, "GeoDoubleParamsTag"),
        new(TiffTag.GEOTIFF_GEOASCIIPARAMSTAG, -1, -1, TiffType.ASCII, FieldBit.Custom, false, false, "GeoASCIIParamsTag"),
        new(TiffTag.GDAL_NODATA, -1, -1, TiffType.ASCII, FieldBit.Custom, false, false, "GDALNoDataValue"),
        new(GdalMetadata, -1, -1, TiffType.ASCII, FieldBit.Custom, false, false, "GDALMetadata"),
    ];

    private static readonly Lock Gate = new();
    private static bool _done;
    private static Tiff.TiffExtendProc? _parent;

    [ThreadStatic] private static StringBuilder? t_errors;

    /// <summary>Registers the tags and the quiet error handler once per process.</summary>
    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (_done) return;
            _parent = Tiff.SetTagExtender(Extender);
            Tiff.SetErrorHandler(new CapturingHandler());
            _done = true;
        }
    }

    private static void Extender(Tiff tif)
    {
        tif.MergeFieldInfo(GeoFields, GeoFields.Length);
        _parent?.Invoke(tif);
    }

    /// <summary>Forgets the errors LibTiff.NET reported on this thread so far.</summary>
    public static void ClearErrors() => t_errors?.Clear();

    /// <summary>The errors LibTiff.NET reported on this thread since <see cref="ClearErrors"/>, or "".</summary>
    public static string TakeErrors()
    {
        string s = t_errors?.ToString().Trim() ?? "";
        t_errors?.Clear();
        return s;
    }

    private static void Record(string method, string format, object[] args)
    {
        t_errors ??= new StringBuilder();
        string text;
        try
        {
            text = args is { Length: > 0 } ? string.Format(CultureInfo.InvariantCulture, format, args) : format;
        }
        catch (FormatException)
        {
            text = format;
        }
        if (t_errors.Length > 0) t_errors.Append("; ");
        t_errors.Append(string.IsNullOrEmpty(method) ? text : method + ": " + text);
    }

    private sealed class CapturingHandler : TiffErrorHandler
    {
        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args) =>
            Record(method, format, args);

        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }

        public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }
    }

    /// <summary>The numbers of a registered array field (the array of a [count, array] pair), or null.</summary>
    public static double[]? GetDoubles(Tiff tif, TiffTag tag)
    {
        var fv = tif.GetField(tag);
        if (fv is null) return null;
        for (int i = fv.Length - 1; i >= 0; i--)
        {
            if (fv[i].Value is Array) return fv[i].ToDoubleArray();
        }
        return null;
    }

    /// <summary>The 16-bit values of a registered array field, or null.</summary>
    public static ushort[]? GetUShorts(Tiff tif, TiffTag tag)
    {
        var fv = tif.GetField(tag);
        if (fv is null) return null;
        for (int i = fv.Length - 1; i >= 0; i--)
        {
            if (fv[i].Value is Array) return fv[i].ToUShortArray();
        }
        return null;
    }

    /// <summary>The text of an ASCII field without its terminating NULs, or null.</summary>
    public static string? GetAscii(Tiff tif, TiffTag tag)
    {
        var fv = tif.GetField(tag);
        if (fv is null || fv.Length == 0) return null;
        var last = fv[^1];
        string? s = last.Value is byte[] b ? Encoding.ASCII.GetString(b) : last.ToString();
        return s?.TrimEnd('\0');
    }
}
