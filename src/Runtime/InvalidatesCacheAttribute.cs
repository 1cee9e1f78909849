using System;

namespace CacheGen;

/// <summary>
/// Invalidates the cache entry named by <see cref="Key"/> after the decorated write method completes without
/// throwing: the Redis value and any outstanding load lease are deleted atomically (so a loader that read the old
/// row cannot write it back), and every instance is told to drop its in-process copy.
/// </summary>
/// <example><code>[InvalidatesCache("revenue:{product.LastSoldYear}:{product.LastSoldMonth}")]</code></example>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class InvalidatesCacheAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="key">A key template with the same shape as the <see cref="CachedAttribute"/> key it invalidates.</param>
    public InvalidatesCacheAttribute(string key) => Key = key;

    /// <summary>The key template.</summary>
    public string Key { get; }
}
