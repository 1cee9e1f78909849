using System;

namespace CacheGen;

/// <summary>
/// Marks a parameter of a <see cref="CachedAttribute"/> method that deliberately takes no part in the cache key
/// (for example a tracing context): calls that differ only in this argument share one cache entry.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class NotCacheKeyAttribute : Attribute
{
}
