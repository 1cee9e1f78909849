using System.Threading;
using System.Threading.Tasks;

namespace CacheGen;

/// <summary>
/// Safe invalidation for hand-written code: the same operation that <see cref="InvalidatesCacheAttribute"/> performs.
/// </summary>
public interface ICacheInvalidator
{
    /// <summary>
    /// Deletes the cache entry <paramref name="key"/> and any outstanding load lease for it in one atomic Redis
    /// operation, evicts the local copy, and tells every other instance to evict theirs. When Redis cannot be reached
    /// the invalidation is queued and applied as soon as it is back; this method does not throw for Redis failures.
    /// </summary>
    /// <param name="key">
    /// The rendered key, for example <c>"revenue:2024:5"</c>. Build keys that contain user text with
    /// <see cref="CacheKeyTemplate.Render(string?[])"/> so they match what generated code writes.
    /// </param>
    /// <param name="cancellationToken">Cancels waiting for Redis; the local eviction has already happened.</param>
    Task InvalidateAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Invalidates every cache entry that carries <paramref name="tag"/> (see <see cref="CachedAttribute.Tags"/>): one
    /// Redis command whatever their number, with the same guarantees as <see cref="InvalidateAsync"/> — a load that
    /// began before it cannot put its value back, every instance stops serving its in-process copies before this
    /// returns (up to the acknowledgement timeout), and when Redis cannot be reached it is queued and applied as soon as
    /// it is back. Does not throw for Redis failures.
    /// </summary>
    /// <param name="tag">
    /// The rendered tag, for example <c>"revenue"</c> or <c>"product:42"</c>. Build tags that contain user text with
    /// <see cref="CacheKeyTemplate.Render(string?[])"/> so they match what generated code renders.
    /// </param>
    /// <param name="cancellationToken">Cancels waiting for Redis; this instance has already stopped serving the entries.</param>
    Task InvalidateTagAsync(string tag, CancellationToken cancellationToken = default);
}
