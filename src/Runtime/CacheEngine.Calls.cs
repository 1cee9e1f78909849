using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CacheGen.Internals;

namespace CacheGen;

// ICacheGen: any call, on the generated path. Each (keyspace, options, value type) gets one CachedMethod keyed by the
// whole key, made on first use and kept, so metrics, configuration and L1 work exactly as for a decorated method.
public sealed partial class CacheEngine : ICacheGen
{
    private readonly ConcurrentDictionary<(string Keyspace, int? Ttl, int? Jitter, int? Stale, int? Local, Type Value), object> _calls = new();

    /// <inheritdoc/>
    public ValueTask<TValue> GetOrLoadAsync<TState, TValue>(string key, TState state, Func<TState, CancellationToken, ValueTask<TValue>> load, CacheEntryOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(load);
        var logicalKey = RedisKeys.NormalizeLogicalKey(key);
        options ??= CacheEntryOptions.Default;
        var method = CallsOf<TValue>(CacheKeyTemplate.KeyspaceOf(logicalKey), options);
        return method.GetOrLoadAsync(new CallKey(logicalKey, TagsOf(options)), state, load, cancellationToken);
    }

    private CachedMethod<CallKey, TValue> CallsOf<TValue>(string keyspace, CacheEntryOptions options)
    {
        var id = (keyspace, options.TtlSeconds, options.JitterPercent, options.StaleSeconds, options.LocalTtlSeconds, typeof(TValue));
        if (_calls.TryGetValue(id, out var known))
        {
            return (CachedMethod<CallKey, TValue>)known;
        }

        // Validated here, once per distinct set of options (the policy's constructor says what is out of range).
        var policy = CachePolicy.ForCalls(keyspace, options);
        return (CachedMethod<CallKey, TValue>)_calls.GetOrAdd(id, static (_, state) => state.Engine.GetCachedMethod<CallKey, TValue>(state.Policy, static k => k.Key, static k => k.Tags ?? []), (Engine: this, Policy: policy));
    }

    private static string[]? TagsOf(CacheEntryOptions options)
    {
        if (options.Tags is not { Count: > 0 } tags)
        {
            return null;
        }

        if (tags.Count > CachePolicy.MaxTags)
        {
            throw new ArgumentOutOfRangeException(nameof(options), tags.Count, $"An entry may carry at most {CachePolicy.MaxTags} tags.");
        }

        var normalized = new string[tags.Count];
        for (var i = 0; i < normalized.Length; i++)
        {
            normalized[i] = RedisKeys.NormalizeLogicalKey(tags[i]);
        }

        return normalized;
    }
}

/// <summary>The key of an <see cref="ICacheGen"/> call: the whole key (L1 compares it alone) and the call's tags.</summary>
internal readonly struct CallKey(string key, string[]? tags) : IEquatable<CallKey>
{
    public string Key { get; } = key;

    public string[]? Tags { get; } = tags;

    public bool Equals(CallKey other) => string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is CallKey other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
}
