using System;

namespace CacheGen;

/// <summary>
/// Invalidates every cache entry that carries the tag named by <see cref="Tag"/> (see <see cref="CachedAttribute.Tags"/>)
/// after the decorated write method completes without throwing. It costs one Redis command whatever the number of
/// entries, fences loads that began before it exactly as a key invalidation does, and every instance drops its
/// in-process copies of those entries.
/// </summary>
/// <example><code>[InvalidatesCacheTag("revenue")] // after a price change, every month's revenue</code></example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class InvalidatesCacheTagAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="tag">A tag template, with placeholders over the method's parameters as for keys: <c>"product:{product.Id}"</c>.</param>
    public InvalidatesCacheTagAttribute(string tag) => Tag = tag;

    /// <summary>The tag template.</summary>
    public string Tag { get; }
}
