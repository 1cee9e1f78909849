using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace CacheGen.Internals;

/// <summary>An L1 entry that the engine can evict by its rendered key.</summary>
internal interface ILocalEntry
{
    string LogicalKey { get; }

    long ExpiresAt { get; }

    void Evict();
}

/// <summary>One L1 value with its expiry (a <see cref="TimeProvider"/> timestamp) and a completed task for it.</summary>
internal sealed class LocalEntry<TKey, TValue>(LocalCache<TKey, TValue> owner, TKey key, string logicalKey, TValue value, long expiresAt) : ILocalEntry
    where TKey : notnull
{
    private Task<TValue>? _task;

    public TValue Value { get; } = value;

    public string LogicalKey { get; } = logicalKey;

    public long ExpiresAt { get; } = expiresAt;

    /// <summary>A completed task of the value, made once, so a <c>Task&lt;T&gt;</c> method's hit allocates nothing.</summary>
    public Task<TValue> AsTask() => _task ??= Task.FromResult(Value);

    public void Evict() => owner.Remove(key, this);
}

/// <summary>
/// The L1 of one cached method, keyed by the method's arguments (a value tuple) rather than by the rendered key, so a
/// hit builds no string. The engine's <see cref="LocalIndex"/> maps rendered keys back to entries for invalidation.
/// </summary>
internal sealed class LocalCache<TKey, TValue>(LocalIndex index) : ILocalCache
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, LocalEntry<TKey, TValue>> _entries = new();

    public bool TryGet(TKey key, long now, out LocalEntry<TKey, TValue> entry)
    {
        if (_entries.TryGetValue(key, out entry!) && now < entry.ExpiresAt)
        {
            return true;
        }

        return false;
    }

    public LocalEntry<TKey, TValue> Set(TKey key, string logicalKey, TValue value, long expiresAt)
    {
        var entry = new LocalEntry<TKey, TValue>(this, key, logicalKey, value, expiresAt);
        _entries[key] = entry;
        index.Add(entry, this);
        return entry;
    }

    public void Remove(TKey key, LocalEntry<TKey, TValue> entry)
    {
        if (_entries.TryRemove(new KeyValuePair<TKey, LocalEntry<TKey, TValue>>(key, entry)))
        {
            index.Removed(entry);
        }
    }

    public int Count => _entries.Count;

    public void EvictExpired(long now, ref int budget)
    {
        foreach (var pair in _entries)
        {
            if (budget <= 0)
            {
                return;
            }

            if (pair.Value.ExpiresAt <= now)
            {
                pair.Value.Evict();
                budget--;
            }
        }
    }

    public void EvictAny(ref int budget)
    {
        foreach (var pair in _entries)
        {
            if (budget <= 0)
            {
                return;
            }

            pair.Value.Evict();
            budget--;
        }
    }

    public void Clear()
    {
        foreach (var pair in _entries)
        {
            pair.Value.Evict();
        }
    }
}

internal interface ILocalCache
{
    int Count { get; }

    void EvictExpired(long now, ref int budget);

    void EvictAny(ref int budget);

    void Clear();
}

/// <summary>
/// Every L1 of one engine: the rendered key → entry index used by invalidation, the size bound, and per-key
/// invalidation versions that stop a load which raced an invalidation from filling L1 with the old value.
/// </summary>
internal sealed class LocalIndex(int maxEntries, TimeProvider time)
{
    private const int VersionStripes = 1024;

    private readonly ConcurrentDictionary<string, ILocalEntry> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ILocalCache, byte> _caches = new();
    private readonly int[] _versions = new int[VersionStripes];
    private readonly object _trimLock = new();

    public int Count => _byKey.Count;

    /// <summary>The invalidation version of a key; a fill is allowed only if it is unchanged since the load began.</summary>
    public int VersionOf(string logicalKey) => System.Threading.Volatile.Read(ref _versions[Stripe(logicalKey)]);

    public void Add(ILocalEntry entry, ILocalCache cache)
    {
        _caches.TryAdd(cache, 0);
        if (_byKey.TryGetValue(entry.LogicalKey, out var previous) && !ReferenceEquals(previous, entry))
        {
            _byKey[entry.LogicalKey] = entry;
            previous.Evict();
        }
        else
        {
            _byKey[entry.LogicalKey] = entry;
        }

        if (_byKey.Count > maxEntries)
        {
            Trim();
        }
    }

    /// <summary>Test hook: raised when an entry left L1 (with its key).</summary>
    public event Action<string>? Evicted;

    public void Removed(ILocalEntry entry)
    {
        _byKey.TryRemove(new KeyValuePair<string, ILocalEntry>(entry.LogicalKey, entry));
        Evicted?.Invoke(entry.LogicalKey);
    }

    /// <summary>Evicts a key's L1 copy and bumps its version so an in-flight load does not put it back.</summary>
    public void Invalidate(string logicalKey)
    {
        System.Threading.Interlocked.Increment(ref _versions[Stripe(logicalKey)]);
        if (_byKey.TryGetValue(logicalKey, out var entry))
        {
            entry.Evict();
        }
    }

    /// <summary>Drops every L1 copy (after a reconnect, when invalidations may have been missed).</summary>
    public void Clear()
    {
        for (var i = 0; i < _versions.Length; i++)
        {
            System.Threading.Interlocked.Increment(ref _versions[i]);
        }

        foreach (var cache in _caches.Keys)
        {
            cache.Clear();
        }
    }

    private void Trim()
    {
        // One thread trims at a time; others carry on (the bound is soft by a few entries).
        if (!System.Threading.Monitor.TryEnter(_trimLock))
        {
            return;
        }

        try
        {
            var budget = _byKey.Count - (maxEntries - (maxEntries / 10));
            var now = time.GetTimestamp();
            foreach (var cache in _caches.Keys)
            {
                cache.EvictExpired(now, ref budget);
            }

            foreach (var cache in _caches.Keys)
            {
                cache.EvictAny(ref budget);
            }
        }
        finally
        {
            System.Threading.Monitor.Exit(_trimLock);
        }
    }

    private static int Stripe(string logicalKey) => (logicalKey.GetHashCode(StringComparison.Ordinal) & int.MaxValue) % VersionStripes;
}
