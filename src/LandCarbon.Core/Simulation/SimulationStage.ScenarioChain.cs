using System.Globalization;
using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUse;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Outputs;
using LandCarbon.Core.Pipeline;
using LandCarbon.Core.Risk;
using LandCarbon.Core.Study;
using LandCarbon.Core.Tables;

namespace LandCarbon.Core.Simulation;

public sealed partial class SimulationStage
{
    /// <summary>
    /// Projected years into the chain (issue 17, item 5; docs/methods/simulation.md "Projected years in the chain"):
    /// each projected map goes through the same flux accounting as an observed year
    /// (<see cref="AccountingStage.ProjectedFluxYear"/>), the interval base year → projected year through the same change
    /// analysis (<see cref="ChangeAnalysisRunner.RunIntervals"/>, its checks appended to <c>tables/checks.csv</c>), and,
    /// when the run has a risk warning on fishnet cells, the projected interval's index is graded with thresholds learned
    /// on the observed intervals only (the same grader, rasters and zonal summary as the warning for the next interval).
    /// </summary>
    internal static class ScenarioChain
    {
        /// <summary>Runs the chain for every projected map (flux mode).</summary>
        public static ScenarioChainResult Run(RunContext context, AccountingResult accounting, int baseYear, IReadOnlyList<ProjectedMap> maps,
            CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentNullException.ThrowIfNull(accounting);
            ArgumentNullException.ThrowIfNull(maps);
            if (accounting.Mode != AccountingMode.Flux)
                throw new InvalidOperationException("The scenario chain accounts projected maps in flux mode only.");
            var study = context.RequireStudy();
            var tiles = context.Tiles with { Progress = null, CancellationToken = cancellationToken };
            var baseAccounting = accounting[baseYear];
            var from = new ChangeYear(baseYear, baseAccounting.LandClassPath,
                BudgetRaster.Cbi(baseAccounting.BudgetPath ?? throw new InvalidOperationException($"The accounting of {baseYear} wrote no CBI raster.")), baseAccounting.NetTonnesC);
            var options = ChangeAnalysisStage.Options(study, context.Seed, null);
            // Every projected year is accounted first, then all intervals base year → projected year go through one
            // change analysis, which decodes the base year's rasters once per pass for all of them (issue 17).
            var accounted = new List<(ProjectedMap Map, AccountingYear Accounting, int WarningsBefore)>();
            foreach (var m in maps)
            {
                var acc = AccountingStage.ProjectedFluxYear(context, new ProjectedLandUse(m.Scenario, m.Year, m.ClassPath, baseYear, accounting.ConstructionCoefficients), tiles);
                accounted.Add((m, acc, context.Warnings.Count));
            }
            var changes = ChangeAnalysisRunner.RunIntervals(from,
                [.. accounted.Select(y => (new ChangeYear(y.Map.Year, y.Map.ClassPath, BudgetRaster.Cbi(y.Accounting.BudgetPath!), y.Accounting.NetTonnesC), Key(y.Map, baseYear)))],
                context.OpenRaster, options, tiles, context.RasterPath, context.TablePath, c => ((LandClass)c).Key(), context.Areas);
            var years = new List<ProjectedYear>();
            int inserted = 0;
            for (int i = 0; i < accounted.Count; i++)
            {
                var (m, acc, warningsBefore) = accounted[i];
                var (change, rasters) = changes[i];
                change = change with { Checks = [.. change.Checks.Select(k => k with { Interval = $"{m.Scenario} {k.Interval}" })] };
                years.Add(new ProjectedYear(m, acc, change, rasters));
                // Where it came when each year was analysed right after its accounting: before the next year's warnings.
                if (change.BudgetNoDataPixels > 0)
                    context.Warnings.Insert(warningsBefore + inserted++, $"change {Key(m, baseYear)}: {change.BudgetNoDataPixels.ToString("N0", CultureInfo.InvariantCulture)} pixels with land use in both years have no carbon budget in one of them (a correction input is nodata there); they are left out of every ΔCBI sum.");
            }
            WriteChecks(context, years);
            var risk = FutureRisk(context, study, baseYear, years, tiles);
            return new ScenarioChainResult(baseYear, years, risk);
        }

        /// <summary>The output key of a projected interval, e.g. <c>natural_2024_2035</c>.</summary>
        private static string Key(ProjectedMap map, int baseYear) => $"{map.Scenario}_{baseYear}_{map.Year}";

        /// <summary>Rewrites tables/checks.csv with the observed intervals' checks (when the change stage ran) followed by
        /// the projected intervals', and stops the run when one fails.</summary>
        private static void WriteChecks(RunContext context, IReadOnlyList<ProjectedYear> years)
        {
            var observed = context.Results.TryGet<ChangeAnalysisResult>()?.Intervals ?? [];
            ChangeTables.WriteChecksAndEnsure([.. observed, .. years.Select(y => y.Change)], context.PathOf(OutputCatalog.Checks));
        }

        /// <summary>
        /// The future risk levels of every projected interval: its ΔCBI on the risk warning's fishnet cells, per year
        /// (<see cref="UnitSeriesBuilder.IndexPerYear"/>), graded by thresholds learned on the observed consecutive
        /// intervals alone with the method that did best in the hindcast (<c>risk.zones.method</c> without one), as
        /// <see cref="RiskOutlook"/> grades its forecasts. Needs the risk stage's result and ΔCBI (or ΔCBI per km²) as
        /// index; a composite or dominant-factor index needs driver factors of the future and is left out with a warning.
        /// </summary>
        private static List<ScenarioRisk> FutureRisk(RunContext context, StudyDefinition study, int baseYear, IReadOnlyList<ProjectedYear> years,
            Processing.TileOptions tiles)
        {
            var list = new List<ScenarioRisk>();
            if (study.Risk is not { } section || context.Results.TryGet<RiskAnalysisResult>() is not { } riskResult
                || context.Results.TryGet<ChangeAnalysisResult>() is not { } change || years.Count == 0)
                return list;
            if (section.FishnetMeters is not double cell)
            {
                context.Warnings.Add("simulation: the future risk levels of the scenarios are graded on fishnet cells; set risk.fishnetMeters to get them.");
                return list;
            }
            if (section.Index is not (RiskIndexKind.DeltaCbi or RiskIndexKind.DeltaCbiPerKm2))
            {
                context.Warnings.Add($"simulation: no future risk levels for the scenarios: risk.index {IndexName(section)} needs driver factors of the projected years.");
                return list;
            }
            bool perKm2 = section.Index == RiskIndexKind.DeltaCbiPerKm2;
            var areaModel = context.Areas.Model;
            var training = RiskAnalysis.ConsecutiveIntervals(change)
                .Select(i => (IRiskIndexSource)UnitSeriesBuilder.IndexPerYear(context.OpenRaster, change.DeltaCbiPath(i), i.ToYear - i.FromYear, cell, perKm2, tiles, areaModel))
                .ToList();
            string method = riskResult.Hindcast?.Summary().FirstOrDefault(r => r.Forecast != "-")?.Method
                ?? section.Zones?.Method ?? ErrorTheoryThresholds.MethodName;
            var options = section.Options with { Seed = study.Seed, StratifiedSample = false };
            var table = new CsvWriter(RiskHeader(options.LevelCount));
            foreach (var y in years)
            {
                int length = y.Change.ToYear - y.Change.FromYear;
                var map = UnitSeriesBuilder.IndexPerYear(context.OpenRaster, y.Rasters.DeltaCbiPath, length, cell, perKm2, tiles, areaModel);
                var grading = RiskGrader.Grade(new RiskInputs(training, map), options, tiles);
                var chosen = grading.Method(method);
                string interval = $"{y.Change.FromYear}_{y.Change.ToYear}";
                string raster = context.PathOf(OutputCatalog.ScenarioRiskRaster, y.Map.Scenario, interval);
                RiskRasters.Write(grading with { Methods = [chosen] }, map, _ => raster, tiles);
                ZonalSummary? zonal = null;
                if (section.Zones is { } zones)
                {
                    zonal = RiskWarning.Zonal(zones, map.Grid, map, chosen.Thresholds, map, options.StableEpsilon, tiles, context.Warnings, areaModel);
                    zonal.SummaryTable().Save(context.PathOf(OutputCatalog.ScenarioZonalSummary, y.Map.Scenario, interval));
                    zonal.KeyAreaTable().Save(context.PathOf(OutputCatalog.ScenarioKeyMonitoringAreas, y.Map.Scenario, interval));
                }
                var row = new List<object?> { y.Map.Scenario, y.Change.FromYear, y.Change.ToYear, method };
                row.AddRange(Enumerable.Range(1, options.LevelCount).Select(k => (object?)chosen.LevelShare(k)));
                row.Add(chosen.LevelPixelCounts.Skip(1).Sum());
                table.Row([.. row]);
                list.Add(new ScenarioRisk(y.Map.Scenario, $"{y.Change.FromYear}_{y.Change.ToYear}", method, chosen, raster, zonal));
            }
            table.Save(context.PathOf(OutputCatalog.ScenarioRisk));
            return list;
        }

        private static string IndexName(RiskSection s) => RiskSection.RiskIndexName(s.Index);

        private static string[] RiskHeader(int levels) =>
            ["scenario", "fromYear", "toYear", "method", .. Enumerable.Range(1, levels).Select(k => "share_" + k.ToString(CultureInfo.InvariantCulture)), "units"];

        /// <summary>
        /// tables/scenario_difference.csv: per projected year and scenario other than <c>natural</c>, its net budget minus
        /// the natural scenario's (t C/yr; negative = the scenario emits less), with the Σ ΔCBI of both projected
        /// intervals. Null when the run has no natural scenario or no other.
        /// </summary>
        public static CsvWriter? Difference(ScenarioChainResult chain)
        {
            ArgumentNullException.ThrowIfNull(chain);
            var natural = chain.Years.Where(y => y.Map.Scenario == "natural").ToDictionary(y => y.Map.Year);
            var others = chain.Years.Where(y => y.Map.Scenario != "natural" && natural.ContainsKey(y.Map.Year)).ToList();
            if (others.Count == 0) return null;
            bool cumulative = chain.Years[0].Change.Cumulative;
            var w = new CsvWriter([.. OutputCatalog.ScenarioDifference.Columns.Select(c => c.Delta ? ChangeTables.DeltaColumn(c.Name, cumulative) : c.Name)]);
            foreach (var y in others)
            {
                var n = natural[y.Map.Year];
                w.Row(y.Map.Scenario, "natural", y.Map.Year, y.Accounting.NetTonnesC, n.Accounting.NetTonnesC, y.Accounting.NetTonnesC - n.Accounting.NetTonnesC,
                    y.Change.NetTonnesC, n.Change.NetTonnesC);
            }
            return w;
        }
    }
}
