using LandCarbon.Core.Accounting;
using LandCarbon.Core.LandUseChange;
using LandCarbon.Core.Models;
using LandCarbon.Core.Pipeline;

namespace LandCarbon.Core.Tests.Pipeline;

/// <summary>The run order and the checks follow from what the stages declare (issue #16 item 1).</summary>
public class PipelinePlanTests
{
    private sealed record A;
    private sealed record B;

    private sealed class Stage(string name, Type[] needs, Type[] uses, Type[] produces, bool enabled = true, Action<ResultStore>? run = null) : IPipelineStage
    {
        public string Name => name;
        public IReadOnlyList<Type> Needs => needs;
        public IReadOnlyList<Type> Uses => uses;
        public IReadOnlyList<Type> Produces => produces;
        public bool IsEnabled(RunContext context) => enabled;
        public void Run(RunContext context, IProgress<double>? progress, CancellationToken cancellationToken) => run?.Invoke(context.Results);
    }

    [Fact]
    public void TheListedOrder_IsKept_WhenItIsValid()
    {
        var stages = new[] { new Stage("a", [], [], [typeof(A)]), new Stage("b", [typeof(A)], [], [typeof(B)]), new Stage("c", [], [typeof(B)], []) };
        Assert.Equal(["a", "b", "c"], PipelinePlan.Order(stages, _ => true).Select(s => s.Name));
    }

    [Fact]
    public void AProducer_RunsBeforeItsReaders_WhateverTheListedOrder()
    {
        var stages = new[] { new Stage("c", [], [typeof(B)], []), new Stage("b", [typeof(A)], [], [typeof(B)]), new Stage("a", [], [], [typeof(A)]) };
        Assert.Equal(["a", "b", "c"], PipelinePlan.Order(stages, _ => true).Select(s => s.Name));
    }

    [Fact]
    public void ANeedWhoseProducerIsNotEnabled_IsAnInputError_NamingBothStages()
    {
        var stages = new[] { new Stage("a", [], [], [typeof(A)], enabled: false), new Stage("b", [typeof(A)], [], []) };
        var e = Assert.Throws<InputException>(() => PipelinePlan.Order(stages, s => s.IsEnabled(null!)));
        Assert.Contains("stage 'b' needs A, which stage 'a' produces, but the study does not enable 'a'", string.Join("\n", e.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void ARunWhoseStageNeedsAMissingResult_StopsBeforeWritingAnything()
    {
        var (dir, rasters) = Accounting.AccountingStageTests.Setup(5);
        string studyPath = Path.Combine(dir, "study.yaml");
        File.WriteAllText(studyPath, "years: {2000: lu_2000.tif, 2010: lu_2010.tif}\naccounting: {construction: {value: 50}}\nchange: {}\n");
        string outDir = Path.Combine(dir, "out");
        var e = Assert.Throws<InputException>(() => PipelineRunner.Run(Core.Study.StudyLoader.Load(studyPath), outDir, new PipelineRunOptions
        {
            OpenRaster = p => rasters[p],
            Stages = [new ChangeAnalysisStage()],   // the change analysis without the accounting that makes its CBI rasters
        }, TestContext.Current.CancellationToken));
        Assert.Equal(["stage 'change' needs AccountingResult, which no stage of this run produces."], e.Problems);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void AnOptionalUse_WithoutProducer_IsFine()
    {
        var stages = new[] { new Stage("b", [], [typeof(A)], []) };
        Assert.Equal(["b"], PipelinePlan.Order(stages, _ => true).Select(s => s.Name));
    }

    [Fact]
    public void TwoProducersOfOneType_AreRefused()
    {
        var stages = new[] { new Stage("a", [], [], [typeof(A)]), new Stage("a2", [], [], [typeof(A)]) };
        var e = Assert.Throws<InvalidOperationException>(() => PipelinePlan.Order(stages, _ => true));
        Assert.Contains("'a' and 'a2' both declare", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACycleOfNeeds_IsRefused()
    {
        var stages = new[] { new Stage("a", [typeof(B)], [], [typeof(A)]), new Stage("b", [typeof(A)], [], [typeof(B)]) };
        Assert.Throws<InvalidOperationException>(() => PipelinePlan.Order(stages, _ => true));
    }

    [Fact]
    public void AStage_ReadingOrStoringWhatItDidNotDeclare_FailsNamingTheStage()
    {
        var store = new ResultStore();
        store.Set(new A());
        store.Enter(new Stage("reader", [], [], []));
        var read = Assert.Throws<InvalidOperationException>(() => store.TryGet<A>());
        Assert.Equal("Stage 'reader' reads a A but declares it neither in Needs nor in Uses.", read.Message);
        var write = Assert.Throws<InvalidOperationException>(() => store.Set(new B()));
        Assert.Equal("Stage 'reader' stores a B but does not declare it in Produces.", write.Message);
        store.Leave();
        Assert.NotNull(store.TryGet<A>());   // outside a stage (the CLI, the report) everything is readable
    }

    [Fact]
    public void TheStagesOfTheRun_DeclareOneProducerPerResult_AndTheirListedOrderIsTheirPlan()
    {
        var all = PipelineStages.All();
        Assert.Equal(all.Select(s => s.Name), PipelinePlan.Order(all, _ => true).Select(s => s.Name));
        Assert.Contains(all, s => s.Produces.Contains(typeof(AccountingResult)));
        Assert.Contains(all, s => s.Needs.Contains(typeof(AccountingResult)) && s.Produces.Contains(typeof(ChangeAnalysisResult)));
    }
}
