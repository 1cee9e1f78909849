using System;
using System.Threading;
using System.Threading.Tasks;

namespace CacheGen;

/// <summary>
/// Caches any asynchronous call, for code that is not a <see cref="CachedAttribute"/> method: a query built at run time,
/// code moving off <c>IDistributedCache</c>. It runs on the same engine path as generated decorators — L1, one load per
/// key across the fleet (a Redis lease), jitter, stale-while-revalidate, tags, fencing against invalidations, fail-open,
/// metrics — and its entries are invalidated the same way (<see cref="ICacheInvalidator"/>). Registered by
/// <c>AddCacheGen</c>.
/// </summary>
/// <example>
/// <code>
/// var report = await cache.GetOrLoadAsync(
///     $"revenue:{year}:{month}",
///     (db, year, month),
///     static (s, ct) => s.db.LoadRevenueAsync(s.year, s.month, ct),
///     new CacheEntryOptions { TtlSeconds = 600, Tags = ["revenue"] },
///     ct);
/// </code>
/// </example>
public interface ICacheGen : ICacheInvalidator
{
    /// <summary>
    /// Returns the cached value of <paramref name="key"/>, or loads it with <paramref name="load"/> — once across every
    /// caller and instance — and caches it.
    /// </summary>
    /// <typeparam name="TState">What <paramref name="load"/> needs, passed through so it can be a static lambda (no closure).</typeparam>
    /// <typeparam name="TValue">The cached type; it must survive a round trip through the serializer.</typeparam>
    /// <param name="key">
    /// The rendered key, for example <c>"revenue:2026:6"</c>; its text up to the first <c>:</c> is its keyspace (metrics,
    /// configuration). Build keys that contain user text with <see cref="CacheKeyTemplate.Render(string?[])"/>.
    /// </param>
    /// <param name="state">The loader's state.</param>
    /// <param name="load">Loads the value. Its exceptions reach the callers that shared the load; Redis errors never do.</param>
    /// <param name="options">Lifetimes and tags; <see cref="CacheEntryOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels this caller's wait; a shared load is passed the token of the caller that runs it.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> or a tag is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number in <paramref name="options"/> is out of range, or there are too many tags.</exception>
    ValueTask<TValue> GetOrLoadAsync<TState, TValue>(string key, TState state, Func<TState, CancellationToken, ValueTask<TValue>> load, CacheEntryOptions? options = null, CancellationToken cancellationToken = default);
}
