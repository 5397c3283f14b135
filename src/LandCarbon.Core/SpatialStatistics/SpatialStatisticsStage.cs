using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Poi;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.SpatialStatistics;

/// <summary>
/// The spatial statistics stage of `landcarbon run` (METHOD-SPEC (i)): for each change interval, the ΔCBI raster
/// is summed onto a fishnet (<c>spatial.fishnetMeters</c>, a whole number of pixels; default the whole number of pixels
/// nearest 1 km), then global Moran's I (queen, row-standardised,
/// 999 permutations with the run seed), LISA clusters and Getis-Ord Gi* (binary, self included; neighbours within a
/// fixed 3 km distance band by default, or queen/rook contiguity) are computed on the fishnet cells with data, with
/// optional Benjamini–Hochberg false discovery rate control (<c>spatial.fdr</c>). Writes <c>rasters/fishnet_dcbi_&lt;from&gt;_&lt;to&gt;.tif</c>,
/// <c>rasters/lisa_cluster_…</c>, <c>rasters/gistar_bin_…</c>, and the tables <c>spatial_moran</c>,
/// <c>spatial_clusters</c>, <c>spatial_ellipse</c> and <c>spatial_centre_migration</c>; stores a
/// <see cref="SpatialStatisticsResult"/>. When the POI stage ran, each function's kernel density is averaged onto
/// the same fishnet and set against the ΔCBI of the whole study period (first → last year) with the bivariate
/// Moran's I and the bivariate LISA (x = density, lag of y = ΔCBI; METHOD-SPEC (i)):
/// <c>rasters/bilisa_cluster_&lt;function&gt;_&lt;from&gt;_&lt;to&gt;.tif</c>, the table <c>spatial_bivariate</c> and
/// rows "BiLISA function" in <c>spatial_clusters</c>.
/// </summary>
public sealed class SpatialStatisticsStage : IPipelineStage
{
    /// <summary>Fishnet cell side in metres when the run has no study (a whole number of pixels); null = the whole
    /// number of pixels nearest 1 km.</summary>
    public double? FishnetCellMeters { get; init; }

    /// <summary>Permutations for Moran's I and LISA.</summary>
    public int Permutations { get; init; } = 999;

    /// <inheritdoc />
    public string Name => "spatial";

    /// <inheritdoc />
    public IReadOnlyList<Type> Needs { get; } = [typeof(ChangeAnalysisResult)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Uses { get; } = [typeof(PoiDensityResult)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Produces { get; } = [typeof(SpatialStatisticsResult)];

    /// <inheritdoc />
    public bool IsEnabled(RunContext context) =>
        context?.Study?.Spatial is not null;   // needs the change analysis: a study without it is refused at start

    /// <inheritdoc />
    public void Run(RunContext context, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var change = context.Results.Get<ChangeAnalysisResult>();
        // The study's spatial: keys win over the stage defaults.
        double? fishnetMeters = context.Study?.Spatial is { } spatial ? spatial.FishnetMeters : FishnetCellMeters;
        int permutations = context.Study?.Spatial?.Permutations ?? Permutations;
        var section = context.Study?.Spatial ?? new Study.SpatialSection();
        bool fdr = section.FalseDiscoveryRate;
        int factor = fishnetMeters is double stated
            ? FishnetAggregation.FactorFor(context.Grid, stated, "spatial.fishnetMeters")
            : FishnetAggregation.DefaultFactor(context.Grid, "spatial.fishnetMeters");
        double cellMeters = factor * Math.Abs(context.Grid.Transform.PixelWidth);
        if (section.GiStarWeights == GiStarWeighting.DistanceBand) FishnetGiStar.CheckBand(cellMeters, section.GiStarBandMeters);
        var moran = new CsvWriter(OutputCatalog.SpatialMoran.Header());
        var clusters = new CsvWriter(OutputCatalog.SpatialClusters.Header());
        var ellipses = new CsvWriter(OutputCatalog.SpatialEllipse.Header());
        var bivariate = new CsvWriter(OutputCatalog.SpatialBivariate.Header());
        var poi = context.Results.TryGet<PoiDensityResult>();
        var intervals = new List<SpatialInterval>();
        var ordered = change.Intervals;
        int first = ordered.Count == 0 ? 0 : ordered.Min(i => i.FromYear), last = ordered.Count == 0 ? 0 : ordered.Max(i => i.ToYear);
        var tiles = context.Tiles with { CancellationToken = cancellationToken };
        var lisaOptions = new LocalMoranIOptions { Permutations = permutations, Seed = context.Seed, FalseDiscoveryRate = fdr, MaxDegreeOfParallelism = context.Tiles.MaxDegreeOfParallelism };
        var nets = new List<IntervalFishnet>();
        foreach (var iv in ordered)
        {
            cancellationToken.ThrowIfCancellationRequested();
            nets.Add(Fishnet(context, iv, change.DeltaCbiPath(iv), factor, cellMeters, tiles, nets));
        }
        // LISA of every interval that shares its weights (cells with data) with others in one set of draws.
        var lisas = new LocalMoranIResult?[nets.Count];
        foreach (var group in Enumerable.Range(0, nets.Count).Where(k => nets[k].Enough).GroupBy(k => nets[k].Weights))
        {
            var results = LocalMoranI.ComputeMany([.. group.Select(k => nets[k].X)], group.Key, lisaOptions);
            foreach (var (k, r) in group.Zip(results)) lisas[k] = r;
        }
        for (int k = 0; k < ordered.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var iv = ordered[k];
            var (grid, w, x, enough) = nets[k];
            if (!enough)
            {
                context.Warnings.Add($"spatial: interval {iv.Key} has fewer than 4 fishnet cells with neighbours; no spatial statistics.");
                continue;
            }
            var m = MoranI.Compute(x, w, new MoranIOptions { Permutations = permutations, Seed = context.Seed, MaxDegreeOfParallelism = context.Tiles.MaxDegreeOfParallelism });
            moran.Row(iv.Key, iv.FromYear, iv.ToYear, cellMeters, m.N, m.I, m.ExpectedI, m.VarianceNormal, m.VarianceRandomization,
                m.ZNormal, m.ZRandomization, m.PNormal, m.PRandomization, m.Permutations, m.PPermutation);
            var lisa = lisas[k]!;
            SpatialRasters.WriteLisaClusters(context.PathOf(OutputCatalog.LisaCluster, iv.Key), grid, w, lisa.Cluster);
            var lisaCells = Enum.GetValues<LisaCluster>().ToDictionary(SpatialRasters.Label, c => lisa.Cluster.Count(v => v == c));
            foreach (var (label, cells) in lisaCells) clusters.Row(iv.Key, "LISA", label, cells);
            var gi = FishnetGiStar.Compute(grid, w, x, section.GiStarWeights, section.GiStarBandMeters, fdr, context.Tiles.MaxDegreeOfParallelism);
            SpatialRasters.WriteGiBins(context.PathOf(OutputCatalog.GiStarBin, iv.Key), grid, w, gi.Bin);
            var giCells = Enumerable.Range(-3, 7).ToDictionary(b => b, b => gi.Bin.Count(v => v == b));
            foreach (var (bin, cells) in giCells) clusters.Row(iv.Key, "GiStar", bin, cells);
            if (poi is not null && iv.FromYear == first && iv.ToYear == last)
                Bivariate(context, iv.Key, poi, factor, cellMeters, grid, w, x, lisaOptions, bivariate, clusters, tiles);
            var (cx, cy) = CellCentres(w, grid);
            var e = StandardDeviationalEllipse.Compute(cx, cy, Array.ConvertAll(x, Math.Abs));
            ellipses.Row(iv.Key, e.Centre.X, e.Centre.Y, e.SigmaX, e.SigmaY, e.RotationDegrees, e.Area / 1e6, e.Centre.TotalWeight);
            intervals.Add(new SpatialInterval(iv.Key, iv.FromYear, iv.ToYear, grid, m, lisaCells, giCells, e));
            progress?.Report((k + 1.0) / ordered.Count);
        }
        // Centre migration between consecutive intervals, dated by their end years; the first → last interval is
        // left out of the chain (another interval starts in the same year and ends earlier).
        var chain = intervals.Where(i => !intervals.Any(j => j.FromYear == i.FromYear && j.ToYear < i.ToYear)).OrderBy(i => i.ToYear).ToList();
        var migrations = chain.Zip(chain.Skip(1)).Select(p => CentreMigration.Between(p.First.Ellipse.Centre, p.First.ToYear, p.Second.Ellipse.Centre, p.Second.ToYear)).ToList();
        var mig = new CsvWriter(OutputCatalog.SpatialCentreMigration.Header());
        foreach (var g in migrations) mig.Row(g.FromYear, g.ToYear, g.DeltaXMeters, g.DeltaYMeters, g.DistanceMeters, g.BearingDegrees, g.MetersPerYear);
        moran.Save(context.PathOf(OutputCatalog.SpatialMoran));
        clusters.Save(context.PathOf(OutputCatalog.SpatialClusters));
        ellipses.Save(context.PathOf(OutputCatalog.SpatialEllipse));
        mig.Save(context.PathOf(OutputCatalog.SpatialCentreMigration));
        if (poi is not null) bivariate.Save(context.PathOf(OutputCatalog.SpatialBivariate));
        context.Results.Set(new SpatialStatisticsResult(cellMeters, intervals, migrations));
    }

    /// <summary>An interval's ΔCBI on the fishnet (as stored, float32), its weights (shared with the earlier intervals
    /// that have data on the same cells) and the values of the cells with data; <c>Enough</c> is false below 4 cells
    /// with neighbours.</summary>
    private sealed record IntervalFishnet(Raster.GridSpec Grid, GridContiguityWeights Weights, double[] X, bool Enough);

    /// <summary>Sums the interval's ΔCBI onto the fishnet (from the run's fishnet cache when the risk stage summed it
    /// already) and writes rasters/fishnet_dcbi_…; reuses the weights of an earlier interval with data on the same cells.</summary>
    private static IntervalFishnet Fishnet(RunContext context, IntervalChange iv, string deltaCbiPath, int factor, double cellMeters,
        Processing.TileOptions tiles, IReadOnlyList<IntervalFishnet> earlier)
    {
        FishnetGrid aggregated;
        using (var reader = context.OpenRaster(deltaCbiPath))
            aggregated = FishnetAggregation.Aggregate(reader, factor, FishnetStatistic.Sum, tiles: tiles, cache: context.Fishnets);
        var fishnetPath = context.PathOf(OutputCatalog.FishnetDeltaCbi, iv.Key);
        var stored = Array.ConvertAll(aggregated.Values, v => (float)v);
        Raster.GeoTiff.GeoTiffWriter.WriteAll<float>(fishnetPath, aggregated.Grid, Raster.RasterDataType.Float32,
            new Raster.GeoTiff.GeoTiffWriteOptions { NoData = double.NaN, Predictor = 3, Description = $"ΔCBI {iv.Key} summed per {cellMeters} m fishnet cell ({(iv.Cumulative ? "t C over the interval" : "t C/yr")})" },
            stored);
        // The statistics use the values as stored in the fishnet raster (float32), so that `landcarbon spatial
        // moran|lisa|gistar` on rasters/fishnet_dcbi_*.tif give exactly the stage's answers (one answer per question).
        var values = Array.ConvertAll(stored, v => (double)v);
        var w = earlier.Select(e => e.Weights).FirstOrDefault(e => e.HasDataOn(aggregated.Grid.Width, aggregated.Grid.Height, values))
            ?? new GridContiguityWeights(aggregated.Grid.Width, aggregated.Grid.Height, values, ContiguityRule.Queen, WeightStyle.RowStandardised);
        return new IntervalFishnet(aggregated.Grid, w, w.Compact(values), w.Count - w.IslandCount() >= 4);
    }

    /// <summary>The functions set against ΔCBI: every function but "other" that has points.</summary>
    private static IEnumerable<PoiFunction> BivariateFunctions(PoiDensityResult poi) =>
        poi.Functions.Where(f => f.Function != PoiFunction.Other && f.Points > 0).Select(f => f.Function);

    /// <summary>The bivariate Moran's I and LISA of every function's density against the interval's ΔCBI; the LISAs
    /// share one set of draws.</summary>
    private static void Bivariate(RunContext context, string interval, PoiDensityResult poi, int factor, double cellMeters,
        Raster.GridSpec fishnet, GridContiguityWeights w, double[] dcbi, LocalMoranIOptions options, CsvWriter table, CsvWriter clusters, Processing.TileOptions tiles)
    {
        var kept = new List<(string Name, double[] Density)>();
        foreach (var f in BivariateFunctions(poi))
        {
            string name = PoiFunctions.Name(f);
            using var reader = context.OpenRaster(poi.RasterPath(f));
            var density = w.Compact(FishnetAggregation.Aggregate(reader, factor, FishnetStatistic.Mean, tiles: tiles, cache: context.Fishnets).Values);
            if (density.Any(double.IsNaN) || density.Min() == density.Max())
                context.Warnings.Add($"spatial: {name} POI density is constant or missing on the fishnet cells of {interval}; no bivariate LISA.");
            else kept.Add((name, density));
        }
        if (kept.Count == 0) return;
        var locals = LocalBivariateMoranI.ComputeMany([.. kept.Select(k => k.Density)], dcbi, w, options);
        foreach (var ((name, density), local) in kept.Zip(locals))
        {
            var global = BivariateMoranI.Compute(density, dcbi, w, new MoranIOptions { Permutations = options.Permutations, Seed = options.Seed, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism });
            SpatialRasters.WriteLisaClusters(context.PathOf(OutputCatalog.BivariateLisaCluster, name, interval), fishnet, w, local.Cluster);
            int Count(LisaCluster c) => local.Cluster.Count(v => v == c);
            table.Row(interval, name, cellMeters, global.N, global.I, global.Permutations, global.PPermutation,
                Count(LisaCluster.HighHigh), Count(LisaCluster.LowLow), Count(LisaCluster.LowHigh), Count(LisaCluster.HighLow), Count(LisaCluster.NotSignificant));
            foreach (var c in Enum.GetValues<LisaCluster>()) clusters.Row(interval, "BiLISA " + name, SpatialRasters.Label(c), Count(c));
        }
    }

    private static (double[] X, double[] Y) CellCentres(GridContiguityWeights w, Raster.GridSpec grid)
    {
        var x = new double[w.Count];
        var y = new double[w.Count];
        for (int i = 0; i < w.Count; i++)
        {
            var (r, c) = w.CellOf(i);
            (x[i], y[i]) = grid.Transform.PixelCenter(c, r);
        }
        return (x, y);
    }
}
