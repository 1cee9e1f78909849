using System;

namespace CacheGen;

/// <summary>
/// An invalidation that has reached Redis and every instance that confirmed it (<see cref="CacheEngine.Invalidated"/>):
/// the moment a layer above the application — a CDN — can drop its copies without fetching the old value again.
/// </summary>
/// <param name="name">The logical key, or the tag when <paramref name="isTag"/>.</param>
/// <param name="isTag">Whether <paramref name="name"/> is a tag.</param>
public sealed class CacheInvalidatedEventArgs(string name, bool isTag) : EventArgs
{
    /// <summary>The logical key (<c>revenue:2026:6</c>), or the tag when <see cref="IsTag"/>.</summary>
    public string Name { get; } = name;

    /// <summary>Whether <see cref="Name"/> is a tag.</summary>
    public bool IsTag { get; } = isTag;
}
