using System;
using System.Collections.Concurrent;
using System.Threading;

namespace CacheGen.Internals;

/// <summary>
/// What this instance knows of one tag: the token its Redis key holds (0 while not known). Invalidating the tag retires
/// the object — and with it every L1 entry and in-flight load that captured it — and the next use of the tag gets a new
/// object that learns the new token from Redis. The object's identity is the version: a stale answer can only ever be
/// learned into a retired object, which nothing trusts.
/// </summary>
internal sealed class TagState(string tag)
{
    private long _token;
    private volatile bool _retired;

    public string Tag { get; } = tag;

    /// <summary>The tag's token as last learned from Redis; 0 when not known.</summary>
    public long Token => Volatile.Read(ref _token);

    /// <summary>False once the tag was invalidated (or this knowledge dropped) after the object was made.</summary>
    public bool IsCurrent => !_retired;

    /// <summary>Whether an entry stamped with <paramref name="token"/> is valid by what this object knows.</summary>
    public bool Validates(long token) => !_retired && token != 0 && Volatile.Read(ref _token) == token;

    public void Retire() => _retired = true;

    /// <summary>Whether none of <paramref name="states"/> was retired (true for none at all).</summary>
    public static bool AllCurrent(TagState[]? states)
    {
        if (states is null)
        {
            return true;
        }

        foreach (var state in states)
        {
            if (state._retired)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Records the token Redis answered; false when it contradicts one learned before (then nothing is known).</summary>
    public bool Learn(long token)
    {
        var previous = Interlocked.CompareExchange(ref _token, token, 0);
        return previous == 0 || previous == token;
    }
}

/// <summary>
/// The tags this instance has used, each with what it knows of the tag's current token, bounded. Invalidations
/// (this instance's and those broadcast by others) retire a tag's state; a reconnection or a silence that may have hidden
/// invalidations retires them all (<see cref="Clear"/>).
/// </summary>
internal sealed class TagTokens(int maxEntries)
{
    private readonly ConcurrentDictionary<string, TagState> _states = new(StringComparer.Ordinal);

    public int Count => _states.Count;

    /// <summary>The current state of <paramref name="tag"/> (made when the tag is new here).</summary>
    public TagState Get(string tag)
    {
        if (_states.TryGetValue(tag, out var state))
        {
            return state;
        }

        if (_states.Count >= maxEntries)
        {
            Trim();
        }

        return _states.GetOrAdd(tag, static t => new TagState(t));
    }

    /// <summary>Learns <paramref name="token"/> into <paramref name="state"/>; a contradiction retires it.</summary>
    public void Learn(TagState state, long token)
    {
        if (token != 0 && !state.Learn(token))
        {
            Forget(state);
        }
    }

    /// <summary>The tag was invalidated: entries and loads that captured its state stop being trusted.</summary>
    public void Invalidate(string tag)
    {
        if (_states.TryRemove(tag, out var state))
        {
            state.Retire();
        }
    }

    /// <summary>Drops what is known of every tag (after a reconnection, or a silence that may have hidden invalidations).</summary>
    public void Clear()
    {
        foreach (var pair in _states)
        {
            Forget(pair.Value);
        }
    }

    private void Forget(TagState state)
    {
        state.Retire();
        _states.TryRemove(new System.Collections.Generic.KeyValuePair<string, TagState>(state.Tag, state));
    }

    private void Trim()
    {
        // Forgetting a tag only costs a Redis read when it is next used (and misses for the L1 entries that captured it).
        var budget = Math.Max(1, maxEntries / 10);
        foreach (var pair in _states)
        {
            if (budget-- <= 0)
            {
                return;
            }

            Forget(pair.Value);
        }
    }
}
