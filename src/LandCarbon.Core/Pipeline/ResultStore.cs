namespace LandCarbon.Core.Pipeline;

/// <summary>
/// Typed results of the stages of one run, one record per type (e.g. the accounting result). While a stage runs,
/// it may read only what it declares in <see cref="IPipelineStage.Needs"/> or <see cref="IPipelineStage.Uses"/> and
/// store only what it declares in <see cref="IPipelineStage.Produces"/>; anything else is an error naming the stage.
/// </summary>
public sealed class ResultStore
{
    private readonly Dictionary<Type, object> _results = [];
    private IPipelineStage? _stage;

    /// <summary>Stores (or replaces) the result of type <typeparamref name="T"/>.</summary>
    public void Set<T>(T result) where T : class
    {
        if (_stage is { } s && !s.Produces.Contains(typeof(T)))
            throw new InvalidOperationException($"Stage '{s.Name}' stores a {typeof(T).Name} but does not declare it in Produces.");
        _results[typeof(T)] = result;
    }

    /// <summary>The result of type <typeparamref name="T"/>, or null when no stage produced it.</summary>
    public T? TryGet<T>() where T : class
    {
        CheckRead<T>();
        return _results.TryGetValue(typeof(T), out var r) ? (T)r : null;
    }

    /// <summary>The result of type <typeparamref name="T"/>; throws when the stage that makes it did not run.</summary>
    public T Get<T>() where T : class =>
        TryGet<T>() ?? throw new InvalidOperationException(_stage is { } s
            ? $"Stage '{s.Name}' needs a {typeof(T).Name}, but no stage produced one."
            : $"No {typeof(T).Name}: the stage that produces it has not run.");

    /// <summary>Checks the reads and writes of <paramref name="stage"/> against its declarations until
    /// <see cref="Leave"/> (the runner brackets each stage).</summary>
    internal void Enter(IPipelineStage stage) => _stage = stage;

    /// <summary>Ends the checks of <see cref="Enter"/>.</summary>
    internal void Leave() => _stage = null;

    private void CheckRead<T>()
    {
        if (_stage is { } s && !s.Needs.Contains(typeof(T)) && !s.Uses.Contains(typeof(T)))
            throw new InvalidOperationException($"Stage '{s.Name}' reads a {typeof(T).Name} but declares it neither in Needs nor in Uses.");
    }
}
