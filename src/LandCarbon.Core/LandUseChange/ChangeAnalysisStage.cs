using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Study;

namespace LandCarbon.Core.LandUseChange;

/// <summary>
/// The change-analysis stage of `landcarbon run` (METHOD-SPEC (d)–(f)), enabled by the study's <c>change:</c>
/// section. Reads the <see cref="AccountingResult"/> (class and CBI rasters per year), runs
/// <see cref="ChangeAnalysisRunner"/> over every consecutive interval and first → last, and stores a
/// <see cref="ChangeAnalysisResult"/>. In stock mode the "budget" of a pixel is its negated stock, so ΔCBI is the
/// stock loss (t C, emission &gt; 0). A failed check writes tables/checks.csv and stops the run (exit code 1).
/// </summary>
public sealed class ChangeAnalysisStage : IPipelineStage
{
    /// <inheritdoc />
    public string Name => "change";

    /// <inheritdoc />
    public IReadOnlyList<Type> Needs { get; } = [typeof(AccountingResult)];

    /// <inheritdoc />
    public IReadOnlyList<Type> Uses { get; } = [];

    /// <inheritdoc />
    public IReadOnlyList<Type> Produces { get; } = [typeof(ChangeAnalysisResult)];

    /// <inheritdoc />
    public bool IsEnabled(RunContext context) => context?.Study?.Change is not null && context.Study.YearList.Count >= 2;

    /// <inheritdoc />
    public void Run(RunContext context, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var study = context.RequireStudy();
        var accounting = context.Results.Get<AccountingResult>();
        bool stock = accounting.Mode != AccountingMode.Flux;
        var years = accounting.Years.Select(y => new ChangeYear(y.Year, y.LandClassPath,
            (stock ? y.StockPath : y.BudgetPath) is { } path ? new BudgetRaster(path, stock ? BudgetRasterKind.Stock : BudgetRasterKind.Cbi)
                : throw new InvalidOperationException($"The accounting of {y.Year} wrote no {(stock ? "stock" : "CBI")} raster."),
            stock ? null : y.NetTonnesC)).ToList();
        // Stock mode without classes.map: the categories are the raw codes, named by the pool table (LULC_Name).
        var pools = study.RawCodes ? CarbonPoolTable.Read(study.Accounting.PoolsPath!) : null;
        var options = Options(study, context.Seed, pools);
        Func<int, string> name = pools is null
            ? c => ((LandClass)c).Key()
            : c => pools.Find(c) is { Name: { Length: > 0 } n } ? n : c.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var result = ChangeAnalysisRunner.Run(years, context.OpenRaster, options,
            context.Tiles with { Progress = progress, CancellationToken = cancellationToken },
            context.RasterPath, context.TablePath, name, context.Areas);
        foreach (var iv in result.Intervals.Where(i => i.BudgetNoDataPixels > 0))
            context.Warnings.Add($"change {iv.FromYear}-{iv.ToYear}: {iv.BudgetNoDataPixels.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} pixels " +
                "with land use in both years have no carbon budget in one of them (a correction input is nodata there); they are in the transition table but left out of every ΔCBI sum.");
        context.Results.Set(result);
    }

    /// <summary>The study's change options (defaults without a <c>change:</c> section) on the run's class codes: the six
    /// classes, or the pool table's raw codes (<paramref name="pools"/>) in stock mode without classes.map.</summary>
    internal static ChangeAnalysisOptions Options(StudyDefinition study, long seed, CarbonPoolTable? pools) =>
        (study.Change?.Options ?? new ChangeAnalysisOptions()) with
        {
            ClassCodeCount = pools is null ? LandClasses.ArraySize : Math.Min(pools.Rows.Max(r => r.Lucode), AccountingStage.MaxRawCode) + 1,
            ClassNoDataCodes = pools is null ? [(int)LandClass.None] : [],
            Seed = seed,
        };
}
