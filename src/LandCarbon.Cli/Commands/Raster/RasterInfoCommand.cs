using System.CommandLine;
using System.Globalization;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;

namespace LandCarbon.Cli.Commands.Raster;

/// <summary>`landcarbon raster info FILE [--json]`: size, type, georeferencing, nodata and pixel counts of a GeoTIFF.</summary>
internal static class RasterInfoCommand
{
    /// <summary>The --json document.</summary>
    internal sealed record Info(
        int Width, int Height, int BandCount, string DataType, double[] GeoTransform, CrsInfo Crs, double? Nodata,
        double? PixelAreaM2, long ValidCount, long NodataCount, IReadOnlyList<HistogramEntry>? Histogram)
    {
        /// <summary>How the ground area of the pixels is measured (the true area model of docs/methods/raster.md §6),
        /// or why it cannot be.</summary>
        public string AreaModel { get; init; } = "";

        /// <summary>Σ ground area of the valid pixels under <see cref="AreaModel"/>, m² (null without a model).</summary>
        public double? ValidAreaM2 { get; init; }
    }

    /// <summary>The CRS part of the document.</summary>
    internal sealed record CrsInfo(int? Epsg, string Wkt);

    /// <summary>One histogram bin.</summary>
    internal sealed record HistogramEntry(long Value, long Count);

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A single-band GeoTIFF." };
        var common = new CommonOptions();
        var cmd = new DocumentedCommand("info", "Size, data type, CRS, geotransform, nodata, area model and total true area of the valid pixels, valid/nodata counts and the value histogram of a GeoTIFF.",
            ["methods/raster.md"])
        {
            file,
        };
        common.AddTo(cmd);
        CliAction.Set(cmd, (pr, ct) =>
        {
            var info = Describe(pr.GetValue(file)!, common.TileOptions(pr, ct));
            if (pr.GetValue(common.Json)) CliAction.WriteJson(info);
            else Console.Out.Write(Format(info));
            return Task.FromResult(ExitCodes.Ok);
        });
        return cmd;
    }

    /// <summary>Opens and counts the raster.</summary>
    internal static Info Describe(string path, TileOptions options)
    {
        using var reader = GeoTiffReader.Open(path);
        var h = RasterHistogram.Compute(reader, options);
        var g = reader.Grid;
        PixelAreas? areas = null;
        string model;
        try
        {
            areas = PixelAreas.For(g, AreaModel.True, path);
            model = areas.Description;
        }
        catch (Core.Models.InputException e)
        {
            model = "none: " + e.Message;
        }
        // The geotransform's area is m² only on a projected grid (in degrees² on a geographic one).
        double? nominal = null;
        try
        {
            nominal = PixelAreas.For(g, AreaModel.Nominal, path).UniformAreaM2;
        }
        catch (Core.Models.InputException)
        {
        }
        return new Info(g.Width, g.Height, 1, reader.DataType.GdalName(), g.Transform.ToArray(),
            new CrsInfo(g.Crs.Epsg, g.Crs.Wkt), reader.NoData, nominal, h.ValidCount, h.NoDataCount,
            h.Counts?.Select(c => new HistogramEntry(c.Value, c.Count)).ToList())
        {
            AreaModel = model,
            ValidAreaM2 = areas?.ValidAreaM2(reader, options),
        };
    }

    private static string Format(Info i)
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.AppendLine(ci, $"Size:          {i.Width} × {i.Height} px, {i.BandCount} band, {i.DataType}");
        sb.AppendLine(ci, $"CRS:           {(i.Crs.Epsg is int e ? "EPSG:" + e : new SpatialReference(null, i.Crs.Wkt).ToString())}");
        var t = i.GeoTransform;
        sb.AppendLine(ci, $"Origin:        ({t[0]:R}, {t[3]:R})");
        sb.AppendLine(ci, $"Pixel size:    ({t[1]:R}, {t[5]:R}){(t[2] != 0 || t[4] != 0 ? $", rotation ({t[2]:R}, {t[4]:R})" : "")}");
        sb.AppendLine(ci, $"Pixel area:    {(i.PixelAreaM2 is double pa ? $"{pa:R} m² (nominal, from the geotransform)" : "(geotransform not in metres)")}");
        sb.AppendLine(ci, $"Area model:    {i.AreaModel}");
        if (i.ValidAreaM2 is double va) sb.AppendLine(ci, $"Valid area:    {va / 1e6:R} km² (true ground area of the valid pixels)");
        sb.AppendLine(ci, $"NoData:        {(i.Nodata is double nd ? nd.ToString("R", ci) : "(none)")}");
        sb.AppendLine(ci, $"Valid pixels:  {i.ValidCount:N0}");
        sb.AppendLine(ci, $"NoData pixels: {i.NodataCount:N0}");
        if (i.Histogram is { } hist)
        {
            sb.AppendLine("Histogram (valid pixels):");
            sb.AppendLine("  value        count");
            foreach (var b in hist) sb.AppendLine(ci, $"  {b.Value,5} {b.Count,12:N0}");
        }
        return sb.ToString();
    }
}
