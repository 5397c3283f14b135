using System.Globalization;
using System.Text;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Raster;
using LandCarbon.Core.Raster.GeoTiff;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Demo;

/// <summary>Options of <see cref="DemoGenerator.Generate"/>.</summary>
public sealed record DemoOptions
{
    /// <summary>Grid side in pixels; the region is always 240 km wide, so the pixel is 240 km ÷ size (8000 → 30 m).</summary>
    public int SizePx { get; init; } = 1000;

    /// <summary>Whether the demo study enables the scenario simulation (two scenarios to 2030 and 2035). Its cost grows
    /// with the pixel count faster than the other stages' (docs/methods/simulation.md, "Memory and time"), so the
    /// province-scale benchmarks (<c>--size 8000</c>) leave it out with <c>--no-simulation</c>.</summary>
    public bool Simulation { get; init; } = true;

    /// <summary>Seed of every random choice (noise fields, POI placement).</summary>
    public long Seed { get; init; } = Models.Seeds.Default;

    /// <summary>Threads (0 = all cores); the files do not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Receives the fraction of tiles done.</summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>The English region name (the default).</summary>
    public const string EnglishRegionName = "Synthetic Central Guizhou (demo)";

    /// <summary>The Chinese region name, for a report in Chinese.</summary>
    public const string ChineseRegionName = "黔中城市群（合成示例）";

    /// <summary>The region name written to the study file (the report's title).</summary>
    public string RegionName { get; init; } = EnglishRegionName;
}

/// <summary>What <see cref="DemoGenerator.Generate"/> wrote.</summary>
public sealed record DemoDataset(string Directory, string StudyPath, GridSpec Grid, IReadOnlyDictionary<int, string> LandUse,
    long[,] ConstructionPixels, int PoiCount);

/// <summary>
/// Writes the synthetic Central Guizhou dataset into a folder: land use for 2000–2024 (CLCD codes, UInt8 with the
/// CLCD palette), DEM, NDVI, precipitation, temperature, county zones (adcodes), county polygons (GeoJSON), POIs
/// (Amap CSV in GCJ-02), energy statistics and study.yaml. Every tile is generated from coordinates
/// (<see cref="DemoLandscape"/>) and streamed to the writers, so memory is bounded by the tiles in flight at any
/// size; the files are byte-identical for a given size and seed, whatever the thread count.
/// </summary>
public static class DemoGenerator
{
    /// <summary>Generates the dataset into <paramref name="directory"/>.</summary>
    public static DemoDataset Generate(string directory, DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string dir = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(dir);
        var land = new DemoLandscape(options.SizePx, options.Seed);
        var grid = land.Grid;
        var years = DemoRegion.Years;
        var byteOpts = new GeoTiffWriteOptions { NoData = 0, Predictor = 2, ColorTable = ClcdPalette() };
        var floatOpts = new GeoTiffWriteOptions { NoData = -9999, Predictor = 3 };
        var landUse = years.ToDictionary(y => y, y => Path.Combine(dir, $"landuse_{y}.tif"));
        var writers = new List<GeoTiffWriter>();
        try
        {
            var lu = years.Select(y => Add(GeoTiffWriter.Create(landUse[y], grid, RasterDataType.UInt8, byteOpts))).ToArray();
            var dem = Add(GeoTiffWriter.Create(Path.Combine(dir, "dem.tif"), grid, RasterDataType.Float32, floatOpts));
            var ndvi = Add(GeoTiffWriter.Create(Path.Combine(dir, "ndvi.tif"), grid, RasterDataType.Float32, floatOpts));
            var prec = Add(GeoTiffWriter.Create(Path.Combine(dir, "precipitation.tif"), grid, RasterDataType.Float32, floatOpts));
            var temp = Add(GeoTiffWriter.Create(Path.Combine(dir, "temperature.tif"), grid, RasterDataType.Float32, floatOpts));
            var zones = Add(GeoTiffWriter.Create(Path.Combine(dir, "counties.tif"), grid, RasterDataType.Int32,
                new GeoTiffWriteOptions { NoData = 0, Predictor = 2 }));
            var layout = new TileLayout(grid.Width, grid.Height, 256, 256);
            var tileOptions = new TileOptions { MaxDegreeOfParallelism = options.Threads, Progress = options.Progress };
            int nc = DemoRegion.Counties.Count;
            int[] adcodeOf = [.. DemoRegion.CountyArray.Select(c => c.Adcode)];
            var built = new long[nc, years.Count];
            var pool = new System.Collections.Concurrent.ConcurrentBag<DemoTile>();
            // Tiles are generated, compressed and written in parallel; the writers append blocks in block order
            // whichever thread finishes first, so the files are byte-identical for any thread count. Only the
            // integer construction counts are reduced in tile order.
            TileProcessor.MapReduce(layout, tileOptions, w =>
            {
                var t = pool.TryTake(out var pooled) ? pooled : new DemoTile(layout.MaxTilePixels);
                land.Fill(w, t);
                int n = (int)w.PixelCount;
                var landUse = t.LandUseByYear;
                for (int k = 0; k < years.Count; k++) lu[k].WriteWindow<byte>(w, landUse[k].AsSpan(0, n));
                dem.WriteWindow<float>(w, t.DemMeters.AsSpan(0, n));
                ndvi.WriteWindow<float>(w, t.Ndvi.AsSpan(0, n));
                prec.WriteWindow<float>(w, t.PrecipitationMm.AsSpan(0, n));
                temp.WriteWindow<float>(w, t.TemperatureC.AsSpan(0, n));
                var adcodes = System.Buffers.ArrayPool<int>.Shared.Rent(n);
                var county = t.CountyIndex;
                for (int i = 0; i < n; i++) adcodes[i] = adcodeOf[county[i]];
                zones.WriteWindow<int>(w, adcodes.AsSpan(0, n));
                var counts = new long[nc, years.Count];
                for (int k = 0; k < years.Count; k++)
                {
                    var codes = landUse[k];
                    for (int i = 0; i < n; i++)
                        if (codes[i] == 8) counts[county[i], k]++;
                }
                System.Buffers.ArrayPool<int>.Shared.Return(adcodes);
                pool.Add(t);
                return counts;
            }, built, (acc, counts) =>
            {
                for (int c = 0; c < nc; c++)
                    for (int k = 0; k < years.Count; k++) acc[c, k] += counts[c, k];
                return acc;
            });
            // Committing a writer builds its overviews (a read-back of the whole raster, single-threaded per file)
            // and lays the file out as a COG; the eleven files are independent, so they are committed side by side,
            // together with the POIs and the county polygons. Every file's bytes are those of a serial commit.
            IReadOnlyList<DemoPoi> pois = [];
            var work = new List<Action>(writers.Count + 1)
            {
                () =>
                {
                    pois = DemoPois.Generate(options.Seed);
                    DemoPois.WriteCsv(Path.Combine(dir, "pois.csv"), pois, grid.Crs);
                    DemoCounties.WriteGeoJson(Path.Combine(dir, "counties.geojson"), grid.Crs);
                },
            };
            work.AddRange(writers.Select(w => (Action)w.Commit));
            try
            {
                Parallel.ForEach(work, new ParallelOptions { MaxDegreeOfParallelism = tileOptions.Threads }, a => a());
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                // The first failure as itself, so that an input or I/O error keeps its type (and exit code).
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
            }
            DemoEnergy.WriteCsv(Path.Combine(dir, "energy.csv"), built, grid.PixelAreaHa);
            string study = Path.Combine(dir, "study.yaml");
            AtomicFile.WriteAllText(study, StudyYaml(options));
            return new DemoDataset(dir, study, grid, landUse, built, pois.Count);
        }
        finally
        {
            foreach (var w in writers) w.Dispose();
        }

        GeoTiffWriter Add(GeoTiffWriter w)
        {
            writers.Add(w);
            return w;
        }
    }

    /// <summary>The official CLCD palette (METHOD-SPEC (a)) for codes 1–9; 0 is nodata.</summary>
    public static ColorTable ClcdPalette() => ColorTable.FromValues(new Dictionary<int, Rgba>
    {
        [0] = new(0, 0, 0, 0),
        [1] = Rgba.FromHex("#FAE39C"), [2] = Rgba.FromHex("#446F33"), [3] = Rgba.FromHex("#33A02C"),
        [4] = Rgba.FromHex("#ABD37B"), [5] = Rgba.FromHex("#1E69B4"), [6] = Rgba.FromHex("#A6CEE3"),
        [7] = Rgba.FromHex("#CFBDA3"), [8] = Rgba.FromHex("#E24290"), [9] = Rgba.FromHex("#289BE8"),
    });

    /// <summary>The study file of the demo (paths relative to the study file's folder).</summary>
    public static string StudyYaml(DemoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sb = new StringBuilder();
        sb.Append("# Synthetic Central Guizhou Urban Agglomeration written by `landcarbon demo` (see docs/demo.md).\n");
        sb.Append(CultureInfo.InvariantCulture, $"# Grid: {options.SizePx} × {options.SizePx} px over 240 km × 240 km, EPSG:32648; seed {options.Seed}.\n");
        sb.Append(CultureInfo.InvariantCulture, $"region: \"{options.RegionName.Replace("\"", "'", StringComparison.Ordinal)}\"\n");
        sb.Append(CultureInfo.InvariantCulture, $"seed: {options.Seed}\n");
        sb.Append("years:\n");
        foreach (var y in DemoRegion.Years) sb.Append(CultureInfo.InvariantCulture, $"  {y}: landuse_{y}.tif\n");
        // Fishnet cells must hold whole pixels: about 2.4 km, a multiple of the pixel size.
        double px = DemoRegion.SideMeters / options.SizePx;
        double fishnet = px * Math.Max(1, Math.Round(2400 / px));
        // The Gi* band is METHOD-SPEC's 3 km, widened to one cell on grids so coarse that a cell is larger.
        double band = Math.Max(3000, fishnet);
        sb.Append(DemoStudySections.Text
            .Replace("{fishnet}", fishnet.ToString("R", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{band}", band.ToString("R", CultureInfo.InvariantCulture), StringComparison.Ordinal));
        if (options.Simulation) sb.Append(DemoStudySections.Simulation);
        return sb.ToString();
    }
}
