using System.Buffers;
using LandCarbon.Core.Numerics;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Processing;
using LandCarbon.Core.Zonal;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Risk;

/// <summary>
/// Zonal summaries of carbon change and risk by county or district (<see cref="ZoneMask"/>): Σ ΔCBI, increment and
/// reduction sums and areas, risk-level shares, ranks and key monitoring areas (<see cref="KeyMonitoringAreaRule"/>).
/// Streams tiles; sums use <see cref="ExactSum"/>, so results do not depend on tile size or thread count.
/// </summary>
public sealed class ZonalSummary
{
    private ZonalSummary(IReadOnlyList<ZoneSummaryRow> rows, RiskLevels? levels, string? riskMethod, IReadOnlyList<KeyMonitoringArea> keyAreas)
    {
        Rows = rows;
        Levels = levels;
        RiskMethod = riskMethod;
        KeyAreas = keyAreas;
    }

    /// <summary>One row per zone, in layer order.</summary>
    public IReadOnlyList<ZoneSummaryRow> Rows { get; }

    /// <summary>The risk levels summarised, or null.</summary>
    public RiskLevels? Levels { get; }

    /// <summary>The grading method whose levels are summarised, or null.</summary>
    public string? RiskMethod { get; }

    /// <summary>Key monitoring areas, ordered by the best of their two ranks.</summary>
    public IReadOnlyList<KeyMonitoringArea> KeyAreas { get; }

    /// <summary>
    /// Summarises <paramref name="deltaCbi"/> (t C/yr per pixel, NaN = nodata) and, when given, the risk levels of
    /// <paramref name="riskIndex"/> graded with <paramref name="thresholds"/>, per zone of <paramref name="mask"/>.
    /// ε is the stable tolerance (|ΔCBI| ≤ ε is stable). Areas are sums of the pixels' ground areas under
    /// <paramref name="areas"/> (default: the true area model of the zone grid).
    /// </summary>
    public static ZonalSummary Compute(ZoneMask mask, IRiskIndexSource deltaCbi, RiskThresholds? thresholds, IRiskIndexSource? riskIndex,
        double epsilon, KeyMonitoringAreaRule rule, TileOptions tiles, Processing.PixelAreas? areas = null)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(deltaCbi);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(tiles);
        mask.Grid.EnsureAlignedWith(deltaCbi.Grid, "zone grid", "ΔCBI");
        var index = thresholds is null ? null : riskIndex ?? deltaCbi;
        if (index is not null) mask.Grid.EnsureAlignedWith(index.Grid, "zone grid", "risk index");
        var pa = areas ?? Processing.PixelAreas.For(mask.Grid, Processing.AreaModel.True, "zone grid");
        bool perPixel = !pa.IsUniform;
        int zones = mask.Zones.Count, levels = thresholds?.Levels.Count ?? 0;
        var layout = tiles.LayoutFor(mask.Grid.Width, mask.Grid.Height, deltaCbi.BlockWidth, deltaCbi.BlockHeight);
        var acc = TileProcessor.MapReduce(layout, tiles, w =>
        {
            var p = new Partial(zones, levels);
            int n = checked((int)w.PixelCount);
            var z = ArrayPool<int>.Shared.Rent(n);
            var d = ArrayPool<double>.Shared.Rent(n);
            var r = index is null || ReferenceEquals(index, deltaCbi) ? null : ArrayPool<double>.Shared.Rent(n);
            var a = perPixel ? ArrayPool<double>.Shared.Rent(n) : null;
            try
            {
                mask.Fill(w, z.AsSpan(0, n));
                deltaCbi.Read(w, d.AsSpan(0, n));
                if (r is not null) index!.Read(w, r.AsSpan(0, n));
                if (a is not null) pa.Fill(w, a.AsSpan(0, n));
                for (int i = 0; i < n; i++)
                {
                    int zi = z[i];
                    if (zi < 0) continue;
                    if (a is not null) p.Area[zi].Add(a[i]);
                    if (thresholds is not null) p.Levels[zi * (levels + 1) + thresholds.Grade(r is null ? d[i] : r[i])]++;
                    double x = d[i];
                    if (double.IsNaN(x)) continue;
                    p.Valid[zi]++;
                    p.Net[zi].Add(x);
                    if (x > epsilon) { p.IncPx[zi]++; p.Inc[zi].Add(x); if (a is not null) p.IncArea[zi].Add(a[i]); }
                    else if (x < -epsilon) { p.RedPx[zi]++; p.Red[zi].Add(x); if (a is not null) p.RedArea[zi].Add(a[i]); }
                    else if (a is not null) p.StableArea[zi].Add(a[i]);
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(z);
                ArrayPool<double>.Shared.Return(d);
                if (r is not null) ArrayPool<double>.Shared.Return(r);
                if (a is not null) ArrayPool<double>.Shared.Return(a);
            }
            return p;
        }, new Partial(zones, levels), (a, p) => a.Merge(p));

        double km2 = perPixel ? double.NaN : pa.UniformAreaM2 / 1e6;
        int h = thresholds?.Levels.HighRiskFrom ?? 0;
        var raw = new (Zone Zone, long Px, long Valid, double Net, double Inc, double Red, long IncPx, long RedPx, long[] Lv, double High)[zones];
        for (int i = 0; i < zones; i++)
        {
            var lv = levels == 0 ? [] : acc.Levels.AsSpan(i * (levels + 1), levels + 1).ToArray();
            long graded = lv.Skip(1).Sum();
            double high = levels == 0 || graded == 0 ? double.NaN : (double)lv.Skip(h).Sum() / graded;
            raw[i] = (mask.Zones[i], mask.PixelCounts[i], acc.Valid[i], acc.Net[i].Value, acc.Inc[i].Value, acc.Red[i].Value, acc.IncPx[i], acc.RedPx[i], lv, high);
        }
        var rankNet = Ranks(raw.Select(x => x.Net).ToArray());
        var rankHigh = levels == 0 ? new int[zones] : Ranks(raw.Select(x => x.High).ToArray());
        var rows = raw.Select((x, i) => new ZoneSummaryRow(x.Zone, x.Px, perPixel ? acc.Area[i].Value / 1e6 : x.Px * km2, x.Valid, x.Net, x.Inc, x.Red,
            perPixel ? acc.IncArea[i].Value / 1e6 : x.IncPx * km2, perPixel ? acc.RedArea[i].Value / 1e6 : x.RedPx * km2,
            perPixel ? acc.StableArea[i].Value / 1e6 : (x.Valid - x.IncPx - x.RedPx) * km2, x.Lv, x.High, rankNet[i], rankHigh[i])).ToArray();
        return new ZonalSummary(rows, thresholds?.Levels, thresholds?.Method, SelectKeyAreas(rows, rule, levels > 0));
    }

    // Rank 1 = largest; NaN last; ties broken by layer order so ranks are a permutation.
    private static int[] Ranks(double[] v)
    {
        var order = Enumerable.Range(0, v.Length)
            .OrderByDescending(i => double.IsNaN(v[i]) ? double.NegativeInfinity : v[i])
            .ThenBy(i => i).ToArray();
        var rank = new int[v.Length];
        for (int k = 0; k < order.Length; k++) rank[order[k]] = k + 1;
        return rank;
    }

    private static KeyMonitoringArea[] SelectKeyAreas(ZoneSummaryRow[] rows, KeyMonitoringAreaRule rule, bool graded)
    {
        int top = rule.TopFor(rows.Length);
        var result = new List<KeyMonitoringArea>();
        foreach (var r in rows)
        {
            bool byShare = graded && r.RankHighRisk <= top && r.HighRiskShare > 0 && r.HighRiskShare >= rule.MinHighRiskShare;
            bool byNet = r.RankNetDelta <= top && r.NetDeltaTonnesC > 0;
            if (!byShare && !byNet) continue;
            string reason = (byShare, byNet) switch
            {
                (true, true) => $"high-risk share rank {r.RankHighRisk} and net ΔCBI rank {r.RankNetDelta} within top {top}",
                (true, false) => $"high-risk share rank {r.RankHighRisk} within top {top}",
                _ => $"net ΔCBI rank {r.RankNetDelta} within top {top}",
            };
            result.Add(new KeyMonitoringArea(r, reason));
        }
        return [.. result.OrderBy(k => Math.Min(k.Row.RankNetDelta, graded ? k.Row.RankHighRisk : int.MaxValue)).ThenBy(k => k.Row.Zone.Index)];
    }

    /// <summary>zonal_summary.csv: one row per zone.</summary>
    public CsvWriter SummaryTable()
    {
        var header = new List<string> { "zoneId", "name", "pixels", "areaKm2", "validPixels", "netDeltaTonnesC", "incrementTonnesC",
            "reductionTonnesC", "incrementAreaKm2", "reductionAreaKm2", "stableAreaKm2" };
        int l = Levels?.Count ?? 0;
        for (int k = 1; k <= l; k++) header.Add($"shareLevel{k}");
        header.AddRange(["highRiskShare", "rankNetDelta", "rankHighRisk", "riskMethod", "keyMonitoringArea"]);
        var w = new CsvWriter([.. header]);
        var key = KeyAreas.Select(k => k.Row.Zone.Index).ToHashSet();
        foreach (var r in Rows)
        {
            var row = new List<object?> { r.Zone.Id, r.Zone.Name, r.Pixels, r.AreaKm2, r.ValidPixels, r.NetDeltaTonnesC, r.IncrementTonnesC,
                r.ReductionTonnesC, r.IncrementAreaKm2, r.ReductionAreaKm2, r.StableAreaKm2 };
            for (int k = 1; k <= l; k++) row.Add(r.LevelShare(k));
            row.AddRange([r.HighRiskShare, r.RankNetDelta, l == 0 ? null : r.RankHighRisk, RiskMethod ?? "", key.Contains(r.Zone.Index)]);
            w.Row([.. row]);
        }
        return w;
    }

    /// <summary>key_monitoring_areas.csv: the key monitoring areas and why.</summary>
    public CsvWriter KeyAreaTable()
    {
        var w = new CsvWriter(OutputCatalog.KeyMonitoringAreas.Header());
        int i = 0;
        foreach (var k in KeyAreas)
        {
            var r = k.Row;
            w.Row(++i, r.Zone.Id, r.Zone.Name, r.NetDeltaTonnesC, r.IncrementAreaKm2, r.HighRiskShare, r.RankNetDelta,
                Levels is null ? null : r.RankHighRisk, k.Reason);
        }
        return w;
    }

    private sealed class Partial
    {
        public Partial(int zones, int levels)
        {
            Valid = new long[zones];
            IncPx = new long[zones];
            RedPx = new long[zones];
            Net = new ExactSum[zones];
            Inc = new ExactSum[zones];
            Red = new ExactSum[zones];
            Area = new ExactSum[zones];
            IncArea = new ExactSum[zones];
            RedArea = new ExactSum[zones];
            StableArea = new ExactSum[zones];
            Levels = new long[zones * (levels + 1)];
        }

        // Σ ground area (m²) of all zone pixels and of each space, with per-pixel areas only.
        public ExactSum[] Area { get; }

        public ExactSum[] IncArea { get; }

        public ExactSum[] RedArea { get; }

        public ExactSum[] StableArea { get; }

        public long[] Valid { get; }

        public long[] IncPx { get; }

        public long[] RedPx { get; }

        public ExactSum[] Net { get; }

        public ExactSum[] Inc { get; }

        public ExactSum[] Red { get; }

        public long[] Levels { get; }

        public Partial Merge(Partial o)
        {
            for (int i = 0; i < Valid.Length; i++)
            {
                Valid[i] += o.Valid[i];
                IncPx[i] += o.IncPx[i];
                RedPx[i] += o.RedPx[i];
                Net[i].Add(o.Net[i]);
                Inc[i].Add(o.Inc[i]);
                Red[i].Add(o.Red[i]);
                Area[i].Add(o.Area[i]);
                IncArea[i].Add(o.IncArea[i]);
                RedArea[i].Add(o.RedArea[i]);
                StableArea[i].Add(o.StableArea[i]);
            }
            for (int i = 0; i < Levels.Length; i++) Levels[i] += o.Levels[i];
            return this;
        }
    }
}
