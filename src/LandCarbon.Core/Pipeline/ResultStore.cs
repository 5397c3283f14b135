namespace LandCarbon.Core.Pipeline;

/// <summary>Typed results of the stages of one run, one record per type (e.g. the accounting result).</summary>
public sealed class ResultStore
{
    private readonly Dictionary<Type, object> _results = [];

    /// <summary>Stores (or replaces) the result of type <typeparamref name="T"/>.</summary>
    public void Set<T>(T result) where T : class => _results[typeof(T)] = result;

    /// <summary>The result of type <typeparamref name="T"/>, or null when no stage produced it.</summary>
    public T? TryGet<T>() where T : class => _results.TryGetValue(typeof(T), out var r) ? (T)r : null;

    /// <summary>The result of type <typeparamref name="T"/>; throws when the stage that makes it did not run.</summary>
    public T Get<T>() where T : class =>
        TryGet<T>() ?? throw new InvalidOperationException($"No {typeof(T).Name}: the stage that produces it has not run.");
}
