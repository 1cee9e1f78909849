using System;

namespace CacheGen;

/// <summary>
/// Caches the result of the method it decorates in Redis (and optionally in process), keyed by
/// <see cref="Key"/>. The CacheGen source generator writes the cache-aside wrapper at build time.
/// </summary>
/// <remarks>
/// The method must implement an interface member and return <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>.
/// A miss costs one load across every instance (a Redis lease elects the loader); concurrent callers wait for it.
/// </remarks>
/// <example><code>[Cached("revenue:{year}:{month}", TtlSeconds = 600, StaleSeconds = 300)]</code></example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class CachedAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="key">
    /// The key template: literal text plus <c>{parameter}</c> or <c>{parameter.Member}</c> placeholders, for example
    /// <c>"revenue:{year}:{month}"</c>. Placeholder values are escaped, so user text cannot forge another key.
    /// </param>
    public CachedAttribute(string key) => Key = key;

    /// <summary>The key template.</summary>
    public string Key { get; }

    /// <summary>How long a value is fresh, in seconds. Default 300.</summary>
    public int TtlSeconds { get; set; } = CachePolicy.DefaultTtlSeconds;

    /// <summary>
    /// Randomises each TTL uniformly by ± this percentage (0–50) so that keys written together do not expire
    /// together. Default 10.
    /// </summary>
    public int JitterPercent { get; set; } = CachePolicy.DefaultJitterPercent;

    /// <summary>
    /// How long after the TTL a stale value may still be served, at once, while one caller in the fleet refreshes
    /// it in the background (stale-while-revalidate). Default 0: no stale serving.
    /// </summary>
    public int StaleSeconds { get; set; }

    /// <summary>
    /// How long an in-process (L1) copy is kept, in seconds. Default 0: no L1. Invalidations evict L1 copies on every
    /// instance over Redis pub/sub; a lost message is bounded by this value.
    /// </summary>
    public int LocalTtlSeconds { get; set; }

    /// <summary>
    /// Tags of the cached value: templates with the same syntax as <see cref="Key"/> whose placeholders are
    /// placeholders of the key, for example <c>Tags = ["revenue", "revenue:{year}"]</c>. Invalidating a tag
    /// (<see cref="InvalidatesCacheTagAttribute"/> or <see cref="ICacheInvalidator.InvalidateTagAsync"/>) invalidates
    /// every entry that carries it, in Redis and in every instance's L1, with one Redis command whatever their number.
    /// </summary>
    public string[]? Tags { get; set; }
}
