namespace LandCarbon.Reporting.Maps;

/// <summary>One legend entry of a categorical map: pixel value, labels, colour (#RRGGBB).</summary>
public sealed record LegendClass(int Value, string En, string Zh, string Color);

/// <summary>
/// How a raster is drawn: categorical (legend classes), classed diverging around zero (<see cref="Diverging"/>:
/// quantile breaks of |v|, see <see cref="DivergingScale"/>) or continuous (colour bar), with the unit shown in the
/// legend heading or on the colour bar.
/// </summary>
public sealed record MapStyle
{
    /// <summary>Classes of a categorical map; null for continuous maps.</summary>
    public IReadOnlyList<LegendClass>? Classes { get; init; }

    /// <summary>Signed values classed by symmetric quantile breaks around a neutral zero (ΔCBI, CBI).</summary>
    public bool Diverging { get; init; }

    /// <summary>Unit label of a continuous map (legend heading or colour bar), e.g. "t C/yr per pixel".</summary>
    public string Unit { get; init; } = "";

    /// <summary>True for categorical maps.</summary>
    public bool IsCategorical => Classes is not null;

    /// <summary>CLCD land use.</summary>
    public static MapStyle LandUse { get; } = new()
    {
        Classes = [.. Labels.Clcd.Select(kv => new LegendClass(kv.Key, kv.Value.En, kv.Value.Zh, kv.Value.Color))],
    };

    /// <summary>Space and grade: −4…−1 reduction (greens), 0 stable, 1…4 increment (reds).</summary>
    public static MapStyle SpaceGrade { get; } = new()
    {
        Classes =
        [
            new(-4, "reduction, extremely strong", "减碳空间·极强", "#00441B"),
            new(-3, "reduction, strong", "减碳空间·强", "#238B45"),
            new(-2, "reduction, moderate", "减碳空间·中等", "#74C476"),
            new(-1, "reduction, weak", "减碳空间·弱", "#C7E9C0"),
            new(0, "stable", "稳定", "#F0F0F0"),
            new(1, "increment, weak", "增碳空间·弱", "#FCBBA1"),
            new(2, "increment, moderate", "增碳空间·中等", "#FB6A4A"),
            new(3, "increment, strong", "增碳空间·强", "#CB181D"),
            new(4, "increment, extremely strong", "增碳空间·极强", "#67000D"),
        ],
    };

    /// <summary>Mechanism types (METHOD-SPEC (d)).</summary>
    public static MapStyle Mechanism { get; } = new()
    {
        Classes =
        [
            new(0, "unchanged", "未变化", "#F0F0F0"),
            new(1, "source intensification", "碳源增强", "#B2182B"),
            new(2, "sink decline", "碳汇减弱", "#EF8A62"),
            new(3, "sink → source shift", "汇转源", "#67001F"),
            new(4, "source weakening", "碳源减弱", "#67A9CF"),
            new(5, "sink enhancement", "碳汇增强", "#2166AC"),
            new(6, "source → sink shift", "源转汇", "#053061"),
        ],
    };

    /// <summary>LISA clusters.</summary>
    public static MapStyle Lisa { get; } = new()
    {
        Classes =
        [
            new(0, "not significant", "不显著", "#F0F0F0"),
            new(1, "High-High", "高-高", "#D7191C"),
            new(2, "Low-Low", "低-低", "#2C7BB6"),
            new(3, "High-Low", "高-低", "#FDAE61"),
            new(4, "Low-High", "低-高", "#ABD9E9"),
        ],
    };

    /// <summary>Gi* confidence bins −3…3.</summary>
    public static MapStyle GiBins { get; } = new()
    {
        Classes =
        [
            new(-3, "cold spot, 99%", "冷点 99%", "#4575B4"),
            new(-2, "cold spot, 95%", "冷点 95%", "#91BFDB"),
            new(-1, "cold spot, 90%", "冷点 90%", "#E0F3F8"),
            new(0, "not significant", "不显著", "#F7F7F7"),
            new(1, "hot spot, 90%", "热点 90%", "#FEE090"),
            new(2, "hot spot, 95%", "热点 95%", "#FC8D59"),
            new(3, "hot spot, 99%", "热点 99%", "#D73027"),
        ],
    };

    /// <summary>Risk levels 1…5.</summary>
    public static MapStyle Risk { get; } = new()
    {
        Classes =
        [
            new(1, "I low", "I 低风险", "#1A9850"),
            new(2, "II relatively low", "II 较低风险", "#91CF60"),
            new(3, "III medium", "III 中风险", "#FEE08B"),
            new(4, "IV high", "IV 高风险", "#FC8D59"),
            new(5, "V extremely high", "V 极高风险", "#D73027"),
        ],
    };
}
