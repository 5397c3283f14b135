using System.Globalization;
using System.Text;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.LandUseChange;

/// <summary>
/// Writes the three rasters of an interval as GeoTIFF: ΔCBI (float32, t C/yr, nodata NaN), space grade (Int8,
/// −grades…+grades, nodata −128, with a QGIS .qml colour sidecar because GeoTIFF colour maps need unsigned
/// bands) and mechanism (UInt8 0–6, nodata 255, embedded colour table). Files appear only on <see cref="Commit"/>.
/// </summary>
public sealed class ChangeRasterSink : IChangeTileSink, IDisposable
{
    private readonly GeoTiffWriter _delta, _grade, _mechanism;
    private readonly int _grades;

    /// <summary>Starts the three files; <paramref name="deltaUnit"/> goes into the ΔCBI raster's description.</summary>
    public ChangeRasterSink(GridSpec grid, string deltaPath, string gradePath, string mechanismPath, int grades, string deltaUnit = "t C/yr")
    {
        ArgumentNullException.ThrowIfNull(grid);
        _grades = grades;
        _delta = GeoTiffWriter.Create(deltaPath, grid, RasterDataType.Float32, new GeoTiffWriteOptions { NoData = double.NaN, Predictor = 3, Description = $"ΔCBI ({deltaUnit})" });
        _grade = GeoTiffWriter.Create(gradePath, grid, RasterDataType.Int8, new GeoTiffWriteOptions { NoData = ChangeKernels.SpaceGradeNoData, Description = "space grade: -g reduction, 0 stable, +g increment" });
        _mechanism = GeoTiffWriter.Create(mechanismPath, grid, RasterDataType.UInt8, new GeoTiffWriteOptions { NoData = ChangeMechanisms.NoData, ColorTable = ChangeMechanisms.ColorTable(), Description = "change mechanism" });
        GradePath = gradePath;
    }

    /// <summary>Path of the space-grade raster (its .qml sidecar sits beside it).</summary>
    public string GradePath { get; }

    /// <inheritdoc />
    public void Write(PixelWindow window, ReadOnlySpan<double> deltaTonnesC, ReadOnlySpan<sbyte> spaceGrade, ReadOnlySpan<byte> mechanism)
    {
        _delta.WriteWindow(window, deltaTonnesC);
        _grade.WriteWindow(window, spaceGrade);
        _mechanism.WriteWindow(window, mechanism);
    }

    /// <summary>Publishes the three files and the colour sidecar.</summary>
    public void Commit()
    {
        _delta.Commit();
        _grade.Commit();
        _mechanism.Commit();
        AtomicFile.WriteAllText(Path.ChangeExtension(GradePath, ".qml"), GradeStyle(_grades));
    }

    /// <summary>A QGIS paletted-renderer style for the space-grade raster: blues for reduction (darker = stronger),
    /// light grey for stable, reds for increment.</summary>
    public static string GradeStyle(int grades)
    {
        string[] reds = ["#FEE5D9", "#FCAE91", "#FB6A4A", "#CB181D", "#99000D", "#67000D", "#4A0009", "#300006", "#200004"];
        string[] blues = ["#DEEBF7", "#9ECAE1", "#4292C6", "#08519C", "#08306B", "#061F47", "#041533", "#030E24", "#020A19"];
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.28\" styleCategories=\"Symbology\">\n  <pipe>\n");
        sb.Append("    <rasterrenderer type=\"paletted\" band=\"1\" opacity=\"1\" alphaBand=\"-1\" nodataColor=\"\">\n      <colorPalette>\n");
        void Entry(int v, string color, string label) => sb.Append(CultureInfo.InvariantCulture,
            $"        <paletteEntry value=\"{v}\" color=\"{color}\" alpha=\"255\" label=\"{label}\"/>\n");
        for (int g = grades; g >= 1; g--) Entry(-g, blues[Math.Min(g - 1, blues.Length - 1)], $"reduction {Spaces.SpaceNames.OfGrade(g)}");
        Entry(0, "#F0F0F0", "stable");
        for (int g = 1; g <= grades; g++) Entry(g, reds[Math.Min(g - 1, reds.Length - 1)], $"increment {Spaces.SpaceNames.OfGrade(g)}");
        sb.Append("      </colorPalette>\n    </rasterrenderer>\n  </pipe>\n</qgis>\n");
        return sb.ToString();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _delta.Dispose();
        _grade.Dispose();
        _mechanism.Dispose();
    }
}
