using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
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
internal sealed class LocalEntry<TKey, TValue>(LocalCache<TKey, TValue> owner, TKey key, string logicalKey, TValue value, long expiresAt, TagState[]? tags = null) : ILocalEntry
    where TKey : notnull
{
    private Task<TValue>? _task;

    public TKey Key { get; } = key;

    public TValue Value { get; } = value;

    public string LogicalKey { get; } = logicalKey;

    public long ExpiresAt { get; } = expiresAt;

    /// <summary>The states of the entry's tags when its value was settled; an invalidation of any of them retires it.</summary>
    public TagState[]? Tags { get; } = tags;

    /// <summary>Whether none of the entry's tags was invalidated since its value was settled.</summary>
    public bool TagsCurrent => TagState.AllCurrent(Tags);

    /// <summary>A completed task of the value, made once, so a <c>Task&lt;T&gt;</c> method's hit allocates nothing.</summary>
    public Task<TValue> AsTask() => _task ??= Task.FromResult(Value);

    public void Evict() => owner.Remove(Key, this);
}

/// <summary>
/// The L1 of one cached method, keyed by the method's arguments (a value tuple) rather than by the rendered key, so a
/// hit builds no string. The engine's <see cref="LocalIndex"/> maps rendered keys back to entries for invalidation;
/// every fill goes through it (<see cref="TryFill"/>), so a fill and an invalidation of one key never interleave.
/// </summary>
/// <param name="index">The engine's index.</param>
/// <param name="comparer">How keys compare: it must agree with the rendered key (equal keys render equal text).</param>
internal sealed class LocalCache<TKey, TValue>(LocalIndex index, IEqualityComparer<TKey>? comparer = null) : ILocalCache
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, LocalEntry<TKey, TValue>> _entries = new(comparer);

    public bool TryGet(TKey key, long now, out LocalEntry<TKey, TValue> entry)
    {
        if (_entries.TryGetValue(key, out entry!) && now < entry.ExpiresAt && (entry.Tags is null || entry.TagsCurrent))
        {
            return true;
        }

        return false;
    }

    /// <summary>
    /// Puts <paramref name="value"/> into L1 unless the key was invalidated since <paramref name="version"/> was read
    /// (<see cref="LocalIndex.VersionOf"/> before the load began). Returns the entry, or <see langword="null"/> when
    /// the fill was refused.
    /// </summary>
    public LocalEntry<TKey, TValue>? TryFill(TKey key, string logicalKey, TValue value, long expiresAt, int version, TagState[]? tags = null) =>
        index.TryFill(this, new LocalEntry<TKey, TValue>(this, key, logicalKey, value, expiresAt, tags), version);

    /// <summary>Stores an entry; only <see cref="LocalIndex"/> calls it, under the key's stripe lock.</summary>
    internal void Store(LocalEntry<TKey, TValue> entry) => _entries[entry.Key] = entry;

    public void Remove(TKey key, LocalEntry<TKey, TValue> entry)
    {
        if (_entries.TryRemove(new KeyValuePair<TKey, LocalEntry<TKey, TValue>>(key, entry)))
        {
            index.Removed(entry);
        }
    }

    public int Count => _entries.Count;

    /// <summary>Every entry now held (for tests and diagnostics).</summary>
    internal IEnumerable<LocalEntry<TKey, TValue>> Entries => _entries.Values;

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
/// <remarks>
/// A fill (version check, store, index) and an invalidation (version bump, evict) of one key run under the same
/// stripe lock, so neither can see the other half done: either the fill comes first and the invalidation finds and
/// evicts its entry, or the invalidation comes first and the fill sees the new version and stores nothing. Hits take no
/// lock. Removals of one specific entry (expiry, trimming) are pair-conditional and need no lock.
/// </remarks>
internal sealed class LocalIndex
{
    private const int Stripes = 1024;

    private readonly ConcurrentDictionary<string, ILocalEntry> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ILocalCache, byte> _caches = new();
    private readonly int[] _versions = new int[Stripes];
    private readonly object[] _locks = new object[Stripes];
    private readonly object _trimLock = new();
    private readonly int _maxEntries;
    private readonly TimeProvider _time;

    public LocalIndex(int maxEntries, TimeProvider time)
    {
        _maxEntries = maxEntries;
        _time = time;
        for (var i = 0; i < _locks.Length; i++)
        {
            _locks[i] = new object();
        }
    }

    public int Count => _byKey.Count;

    /// <summary>Test hook: runs inside a fill, under the key's lock, after the version check (with the key).</summary>
    internal Action<string>? DuringFill { get; set; }

    /// <summary>
    /// The invalidation version of a key (striped: keys that share a stripe share a version, which only costs a
    /// skipped fill). Read it before a load starts; a fill or a shared result is allowed only if it is unchanged.
    /// </summary>
    public int VersionOf(string logicalKey) => Volatile.Read(ref _versions[Stripe(logicalKey)]);

    /// <summary>Stores <paramref name="entry"/> if its key's version is still <paramref name="version"/>.</summary>
    public LocalEntry<TKey, TValue>? TryFill<TKey, TValue>(LocalCache<TKey, TValue> cache, LocalEntry<TKey, TValue> entry, int version)
        where TKey : notnull
    {
        _caches.TryAdd(cache, 0);
        var stripe = Stripe(entry.LogicalKey);
        lock (_locks[stripe])
        {
            if (Volatile.Read(ref _versions[stripe]) != version)
            {
                return null; // invalidated since the load began: what it read may be the old row
            }

            DuringFill?.Invoke(entry.LogicalKey);

            // Index first, then the method's dictionary: an entry is never servable without being reachable by its key.
            if (_byKey.TryGetValue(entry.LogicalKey, out var previous) && !ReferenceEquals(previous, entry))
            {
                _byKey[entry.LogicalKey] = entry;
                previous.Evict(); // another argument tuple with the same text (or an older fill): one entry per key
            }
            else
            {
                _byKey[entry.LogicalKey] = entry;
            }

            cache.Store(entry);
        }

        if (_byKey.Count > _maxEntries)
        {
            Trim();
        }

        return entry;
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
        var stripe = Stripe(logicalKey);
        lock (_locks[stripe])
        {
            Interlocked.Increment(ref _versions[stripe]);
            if (_byKey.TryGetValue(logicalKey, out var entry))
            {
                entry.Evict();
            }
        }
    }

    /// <summary>Drops every L1 copy (after a reconnect, when invalidations may have been missed).</summary>
    public void Clear()
    {
        for (var i = 0; i < _versions.Length; i++)
        {
            lock (_locks[i])
            {
                Interlocked.Increment(ref _versions[i]);
            }
        }

        foreach (var cache in _caches.Keys)
        {
            cache.Clear();
        }
    }

    private void Trim()
    {
        // One thread trims at a time; others carry on (the bound is soft by a few entries).
        if (!Monitor.TryEnter(_trimLock))
        {
            return;
        }

        try
        {
            var budget = _byKey.Count - (_maxEntries - (_maxEntries / 10));
            var now = _time.GetTimestamp();
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
            Monitor.Exit(_trimLock);
        }
    }

    private static int Stripe(string logicalKey) => (logicalKey.GetHashCode(StringComparison.Ordinal) & int.MaxValue) % Stripes;
}
