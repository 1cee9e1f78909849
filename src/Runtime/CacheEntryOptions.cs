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
    /// <summary>Nothing set: <see cref="CacheGenOptions.Defaults"/>, else 300 s fresh, ±10 % jitter, no stale window, no L1; no tags.</summary>
    public static CacheEntryOptions Default { get; } = new();

    /// <summary><inheritdoc cref="CachedAttribute.TtlSeconds" path="/summary"/> Unset: <see cref="CacheGenOptions.Defaults"/>, else 300.</summary>
    public int? TtlSeconds { get; init; }

    /// <summary><inheritdoc cref="CachedAttribute.JitterPercent" path="/summary"/> Unset: <see cref="CacheGenOptions.Defaults"/>, else 10.</summary>
    public int? JitterPercent { get; init; }

    /// <summary><inheritdoc cref="CachedAttribute.StaleSeconds" path="/summary"/> Unset: <see cref="CacheGenOptions.Defaults"/>, else 0.</summary>
    public int? StaleSeconds { get; init; }

    /// <summary><inheritdoc cref="CachedAttribute.LocalTtlSeconds" path="/summary"/> Unset: <see cref="CacheGenOptions.Defaults"/>, else 0.</summary>
    public int? LocalTtlSeconds { get; init; }

    /// <summary>The settings given here.</summary>
    internal CachePolicySettings ExplicitSettings =>
        (TtlSeconds is null ? 0 : CachePolicySettings.TtlSeconds) | (JitterPercent is null ? 0 : CachePolicySettings.JitterPercent)
        | (StaleSeconds is null ? 0 : CachePolicySettings.StaleSeconds) | (LocalTtlSeconds is null ? 0 : CachePolicySettings.LocalTtlSeconds);

    /// <summary>
    /// The entry's tags, rendered (<c>"revenue"</c>, <c>"product:42"</c>): <see cref="ICacheInvalidator.InvalidateTagAsync"/>
    /// of any of them invalidates the entry. An entry keeps the tags it was loaded with until it is loaded again.
    /// </summary>
    public IReadOnlyList<string>? Tags { get; init; }
}
