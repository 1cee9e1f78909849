namespace CacheGen.Tests.Infrastructure;

/// <summary>Shortcuts for a cached method keyed by one string, as generated code would bind it.</summary>
public static class Cached
{
    public static CachedMethod<string, T> Method<T>(CacheEngine engine, CachePolicy policy) =>
        engine.GetCachedMethod<string, T>(policy, id => policy.Template.Render([id]));

    public static ValueTask<T> GetAsync<T>(this CachedMethod<string, T> method, string id, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken = default) =>
        method.GetOrLoadAsync(id, load, static async (l, ct) => await l(ct), cancellationToken);

    public static ValueTask<T> GetAsync<T>(this CachedMethod<string, T> method, string id, Func<T> load) =>
        method.GetOrLoadAsync(id, load, static (l, _) => ValueTask.FromResult(l()));

    /// <summary>
    /// Starts a call of key "1" whose load is held on <paramref name="gate"/>, and returns once the load has begun (so
    /// its caller holds the lease); the task completes with <paramref name="outcome"/> after the gate opens.
    /// </summary>
    public static async Task<Task<string>> HolderLoadingUntilAsync(CacheEngine engine, CachePolicy policy, Gate gate, Func<string> outcome)
    {
        var entered = new Signal<bool>();
        var holder = Method<string>(engine, policy).GetAsync("1", async _ =>
        {
            entered.Raise(true);
            await gate.WaitAsync();
            return outcome();
        }).AsTask();
        await entered.WaitAsync();
        return holder;
    }

    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
