using System;
using System.Collections.Generic;

namespace CacheGen;

/// <summary>
/// How one entry is cached by <see cref="ICacheGen.GetOrLoadAsync{TState, TValue}"/>: the same settings as
/// <see cref="CachedAttribute"/>. Configuration's keyspace settings (<see cref="CacheGenOptions.Keyspaces"/>, keyed by
/// the key's text up to its first <c>:</c>) replace these values, as they replace an attribute's.
/// </summary>
/// <remarks>Keep instances you reuse: an options object is read on each call, never stored per entry.</remarks>
public sealed class CacheEntryOptions
{
    /// <summary>The defaults: 300 s fresh, ±10 % jitter, no stale window, no L1, no tags.</summary>
    public static CacheEntryOptions Default { get; } = new();

    /// <inheritdoc cref="CachedAttribute.TtlSeconds"/>
    public int TtlSeconds { get; init; } = CachePolicy.DefaultTtlSeconds;

    /// <inheritdoc cref="CachedAttribute.JitterPercent"/>
    public int JitterPercent { get; init; } = CachePolicy.DefaultJitterPercent;

    /// <inheritdoc cref="CachedAttribute.StaleSeconds"/>
    public int StaleSeconds { get; init; }

    /// <inheritdoc cref="CachedAttribute.LocalTtlSeconds"/>
    public int LocalTtlSeconds { get; init; }

    /// <summary>
    /// The entry's tags, rendered (<c>"revenue"</c>, <c>"product:42"</c>): <see cref="ICacheInvalidator.InvalidateTagAsync"/>
    /// of any of them invalidates the entry. An entry keeps the tags it was loaded with until it is loaded again.
    /// </summary>
    public IReadOnlyList<string>? Tags { get; init; }
}
