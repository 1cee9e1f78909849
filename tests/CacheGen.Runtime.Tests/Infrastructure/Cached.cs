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

    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var index = (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
