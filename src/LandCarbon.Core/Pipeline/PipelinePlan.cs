using LandCarbon.Core.Models;

namespace LandCarbon.Core.Pipeline;

/// <summary>
/// The run order of the enabled stages, from what each declares it needs, uses and produces (<see cref="IPipelineStage"/>):
/// a producer runs before every stage that reads its result; otherwise the listed order is kept. Checked before
/// anything is written.
/// </summary>
public static class PipelinePlan
{
    /// <summary>
    /// The enabled stages of <paramref name="stages"/> in run order. An <see cref="InputException"/> when an enabled
    /// stage needs a result no enabled stage produces (naming the stage, the result and the stage that would make it);
    /// an <see cref="InvalidOperationException"/> when two stages produce one type or the declarations form a cycle.
    /// </summary>
    public static IReadOnlyList<IPipelineStage> Order(IReadOnlyList<IPipelineStage> stages, Func<IPipelineStage, bool> isEnabled)
    {
        ArgumentNullException.ThrowIfNull(stages);
        ArgumentNullException.ThrowIfNull(isEnabled);
        var on = stages.Where(isEnabled).ToList();
        var producer = new Dictionary<Type, IPipelineStage>();
        foreach (var s in on)
            foreach (var t in s.Produces)
                if (!producer.TryAdd(t, s))
                    throw new InvalidOperationException($"Stages '{producer[t].Name}' and '{s.Name}' both declare that they produce {t.Name}; a result type has one producer.");
        var missing = new List<string>();
        foreach (var s in on)
            foreach (var t in s.Needs.Where(t => !producer.ContainsKey(t)))
                missing.Add(stages.FirstOrDefault(x => x.Produces.Contains(t)) is { } maker
                    ? $"stage '{s.Name}' needs {t.Name}, which stage '{maker.Name}' produces, but the study does not enable '{maker.Name}'."
                    : $"stage '{s.Name}' needs {t.Name}, which no stage of this run produces.");
        if (missing.Count > 0)
            throw new InputException($"The study enables {missing.Count} stage input(s) that nothing produces; enable the producing section or remove the stage's section:", missing);

        // Kahn's algorithm, always taking the earliest listed stage that is ready: the listed order whenever it is valid.
        var before = on.ToDictionary(s => s, s => s.Needs.Concat(s.Uses).Where(producer.ContainsKey).Select(t => producer[t]).Where(p => p != s).ToHashSet());
        var order = new List<IPipelineStage>();
        while (order.Count < on.Count)
        {
            var next = on.FirstOrDefault(s => !order.Contains(s) && before[s].All(order.Contains))
                ?? throw new InvalidOperationException("The stages' declared needs form a cycle: " +
                    string.Join(", ", on.Where(s => !order.Contains(s)).Select(s => s.Name)) + ".");
            order.Add(next);
        }
        return order;
    }
}
