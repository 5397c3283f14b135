using System.Text.Json;
using LandCarbon.Core.Geodesy;
using LandCarbon.Core.Models;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Reporting;
using LandCarbon.Reporting.Html;
using LandCarbon.Reporting.Maps;

namespace LandCarbon.Web;

/// <summary>
/// The layers of a run folder, grouped and ordered as report.html shows them: the land-use maps
/// (<see cref="RunStyles.LandUse"/>), then every rasters/*.tif family of <see cref="MapCatalog"/>, then any other
/// raster of rasters/ (section "other", a viridis ramp). Readers stay open while the server runs.
/// </summary>
public sealed class RunCatalog : IDisposable
{
    private readonly Dictionary<string, Layer> _byId;

    private RunCatalog(string dir, string region, List<Layer> layers, ZoneCatalog? zones, IReadOnlyList<string> warnings, BoundedCache<BlockKey, Array> blockCache)
    {
        BlockCache = blockCache;
        Directory = dir;
        Region = region;
        Layers = layers;
        _byId = layers.ToDictionary(l => l.Id, StringComparer.Ordinal);
        Zones = zones;
        Warnings = warnings;
    }

    /// <summary>The run folder.</summary>
    public string Directory { get; }

    /// <summary>The study region named in run.json, or "".</summary>
    public string Region { get; }

    /// <summary>Layers in report order.</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>The zones of the zonal summary, or null when the run has none.</summary>
    public ZoneCatalog? Zones { get; }

    /// <summary>Rasters left out (no CRS that can be placed on a map) and other notes.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>
    /// Decoded blocks of every layer as palette codes (<see cref="TileSource"/>), bounded to
    /// <see cref="BlockCacheBytes"/>: tiles over the same blocks decode them once.
    /// </summary>
    public BoundedCache<BlockKey, Array> BlockCache { get; }

    /// <summary>
    /// The bound of <see cref="BlockCache"/>: 64 MiB, 1024 blocks of 256 × 256 byte codes. On the demo-8000 load
    /// (20,000 random tiles) it saves a quarter of the block reads; an unbounded cache saves only a third and costs
    /// more CPU than it saves (fresh memory for every block).
    /// </summary>
    public const long BlockCacheBytes = 64L << 20;

    /// <summary>The layer with id <paramref name="id"/>, or null.</summary>
    public Layer? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Opens the run folder <paramref name="runDir"/>. Throws an <see cref="InputException"/> when it does not exist
    /// or has no rasters/*.tif.
    /// </summary>
    public static RunCatalog Open(string runDir)
    {
        ArgumentNullException.ThrowIfNull(runDir);
        string dir = Path.GetFullPath(runDir);
        if (!System.IO.Directory.Exists(dir)) throw new InputException($"{runDir}: the run folder does not exist.");
        string rasters = Path.Combine(dir, "rasters");
        if (!System.IO.Directory.Exists(rasters) || !System.IO.Directory.EnumerateFiles(rasters, "*.tif").Any())
            throw new InputException($"{runDir}: no rasters/*.tif; expected the folder of a finished run (landcarbon run or demo).");
        JsonDocument? runJson = null;
        string runJsonPath = Path.Combine(dir, "run.json");
        if (File.Exists(runJsonPath))
        {
            try { runJson = JsonDocument.Parse(File.ReadAllText(runJsonPath)); }
            catch (JsonException e) { throw new InputException($"{runJsonPath}: not valid JSON ({e.Message}).", e); }
        }
        var warnings = new List<string>();
        var layers = new List<Layer>();
        var transformers = new Dictionary<SpatialReference, CoordinateTransformer>();
        int maxMapPixels = new ReportOptions().MaxMapPixels;
        var blockCache = new BoundedCache<BlockKey, Array>(BlockCacheBytes);
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            void Add(string section, string file, MapStyle en, MapStyle zh)
            {
                string id = Path.GetFileNameWithoutExtension(file);
                if (!seen.Add(id)) return;
                var reader = GeoTiffReader.Open(file);
                try
                {
                    if (!transformers.TryGetValue(reader.Grid.Crs, out var t))
                        transformers[reader.Grid.Crs] = t = CoordinateTransformer.FromWgs84(reader.Grid.Crs);
                    layers.Add(new Layer(id, section, file, RasterLevels.Of(reader), en, zh, t, maxMapPixels, blockCache));
                }
                catch (InputException e)
                {
                    reader.Dispose();
                    warnings.Add($"{Path.GetFileName(file)} left out: {e.Message}");
                }
            }
            var root = runJson?.RootElement;
            var manifest = RunManifestSummary.Read(dir);
            foreach (var (_, file, style) in RunStyles.LandUse(dir, manifest)) // labels in both languages
                if (IsInside(file, rasters)) Add("landuse", file, style, style);
            var files = System.IO.Directory.EnumerateFiles(rasters, "*.tif").Order(StringComparer.Ordinal).ToList();
            var rulesEn = MapCatalog.Rules(dir, ReportLanguage.English, manifest);
            var rulesZh = MapCatalog.Rules(dir, ReportLanguage.Chinese, manifest);
            for (int i = 0; i < rulesEn.Count; i++)
                foreach (var f in files.Where(f => rulesEn[i].Matches(Path.GetFileName(f))))
                    Add(rulesEn[i].Section, f, rulesEn[i].StyleOf(f), rulesZh[i].StyleOf(f));
            foreach (var f in files) Add("other", f, new MapStyle(), new MapStyle());
            var grid = layers.FirstOrDefault(l => l.Section == "landuse")?.Grid ?? layers.FirstOrDefault()?.Grid;
            var zones = grid is null || root is null ? null : ZoneCatalog.TryOpen(dir, root.Value, grid, warnings);
            string region = manifest?.Study?.Region ?? "";
            return new RunCatalog(dir, region, layers, zones, warnings, blockCache);
        }
        catch
        {
            foreach (var l in layers) l.Dispose();
            throw;
        }
        finally
        {
            runJson?.Dispose();
        }
    }

    private static bool IsInside(string file, string folder) =>
        Path.GetFullPath(file).StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var l in Layers) l.Dispose();
    }
}
